// A map keyed by the session id alone, written as a template (`${extra.sessionId}`): no more joined
// to it than the id, so it moves to a handle like any other (review 65).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const visits = new Map<string, string[]>();

export function register(server: McpServer) {
  server.registerTool('visit', { inputSchema: { page: z.string() } }, async ({ page }, extra) => {
    const list = visits.get(`${extra.sessionId}`) ?? [];
    list.push(page);
    visits.set(`${extra.sessionId}`, list);
    return { content: [{ type: 'text', text: `${list.length} visits` }] };
  });
  server.registerTool('history', { inputSchema: {} }, async (_args, extra) => ({
    content: [{ type: 'text', text: (visits.get(extra.sessionId + '') ?? []).join(', ') }],
  }));
}
