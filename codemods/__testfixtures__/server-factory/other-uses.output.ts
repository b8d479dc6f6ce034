// Uses of the server the codemod cannot follow: nothing changes.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const server = new McpServer({ name: 'ticker', version: '1.0.0' });
server.registerTool('now', { description: 'The time' }, async () => ({ content: [{ type: 'text', text: new Date().toISOString() }] }));

// A timer that logs through the one server: per-connection servers would each need it.
setInterval(() => {
  // TODO(mcp-migrate): server is one server connected to the transport of every connection, and fix
  // could not move its setup into a factory: it is also used here (void server.sendLoggingMessage({
  // level: 'info',...), outside its setup. Move this use into the server's setup (or give it an
  // object of its own), then run fix again
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  void server.sendLoggingMessage({ level: 'info', data: 'tick' });
}, 60_000);

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3002);
