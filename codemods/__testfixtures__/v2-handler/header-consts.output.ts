// Tools that keep the caller's request headers in a const before reading one (trial 71C B5, B3).
// On the v2 packages the request is ctx.http?.req, a Fetch Request: each read through the const
// becomes .get(name), and the const itself must hold something such a read compiles on.
import { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

export function createServer(lookup: (key: string | undefined) => Promise<string>): McpServer {
  const server = new McpServer({ name: 'vault', version: '1.0.0' });

  // v1 asserted the request is there: the assertion is kept for the whole chain.
  server.registerTool('asserted', { description: 'Asserted headers', inputSchema: z.object({ id: z.string() }) }, async ({ id }, ctx) => {
    const headers = ctx.http!.req!.headers;
    const key = (headers.get('x-api-key') ?? undefined) as string | undefined;
    const agent = headers.get('user-agent') ?? 'unknown';
    return { content: [{ type: 'text', text: `${id} ${await lookup(key)} ${agent}` }] };
  });

  // The request itself held, asserted.
  server.registerTool('asserted-request', { description: 'Asserted request', inputSchema: z.object({ id: z.string() }) }, async ({ id }, ctx) => {
    const request = ctx.http?.req!;
    const tenant = request.headers.get('x-tenant') ?? undefined;
    return { content: [{ type: 'text', text: `${id} ${String(tenant)}` }] };
  });

  // Destructured from the asserted request.
  server.registerTool('destructured', { description: 'Destructured headers', inputSchema: z.object({ id: z.string() }) }, async ({ id }, ctx) => {
    const { headers } = ctx.http?.req!;
    const key = (headers.get('x-api-key') ?? undefined) as string | undefined;
    return { content: [{ type: 'text', text: `${id} ${await lookup(key)}` }] };
  });

  // Optional all along (v1's own reads did not compile in strict TS): each read is an optional .get.
  server.registerTool('optional', { description: 'Optional headers', inputSchema: z.object({ id: z.string() }) }, async ({ id }, ctx) => {
    const headers = ctx.http?.req?.headers;
    const key = (headers?.get('x-api-key') ?? undefined) as string | undefined;
    const tenant = headers?.get('x-tenant') ?? undefined;
    return { content: [{ type: 'text', text: `${id} ${await lookup(key)} ${String(tenant)}` }] };
  });

  // Destructured under another name.
  server.registerTool('destructured-renamed', { description: 'Renamed headers', inputSchema: z.object({ id: z.string() }) }, async ({ id }, ctx) => {
    const { headers: incoming } = ctx.http?.req!;
    return { content: [{ type: 'text', text: `${id} ${String(incoming.get('authorization') ?? undefined)}` }] };
  });

  // More than the headers destructured: the headers are followed, the url (a string on v2) marked where it is read.
  server.registerTool('destructured-more', { description: 'Headers and url', inputSchema: z.object({ id: z.string() }) }, async ({ id }, ctx) => {
    const { headers, url } = ctx.http?.req!;
    // TODO(mcp-migrate): ctx.http?.req is a Fetch Request on the v2 packages: its url is a string,
    // where v1's requestInfo.url was a URL (new URL(...) it before reading searchParams or
    // pathname) (https://developer.mozilla.org/en-US/docs/Web/API/Request/url)
    return { content: [{ type: 'text', text: `${id} ${String(headers.get('x-api-key') ?? undefined)} ${url?.pathname}` }] };
  });

  // An empty object when there is no request: every read through the const becomes an optional .get.
  server.registerTool('fallback', { description: 'Headers or nothing', inputSchema: z.object({ id: z.string() }) }, async ({ id }, ctx) => {
    const headers = ctx.http?.req?.headers;
    const key = (headers?.get('x-api-key') ?? undefined) as string | undefined;
    if (!headers?.get('x-tenant')) throw new Error('no tenant');
    return { content: [{ type: 'text', text: `${id} ${await lookup(key)}` }] };
  });

  server.registerTool('fallback-or', { description: 'Headers or nothing, with ||', inputSchema: z.object({ id: z.string() }) }, async ({ id }, ctx) => {
    const hdrs = ctx.http?.req?.headers;
    const trace = hdrs?.get('x-trace-id') ?? undefined;
    return { content: [{ type: 'text', text: `${id} ${String(trace)}` }] };
  });

  // Other uses of a fallback const than a header read: it stays as it is, marked.
  server.registerTool('fallback-keys', { description: 'All header names', inputSchema: z.object({ id: z.string() }) }, async ({ id }, ctx) => {
    // TODO(mcp-migrate): the request's headers are a Fetch Headers object on the v2 packages
    // (ctx.http?.req, where v1 had requestInfo.headers, a plain object); all holds them or {} and
    // was not rewritten (it is used other than to read one header): its index and property reads
    // are undefined at run time and do not compile. Drop the fallback, read a header with
    // all?.get(name) (null when missing; a default after it with ??)
    // (https://developer.mozilla.org/en-US/docs/Web/API/Headers/get)
    const all = ctx.http?.req?.headers ?? {};
    const names = Object.keys(all);
    // TODO(mcp-migrate): the request's headers are a Fetch Headers object on the v2 packages
    // (ctx.http?.req, where v1 had requestInfo.headers, a plain object): index reads and property
    // reads of it are undefined at run time and do not compile; read a header with .get(name) (a
    // missing one is null), and iterate with .entries() or .forEach()
    // (https://developer.mozilla.org/en-US/docs/Web/API/Headers/get)
    const key = all['x-api-key'];
    return { content: [{ type: 'text', text: `${id} ${names.join(',')} ${String(key)}` }] };
  });

  // A fallback with defaults is not the headers or nothing: marked.
  server.registerTool('fallback-defaults', { description: 'Headers with defaults', inputSchema: z.object({ id: z.string() }) }, async ({ id }, ctx) => {
    // TODO(mcp-migrate): the request's headers are a Fetch Headers object on the v2 packages
    // (ctx.http?.req, where v1 had requestInfo.headers, a plain object); withDefaults holds them or
    // its fallback object and was not rewritten: its index and property reads are undefined at run
    // time and do not compile. Drop the fallback, read a header with withDefaults?.get(name) (null
    // when missing; a default after it with ??)
    // (https://developer.mozilla.org/en-US/docs/Web/API/Headers/get)
    const withDefaults = ctx.http?.req?.headers ?? { 'x-api-key': 'anonymous' };
    // TODO(mcp-migrate): the request's headers are a Fetch Headers object on the v2 packages
    // (ctx.http?.req, where v1 had requestInfo.headers, a plain object): index reads and property
    // reads of it are undefined at run time and do not compile; read a header with .get(name) (a
    // missing one is null), and iterate with .entries() or .forEach()
    // (https://developer.mozilla.org/en-US/docs/Web/API/Headers/get)
    const key = withDefaults['x-api-key'];
    return { content: [{ type: 'text', text: `${id} ${String(key)}` }] };
  });

  // A look-alike: a plain object of the tool's own with a fallback, left alone.
  server.registerTool('own-headers', { description: 'Own headers', inputSchema: z.object({ id: z.string() }) }, async ({ id }) => {
    const defaults: Record<string, string> | undefined = id === 'x' ? { 'x-api-key': 'k' } : undefined;
    const own = defaults ?? {};
    return { content: [{ type: 'text', text: `${id} ${own['x-api-key']}` }] };
  });

  return server;
}
