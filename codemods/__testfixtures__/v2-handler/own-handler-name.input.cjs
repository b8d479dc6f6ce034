// CommonJS, with a createMcpHandler imported from the application's own module: the v2 one is
// required under another name.
const express = require('express');
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StreamableHTTPServerTransport } = require('@modelcontextprotocol/sdk/server/streamableHttp.js');
const { createMcpHandler } = require('./legacy/handlers');

const app = express();
app.use(express.json());
app.use('/old', createMcpHandler());

app.post('/mcp', async (req, res) => {
  const server = new McpServer({ name: 'billing', version: '1.0.0' });
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(8081);
