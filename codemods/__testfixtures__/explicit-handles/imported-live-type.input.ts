// Look-alikes of a value type declared in a module of the run that is not plain JSON (trial 76B
// B4): an editor link class holding a live socket, and a stamp whose time is a Date. Read
// there, each stays refused, its marker saying what makes it so.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { EditorLink } from './editor.js';
import type { Stamp } from './stamp.js';

const editors = new Map<string, EditorLink>();
const stamps = new Map<string, Stamp>();

export function register(server: McpServer) {
  server.registerTool('open_editor', { description: 'Open the shared editor', inputSchema: { url: z.string() } }, async ({ url }, extra) => {
    editors.set(extra.sessionId!, new EditorLink(url));
    return { content: [{ type: 'text', text: 'opened' }] };
  });
  server.registerTool('type_text', { description: 'Type into the editor', inputSchema: { text: z.string() } }, async ({ text }, extra) => {
    editors.get(extra.sessionId!)?.type(text);
    return { content: [{ type: 'text', text: 'typed' }] };
  });
  server.registerTool('stamp', { description: 'Stamp the session', inputSchema: { label: z.string() } }, async ({ label }, extra) => {
    stamps.set(extra.sessionId!, { label, at: new Date() });
    return { content: [{ type: 'text', text: stamps.get(extra.sessionId!)!.at.toISOString() }] };
  });
}
