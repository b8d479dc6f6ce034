// The per-request route's close listener logs as well as closing: the closes go (createMcpHandler
// closes both itself), the log line stays; a listener whose log names the transport is not only a log.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const log = { info: (...parts: unknown[]) => console.info(...parts) };

function makeServer() {
  return new McpServer({ name: 'ledger', version: '4.0.0' });
}

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const server = makeServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    log.info('mcp request closed');
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.post('/mcp-compact', async (req, res) => {
  const server = makeServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => { void transport.close(); console.log('compact request closed'); void server.close(); });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.post('/mcp-tail', async (req, res) => {
  const server = makeServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => { console.log('tail request closed'); void transport.close(); void server.close(); });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.post('/mcp-head', async (req, res) => {
  const server = makeServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close(); void server.close(); console.log('head request closed');
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.post('/mcp-pair', async (req, res) => {
  const server = makeServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    console.log('pair request closed');
    void transport.close(); void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.post('/mcp-debug', async (req, res) => {
  const server = makeServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    console.log('closing', transport);
    void transport.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(8090);
