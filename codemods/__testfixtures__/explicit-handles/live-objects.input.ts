// Live browser pages cannot be stored as JSON: the state is marked, not moved.
import type { Page } from 'playwright';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { openPage } from './browser.js';

const pages = new Map<string, Page>();
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
