// The branch that builds a session's transport files it in a store of another module through a
// method of the store's own (`sessionRegistry.open(id, transport, owner)`). Kept, it would file a
// closed transport per request that nothing removes (trial 42A): it goes with the dispatch, as a
// change to review (what else open() does is not seen here), and so do the session id read only
// for it and the store's import once nothing uses them.
import { Router } from 'express';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { registerTools } from './tools.js';

export const router = Router();

router.post('/', async (req, res) => {
  const owner = String(req.headers['x-user'] ?? 'anon');

  const server = new Server({ name: 'pad', version: '1.0.0' }, { capabilities: { tools: {} } });
  registerTools(server, owner);
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await server.connect(transport);

  await transport.handleRequest(req, res, req.body);
});

router.delete('/', (_req, res) => {
  res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
});
