// Stateless routes that close what they built when the response ends (the SDK's stateless
// example, trial 40C): a listener that only closes the server or the transport goes, since
// createMcpHandler closes both itself; on 'finish' too, and before a try block that connects and
// serves, whose catch stays; one that does more is left, with the server it uses (review of trial 40C's fix).
import express from 'express';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { NodeStreamableHTTPServerTransport, toNodeHandler } from '@modelcontextprotocol/node';

function weatherServer() {
  const server = new McpServer({ name: 'weather', version: '2.1.0' });
  server.registerTool('forecast', { description: 'Tomorrow' }, async () => ({ content: [{ type: 'text', text: 'sun' }] }));
  return server;
}

// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add
// hostHeaderValidation([...your hostnames]) and originValidation from your adapter package
// (DNS-rebinding protection)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const app = express();
app.use(express.json());

const mcpHandler = toNodeHandler(createMcpHandler(() => weatherServer()));

app.post('/mcp', async (req, res) => {
  await mcpHandler(req, res, req.body);
});
app.get('/mcp', (req, res) => mcpHandler(req, res));
app.delete('/mcp', (req, res) => mcpHandler(req, res));

app.post('/mcp/tried', async (req, res) => {
  try {
    await mcpHandler(req, res, req.body);
  } catch (err) {
    // Already answered: nothing more to send.
    if (!res.headersSent) res.status(500).end();
  }
});
app.get('/mcp/tried', (req, res) => mcpHandler(req, res));
app.delete('/mcp/tried', (req, res) => mcpHandler(req, res));

// A listener that also does other work stays, and so does the server it closes: marked.
let open = 0;
app.post('/mcp/counted', async (req, res) => {
  const server = weatherServer();
  open++;
  res.on('close', () => {
    server.close();
    open--;
  });
  try {
    // TODO(mcp-migrate): this per-request transport (or its server) is also used by
    // `res.on('close', () => {`, which createMcpHandler does not cover (it builds, connects and
    // serves them itself): move that by hand
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  } catch {
    if (!res.headersSent) res.status(500).end();
  }
});

app.listen(3000);
