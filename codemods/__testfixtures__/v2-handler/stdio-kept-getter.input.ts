// A getter that hands out one kept server: serveStdio calls its factory for the connection and
// once more for a discover probe, so the two would share one server. Marked, not moved.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

let kept: McpServer | undefined;

function getServer(): McpServer {
  if (!kept) kept = new McpServer({ name: 'kept', version: '1.0.0' });
  return kept;
}

await getServer().connect(new StdioServerTransport());
