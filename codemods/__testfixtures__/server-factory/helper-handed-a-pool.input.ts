// Helpers fix cannot take along as setup: one handed something the call builds (a pool per server
// if it moved), one a method of a registry (`servers.add(server)` would keep every server built).
// Nothing moves; the marker names the first such call.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { registerQueryTools } from './tools/query.js';
import { createPool } from './db.js';
import { servers } from './registry.js';

const server = new McpServer({ name: 'warehouse', version: '3.1.0' });
registerQueryTools(server, createPool());
servers.add(server);

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3006);
