// A server built in an immediately run function, closed by a signal handler (read-through 71): no
// module's one server, so the marker gives the general advice.
import { McpServer } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';

(async () => {
  const server = new McpServer({ name: 'iife', version: '1.0.0' });
  process.on('SIGINT', async () => {
    await server.close();
    process.exit(0);
  });
  // TODO(mcp-migrate): StdioServerTransport speaks 2025 only, also on the v2 packages: serve stdio
  // with serveStdio(() => buildServer()) of the @modelcontextprotocol/server/stdio module (the
  // factory runs per connection, and once more for a server/discover probe: keep process-wide
  // set-up, a port it listens on or a process it starts, out of it)
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/stdio)
  await server.connect(new StdioServerTransport());
})();
