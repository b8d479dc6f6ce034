// The drafts' type is declared in draft.ts, a module of the run (trial 76B B4), and a field of it
// in revision.ts, which draft.ts imports: explicit-handles reads both there, finds plain JSON, and
// gives the drafts a handle as it would with the type written in this file.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { type Draft, newDraft } from './draft.js';

const drafts = new Map<string, Draft>();

export function build(): McpServer {
  const server = new McpServer({ name: 'drafts', version: '1.0.0' });
  server.registerTool('open_draft', { description: 'Start a draft', inputSchema: { title: z.string() } }, async ({ title }, extra) => {
    drafts.set(extra.sessionId!, newDraft(title));
    return { content: [{ type: 'text', text: `opened ${title}` }] };
  });
  server.registerTool('append_text', { description: 'Append to the draft', inputSchema: { text: z.string() } }, async ({ text }, extra) => {
    const draft = drafts.get(extra.sessionId!);
    if (!draft) return { isError: true, content: [{ type: 'text', text: 'no draft open' }] };
    draft.revisions.push({ at: Date.now(), text: draft.text });
    draft.text += text;
    return { content: [{ type: 'text', text: draft.text }] };
  });
  return server;
}
