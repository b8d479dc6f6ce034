// A node:http server that files the transport in its session map only after the first response,
// by the id the transport minted (trial 28A, calcom companion): outside the dispatch, the filing is
// bookkeeping that never runs on a stateless transport, so the whole dispatch is rewritten.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const live = new Map<string, StreamableHTTPServerTransport>();

function buildServer(): McpServer {
  const server = new McpServer({ name: 'calendar', version: '1.0.0' });
  server.registerTool('today', { description: "Today's events" }, async () => ({ content: [{ type: 'text', text: 'none' }] }));
  return server;
}

const httpServer = http.createServer(async (req, res) => {
  const id = req.headers['mcp-session-id'];
  const known = typeof id === 'string' ? live.get(id) : undefined;
  if (known) {
    await known.handleRequest(req, res);
    return;
  }
  if (req.method !== 'POST') {
    res.writeHead(405).end();
    return;
  }
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
  await buildServer().connect(transport);
  await transport.handleRequest(req, res);
  // Filed once the first response gave the transport its id.
  if (transport.sessionId) {
    live.set(transport.sessionId, transport);
  }
});

httpServer.listen(Number(process.env.PORT ?? 3000));
