// The GET handler serves the session's stream and then sends the client a reminder through it:
// answering 405 would drop that without a word, so GET is left (and marked); DELETE only ends
// the session (timing and logging it) and answers 405.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { remindAboutKey } from './reminders.js';

// TODO(mcp-migrate): transports is still used elsewhere, but with per-request transports it stays
// empty: remove the remaining uses and this map
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const transports: Record<string, StreamableHTTPServerTransport> = {};
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await new McpServer({ name: 'keys', version: '1.0.0' }).connect(transport);
  await transport.handleRequest(req, res, req.body);
});

// TODO(mcp-migrate): GET /mcp also does other work with the session (remindAboutKey(...)), so it
// was left as it was: 2026-07-28 has no GET stream or session DELETE; move that work where a
// request needs it, then answer 405 here
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
app.get('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string;
  await transports[sessionId].handleRequest(req, res);
  void remindAboutKey(sessionId);
});

app.delete('/mcp', async (_req, res) => {
  res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
});

app.listen(3000);
