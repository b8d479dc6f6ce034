// Stateless routes that close what they built when the response ends (the SDK's stateless
// example, trial 40C): a listener that only closes the server or the transport goes, since
// createMcpHandler closes both itself; on 'finish' too, and before a try block that connects and
// serves, whose catch stays; one that does more is left, with the server it uses (review of trial 40C's fix).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function weatherServer() {
  const server = new McpServer({ name: 'weather', version: '2.1.0' });
  server.registerTool('forecast', { description: 'Tomorrow' }, async () => ({ content: [{ type: 'text', text: 'sun' }] }));
  return server;
}

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const server = weatherServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('finish', () => server.close());
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.post('/mcp/tried', async (req, res) => {
  const server = weatherServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
    server.close().catch(() => {});
  });
  try {
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  } catch (err) {
    // Already answered: nothing more to send.
    if (!res.headersSent) res.status(500).end();
  }
});

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
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  } catch {
    if (!res.headersSent) res.status(500).end();
  }
});

app.listen(3000);
