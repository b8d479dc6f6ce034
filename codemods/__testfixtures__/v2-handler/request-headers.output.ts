// Tools that read the caller's HTTP headers (an API key, a tenant) from the request a handler gets.
// v1 gave them as a plain object; on the v2 packages the official codemod's ctx.http?.req is a Fetch
// Request, whose Headers are read with .get(name): each read is rewritten, other uses are marked.
import { McpServer } from '@modelcontextprotocol/server';
import type { ServerContext } from '@modelcontextprotocol/server';
import { z } from 'zod';

type Extra = ServerContext;

/** The tenant a call is for, from its own request. */
function tenantOf(extra: Extra): string {
  const headers = extra.http?.req?.headers;
  const tenant = headers?.get('x-tenant') ?? undefined;
  return typeof tenant === 'string' ? tenant : 'public';
}

export function createServer(lookup: (key: string | undefined, tenant: string) => Promise<string>): McpServer {
  const server = new McpServer({ name: 'accounts', version: '1.0.0' });

  server.registerTool('balance', { description: 'Balance of the caller', inputSchema: z.object({ currency: z.string() }) }, async ({ currency }, ctx) => {
    const key: string | undefined = (ctx.http?.req?.headers.get('x-api-key') ?? undefined) as string | undefined;
    if (!ctx.http?.req?.headers.get('x-tenant')) throw new Error('no tenant'); // a test of presence
    const agent = ctx.http?.req?.headers.get('user-agent') ?? 'unknown';
    // TODO(mcp-migrate): official v1→v2 codemod: The context object is forwarded to tenantOf(…) —
    // its property shape changed in v2 (e.g. extra.signal is now ctx.mcpReq.signal,
    // extra.sendRequest is ctx.mcpReq.send). Update the helper's parameter type and property
    // accesses.
    // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
    const balance = await lookup(key, tenantOf(ctx));
    return { content: [{ type: 'text', text: `${balance} ${currency} (${agent})` }] };
  });

  server.registerTool('audit', { description: 'Audit trail of a call', inputSchema: z.object({ note: z.string() }) }, async ({ note }, ctx) => {
    const trace = ctx.http?.req!.headers.get('x-trace-id') ?? undefined; // asserted present
    const request = ctx.http?.req;
    const region = request?.headers.get('x-region')?.toString().toUpperCase();
    if (ctx.http?.req?.headers.get('x-a') && ctx.http?.req?.headers.get('x-b')) console.error('both flags');
    const bearer = (ctx.http?.req?.headers.get('authorization') ?? undefined) && String(ctx.http?.req?.headers.get('authorization') ?? undefined).slice(7);
    // TODO(mcp-migrate): the request's headers are a Fetch Headers object on the v2 packages
    // (ctx.http?.req, where v1 had requestInfo.headers, a plain object); fallback holds them or {}
    // and was not rewritten (it is used other than to read one header): its index and property
    // reads are undefined at run time and do not compile. Drop the fallback, read a header with
    // fallback?.get(name) (null when missing; a default after it with ??)
    // (https://developer.mozilla.org/en-US/docs/Web/API/Headers/get)
    const fallback = ctx.http?.req?.headers ?? {};
    const own = fallback.hasOwnProperty('x-api-key');
    // TODO(mcp-migrate): ctx.http?.req is a Fetch Request on the v2 packages: its url is a string,
    // where v1's requestInfo.url was a URL (new URL(...) it before reading searchParams or
    // pathname) (https://developer.mozilla.org/en-US/docs/Web/API/Request/url)
    const query = ctx.http?.req?.url?.searchParams.get('q');
    return { content: [{ type: 'text', text: `${note} ${String(trace)} ${region} ${bearer} ${own} ${query}` }] };
  });

  server.registerTool('whoami', { description: 'Who is calling' }, async (ctx) => {
    const auth = ctx.http?.req?.headers.get('authorization') ?? undefined;
    // TODO(mcp-migrate): the request's headers are a Fetch Headers object on the v2 packages
    // (ctx.http?.req, where v1 had requestInfo.headers, a plain object): index reads and property
    // reads of it are undefined at run time and do not compile; read a header with .get(name) (a
    // missing one is null), and iterate with .entries() or .forEach()
    // (https://developer.mozilla.org/en-US/docs/Web/API/Headers/get)
    const forwarded = Object.keys(ctx.http?.req?.headers ?? {});
    return { content: [{ type: 'text', text: `${auth} via ${forwarded.join(',')}` }] };
  });

  return server;
}
