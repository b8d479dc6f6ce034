// Tools that keep the caller's request headers in a const before reading one (trial 71C B5, B3).
// On the v2 packages the request is ctx.http?.req, a Fetch Request: each read through the const
// becomes .get(name), and the const itself must hold something such a read compiles on.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

export function createServer(lookup: (key: string | undefined) => Promise<string>): McpServer {
  const server = new McpServer({ name: 'vault', version: '1.0.0' });

  // v1 asserted the request is there: the assertion is kept for the whole chain.
  server.registerTool('asserted', { description: 'Asserted headers', inputSchema: { id: z.string() } }, async ({ id }, extra) => {
    const headers = extra.requestInfo!.headers;
    const key = headers['x-api-key'] as string | undefined;
    const agent = headers['user-agent'] ?? 'unknown';
    return { content: [{ type: 'text', text: `${id} ${await lookup(key)} ${agent}` }] };
  });

  // The request itself held, asserted.
  server.registerTool('asserted-request', { description: 'Asserted request', inputSchema: { id: z.string() } }, async ({ id }, extra) => {
    const request = extra.requestInfo!;
    const tenant = request.headers['x-tenant'];
    return { content: [{ type: 'text', text: `${id} ${String(tenant)}` }] };
  });

  // Destructured from the asserted request.
  server.registerTool('destructured', { description: 'Destructured headers', inputSchema: { id: z.string() } }, async ({ id }, extra) => {
    const { headers } = extra.requestInfo!;
    const key = headers['x-api-key'] as string | undefined;
    return { content: [{ type: 'text', text: `${id} ${await lookup(key)}` }] };
  });

  // Optional all along (v1's own reads did not compile in strict TS): each read is an optional .get.
  server.registerTool('optional', { description: 'Optional headers', inputSchema: { id: z.string() } }, async ({ id }, extra) => {
    const headers = extra.requestInfo?.headers;
    const key = headers['x-api-key'] as string | undefined;
    const tenant = headers?.['x-tenant'];
    return { content: [{ type: 'text', text: `${id} ${await lookup(key)} ${String(tenant)}` }] };
  });

  // Destructured under another name.
  server.registerTool('destructured-renamed', { description: 'Renamed headers', inputSchema: { id: z.string() } }, async ({ id }, extra) => {
    const { headers: incoming } = extra.requestInfo!;
    return { content: [{ type: 'text', text: `${id} ${String(incoming.authorization)}` }] };
  });

  // More than the headers destructured: the headers are followed, the url (a string on v2) marked where it is read.
  server.registerTool('destructured-more', { description: 'Headers and url', inputSchema: { id: z.string() } }, async ({ id }, extra) => {
    const { headers, url } = extra.requestInfo!;
    return { content: [{ type: 'text', text: `${id} ${String(headers['x-api-key'])} ${url?.pathname}` }] };
  });

  // An empty object when there is no request: every read through the const becomes an optional .get.
  server.registerTool('fallback', { description: 'Headers or nothing', inputSchema: { id: z.string() } }, async ({ id }, extra) => {
    const headers = extra.requestInfo?.headers ?? {};
    const key = headers['x-api-key'] as string | undefined;
    if (!headers['x-tenant']) throw new Error('no tenant');
    return { content: [{ type: 'text', text: `${id} ${await lookup(key)}` }] };
  });

  server.registerTool('fallback-or', { description: 'Headers or nothing, with ||', inputSchema: { id: z.string() } }, async ({ id }, extra) => {
    const hdrs = extra.requestInfo?.headers || {};
    const trace = hdrs['x-trace-id'];
    return { content: [{ type: 'text', text: `${id} ${String(trace)}` }] };
  });

  // Other uses of a fallback const than a header read: it stays as it is, marked.
  server.registerTool('fallback-keys', { description: 'All header names', inputSchema: { id: z.string() } }, async ({ id }, extra) => {
    const all = extra.requestInfo?.headers ?? {};
    const names = Object.keys(all);
    const key = all['x-api-key'];
    return { content: [{ type: 'text', text: `${id} ${names.join(',')} ${String(key)}` }] };
  });

  // A fallback with defaults is not the headers or nothing: marked.
  server.registerTool('fallback-defaults', { description: 'Headers with defaults', inputSchema: { id: z.string() } }, async ({ id }, extra) => {
    const withDefaults = extra.requestInfo?.headers ?? { 'x-api-key': 'anonymous' };
    const key = withDefaults['x-api-key'];
    return { content: [{ type: 'text', text: `${id} ${String(key)}` }] };
  });

  // A look-alike: a plain object of the tool's own with a fallback, left alone.
  server.registerTool('own-headers', { description: 'Own headers', inputSchema: { id: z.string() } }, async ({ id }) => {
    const defaults: Record<string, string> | undefined = id === 'x' ? { 'x-api-key': 'k' } : undefined;
    const own = defaults ?? {};
    return { content: [{ type: 'text', text: `${id} ${own['x-api-key']}` }] };
  });

  return server;
}
