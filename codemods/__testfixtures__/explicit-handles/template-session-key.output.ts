// A map keyed by the session id alone, written as a template (`${extra.sessionId}`): no more joined
// to it than the id, so it moves to a handle like any other (review 65).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintHandle } from './mcp-state.js';

const visits = handleState<string[]>('visits');

export function register(server: McpServer) {
  server.registerTool('create_visit', { description: 'Create a new visit and return its visit_id. Pass visit_id to visit, history. One visit_id holds a whole list: call create_visit once, not once per item. It expires after 24 hours without use.', outputSchema: { visit_id: z.string().describe('Pass it to visit, history') } }, async (extra) => mintHandle(visits, { handle: 'visit_id', initial: [], description: 'Created visit.' }, extra));

  server.registerTool('visit', { inputSchema: { visit_id: z.string().describe('Handle from create_visit'), page: z.string() } }, withHandle(visits, { handle: 'visit_id', mintedBy: 'create_visit' }, async ({ visit_id, page }, _extra) => {
    const list = visits.get(`${visit_id}`) ?? [];
    list.push(page);
    visits.set(`${visit_id}`, list);
    return { content: [{ type: 'text', text: `${list.length} visits` }] };
  }));
  server.registerTool('history', { inputSchema: { visit_id: z.string().describe('Handle from create_visit') } }, withHandle(visits, { handle: 'visit_id', mintedBy: 'create_visit' }, async ({ visit_id }, _extra) => ({
    content: [{ type: 'text', text: (visits.get(visit_id + '') ?? []).join(', ') }],
  })));
}
