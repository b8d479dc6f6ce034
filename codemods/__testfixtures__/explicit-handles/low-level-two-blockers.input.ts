// A low-level Server whose one tools/call handler serves every tool (trial 77A B3): no run of fix
// can give it a handle argument, and its state also holds a Set, which is not plain JSON. Both are
// named in one marker, the one no run of fix gets past first (the first run named the Set alone,
// and the tools/call handler only after the user had rewritten it).
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

type Tally = { total: number; seen: Set<string> };
const tallies = new Map<string, Tally>();

export function buildServer(): Server {
  const server = new Server({ name: 'tally', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [{ name: 'count', description: 'Count a word once', inputSchema: { type: 'object', properties: { word: { type: 'string' } } } }],
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request, ctx) => {
    const key = ctx.sessionId ?? 'local';
    const tally = tallies.get(key) ?? { total: 0, seen: new Set<string>() };
    const word = String(request.params.arguments?.word ?? '');
    if (!tally.seen.has(word)) {
      tally.seen.add(word);
      tally.total += 1;
    }
    tallies.set(key, tally);
    return { content: [{ type: 'text', text: String(tally.total) }] };
  });
  return server;
}
