// One tool's schema is a shared constant the codemod cannot extend: the state is left as it is and
// both places are marked, so no tool is half-migrated.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { searchShape } from './shapes.js';

// TODO(mcp-migrate): queries is keyed by the MCP session id; explicit-handles left it unchanged
// because it cannot extend the input schema of the tool search: add a required query_id argument
// there (and a create_query tool that mints it), then run fix again
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const queries = new Map<string, string[]>();

export function register(server: McpServer) {
  // TODO(mcp-migrate): add a required query_id argument to the input schema of this tool, minted by
  // a create_query tool (fix adds it once it can extend every tool that uses queries)
  // (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
  server.tool('search', 'Search and remember the query', searchShape, async ({ q }, extra) => {
    queries.set(extra.sessionId!, [...(queries.get(extra.sessionId!) ?? []), q]);
    return { content: [{ type: 'text', text: `searched ${q}` }] };
  });

  server.tool('history', 'Queries so far', { limit: z.number().optional() }, async ({ limit }, extra) => ({
    content: [{ type: 'text', text: (queries.get(extra.sessionId!) ?? []).slice(0, limit).join(', ') }],
  }));
}
