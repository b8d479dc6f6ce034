// A CORS list of the application's own headers only, in the file that serves MCP over HTTP (trial
// 27B): it answers the MCP endpoint's preflight too, so it gains the 2026-07-28 request headers. A
// list of the OAuth routes, and one that allows every header, are left as they are.
import cors from 'cors';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const app = express();
app.use(cors({ origin: ['https://console.example.com'], allowedHeaders: ['Content-Type', 'Authorization', 'Accept'] }));
app.use('/public', cors({ allowedHeaders: '*' }));
app.use('/oauth', cors({ allowedHeaders: ['Content-Type'] }));
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const server = new McpServer({ name: 'console', version: '1.0.0' });
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => void transport.close());
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
