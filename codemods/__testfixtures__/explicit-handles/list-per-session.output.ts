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
      // TODO(mcp-migrate): confirm() asks the client mid-call: a stateless server knows no client
      // capabilities from a handshake and holds no stream for the answer, so this fails; return an
      // input_required result (multi-round-trip) and resume from requestState instead
      // (https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr)
      const go = await this.confirm(server, request.params.name);
      return { content: [{ type: 'text', text: go ? 'ran' : 'skipped' }] };
    });
  }
}
