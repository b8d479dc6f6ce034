// CommonJS, a router mounted under /legacy, the handler for the stream declared as a function.
const express = require('express');
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { SSEServerTransport } = require('@modelcontextprotocol/sdk/server/sse.js');

const router = express.Router();
const transports = {};

function buildServer() {
  return new McpServer({ name: 'cjs', version: '1.0.0' });
}

async function openStream(req, res) {
  const transport = new SSEServerTransport('/legacy/messages', res);
  transports[transport.sessionId] = transport;
  res.on('close', () => {
    delete transports[transport.sessionId];
  });
  const server = buildServer();
  await server.connect(transport);
}

router.get('/sse', openStream);
router.post('/messages', express.json(), async (req, res) => {
  const transport = transports[req.query.sessionId];
  await transport.handlePostMessage(req, res, req.body);
});

module.exports = router;
