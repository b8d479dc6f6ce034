// hono through fetch-to-node, the dispatch written with early returns only: a known session's
// transport serves and the route returns the response it wrote, anything but initialize is
// refused, then a transport is built in the route's own block. Both early returns go, as in the
// express early-return form.
import { Hono } from 'hono';
import { toFetchResponse, toReqRes } from 'fetch-to-node';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { buildLedgerServer } from './ledger.js';

export const app = new Hono();

app.post('/mcp', async (c) => {
  const body = await c.req.json();
  const { req, res } = toReqRes(c.req.raw);
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await buildLedgerServer().connect(transport);
  await transport.handleRequest(req, res, body);
  return toFetchResponse(res);
});
