import cors from 'cors';
import express from 'express';
import { getServer, handleMcp } from './mcp.js';

const app = express();
app.use(express.json({ limit: '1mb' }));

// Browser clients (the inspector, the web playground) call /mcp cross-origin.
app.use(
  cors({
    origin: ['https://playground.example.dev', 'http://localhost:6274'],
    allowedHeaders: ['Content-Type', 'Authorization', 'mcp-session-id', 'Last-Event-ID', 'mcp-protocol-version'],
    exposedHeaders: ['mcp-session-id'],
    credentials: true,
  }),
);

app.post('/mcp', async (req, res) => {
  // Correlate access logs with the client's session, when it still sends one.
  const sid = req.headers['mcp-session-id'];
  console.log('mcp request', { sid, method: req.body?.method });
  await handleMcp(getServer(), req, res);
});

app.listen(Number(process.env.PORT ?? 3000));
