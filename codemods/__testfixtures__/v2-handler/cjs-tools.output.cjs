// CommonJS that registers tools with v1's tool() and prompt(): the v2 McpServer has neither, so
// they become registerTool/registerPrompt as in an ES module (zod required, not imported), and the
// requires move to the v2 packages.
const express = require('express');
const { McpServer, createMcpHandler } = require('@modelcontextprotocol/server');
const { toNodeHandler } = require('@modelcontextprotocol/node');
const { z } = require('zod');
const { localhostHostValidation, localhostOriginValidation } = require('@modelcontextprotocol/express');

function buildServer() {
  const server = new McpServer({ name: 'notes', version: '1.0.0' });
  // Echo back what was sent.
  server.registerTool('echo', { description: 'Echo the text', inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({ content: [{ type: 'text', text }] }));
  server.registerPrompt('greet', { argsSchema: z.object({ name: z.string() }) }, ({ name }) => ({ messages: [{ role: 'user', content: { type: 'text', text: `Hello ${name}` } }] }));
  return server;
}

const app = express();
app.use('/mcp', localhostHostValidation(), localhostOriginValidation());
app.use(express.json());
const mcpHandler = toNodeHandler(createMcpHandler(() => buildServer()));

app.post('/mcp', async (req, res) => {
  await mcpHandler(req, res, req.body);
});
app.get('/mcp', (req, res) => mcpHandler(req, res));
app.delete('/mcp', (req, res) => mcpHandler(req, res));
app.listen(3000, '127.0.0.1');
