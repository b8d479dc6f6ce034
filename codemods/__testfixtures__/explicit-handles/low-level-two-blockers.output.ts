// A low-level Server whose one tools/call handler serves every tool (trial 77A B3): no run of fix
// can give it a handle argument, and its state also holds a Set, which is not plain JSON. Both are
// named in one marker, the one no run of fix gets past first (the first run named the Set alone,
// and the tools/call handler only after the user had rewritten it).
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

type Tally = { total: number; seen: Set<string> };
// TODO(mcp-migrate): tallies is keyed by the MCP session id, and explicit-handles leaves it for 2
// reasons, each to deal with before it can move it: (1) it cannot extend the input schema of the
// tools/call handler, which no run of fix gets past: add a required tally_id argument to the tools
// it serves by hand (their schemas are in the tools/list handler), minted by a create_tally tool,
// and key tallies by it in a shared store; (2) it holds values of type Tally, which is not plain
// JSON: store only its serialisable data (a Set as an array). Until then, every request without a
// session id shares one entry of it.
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
