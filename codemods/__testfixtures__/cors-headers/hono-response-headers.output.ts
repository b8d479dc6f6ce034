// A hand-written JSON-RPC endpoint on Hono that mints session ids and hands them back in the
// headers argument of c.json (trial 27B): it still issues them, so its 2025 browser clients must
// still be let send the header back. The allow list keeps Mcp-Session-Id (with a marker) and
// gains the 2026-07-28 request headers.
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { randomUUID } from 'node:crypto';

const app = new Hono();
// TODO(mcp-migrate): Mcp-Session-Id stays in this CORS list while this file still issues session
// ids (2025 browser clients need it): drop it once the server is stateless
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
app.use('/mcp', cors({ origin: 'https://app.example.com', allowHeaders: ['Content-Type', 'Mcp-Session-Id', 'MCP-Protocol-Version', 'Mcp-Method', 'Mcp-Name'] }));

app.post('/mcp', async (c) => {
  const body = await c.req.json<{ id: number; method: string }>();
  const session = c.req.header('mcp-session-id') ?? randomUUID();
  const result = body.method === 'tools/list' ? { tools: [] } : {};
  return c.json({ jsonrpc: '2.0', id: body.id, result }, 200, { 'Mcp-Session-Id': session });
});

export default app;
