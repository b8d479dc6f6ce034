// The builder is handed a function that returns the session id (`() => transport.sessionId`), and
// a tool keys its state by what that returns: the handle takes its place, as for `extra.sessionId`.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintingHandle } from './mcp-state.js';

const drafts = handleState<string>('drafts');

export function buildServer(sessionIdOf: () => string | undefined) {
  const server = new McpServer({ name: 'drafts', version: '1.0.0' });
  server.tool('save_draft', 'Returns draft_id: pass it to read_draft.', { text: z.string() }, mintingHandle(drafts, { handle: 'draft_id', initial: '' }, async ({ draft_id, text }) => {
    drafts.set(draft_id, text);
    return { content: [{ type: 'text', text: 'saved' }] };
  }));
  server.tool('read_draft', { draft_id: z.string().describe('Handle from save_draft') }, withHandle(drafts, { handle: 'draft_id', mintedBy: 'save_draft' }, async ({ draft_id }) => ({ content: [{ type: 'text', text: drafts.get(draft_id) ?? '' }] })));
  return server;
}

export function serve(transport: { sessionId?: string }) {
  return buildServer(() => transport.sessionId);
}
