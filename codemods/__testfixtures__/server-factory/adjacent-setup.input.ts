// Registrations right after the server, between blank lines: one blank line stays where they were.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const server = new McpServer({ name: 'calc', version: '1.0.0' });

server.registerTool('one', { description: 'One' }, async () => ({ content: [{ type: 'text', text: '1' }] }));
// Two, with a comment of its own.
server.registerTool('two', { description: 'Two' }, async () => ({ content: [{ type: 'text', text: '2' }] }));

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => void transport.close());
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3003);
