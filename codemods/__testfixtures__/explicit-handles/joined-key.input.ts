// Notes per session and topic, under keys that join the session id with the topic (trial 51A): the
// shared store keeps one entry per handle, named by the handle alone, so the state is marked, not
// moved; so are drafts under a constant prefix (`draft:${sid}`), which the advice says to drop.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const notes = new Map<string, string[]>();
const drafts: Record<string, string> = {};

export function register(server: McpServer) {
  server.registerTool('add_note', { inputSchema: { topic: z.string(), text: z.string() } }, async ({ topic, text }, extra) => {
    const key = `${extra.sessionId}:${topic}`;
    const list = notes.get(key) ?? [];
    list.push(text);
    notes.set(key, list);
    return { content: [{ type: 'text', text: `${topic}: ${list.length} notes` }] };
  });
  server.registerTool('read_notes', { inputSchema: { topic: z.string() } }, async ({ topic }, extra) => ({
    content: [{ type: 'text', text: (notes.get(extra.sessionId + '/' + topic) ?? []).join('|') }],
  }));
  server.registerTool('save_draft', { inputSchema: { text: z.string() } }, async ({ text }, extra) => {
    drafts[`draft:${extra.sessionId}`] = text;
    return { content: [{ type: 'text', text: 'saved' }] };
  });
}
