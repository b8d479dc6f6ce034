// Live browser pages cannot be stored as JSON: the state is marked, not moved. Nor can a set of
// session ids (membership, no values), whose marker says so.
import type { Page } from 'playwright';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { openPage } from './browser.js';

const pages = new Map<string, Page>();
const visited = new Map<string, Set<string>>();
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
