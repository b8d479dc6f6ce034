// FastMCP registers tools with addTool(), which explicit-handles does not extend: the markers ask
// for the whole change by hand, with no promise that another run makes it, and say which tool
// already takes the handle (trial 20C).
import { FastMCP } from 'fastmcp';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

const drafts = new Map<string, string[]>();
const server = new FastMCP({ name: 'drafts', version: '1.0.0' });

server.addTool({ name: 'create_draft', parameters: z.object({}), execute: async () => randomUUID() });

server.addTool({
  name: 'add_line',
  parameters: z.object({ draft_id: z.string(), line: z.string() }),
  execute: async (args, { sessionId }) => {
    const lines = drafts.get(sessionId ?? '') ?? [];
    lines.push(args.line);
    drafts.set(sessionId ?? '', lines);
    return `${lines.length} lines`;
  },
});

server.addTool({
  name: 'show_draft',
  parameters: z.object({}),
  execute: async (_args, context) => (drafts.get(context.sessionId ?? '') ?? []).join('\n'),
});

server.start({ transportType: 'httpStream', httpStream: { port: 8080, stateless: true } });
