// Look-alike of initial-from-helper: the new entry the code makes holds a value computed at run
// time (`Date.now()`), no constant a minted handle could start as: the handle starts from the
// type's fields, as before.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintHandle } from './mcp-state.js';

interface Tally { total: number; startedAt: number }

const tallies = handleState<Tally>('tallies');

export function register(server: McpServer) {
  server.registerTool('create_tally', { description: 'Create a new tally and return its tally_id. Pass tally_id to add, total. It expires after 24 hours without use.', outputSchema: { tally_id: z.string().describe('Pass it to add, total') } }, async (extra) => mintHandle(tallies, { handle: 'tally_id', initial: { total: 0, startedAt: 0 }, description: 'Created tally.' }, extra));

  server.registerTool('add', { description: 'Add a number', inputSchema: { tally_id: z.string().describe('Handle from create_tally'), n: z.number() } }, withHandle(tallies, { handle: 'tally_id', mintedBy: 'create_tally' }, async ({ tally_id, n }, _extra) => {
    let t = tallies.get(tally_id);
    if (!t) {
      t = { total: 1, startedAt: Date.now() };
      tallies.set(tally_id, t);
    }
    t.total += n;
    return { content: [{ type: 'text', text: String(t.total) }] };
  }));
  server.registerTool('total', { description: 'Show the total', inputSchema: { tally_id: z.string().describe('Handle from create_tally') } }, withHandle(tallies, { handle: 'tally_id', mintedBy: 'create_tally' }, async ({ tally_id }, _extra) => ({ content: [{ type: 'text', text: String(tallies.get(tally_id)?.total ?? 0) }] })));
}
