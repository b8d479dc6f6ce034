// Live browser pages cannot be stored as JSON: the state is marked, not moved.
import type { Page } from 'playwright';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { openPage } from './browser.js';

// TODO(mcp-migrate): pages holds values of type Page, which is not plain JSON: explicit-handles
// cannot move it into a shared store. Store only its serialisable data by handle (a Date as an ISO
// string, a Set as an array), or keep the live object on one instance and route each call by its
// handle, not by session (x-mcp-header on the handle argument lets a gateway do that)
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const pages = new Map<string, Page>();
// TODO(mcp-migrate): visited holds values of type Set<string>, which is not plain JSON:
// explicit-handles cannot move it into a shared store. Store only its serialisable data by handle
// (a Date as an ISO string, a Set as an array), or keep the live object on one instance and route
// each call by its handle, not by session (x-mcp-header on the handle argument lets a gateway do
// that) (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const visited = new Map<string, Set<string>>();

export function register(server: McpServer) {
  server.tool('goto', 'Navigate', { url: z.string() }, async ({ url }, extra) => {
    const page = pages.get(extra.sessionId!) ?? (await openPage());
    pages.set(extra.sessionId!, page);
    visited.set(extra.sessionId!, (visited.get(extra.sessionId!) ?? new Set<string>()).add(url));
    await page.goto(url);
    return { content: [{ type: 'text', text: await page.title() }] };
  });
}
