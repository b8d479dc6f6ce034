// A module Worker builds its server from env, the bindings only fetch() is handed: the handler
// cannot be declared at module level as it is, and the marker says how to keep one per isolate
// (env is not a value of the request, so deriving it from createMcpHandler's ctx is no advice).
import { McpServer, WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';
import * as z from 'zod/v4';

interface Env {
  NOTES: { get(key: string): Promise<string | null> };
}

function buildServer(env: Env): McpServer {
  const server = new McpServer({ name: 'kv-notes', version: '1.0.0' });
  server.registerTool('read_note', { inputSchema: z.object({ key: z.string() }) }, async ({ key }) => ({
    content: [{ type: 'text', text: (await env.NOTES.get(key)) ?? '' }],
  }));
  return server;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    // TODO(mcp-migrate): this server is built from env, the Worker's bindings, which only fetch()
    // is handed (the same for every request of an isolate), so the handler could not be written at
    // module level: create it on the first request and keep it (a module-level `let handler`, then
    // `handler ??= createMcpHandler(() => buildServer(env))` and `return handler.fetch(request)`
    // here, in place of this transport)
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await buildServer(env).connect(transport);
    return transport.handleRequest(request);
  },
};
