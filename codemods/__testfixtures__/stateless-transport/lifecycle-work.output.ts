// A server whose session hooks do real work: the rewrite keeps it and says what changes. (A server
// the connect path itself sets up in oninitialized stays sessionful: handshake-setup.)
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { startTimers, stopTimers } from './timers.js';

// Called by the stdio entry point only: the HTTP route's servers do not get it.
export function watch(server: McpServer) {
  // TODO(mcp-migrate): oninitialized never runs for a per-request server (2026-07-28 clients send
  // no initialize): move this setup, such as registering tools, into the server factory so every
  // request sees it
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  server.server.oninitialized = () => {
    startTimers(server);
  };
}

function createServer() {
  const server = new McpServer({ name: 'busy', version: '1.0.0' });
  server.server.oninitialized = () => console.log('ready');
  server.tool('confirm', 'Ask the user', async () => {
    // TODO(mcp-migrate): elicitInput() asks the client mid-call, and fails on every request until
    // rewritten: a server built per request (a stateless transport) never sees initialize, so it
    // knows no client capabilities (the SDK's error says the client does not support the request,
    // whatever it declared), and it keeps no stream for the answer. Rewrite it to the 2026-07-28
    // multi-round-trip shape on the v2 packages (fix --target 2026-07-28): return inputRequired({
    // inputRequests: { ... } }), read the answer from ctx.mcpReq.inputResponses when the client
    // calls again, and keep what the call needs to resume in requestState
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr)
    const answer = await server.server.elicitInput({ message: 'Sure?', requestedSchema: { type: 'object', properties: {} } });
    return { content: [{ type: 'text', text: answer.action }] };
  });
  return server;
}

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
  // TODO(mcp-migrate): this close handler does more than forget the session: with a per-request
  // transport it runs when every request ends, with no session id; keep only what must happen per
  // request
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  transport.onclose = () => {
    const sid = transport.sessionId;
    if (sid && transports[sid]) {
      console.log(`Transport closed for session ${sid}`);
      delete transports[sid];
      stopTimers(sid);
    }
  };
  await createServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
