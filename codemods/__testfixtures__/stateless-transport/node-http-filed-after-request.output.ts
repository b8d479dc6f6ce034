// A node:http server that files the transport in its session map only after the first response,
// by the id the transport minted (trial 28A, calcom companion): outside the dispatch, the filing is
// bookkeeping that never runs on a stateless transport, so the whole dispatch is rewritten.
import http from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function buildServer(): McpServer {
  const server = new McpServer({ name: 'calendar', version: '1.0.0' });
  server.registerTool('today', { description: "Today's events" }, async () => ({ content: [{ type: 'text', text: 'none' }] }));
  return server;
}

const httpServer = http.createServer(async (req, res) => {
  if (req.method !== 'POST') {
    res.writeHead(405).end();
    return;
  }
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
  });
  await buildServer().connect(transport);
  await transport.handleRequest(req, res);
});

httpServer.listen(Number(process.env.PORT ?? 3000));
