// Per-session state whose values are a class of this file (trial 76B B3/B6): a draft with its undo
// history, named `DraftSession` but holding the user's text, not a transport or a server. It is the
// application's state, so explicit-handles looks at it and says why it leaves it (its instances are
// not plain JSON). A class named for a session that wraps a transport is a session map's: not
// marked here (stateless-transport's).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

class DraftSession {
  private body = '';
  private readonly undos: string[] = [];
  write(more: string) {
    this.undos.push(this.body);
    this.body += more;
  }
  read() {
    return { body: this.body, undos: this.undos.length };
  }
}

class LiveSession {
  constructor(readonly transport: StreamableHTTPServerTransport) {}
}

const drafts = new Map<string, DraftSession>();
export const live = new Map<string, LiveSession>();

export function register(server: McpServer) {
  server.tool('write', 'Write to the draft', { text: z.string() }, async ({ text }, extra) => {
    const draft = drafts.get(extra.sessionId!) ?? new DraftSession();
    draft.write(text);
    drafts.set(extra.sessionId!, draft);
    live.get(extra.sessionId!);
    return { content: [{ type: 'text', text: JSON.stringify(draft.read()) }] };
  });
}
