// A Record keyed by the session id; registerTool with z.object() and with no inputSchema.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintHandle } from './mcp-state.js';

interface Browser {
  url: string;
  history: string[];
}

const browsers = handleState<Browser>('browsers');

export function register(server: McpServer) {
  server.registerTool('create_browser', { description: 'Create a new browser and return its browser_id. Pass browser_id to navigate, current_page. It expires after 24 hours without use.', outputSchema: { browser_id: z.string().describe('Pass it to navigate, current_page') } }, async (extra) => mintHandle(browsers, { handle: 'browser_id', initial: { url: '', history: [] }, description: 'Created browser.' }, extra));

  server.registerTool(
    'navigate',
    { description: 'Open a URL', inputSchema: z.object({ browser_id: z.string().describe('Handle from create_browser'), url: z.string().url() }) },
    withHandle(browsers, { handle: 'browser_id', mintedBy: 'create_browser' }, async ({ browser_id, url }, _extra) => {
      const sessionId = browser_id;
      const browser = browsers[sessionId] ?? { url: 'about:blank', history: [] };
      browser.history.push(browser.url);
      browser.url = url;
      browsers[sessionId] = browser;
      return { content: [{ type: 'text', text: `Now at ${url}` }] };
    }),
  );

  server.registerTool('current_page', { description: 'Where the browser is', inputSchema: { browser_id: z.string().describe('Handle from create_browser') } }, withHandle(browsers, { handle: 'browser_id', mintedBy: 'create_browser' }, async ({ browser_id }, _extra) => {
    const browser = browsers[browser_id];
    return { content: [{ type: 'text', text: browser ? browser.url : 'no page yet' }] };
  }));
}
