// A tool that keeps two states under the session id, one of which explicit-handles leaves (a
// timer changes it after the call returns): giving the tool a handle would rewrite its session-id
// read, and so key the left map by the handle here while the status tool reads it by session id
// (trial 62A B1). Both are left; a state only other tools use is still moved. Work left running
// that reads a map through a helper (notesOf) reaches it after the call returns too.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintingHandle } from './mcp-state.js';

// TODO(mcp-migrate): notes is keyed by the MCP session id, and the tool start_export leaves work
// running that reaches it after the call returns (setTimeout(…)): under explicit handles the shared
// store keeps what a handler left when it returned, so changes made later would never reach it (and
// reads made later would not see the handle's entry), and explicit-handles leaves it. Have that
// work read and write the shared store under the handle itself (or finish it within the call), then
// give the tools a handle argument by hand
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const notes = new Map<string, string[]>();
// TODO(mcp-migrate): jobs is keyed by the MCP session id, and the tool start_export leaves work
// running that changes its entries after the call returns (setTimeout(…)): under explicit handles a
// handle's value is saved to the shared store once, when the handler returns, so what that work
// changes later would never reach the store (a job polled there would stay as the handler left it),
// and explicit-handles leaves it. Have that work write the shared store under the handle itself (or
// finish it within the call), then give the tools a handle argument by hand
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const jobs = new Map<string, string>();
const drafts = handleState<string>('drafts');
const notesOf = (sid: string) => notes.get(sid) ?? [];
// TODO(mcp-migrate): carts is keyed by the MCP session id, and the tool checkout keys it and
// receipts, which explicit-handles leaves, by the same extra.sessionId!: giving the tool a handle
// would key receipts by the handle there and by the session id elsewhere, so it leaves carts too.
// Deal with receipts first (see its marker), or key each by its own expression, then run fix again
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const carts = new Map<string, string[]>();
// TODO(mcp-migrate): receipts is keyed by the MCP session id, and the tool checkout leaves work
// running that changes its entries after the call returns (setTimeout(…)): under explicit handles a
// handle's value is saved to the shared store once, when the handler returns, so what that work
// changes later would never reach the store (a job polled there would stay as the handler left it),
// and explicit-handles leaves it. Have that work write the shared store under the handle itself (or
// finish it within the call), then give the tools a handle argument by hand
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const receipts = new Map<string, string>();

export function register(server: McpServer) {
  server.registerTool('add_note', { inputSchema: { text: z.string() } }, async ({ text }, extra) => {
    const list = notes.get(extra.sessionId!) ?? [];
    list.push(text);
    notes.set(extra.sessionId!, list);
    return { content: [{ type: 'text', text: 'saved' }] };
  });
  server.registerTool('start_export', {}, async (_args, extra) => {
    const sid = extra.sessionId!;
    jobs.set(sid, 'running');
    setTimeout(() => jobs.set(sid, `${notesOf(sid).length} notes`), 100);
    return { content: [{ type: 'text', text: 'started' }] };
  });
  server.registerTool('export_status', {}, async (_args, extra) => ({ content: [{ type: 'text', text: jobs.get(extra.sessionId!) ?? 'none' }] }));
  server.registerTool('add_item', { inputSchema: { item: z.string() } }, async ({ item }, extra) => {
    carts.set(extra.sessionId!, [...(carts.get(extra.sessionId!) ?? []), item]);
    return { content: [{ type: 'text', text: 'added' }] };
  });
  server.registerTool('checkout', {}, async (_args, extra) => {
    const sid = extra.sessionId!;
    const total = (carts.get(sid) ?? []).length;
    receipts.set(sid, 'pending');
    setTimeout(() => receipts.set(sid, `${total} items paid`), 100);
    return { content: [{ type: 'text', text: 'paying' }] };
  });
  server.registerTool('receipt', {}, async (_args, extra) => ({ content: [{ type: 'text', text: receipts.get(extra.sessionId!) ?? 'none' }] }));
  server.registerTool('save_draft', { description: 'Returns draft_id: pass it to read_draft.', inputSchema: { text: z.string() }, outputSchema: { draft_id: z.string().describe('Pass it to read_draft') } }, mintingHandle(drafts, { handle: 'draft_id', initial: '' }, async ({ draft_id, text }, _extra) => {
    drafts.set(draft_id, text);
    return { content: [{ type: 'text', text: 'drafted' }] };
  }));
  server.registerTool('read_draft', { inputSchema: { draft_id: z.string().describe('Handle from save_draft') } }, withHandle(drafts, { handle: 'draft_id', mintedBy: 'save_draft' }, async ({ draft_id }, _extra) => ({ content: [{ type: 'text', text: drafts.get(draft_id) ?? '' }] })));
}
