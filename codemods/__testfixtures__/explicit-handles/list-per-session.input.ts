// A low-level server whose tool list is kept per session (each session unlocks tools), and whose
// tools/call asks the client through a helper: no handle fixes a list that varies per session,
// and the request to the client is marked where the handler makes it.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

type Unlocked = { name: string; description: string };

export class Workshop {
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
      const go = await this.confirm(server, request.params.name);
      return { content: [{ type: 'text', text: go ? 'ran' : 'skipped' }] };
    });
  }
}
