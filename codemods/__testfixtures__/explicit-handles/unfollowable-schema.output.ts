// One tool's schema is a shared constant the codemod cannot extend: the state is left as it is and
// both places are marked, so no tool is half-migrated.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { searchShape } from './shapes.js';

// TODO(mcp-migrate): queries is keyed by the MCP session id; explicit-handles left it unchanged
// because search has an input schema it cannot extend: add a required query_id argument there, then
// run fix again (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const queries = new Map<string, string[]>();

export function register(server: McpServer) {
  // TODO(mcp-migrate): add a required query_id argument ("Handle from create_query") to this tool's
  // input schema (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
  server.tool('search', 'Search and remember the query', searchShape, async ({ q }, extra) => {
    queries.set(extra.sessionId!, [...(queries.get(extra.sessionId!) ?? []), q]);
    return { content: [{ type: 'text', text: `searched ${q}` }] };
  });

  server.tool('history', 'Queries so far', { limit: z.number().optional() }, async ({ limit }, extra) => ({
    content: [{ type: 'text', text: (queries.get(extra.sessionId!) ?? []).slice(0, limit).join(', ') }],
  }));
}
