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
prepare(server);

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3005);
