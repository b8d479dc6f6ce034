// Live browser pages cannot be stored as JSON: the state is marked, not moved. Nor can a set of
// session ids (membership, no values), whose marker says so.
import type { Page } from 'playwright';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { openPage } from './browser.js';

// TODO(mcp-migrate): pages holds values of type Page, which is not plain JSON: explicit-handles
// cannot move it into a shared store. Store only its serialisable data by handle, or keep the live
// object on one instance and route each call by its handle, not by session (x-mcp-header on the
// handle argument lets a gateway do that). Until then, every request without a session id (each
// 2026-07-28 request, and each request once the transport is stateless) reads and writes the same
// entry, so callers see each other's state
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const pages = new Map<string, Page>();
// TODO(mcp-migrate): visited holds values of type Set<string>, which is not plain JSON:
// explicit-handles cannot move it into a shared store. Store only its serialisable data by handle
// (a Set as an array), or keep the live object on one instance and route each call by its handle,
// not by session (x-mcp-header on the handle argument lets a gateway do that). Until then, every
// request without a session id (each 2026-07-28 request, and each request once the transport is
// stateless) reads and writes the same entry, so callers see each other's state
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const visited = new Map<string, Set<string>>();
// TODO(mcp-migrate): verbose is a set of MCP session ids (it holds whether each session is in, no
// values): explicit-handles cannot move that into a shared store. Keep the membership by handle in
// a shared store (a Redis set, say), or keep it on one instance and route each call by its handle,
// not by session (x-mcp-header on the handle argument lets a gateway do that)
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
/** Sessions that asked for verbose titles. */
const verbose: Set<string | undefined> = new Set<string | undefined>();

export function register(server: McpServer) {
  server.tool('goto', 'Navigate', { url: z.string() }, async ({ url }, extra) => {
    const page = pages.get(extra.sessionId!) ?? (await openPage());
    pages.set(extra.sessionId!, page);
    visited.set(extra.sessionId!, (visited.get(extra.sessionId!) ?? new Set<string>()).add(url));
    await page.goto(url);
    return { content: [{ type: 'text', text: await page.title() }] };
  });
  server.tool('verbose', 'Verbose titles', async (extra) => {
    verbose.add(extra.sessionId);
    return { content: [{ type: 'text', text: 'on' }] };
  });
}
