// The per-request route's close listener logs as well as closing: the closes go (createMcpHandler
// closes both itself), the log line stays; a listener whose log names the transport is not only a log.
import express from 'express';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { NodeStreamableHTTPServerTransport, toNodeHandler } from '@modelcontextprotocol/node';

const log = { info: (...parts: unknown[]) => console.info(...parts) };

function makeServer() {
  return new McpServer({ name: 'ledger', version: '4.0.0' });
}

// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add
// hostHeaderValidation([...your hostnames]) and originValidation from your adapter package
// (DNS-rebinding protection)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const app = express();
app.use(express.json());

const mcpHandler = toNodeHandler(createMcpHandler(() => makeServer()));

app.post('/mcp', async (req, res) => {
  res.on('close', () => {
    log.info('mcp request closed');
  });
  await mcpHandler(req, res, req.body);
});
app.get('/mcp', (req, res) => mcpHandler(req, res));
app.delete('/mcp', (req, res) => mcpHandler(req, res));

app.post('/mcp-compact', async (req, res) => {
  res.on('close', () => { console.log('compact request closed'); });
  await mcpHandler(req, res, req.body);
});
app.get('/mcp-compact', (req, res) => mcpHandler(req, res));
app.delete('/mcp-compact', (req, res) => mcpHandler(req, res));

app.post('/mcp-tail', async (req, res) => {
  res.on('close', () => { console.log('tail request closed'); });
  await mcpHandler(req, res, req.body);
});
app.get('/mcp-tail', (req, res) => mcpHandler(req, res));
app.delete('/mcp-tail', (req, res) => mcpHandler(req, res));

app.post('/mcp-head', async (req, res) => {
  res.on('close', () => {
    console.log('head request closed');
  });
  await mcpHandler(req, res, req.body);
});
app.get('/mcp-head', (req, res) => mcpHandler(req, res));
app.delete('/mcp-head', (req, res) => mcpHandler(req, res));

app.post('/mcp-pair', async (req, res) => {
  res.on('close', () => {
    console.log('pair request closed');
  });
  await mcpHandler(req, res, req.body);
});
app.get('/mcp-pair', (req, res) => mcpHandler(req, res));
app.delete('/mcp-pair', (req, res) => mcpHandler(req, res));

app.post('/mcp-debug', async (req, res) => {
  const server = makeServer();
  // TODO(mcp-migrate): this per-request transport (or its server) is also used by `res.on('close',
  // () => {`, which createMcpHandler does not cover (it builds, connects and serves them itself):
  // move that by hand
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    console.log('closing', transport);
    void transport.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(8090);
