// The same ending, with a comment in the .catch handler: a rewrite would lose it, so the connect
// stays, marked (trial 66C).
import { McpServer } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';

function buildServer(): McpServer {
  return new McpServer({ name: 'caught', version: '1.0.0' });
}

// TODO(mcp-migrate): StdioServerTransport speaks 2025 only, also on the v2 packages: serve stdio
// with serveStdio(() => buildServer()) of the @modelcontextprotocol/server/stdio module (the
// factory runs per connection, and once more for a server/discover probe: keep process-wide set-up,
// a port it listens on or a process it starts, out of it)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/stdio)
buildServer().connect(new StdioServerTransport()).catch((error) => {
  // The supervisor restarts us on a non-zero exit.
  console.error(error);
  process.exit(1);
});
