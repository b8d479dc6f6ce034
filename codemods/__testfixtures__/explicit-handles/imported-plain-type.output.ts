// The drafts' type is declared in draft.ts, a module of the run (trial 76B B4), and a field of it
// in revision.ts, which draft.ts imports: explicit-handles reads both there, finds plain JSON, and
// gives the drafts a handle as it would with the type written in this file.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { type Draft, newDraft } from './draft.js';
import { handleState, withHandle, mintingHandle } from './mcp-state.js';

const drafts = handleState<Draft>('drafts');

export function build(): McpServer {
  const server = new McpServer({ name: 'drafts', version: '1.0.0' });
  server.registerTool('open_draft', { description: 'Start a draft. Returns draft_id: pass it to append_text.', inputSchema: { title: z.string() }, outputSchema: { draft_id: z.string().describe('Pass it to append_text') } }, mintingHandle(drafts, { handle: 'draft_id', initial: { title: '', text: '', revisions: [] } }, async ({ draft_id, title }, _extra) => {
    drafts.set(draft_id, newDraft(title));
    return { content: [{ type: 'text', text: `opened ${title}` }] };
  }));
  server.registerTool('append_text', { description: 'Append to the draft', inputSchema: { draft_id: z.string().describe('Handle from open_draft'), text: z.string() } }, withHandle(drafts, { handle: 'draft_id', mintedBy: 'open_draft' }, async ({ draft_id, text }, _extra) => {
    const draft = drafts.get(draft_id);
    if (!draft) return { isError: true, content: [{ type: 'text', text: 'no draft open' }] };
    draft.revisions.push({ at: Date.now(), text: draft.text });
    draft.text += text;
    return { content: [{ type: 'text', text: draft.text }] };
  }));
  return server;
}
