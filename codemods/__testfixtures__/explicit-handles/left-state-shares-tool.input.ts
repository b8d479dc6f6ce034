// A tool that keeps two states under the session id, one of which explicit-handles leaves (a
// timer changes it after the call returns): giving the tool a handle would rewrite its session-id
// read, and so key the left map by the handle here while the status tool reads it by session id
// (trial 62A B1). Both are left; a state only other tools use is still moved. Work left running
// that reads a map through a helper (notesOf) reaches it after the call returns too.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const notes = new Map<string, string[]>();
const jobs = new Map<string, string>();
const drafts = new Map<string, string>();
const notesOf = (sid: string) => notes.get(sid) ?? [];
const carts = new Map<string, string[]>();
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
  server.registerTool('save_draft', { inputSchema: { text: z.string() } }, async ({ text }, extra) => {
    drafts.set(extra.sessionId!, text);
    return { content: [{ type: 'text', text: 'drafted' }] };
  });
  server.registerTool('read_draft', {}, async (_args, extra) => ({ content: [{ type: 'text', text: drafts.get(extra.sessionId!) ?? '' }] }));
}
