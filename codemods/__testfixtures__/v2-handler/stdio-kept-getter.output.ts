// A getter that hands out one kept server: serveStdio calls its factory for the connection and
// once more for a discover probe, so the two would share one server. Marked, not moved.
import { McpServer } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';

let kept: McpServer | undefined;

function getServer(): McpServer {
  if (!kept) kept = new McpServer({ name: 'kept', version: '1.0.0' });
  return kept;
}

// TODO(mcp-migrate): StdioServerTransport speaks 2025 only, also on the v2 packages: getServer()
// hands out one kept server, and serveStdio calls its factory for the connection and once more for
// a discover probe: make getServer() build a new server on every call, then run fix again
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/stdio)
await getServer().connect(new StdioServerTransport());
