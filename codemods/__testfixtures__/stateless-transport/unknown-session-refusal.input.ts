// Trial 66C B1: a refusal of a request whose session is not known ("Session not found", 404)
// sits between the lookup and the dispatch. It is the dispatch's other half and goes with the
// lookup: kept above the per-request transport it read `t` before its declaration, so every
// request that carried Mcp-Session-Id answered 500. The tenant check, which reads no session, stays.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

function makeServer(): McpServer {
  return new McpServer({ name: 'ledger', version: '0.3.0' });
}

const tenants: Record<string, { plan: string }> = { acme: { plan: 'pro' } };
const links: Record<string, StreamableHTTPServerTransport> = {};
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const tenant = req.headers['x-tenant'] as string | undefined;
  if (tenant && !tenants[tenant]) {
    res.status(404).json({ error: 'unknown tenant' });
    return;
  }
  const sid = req.headers['mcp-session-id'] as string | undefined;
  let t = sid ? links[sid] : undefined;
  if (sid && !t) {
    res.status(404).json({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null });
    return;
  }
  if (!t && !sid && isInitializeRequest(req.body)) {
    t = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        links[id] = t!;
      },
    });
    await makeServer().connect(t);
  }
  if (!t) {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
    return;
  }
  await t.handleRequest(req, res, req.body);
});

app.listen(3000);
