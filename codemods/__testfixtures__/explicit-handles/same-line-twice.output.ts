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
    // TODO(mcp-migrate): elicitInput() asks the client mid-call, and fails on every request until
    // rewritten: a server built per request (a stateless transport) never sees initialize, so it
    // knows no client capabilities (the SDK's error says the client does not support the request,
    // whatever it declared), and it keeps no stream for the answer. Rewrite it to the 2026-07-28
    // multi-round-trip shape on the v2 packages (fix --target 2026-07-28): return inputRequired({
    // inputRequests: { ... } }), read the answer from ctx.mcpReq.inputResponses when the client
    // calls again, and keep what the call needs to resume in requestState
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr)
    const answer = await server.server.elicitInput({ message: 'ok?' });
    const text = drafts.get(draft_id);
    return { content: [{ type: 'text', text: String(text) + answer.action }] };
  }));

  server.tool('publish_b', 'B', { draft_id: z.string().describe('Handle from write_draft') }, withHandle(drafts, { handle: 'draft_id', mintedBy: 'write_draft' }, async ({ draft_id }, _extra) => {
    // TODO(mcp-migrate): elicitInput() asks the client mid-call, and fails on every request until
    // rewritten: a server built per request (a stateless transport) never sees initialize, so it
    // knows no client capabilities (the SDK's error says the client does not support the request,
    // whatever it declared), and it keeps no stream for the answer. Rewrite it to the 2026-07-28
    // multi-round-trip shape on the v2 packages (fix --target 2026-07-28): return inputRequired({
    // inputRequests: { ... } }), read the answer from ctx.mcpReq.inputResponses when the client
    // calls again, and keep what the call needs to resume in requestState
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr)
    const answer = await server.server.elicitInput({ message: 'ok?' });
    const text = drafts.get(draft_id);
    return { content: [{ type: 'text', text: String(text) + answer.action }] };
  }));
}
