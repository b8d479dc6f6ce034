// A low-level server whose tool list is kept per session (each session unlocks tools), and whose
// tools/call asks the client through a helper: no handle fixes a list that varies per session,
// and the request to the client is marked where the handler makes it.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

type Unlocked = { name: string; description: string };

export class Workshop {
  // TODO(mcp-migrate): unlockedBySession is keyed by the MCP session id, and explicit-handles
  // leaves it for 2 reasons, each to deal with before it can move it: (1) the tools/list handler
  // answers from it, and lists must be the same for every request; (2) it cannot extend the input
  // schema of the tools/call handler, which no run of fix gets past: add a required unlocked_id
  // argument to the tools it serves by hand (their schemas are in the tools/list handler), minted
  // by a create_unlocked tool, and key unlockedBySession by it in a shared store.
  // (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
  private unlockedBySession: Record<string, Unlocked[]> = {};

  private async confirm(server: Server, what: string) {
    const answer = await server.elicitInput({ message: `Run ${what}?`, requestedSchema: { type: 'object', properties: {} } });
    return answer.action === 'accept';
  }

  attach(server: Server) {
    server.setRequestHandler(ListToolsRequestSchema, async (_request, extra) => ({
      tools: (this.unlockedBySession[extra.sessionId ?? ''] ?? []).map((t) => ({ ...t, inputSchema: { type: 'object' as const } })),
    }));
    // TODO(mcp-migrate): add a required unlocked_id argument to the input schema of the tools this
    // handler serves (their schemas are in the tools/list handler), minted by a create_unlocked
    // tool (fix adds it once it can extend every tool that uses unlockedBySession)
    // (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
    server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
      const unlocked = this.unlockedBySession[extra.sessionId ?? ''] ?? [];
      if (!unlocked.some((t) => t.name === request.params.name)) return { content: [{ type: 'text', text: 'locked' }], isError: true };
      // TODO(mcp-migrate): confirm() asks the client mid-call, and fails on every request until
      // rewritten: a server built per request (a stateless transport) never sees initialize, so it
      // knows no client capabilities (the SDK's error says the client does not support the request,
      // whatever it declared), and it keeps no stream for the answer. Rewrite it to the 2026-07-28
      // multi-round-trip shape on the v2 packages (fix --target 2026-07-28): return inputRequired({
      // inputRequests: { ... } }), read the answer from ctx.mcpReq.inputResponses when the client
      // calls again, and keep what the call needs to resume in requestState
      // (https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr)
      const go = await this.confirm(server, request.params.name);
      return { content: [{ type: 'text', text: go ? 'ran' : 'skipped' }] };
    });
  }
}
