// A basket kept under the session's transport object, not its id (trial 78B B1): no read of the
// session id to turn into the handle, so explicit-handles marks it and moves nothing. The basket
// keyed by the session id beside it is moved as usual.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';
import { handleState, withHandle, mintHandle } from './mcp-state.js';

const baskets = new WeakMap<StreamableHTTPServerTransport, string[]>();
const notes = handleState<string[]>('notes');

export function buildServer(transport: StreamableHTTPServerTransport): McpServer {
  const server = new McpServer({ name: 'basket', version: '1.0.0' });
  server.registerTool('open_basket', { inputSchema: {} }, async () => {
    // TODO(mcp-migrate): baskets is keyed here by transport, the session's transport object, not a
    // read of its id, which explicit-handles cannot turn into the handle: it left baskets
    // unchanged. Give the tools an explicit handle argument and key baskets by it in a shared store
    // by hand (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
    baskets.set(transport, []);
    return { content: [{ type: 'text', text: 'Basket open.' }] };
  });
  server.registerTool('put', { inputSchema: { sku: z.string() } }, async ({ sku }) => {
    const basket = baskets.get(transport);
    if (!basket) return { isError: true, content: [{ type: 'text', text: 'Open a basket first.' }] };
    basket.push(sku);
    return { content: [{ type: 'text', text: basket.join(', ') }] };
  });
  server.registerTool('create_note', { description: 'Create a new note and return its note_id. Pass note_id to note. One note_id holds a whole list: call create_note once, not once per item. It expires after 24 hours without use.', outputSchema: { note_id: z.string().describe('Pass it to note') } }, async (extra) => mintHandle(notes, { handle: 'note_id', initial: [], description: 'Created note.' }, extra));

  server.registerTool('note', { inputSchema: { note_id: z.string().describe('Handle from create_note'), text: z.string() } }, withHandle(notes, { handle: 'note_id', mintedBy: 'create_note' }, async ({ note_id, text }, _extra) => {
    const list = notes.get(note_id) ?? [];
    list.push(text);
    notes.set(note_id, list);
    return { content: [{ type: 'text', text: list.join('\n') }] };
  }));
  return server;
}
