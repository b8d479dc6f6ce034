// A session server whose factory makes an object its tools keep state in: the per-request rewrite
// is one to review (that state then lasts one request; the tools' markers say what to do).
import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

class Pool {
  private open = new Map<string, string>();
  start(name: string): string {
    this.open.set(name, 'about:blank');
    return name;
  }
  current(name: string): string | undefined {
    return this.open.get(name);
  }
}

function buildServer() {
  const server = new McpServer({ name: 'pool', version: '1.0.0' });
  const pool = new Pool();
  server.tool('start', { name: z.string() }, async ({ name }) => ({ content: [{ type: 'text', text: pool.start(name) }] }));
  server.tool('show', { name: z.string() }, async ({ name }) => ({ content: [{ type: 'text', text: pool.current(name) ?? 'none' }] }));
  return server;
}

const transports = new Map<string, StreamableHTTPServerTransport>();
const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  let transport = sid ? transports.get(sid) : undefined;
  if (!transport) {
    // TODO(mcp-migrate): not rewritten under --safe-only: tools of this file keep state made with
    // the server (marked), which a per-request transport breaks, so making this transport stateless
    // is a change to review; run fix without --safe-only to apply it
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        transports.set(id, transport!);
      },
    });
    await buildServer().connect(transport);
  }
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000);
