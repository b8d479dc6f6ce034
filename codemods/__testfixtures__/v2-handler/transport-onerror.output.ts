// The SDK's stateless example sets the per-request transport's onerror (trial 51C): it becomes the
// handler's onerror option. A route whose callback names a local of the request stays marked, and
// so does one that also logs its catch.
import express from 'express';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { NodeStreamableHTTPServerTransport, toNodeHandler } from '@modelcontextprotocol/node';

const buildServer = () => new McpServer({ name: 'errors', version: '1.0.0' });

// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add
// hostHeaderValidation([...your hostnames]) and originValidation from your adapter package
// (DNS-rebinding protection)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const app = express();
app.use(express.json());

const mcpHandler = toNodeHandler(createMcpHandler(() => buildServer(), { onerror: console.error.bind(console) }));

app.post('/mcp', async (req, res) => {
  await mcpHandler(req, res, req.body);
});
app.get('/mcp', (req, res) => mcpHandler(req, res));
app.delete('/mcp', (req, res) => mcpHandler(req, res));

app.post('/tenant/mcp', async (req, res) => {
  const tenant = String(req.query.tenant);
  const server = buildServer();
  // TODO(mcp-migrate): this per-request transport's onerror callback uses tenant, and
  // createMcpHandler takes one onerror for every request (createMcpHandler(factory, { onerror })):
  // make the callback use none of it (log the request's details where the route has them), then run
  // fix again
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  transport.onerror = (error) => console.error(`transport error for ${tenant}`, error);
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

// The transport's errors and the route's failures logged apart: createMcpHandler has one onerror (review 65).
app.post('/both/mcp', async (req, res) => {
  const server = buildServer();
  // TODO(mcp-migrate): this route logs the transport's errors (its onerror) and, in its catch, the
  // failures of handleRequest; createMcpHandler takes one onerror for both and never throws to the
  // route: keep one of them (createMcpHandler(factory, { onerror })), drop the other, then run fix
  // again
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  transport.onerror = (error) => console.error('transport', error);
  try {
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  } catch (error) {
    console.error('Error handling MCP request', error);
  }
});

app.listen(3000);
