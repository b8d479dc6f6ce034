// What explicit-handles must not guess: a server→client request and a per-session rate limit.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintingHandle } from './mcp-state.js';

const drafts = handleState<string>('drafts');
// TODO(mcp-migrate): requestCounts counts per session; 2026-07-28 has no sessions: key it by the
// authenticated principal (or client id) in a shared store such as Redis
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const requestCounts = new Map<string, number>();

export function register(server: McpServer) {
  server.tool('write_draft', 'Write a draft. Returns draft_id: pass it to publish_draft.', { text: z.string() }, mintingHandle(drafts, { handle: 'draft_id', initial: '' }, async ({ draft_id, text }, extra) => {
    requestCounts.set(extra.sessionId!, (requestCounts.get(extra.sessionId!) ?? 0) + 1);
    drafts.set(draft_id, text);
    return { content: [{ type: 'text', text: 'Saved' }] };
  }));

  server.tool('publish_draft', 'Publish after confirming', { draft_id: z.string().describe('Handle from write_draft') }, withHandle(drafts, { handle: 'draft_id', mintedBy: 'write_draft' }, async ({ draft_id }, _extra) => {
    // TODO(mcp-migrate): elicitInput() asks the client mid-call: a stateless server knows no client
    // capabilities from a handshake and holds no stream for the answer, so this fails; return an
    // input_required result (multi-round-trip) and resume from requestState instead
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr)
    const answer = await server.server.elicitInput({ message: 'Publish?', requestedSchema: { type: 'object', properties: {} } });
    if (answer.action !== 'accept') return { content: [{ type: 'text', text: 'Kept as draft' }] };
    const text = drafts.get(draft_id);
    return { content: [{ type: 'text', text: `Published: ${text}` }] };
  }));
}
