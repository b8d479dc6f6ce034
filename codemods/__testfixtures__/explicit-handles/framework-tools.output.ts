// Tools registered through mcp-use's own API (`server.tool({ name, schema }, cb)`): not the SDK's
// arguments, so explicit-handles marks the state instead of rewriting the registrations.
import { MCPServer, text } from 'mcp-use/server';
import { z } from 'zod';

const server = new MCPServer({ name: 'prefs', version: '1.0.0', stateless: true });

// TODO(mcp-migrate): prefs is keyed by the MCP session id; explicit-handles rewrites only the SDK's
// tool() and registerTool() registrations, and the tool get_pref is registered with tool({ name,
// ... }); by hand, give the tool get_pref a required pref_id argument (minted by a set_pref tool),
// key prefs by it, and keep it in a shared store
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const prefs = new Map<string, string>();

server.tool({ name: 'set_pref', description: 'Set', schema: z.object({ value: z.string() }) }, async ({ value }, ctx) => {
  prefs.set(ctx.session.sessionId, value);
  return text('saved');
});

// TODO(mcp-migrate): give this tool a required pref_id argument, minted by a set_pref tool, and key
// prefs by it (explicit-handles does not rewrite tool({ name, ... }) registrations)
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
server.tool({ name: 'get_pref', description: 'Get', schema: z.object({}) }, async (_p, ctx) => text(prefs.get(ctx.session.sessionId) ?? 'none'));

server.listen(3000);
