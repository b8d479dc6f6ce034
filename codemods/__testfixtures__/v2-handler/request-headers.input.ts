// Tools that read the caller's HTTP headers (an API key, a tenant) from the request a handler gets.
// v1 gave them as a plain object; on the v2 packages the official codemod's ctx.http?.req is a Fetch
// Request, whose Headers are read with .get(name): each read is rewritten, other uses are marked.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** The tenant a call is for, from its own request. */
function tenantOf(extra: Extra): string {
  const headers = extra.requestInfo?.headers;
  const tenant = headers?.['x-tenant'];
  return typeof tenant === 'string' ? tenant : 'public';
}

export function createServer(lookup: (key: string | undefined, tenant: string) => Promise<string>): McpServer {
  const server = new McpServer({ name: 'accounts', version: '1.0.0' });

  server.registerTool('balance', { description: 'Balance of the caller', inputSchema: { currency: z.string() } }, async ({ currency }, extra) => {
    const key: string | undefined = extra.requestInfo?.headers['x-api-key'] as string | undefined;
    if (!extra.requestInfo?.headers['x-tenant']) throw new Error('no tenant'); // a test of presence
    const agent = extra.requestInfo?.headers['user-agent'] ?? 'unknown';
    const balance = await lookup(key, tenantOf(extra));
    return { content: [{ type: 'text', text: `${balance} ${currency} (${agent})` }] };
  });

  server.registerTool('audit', { description: 'Audit trail of a call', inputSchema: { note: z.string() } }, async ({ note }, extra) => {
    const trace = extra.requestInfo!.headers['x-trace-id']; // asserted present
    const request = extra.requestInfo;
    const region = request?.headers['x-region']?.toString().toUpperCase();
    if (extra.requestInfo?.headers['x-a'] && extra.requestInfo?.headers['x-b']) console.error('both flags');
    const bearer = extra.requestInfo?.headers.authorization && String(extra.requestInfo?.headers.authorization).slice(7);
    const fallback = extra.requestInfo?.headers ?? {};
    const own = fallback.hasOwnProperty('x-api-key');
    const query = extra.requestInfo?.url?.searchParams.get('q');
    return { content: [{ type: 'text', text: `${note} ${String(trace)} ${region} ${bearer} ${own} ${query}` }] };
  });

  server.registerTool('whoami', { description: 'Who is calling' }, async (extra) => {
    const auth = extra.requestInfo?.headers.authorization;
    const forwarded = Object.keys(extra.requestInfo?.headers ?? {});
    return { content: [{ type: 'text', text: `${auth} via ${forwarded.join(',')}` }] };
  });

  return server;
}
