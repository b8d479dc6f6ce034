// A close handler that only forgets the session, written as an expression instead of an `if`
// (trial 77A B4): `t.sessionId && map.delete(t.sessionId)`, in a block, under `void`, as a
// ternary, with the map's delete optional-chained, or'ed with the test's negation. Each goes with
// its map, as the `if` form does.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const app = express();
app.use(express.json());

app.post('/arrow/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await new McpServer({ name: 'arrow', version: '1.0.0' }).connect(transport);
  return transport.handleRequest(req, res, req.body);
});

app.post('/block/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await new McpServer({ name: 'block', version: '1.0.0' }).connect(transport);
  return transport.handleRequest(req, res, req.body);
});

app.post('/record/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await new McpServer({ name: 'record', version: '1.0.0' }).connect(transport);
  return transport.handleRequest(req, res, req.body);
});

app.post('/ternary/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await new McpServer({ name: 'ternary', version: '1.0.0' }).connect(transport);
  return transport.handleRequest(req, res, req.body);
});

app.post('/chain/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await new McpServer({ name: 'chain', version: '1.0.0' }).connect(transport);
  return transport.handleRequest(req, res, req.body);
});

app.post('/or/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await new McpServer({ name: 'or', version: '1.0.0' }).connect(transport);
  return transport.handleRequest(req, res, req.body);
});

app.listen(3000);
