/**
 * The MCP server transport classes the rules and codemods recognise by name, stated once.
 * Each user picks the groups it needs: a rule about shared transports looks at every Streamable
 * HTTP transport, a codemod that rewrites SDK constructions only at the SDK's own.
 */

import type { ts as TS } from 'ts-morph';
import { calleeName, propertyNameText } from './ast.js';
import { ts } from './typescript.js';

/** The SDK's Streamable HTTP server transports: v1's Node one, the web-standard one (v1 1.24+ and v2), v2's Node one. */
export const SDK_STREAMABLE_HTTP_TRANSPORTS: readonly string[] = [
  'StreamableHTTPServerTransport',
  'WebStandardStreamableHTTPServerTransport',
  'NodeStreamableHTTPServerTransport',
];

/** The SDK's HTTP+SSE server transport (deprecated since 2025-03-26, always session-based). */
export const SDK_SSE_TRANSPORT = 'SSEServerTransport';

/**
 * hono-mcp-server-sse-transport's `SSETransport`, a Hono port of the SDK's SSE transport (`new
 * SSETransport('/messages', stream)`, `transport.handlePostMessage(c)`). Recognised by the module it
 * is imported from: other libraries call their SSE *client* transports `SSETransport` too.
 */
export const HONO_SSE_TRANSPORT = { module: 'hono-mcp-server-sse-transport', name: 'SSETransport' } as const;

/** @hono/mcp's Streamable HTTP transport, built on the SDK's. */
export const HONO_STREAMABLE_HTTP_TRANSPORT = 'StreamableHTTPTransport';

const SDK_STREAMABLE = new Set(SDK_STREAMABLE_HTTP_TRANSPORTS);

/** One of the SDK's Streamable HTTP server transports. */
export function isSdkStreamableHttpTransport(name: string | undefined): boolean {
  return name !== undefined && SDK_STREAMABLE.has(name);
}

/** Any Streamable HTTP server transport: the SDK's and @hono/mcp's. */
export function isStreamableHttpTransport(name: string | undefined): boolean {
  return isSdkStreamableHttpTransport(name) || name === HONO_STREAMABLE_HTTP_TRANSPORT;
}

/** `new <transport>(` for a transport the SDK builds per connection (Streamable HTTP or SSE), in source text. */
export const NEW_CONNECTION_TRANSPORT = new RegExp(`\\bnew\\s+(${[SDK_SSE_TRANSPORT, ...SDK_STREAMABLE_HTTP_TRANSPORTS].join('|')})\\s*\\(`);

/**
 * What happens to one server connected to a new transport in every request, as the SDK now
 * behaves (v1 from 1.26.0, typescript-sdk#1441, and the v2 packages): said by the shared-server
 * rule and by the markers of the codemods that leave such a route.
 */
export const ONE_TRANSPORT_AT_A_TIME =
  'the SDK (v1 from 1.26.0, and the v2 packages) refuses a second connect() while the first transport is open ("Already connected"): a second session, overlapping requests or a client\'s open GET stream fail; older v1 versions answered one client on another\'s transport';

/** `new StdioServerTransport(socket, socket)` handed to serveStdio as its transport option: served both eras already. */
export function servedByServeStdio(construction: TS.Node): boolean {
  const option = construction.parent;
  return !!option && ts.isPropertyAssignment(option) && propertyNameText(option.name) === 'transport' && ts.isCallExpression(option.parent.parent) && calleeName(option.parent.parent) === 'serveStdio';
}

/**
 * A server on stdio alone: its file names the stdio transport and no HTTP one. An initialize gate
 * there is no POST for stateless-transport (whose rewrites are the HTTP dispatch's) to serve afresh;
 * state its tools keep serves the one client of its process.
 */
export function servesStdioOnly(text: string): boolean {
  return /\bStdioServerTransport\b|\bserveStdio\b/.test(text) && !/StreamableHTTP(Server)?Transport\b|SSEServerTransport\b|\bcreateMcpHandler\b|\bsessionIdGenerator\b/.test(text);
}

/**
 * Whether every Streamable HTTP transport the file makes is stateless: it names `sessionIdGenerator`
 * at least once, and only ever as `sessionIdGenerator: undefined` (or `void 0`; a shorthand `{
 * sessionIdGenerator }` may hold a generator). Its requests carry no session id (the SDK's
 * stateless example), unless another transport of the file (SSE) gives one.
 */
export function onlyStatelessTransports(text: string): boolean {
  const stateless = text.match(/\bsessionIdGenerator\s*:\s*(undefined|void 0)\b/g)?.length ?? 0;
  return stateless > 0 && stateless === (text.match(/\bsessionIdGenerator\b/g)?.length ?? 0);
}
