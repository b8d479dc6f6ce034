// Two tools with an identical line that needs a marker: each gets its own (a marker placed by
// content must land on the nearest matching line, not on the first one twice).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintingHandle } from './mcp-state.js';

const drafts = handleState<string>('drafts');

export function register(server: McpServer) {
  server.tool('write_draft', 'Write. Returns draft_id: pass it to publish_a, publish_b.', { text: z.string() }, mintingHandle(drafts, { handle: 'draft_id', initial: '' }, async ({ draft_id, text }, _extra) => {
    drafts.set(draft_id, text);
    return { content: [{ type: 'text', text: 'Saved' }] };
  }));

  server.tool('publish_a', 'A', { draft_id: z.string().describe('Handle from write_draft') }, withHandle(drafts, { handle: 'draft_id', mintedBy: 'write_draft' }, async ({ draft_id }, _extra) => {
    // TODO(mcp-migrate): elicitInput() asks the client mid-call: a stateless server knows no client
    // capabilities from a handshake and holds no stream for the answer, so this fails; return an
    // input_required result (multi-round-trip) and resume from requestState instead
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr)
    const answer = await server.server.elicitInput({ message: 'ok?' });
    const text = drafts.get(draft_id);
    return { content: [{ type: 'text', text: String(text) + answer.action }] };
  }));

  server.tool('publish_b', 'B', { draft_id: z.string().describe('Handle from write_draft') }, withHandle(drafts, { handle: 'draft_id', mintedBy: 'write_draft' }, async ({ draft_id }, _extra) => {
    // TODO(mcp-migrate): elicitInput() asks the client mid-call: a stateless server knows no client
    // capabilities from a handshake and holds no stream for the answer, so this fails; return an
    // input_required result (multi-round-trip) and resume from requestState instead
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr)
    const answer = await server.server.elicitInput({ message: 'ok?' });
    const text = drafts.get(draft_id);
    return { content: [{ type: 'text', text: String(text) + answer.action }] };
  }));
}
