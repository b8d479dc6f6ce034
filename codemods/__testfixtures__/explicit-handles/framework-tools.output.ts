// Tools registered through mcp-use's own API (`server.tool({ name, schema }, cb)`): not the SDK's
// arguments, so explicit-handles marks the state instead of rewriting the registrations.
import { MCPServer, text } from 'mcp-use/server';
import { z } from 'zod';

const server = new MCPServer({ name: 'prefs', version: '1.0.0', stateless: true });

// TODO(mcp-migrate): prefs is keyed by the MCP session id in tools registered through a framework's
// own API (set_pref, get_pref), which explicit-handles does not rewrite: give each a required
// handle argument by hand (one a tool mints and returns), and keep prefs under that handle in a
// store every instance reaches
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const prefs = new Map<string, string>();

server.tool({ name: 'set_pref', description: 'Set', schema: z.object({ value: z.string() }) }, async ({ value }, ctx) => {
  prefs.set(ctx.session.sessionId, value);
  return text('saved');
});

server.tool({ name: 'get_pref', description: 'Get', schema: z.object({}) }, async (_p, ctx) => text(prefs.get(ctx.session.sessionId) ?? 'none'));

server.listen(3000);
