import cors from 'cors';
import express from 'express';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { handler } from './handler.js';

const app = express();
app.use(
  cors({
    origin: 'https://playground.example.dev',
    allowedHeaders: ['Content-Type', 'Authorization', 'Mcp-Method', 'Mcp-Name', 'MCP-Protocol-Version'],
  }),
);
// Old clients may still send the header; log it so we can tell when they are gone.
app.use((req, _res, next) => {
  if (req.headers['mcp-session-id']) console.warn('legacy client', req.headers['user-agent']);
  next();
});
app.post('/mcp', toNodeHandler(handler));
app.listen(3000);
