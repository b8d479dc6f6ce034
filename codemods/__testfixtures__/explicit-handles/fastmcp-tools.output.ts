// FastMCP registers tools with addTool(), which explicit-handles does not extend: the markers ask
// for the whole change by hand, with no promise that another run makes it, and say which tool
// already takes the handle (trial 20C).
import { FastMCP } from 'fastmcp';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

// TODO(mcp-migrate): drafts is keyed by the MCP session id; explicit-handles rewrites only the
// SDK's tool() and registerTool() registrations, and the tool add_line, the tool show_draft are
// registered with addTool(); by hand, give the tool show_draft a required draft_id argument (minted
// by a create_draft tool) as the tool add_line already has, key drafts by it, and keep it in a
// shared store (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const drafts = new Map<string, string[]>();
const server = new FastMCP({ name: 'drafts', version: '1.0.0' });

server.addTool({ name: 'create_draft', parameters: z.object({}), execute: async () => randomUUID() });

server.addTool({
  // TODO(mcp-migrate): this tool already takes draft_id: key drafts by it instead of the MCP
  // session id (explicit-handles does not rewrite addTool() registrations)
  // (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
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
  // TODO(mcp-migrate): give this tool a required draft_id argument, minted by a create_draft tool,
  // and key drafts by it (explicit-handles does not rewrite addTool() registrations)
  // (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
  name: 'show_draft',
  parameters: z.object({}),
  execute: async (_args, context) => (drafts.get(context.sessionId ?? '') ?? []).join('\n'),
});

server.start({ transportType: 'httpStream', httpStream: { port: 8080, stateless: true } });
