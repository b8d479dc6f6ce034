// A helper of this file that is handed the server does more than set it up (it keeps the server
// in a list of its own, and starts a timer): built per connection, every server would be kept and
// every request would start a timer, so nothing moves, and the marker names the call.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const known: McpServer[] = [];

function prepare(target: McpServer): void {
  target.registerTool('ping', { description: 'Answers pong' }, async () => ({ content: [{ type: 'text', text: 'pong' }] }));
  known.push(target);
  setInterval(() => void target.sendLoggingMessage({ level: 'info', data: 'alive' }), 60_000);
}

const server = new McpServer({ name: 'pinger', version: '0.1.0' });
// TODO(mcp-migrate): server is one server connected to the transport of every connection, and fix
// could not move its setup into a factory: it is also handed to prepare() here (prepare(server);),
// and fix cannot tell that this call only sets the server up (registers tools, prompts, handlers).
// If it does, write the factory by hand (a function that builds server, makes this call and returns
// it) and connect what it returns; if it does more (starts a timer, keeps the server), keep that
// part out of the factory, then run fix again
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
prepare(server);

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3005);
