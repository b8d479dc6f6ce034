// hono, serving a node transport through fetch-to-node: a known session's transport serves the
// request and the route returns the response it wrote (`return toFetchResponse(res)`), before the
// branch that builds a transport for initialize, which files it under `transport.sessionId` read
// into a variable first. All of it goes as in the express form: the found-session branch, the
// header read, the store (dead once the transport has no session id) and then the map, and the
// import that minted the ids.
import { Hono } from 'hono';
import { nanoid } from 'nanoid';
import { toFetchResponse, toReqRes } from 'fetch-to-node';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { buildLedgerServer } from './ledger.js';

const sessions = new Map<string, StreamableHTTPServerTransport>();

export const app = new Hono();

app.post('/mcp', async (c) => {
  const id = c.req.header('mcp-session-id');
  const payload = await c.req.json();
  const { req, res } = toReqRes(c.req.raw);
  if (id && sessions.has(id)) {
    await sessions.get(id)!.handleRequest(req, res, payload);
    return toFetchResponse(res);
  }
  if (!id && isInitializeRequest(payload)) {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => nanoid() });
    await buildLedgerServer().connect(transport);
    await transport.handleRequest(req, res, payload);
    const minted = transport.sessionId;
    if (minted) sessions.set(minted, transport);
    return toFetchResponse(res);
  }
  return c.json({ jsonrpc: '2.0', error: { code: -32000, message: 'Unknown session' }, id: null }, 400);
});
