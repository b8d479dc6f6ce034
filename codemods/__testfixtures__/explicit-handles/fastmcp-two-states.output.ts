// Two states of FastMCP addTool() tools, the second also left for values that are not plain JSON
// (a Date): each tool gets one marker asking for a handle, the first state's, not a second one
// under another name; the second state's own marker says what it needs.
import { FastMCP } from 'fastmcp';
import { z } from 'zod';

// TODO(mcp-migrate): counters is keyed by the MCP session id; explicit-handles rewrites only the
// SDK's tool() and registerTool() registrations, and the tool increment, the tool show are
// registered with addTool(); by hand, give the tool increment, the tool show a required counter_id
// argument (minted by a create_counter tool), key counters by it, and keep it in a shared store
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const counters = new Map<string, number>();
// TODO(mcp-migrate): seen is keyed by the MCP session id, and explicit-handles leaves it for 2
// reasons, each to deal with before it can move it: (1) the tool show is registered with addTool(),
// which explicit-handles does not rewrite: by hand, give the tool show a required seen_id argument
// (minted by a increment tool), key seen by it, and keep it in a shared store; (2) it holds values
// of type { at: Date }, which is not plain JSON: store only its serialisable data (a Date as an ISO
// string). Until then, every request without a session id shares one entry of it.
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const seen = new Map<string, { at: Date }>();
const server = new FastMCP({ name: 'counter', version: '1.0.0' });

server.addTool({
  // TODO(mcp-migrate): give this tool a required counter_id argument, minted by a create_counter
  // tool, and key counters by it (explicit-handles does not rewrite addTool() registrations)
  // (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
  name: 'increment',
  parameters: z.object({}),
  execute: async (_args, { sessionId }) => {
    const n = (counters.get(sessionId ?? '') ?? 0) + 1;
    counters.set(sessionId ?? '', n);
    seen.set(sessionId ?? '', { at: new Date() });
    return String(n);
  },
});

server.addTool({
  // TODO(mcp-migrate): give this tool a required counter_id argument, minted by a create_counter
  // tool, and key counters by it (explicit-handles does not rewrite addTool() registrations)
  // (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
  name: 'show',
  parameters: z.object({}),
  execute: async (_args, { sessionId }) => `${counters.get(sessionId ?? '') ?? 0} since ${seen.get(sessionId ?? '')?.at.toISOString() ?? 'never'}`,
});

server.start({ transportType: 'httpStream', httpStream: { port: 8080, stateless: true } });
