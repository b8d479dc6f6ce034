// hono through fetch-to-node, the dispatch written with early returns only: a known session's
// transport serves and the route returns the response it wrote, anything but initialize is
// refused, then a transport is built in the route's own block. Both early returns go, as in the
// express early-return form.
import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import { toFetchResponse, toReqRes } from 'fetch-to-node';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { buildLedgerServer } from './ledger.js';

const transports: Record<string, StreamableHTTPServerTransport> = {};

export const app = new Hono();

app.post('/mcp', async (c) => {
  const sessionId = c.req.header('mcp-session-id');
  const body = await c.req.json();
  const { req, res } = toReqRes(c.req.raw);
  if (sessionId && transports[sessionId]) {
    await transports[sessionId].handleRequest(req, res, body);
    return toFetchResponse(res);
  }
  if (!isInitializeRequest(body)) {
    return c.json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null }, 400);
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (sid) => {
      transports[sid] = transport;
    },
  });
  await buildLedgerServer().connect(transport);
  await transport.handleRequest(req, res, body);
  return toFetchResponse(res);
});
