// CommonJS, a router mounted under /legacy, the handler for the stream declared as a function.
const express = require('express');
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StreamableHTTPServerTransport } = require('@modelcontextprotocol/sdk/server/streamableHttp.js');

const router = express.Router();

function buildServer() {
  return new McpServer({ name: 'cjs', version: '1.0.0' });
}

async function openStream(_req, res) {
  res.status(410).json({ jsonrpc: '2.0', error: { code: -32000, message: 'This server no longer serves the deprecated HTTP+SSE transport: use Streamable HTTP at POST /legacy/mcp' }, id: null });
}

// Streamable HTTP: a new transport and server for every request (replaces the HTTP+SSE endpoints).
router.post('/mcp', express.json(), async (req, res) => {
  const server = buildServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
// No sessions: no GET stream to open, no session to DELETE.
router.get('/mcp', (_req, res) => {
  res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
});
router.delete('/mcp', (_req, res) => {
  res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
});

router.get('/sse', openStream);
router.post('/messages', express.json(), async (_req, res) => {
  res.status(410).json({ jsonrpc: '2.0', error: { code: -32000, message: 'This server no longer serves the deprecated HTTP+SSE transport: use Streamable HTTP at POST /legacy/mcp' }, id: null });
});

module.exports = router;
