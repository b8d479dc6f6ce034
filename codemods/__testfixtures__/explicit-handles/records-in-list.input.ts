// Records kept in a list beside the MCP session id and searched by it (trial 61B B4): nothing is
// keyed by the session id, so there is no key to replace with a handle; the marker says so.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const history: { sid?: string; text: string }[] = [];

export function registerNotes(server: McpServer) {
  server.registerTool('add_note', { inputSchema: { text: z.string() } }, async ({ text }, extra) => {
    history.push({ sid: extra.sessionId, text });
    return { content: [{ type: 'text', text: 'noted' }] };
  });
  server.registerTool('list_notes', {}, async (_args, extra) => ({
    content: [{ type: 'text', text: history.filter((h) => h.sid === extra.sessionId).map((h) => h.text).join('\n') }],
  }));
}
