// Trial 66C B1: a refusal of a request whose session is not known ("Session not found", 404)
// sits between the lookup and the dispatch. It is the dispatch's other half and goes with the
// lookup: kept above the per-request transport it read `t` before its declaration, so every
// request that carried Mcp-Session-Id answered 500. The tenant check, which reads no session, stays.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function makeServer(): McpServer {
  return new McpServer({ name: 'ledger', version: '0.3.0' });
}

const tenants: Record<string, { plan: string }> = { acme: { plan: 'pro' } };
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const tenant = req.headers['x-tenant'] as string | undefined;
  if (tenant && !tenants[tenant]) {
    res.status(404).json({ error: 'unknown tenant' });
    return;
  }
  const t = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void t.close();
  });
  await makeServer().connect(t);
  await t.handleRequest(req, res, req.body);
});

app.listen(3000);
