// Records kept in a list beside the MCP session id and searched by it (trial 61B B4): nothing is
// keyed by the session id, so there is no key to replace with a handle; the marker says so.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

// TODO(mcp-migrate): history is a list of records that carry the MCP session id and are searched by
// it: explicit-handles rewrites state kept under the session id as a key (a Map or an object), not
// records in a list, so it leaves it. Keep each caller's records under an explicit handle in a
// shared store by hand (a handle one tool returns and the others take). Until then, every request
// without a session id (each 2026-07-28 request, and each request once the transport is stateless)
// reads and writes the same entry, so callers see each other's state
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const history: { sid?: string; text: string }[] = [];
// Typed through an alias of the file (review 79 point 4): a list all the same.
type Drafts = Array<{ sid?: string; body: string }>;
// TODO(mcp-migrate): drafts is a list of records that carry the MCP session id and are searched by
// it: explicit-handles rewrites state kept under the session id as a key (a Map or an object), not
// records in a list, so it leaves it. Keep each caller's records under an explicit handle in a
// shared store by hand (a handle one tool returns and the others take). Until then, every request
// without a session id (each 2026-07-28 request, and each request once the transport is stateless)
// reads and writes the same entry, so callers see each other's state
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const drafts: Drafts = [];

export function registerNotes(server: McpServer) {
  server.registerTool('add_note', { inputSchema: { text: z.string() } }, async ({ text }, extra) => {
    history.push({ sid: extra.sessionId, text });
    return { content: [{ type: 'text', text: 'noted' }] };
  });
  server.registerTool('save_draft', { inputSchema: { body: z.string() } }, async ({ body }, extra) => {
    drafts.push({ sid: extra.sessionId, body });
    return { content: [{ type: 'text', text: 'saved' }] };
  });
  server.registerTool('last_draft', {}, async (_args, extra) => ({ content: [{ type: 'text', text: drafts.filter((d) => d.sid === extra.sessionId).pop()?.body ?? '' }] }));
  server.registerTool('list_notes', {}, async (_args, extra) => ({
    content: [{ type: 'text', text: history.filter((h) => h.sid === extra.sessionId).map((h) => h.text).join('\n') }],
  }));
}
