// A module's one server, connected to stdio and closed by a signal handler (trial 54C B2): the
// marker says why it is not served with serveStdio, and what to call in the handler instead.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

const server = new McpServer({ name: 'closing', version: '1.0.0' });
const transport = new StdioServerTransport();
await server.connect(transport);
process.on('SIGINT', async () => {
  await server.close();
  process.exit(0);
});
