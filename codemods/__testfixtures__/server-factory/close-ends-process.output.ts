// A close hook that ends the process (a stdio server's habit) on a server every request connects:
// moved into a factory, it would run when the first request's server closes. Nothing moves; the
// hook is marked.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const server = new McpServer({ name: 'oc', version: '1.0.0' });
server.registerTool('hello', { description: 'Greets' }, async () => ({ content: [{ type: 'text', text: 'hi' }] }));
// TODO(mcp-migrate): server is one server connected to the transport of every connection, and fix
// could not move its setup into a factory: its close hook ends the process (process.exit): built
// per connection, the server closes with each connection, and the first request to end would end
// the process. Move the shutdown out of the server's close hook (to the process's own signals,
// `process.on('SIGTERM', ...)`), then run fix again
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
// Exit when the client goes away.
server.server.onclose = () => {
  console.error('closed');
  process.exit(0);
};
// Logging errors is set-up every server may repeat.
server.server.onerror = (error) => console.error(error);

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000);
