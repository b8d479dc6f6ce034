// A Record keyed by the session id; registerTool with z.object() and with no inputSchema.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

interface Browser {
  url: string;
  history: string[];
}

const browsers: Record<string, Browser> = {};

export function register(server: McpServer) {
  server.registerTool(
    'navigate',
    { description: 'Open a URL', inputSchema: z.object({ url: z.string().url() }) },
    async ({ url }, extra) => {
      const sessionId = extra.sessionId!;
      const browser = browsers[sessionId] ?? { url: 'about:blank', history: [] };
      browser.history.push(browser.url);
      browser.url = url;
      browsers[sessionId] = browser;
      return { content: [{ type: 'text', text: `Now at ${url}` }] };
    },
  );

  server.registerTool('current_page', { description: 'Where the browser is' }, async (extra) => {
    const browser = browsers[extra.sessionId!];
    return { content: [{ type: 'text', text: browser ? browser.url : 'no page yet' }] };
  });
}
