// Look-alike of low-level-two-blockers: the same tools/call server whose state is plain JSON. Its
// one reason keeps a marker of its own: no list of reasons for a single one.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

type Tally = { total: number; seen: string[] };
const tallies = new Map<string, Tally>();

export function buildServer(): Server {
  const server = new Server({ name: 'tally', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [{ name: 'count', description: 'Count a word once', inputSchema: { type: 'object', properties: { word: { type: 'string' } } } }],
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request, ctx) => {
    const key = ctx.sessionId ?? 'local';
    const tally = tallies.get(key) ?? { total: 0, seen: [] };
    const word = String(request.params.arguments?.word ?? '');
    if (!tally.seen.includes(word)) {
      tally.seen.push(word);
      tally.total += 1;
    }
    tallies.set(key, tally);
    return { content: [{ type: 'text', text: String(tally.total) }] };
  });
  return server;
}
