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
// TODO(mcp-migrate): server is one server connected to the transport of every connection, and fix
// could not move its setup into a factory: it is also handed to registerQueryTools() here
// (registerQueryTools(server, createPool());), and fix cannot tell that this call only sets the
// server up (registers tools, prompts, handlers). If it does, write the factory by hand (a function
// that builds server, makes this call and returns it) and connect what it returns; if it does more
// (starts a timer, keeps the server), keep that part out of the factory, then run fix again
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
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
