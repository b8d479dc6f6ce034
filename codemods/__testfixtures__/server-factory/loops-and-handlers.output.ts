// Setup written as loops and handler assignments moves into the factory like single registrations.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const TOOLS = ['alpha', 'beta'];
const PROMPTS = ['summary'];

function createServer() {
  const server = new McpServer({ name: 'loops', version: '1.0.0' });
  server.server.onerror = (error) => console.error('mcp error', error);
  TOOLS.forEach((tool) => server.registerTool(tool, { description: `The ${tool} tool` }, async () => ({ content: [{ type: 'text', text: tool }] })));
  for (const prompt of PROMPTS) {
    server.registerPrompt(prompt, { description: prompt }, () => ({ messages: [] }));
  }
  return server;
}

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await createServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3005);
