// Look-alike of low-level-two-blockers: the same tools/call server whose state is plain JSON. Its
// one reason keeps a marker of its own: no list of reasons for a single one.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

type Tally = { total: number; seen: string[] };
// TODO(mcp-migrate): tallies is keyed by the MCP session id; explicit-handles left it unchanged
// because it cannot extend the input schema of the tools/call handler, which no run of fix gets
// past: add a required tally_id argument to the tools it serves by hand (their schemas are in the
// tools/list handler), minted by a create_tally tool, and key tallies by it in a shared store
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const tallies = new Map<string, Tally>();

export function buildServer(): Server {
  const server = new Server({ name: 'tally', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [{ name: 'count', description: 'Count a word once', inputSchema: { type: 'object', properties: { word: { type: 'string' } } } }],
  }));
  // TODO(mcp-migrate): add a required tally_id argument to the input schema of the tools this
  // handler serves (their schemas are in the tools/list handler), minted by a create_tally tool
  // (fix adds it once it can extend every tool that uses tallies)
  // (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
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
