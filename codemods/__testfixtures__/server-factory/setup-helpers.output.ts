// The server is set up by helpers it is handed to: one of another module named for registering,
// one of this file that only registers on its parameter. Both calls are its setup and move into
// the factory with it, so every connection's server gets the same tools and prompts.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { registerLibraryTools } from './tools/library.js';

function addPrompts(target: McpServer): void {
  target.registerPrompt('summarise', { description: 'Summarise a book' }, () => ({ messages: [] }));
}

function createServer() {
  const server = new McpServer({ name: 'library', version: '1.4.0' });
  registerLibraryTools(server, { readOnly: true });
  addPrompts(server);
  return server;
}

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => void transport.close());
  await createServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3004);
