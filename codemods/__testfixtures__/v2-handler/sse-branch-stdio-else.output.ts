// Legacy HTTP+SSE behind a flag, stdio otherwise (trial 63C B1), as sse-transport hands it on: it
// left the SSE routes (one transport slot the routes share) with its marker, whose advice names
// createMcpHandler(...). Only the stdio branch is rewritten: the file makes no handler, so it gets
// no createMcpHandler import and no Host/Origin marker.
import express from 'express';
import { z } from 'zod';
import { McpServer } from '@modelcontextprotocol/server';
import { SSEServerTransport } from '@modelcontextprotocol/server-legacy/sse';
import { serveStdio } from '@modelcontextprotocol/server/stdio';

function makeInventoryServer() {
  const server = new McpServer({ name: 'inventory', version: '0.4.0' });
  server.registerTool('stock', { inputSchema: z.object({ sku: z.string() }) }, async ({ sku }) => ({ content: [{ type: 'text', text: `${sku}: 12` }] }));
  return server;
}

if (process.env.INVENTORY_MODE === 'http') {
  const web = express();
  let stream: SSEServerTransport | null = null;
  web.get('/events', async (_req, res) => {
    // TODO(mcp-migrate): legacy HTTP+SSE endpoint (sessionful; it can never serve 2026-07-28) in a
    // shape this codemod does not rewrite: serve one POST endpoint with createMcpHandler(() =>
    // buildServer()) from @modelcontextprotocol/server (a new server per request; toNodeHandler on
    // Node), and answer the old SSE paths with 410 naming it
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports)
    stream = new SSEServerTransport('/inbox', res);
    await makeInventoryServer().connect(stream);
  });
  web.post('/inbox', async (req, res) => {
    if (stream === null) {
      res.status(409).end();
      return;
    }
    await stream.handlePostMessage(req, res);
  });
  web.listen(Number(process.env.PORT ?? 8123));
} else {
  serveStdio(() => makeInventoryServer());
}
