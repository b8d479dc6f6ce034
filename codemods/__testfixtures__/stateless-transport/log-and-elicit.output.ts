// A tool that asks the user mid-call and logs through the server: with a per-request transport
// the question cannot be asked and the log messages (sent on the session's GET stream) are
// dropped. The rewrite is a change to review, so --safe-only leaves the dispatch; both are marked.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

function buildServer(): McpServer {
  const server = new McpServer({ name: 'deploys', version: '1.0.0' }, { capabilities: { logging: {} } });
  server.registerTool('deploy', { description: 'Deploy after confirming' }, async (_args, extra) => {
    // TODO(mcp-migrate): elicitInput() asks the client mid-call, and fails on every request until
    // rewritten: a server built per request (a stateless transport) never sees initialize, so it
    // knows no client capabilities (the SDK's error says the client does not support the request,
    // whatever it declared), and it keeps no stream for the answer. Rewrite it to the 2026-07-28
    // multi-round-trip shape on the v2 packages (fix --target 2026-07-28): return inputRequired({
    // inputRequests: { ... } }), read the answer from ctx.mcpReq.inputResponses when the client
    // calls again, and keep what the call needs to resume in requestState
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr)
    const answer = await server.server.elicitInput({ message: 'Deploy now?', requestedSchema: { type: 'object', properties: {} } });
    // TODO(mcp-migrate): sendLoggingMessage() sends through the server, on the session's GET
    // stream, which a per-request transport does not have: its messages are dropped once the
    // transport is per request. Send them on the request: on the v2 packages with
    // ctx.mcpReq.log(level, data), which goes out only when the request asks for a log level; on v1
    // with the handler context's sendNotification({ method: 'notifications/message', params }). Or
    // log to stderr
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    await server.sendLoggingMessage({ level: 'info', data: `deploy: ${answer.action}` }, extra.sessionId);
    return { content: [{ type: 'text', text: answer.action }] };
  });
  return server;
}

const transports: Record<string, StreamableHTTPServerTransport> = {};
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport: StreamableHTTPServerTransport;
  if (sessionId && transports[sessionId]) {
    transport = transports[sessionId];
  } else if (!sessionId && isInitializeRequest(req.body)) {
    // TODO(mcp-migrate): not rewritten under --safe-only: tools of this file ask the client
    // mid-call (marked), which a per-request transport breaks, so making this transport stateless
    // is a change to review; run fix without --safe-only to apply it
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        transports[id] = transport;
      },
    });
    await buildServer().connect(transport);
  } else {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
