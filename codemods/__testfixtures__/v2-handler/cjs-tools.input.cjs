// CommonJS that registers tools with v1's tool() and prompt(): the v2 McpServer has neither, so
// they become registerTool/registerPrompt as in an ES module (zod required, not imported), and the
// requires move to the v2 packages.
const express = require('express');
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StreamableHTTPServerTransport } = require('@modelcontextprotocol/sdk/server/streamableHttp.js');
const { z } = require('zod');

function buildServer() {
  const server = new McpServer({ name: 'notes', version: '1.0.0' });
  // Echo back what was sent.
  server.tool('echo', 'Echo the text', { text: z.string() }, async ({ text }) => ({ content: [{ type: 'text', text }] }));
  server.prompt('greet', { name: z.string() }, ({ name }) => ({ messages: [{ role: 'user', content: { type: 'text', text: `Hello ${name}` } }] }));
  return server;
}

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
  });
  await buildServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000, '127.0.0.1');
