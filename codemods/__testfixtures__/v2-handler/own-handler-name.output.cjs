// CommonJS, with a createMcpHandler imported from the application's own module: the v2 one is
// required under another name.
const express = require('express');
const { McpServer, createMcpHandler: createSdkMcpHandler } = require('@modelcontextprotocol/server');
const { toNodeHandler } = require('@modelcontextprotocol/node');
const { createMcpHandler } = require('./legacy/handlers');

// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add
// hostHeaderValidation([...your hostnames]) and originValidation from your adapter package
// (DNS-rebinding protection)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const app = express();
app.use(express.json());
app.use('/old', createMcpHandler());

const mcpHandler = toNodeHandler(createSdkMcpHandler(() => new McpServer({ name: 'billing', version: '1.0.0' })));

app.post('/mcp', async (req, res) => {
  await mcpHandler(req, res, req.body);
});
app.get('/mcp', (req, res) => mcpHandler(req, res));
app.delete('/mcp', (req, res) => mcpHandler(req, res));

app.listen(8081);
