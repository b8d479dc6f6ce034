// A low-level server whose tool list is kept per session (each session unlocks tools), and whose
// tools/call asks the client through a helper: no handle fixes a list that varies per session,
// and the request to the client is marked where the handler makes it.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

type Unlocked = { name: string; description: string };

export class Workshop {
  // TODO(mcp-migrate): unlockedBySession is keyed by the MCP session id and the tools/list handler
  // answers from it: that list varies per session, and 2026-07-28 lists must be the same for every
  // request (they may vary by the request's auth only). Serve one list to everyone, and check in
  // the handler that runs an entry whether this caller may use it
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
