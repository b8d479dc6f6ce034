// An exported server is used elsewhere: nothing changes.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

// TODO(mcp-migrate): server is one server connected to the transport of every connection, and fix
// could not move its setup into a factory: it is exported, and other modules would keep using the
// one server. Export a function that builds it instead, then run fix again
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
export const server = new McpServer({ name: 'shared', version: '1.0.0' });

const app = express();
app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
