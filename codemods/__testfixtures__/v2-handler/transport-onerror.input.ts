// The SDK's stateless example sets the per-request transport's onerror (trial 51C): it becomes the
// handler's onerror option. A route whose callback names a local of the request stays marked, and
// so does one that also logs its catch.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const buildServer = () => new McpServer({ name: 'errors', version: '1.0.0' });

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const server = buildServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  // Errors of the transport go to the log.
  transport.onerror = console.error.bind(console);
  res.on('close', () => {
    transport.close();
    server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.post('/tenant/mcp', async (req, res) => {
  const tenant = String(req.query.tenant);
  const server = buildServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  transport.onerror = (error) => console.error(`transport error for ${tenant}`, error);
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

// The transport's errors and the route's failures logged apart: createMcpHandler has one onerror (review 65).
app.post('/both/mcp', async (req, res) => {
  const server = buildServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  transport.onerror = (error) => console.error('transport', error);
  try {
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  } catch (error) {
    console.error('Error handling MCP request', error);
  }
});

app.listen(3000);
