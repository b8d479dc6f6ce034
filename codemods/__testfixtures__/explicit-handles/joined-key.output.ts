// Notes per session and topic, under keys that join the session id with the topic (trial 51A): the
// shared store keeps one entry per handle, named by the handle alone, so the state is marked, not
// moved; so are drafts under a constant prefix (`draft:${sid}`), which the advice says to drop.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

// TODO(mcp-migrate): notes is keyed by the MCP session id joined with more
// (`${extra.sessionId}:${topic}`): under an explicit handle the shared store keeps one entry per
// handle, named by the handle alone, so explicit-handles leaves it. Keep one entry per session that
// holds what the rest of the key picks (an object by topic, say: notes.get(sessionId)?.[topic]) and
// run fix again, or give the tools a handle argument and a shared store by hand
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const notes = new Map<string, string[]>();
// TODO(mcp-migrate): drafts is keyed by the MCP session id joined with more
// (`draft:${extra.sessionId}`): under an explicit handle the shared store keeps one entry per
// handle, named by the handle alone, so explicit-handles leaves it. Key it by the session id alone
// (the constant part only names its entries) and run fix again, or give the tools a handle argument
// and a shared store by hand
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
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
