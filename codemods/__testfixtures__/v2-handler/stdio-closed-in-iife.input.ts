// A server built in an immediately run function, closed by a signal handler (read-through 71): no
// module's one server, so the marker gives the general advice.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

(async () => {
  const server = new McpServer({ name: 'iife', version: '1.0.0' });
  process.on('SIGINT', async () => {
    await server.close();
    process.exit(0);
  });
  await server.connect(new StdioServerTransport());
})();
