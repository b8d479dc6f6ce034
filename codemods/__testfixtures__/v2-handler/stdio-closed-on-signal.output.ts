// A module's one server, connected to stdio and closed by a signal handler (trial 54C B2): the
// marker says why it is not served with serveStdio, and what to call in the handler instead.
import { McpServer } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';

const server = new McpServer({ name: 'closing', version: '1.0.0' });
// TODO(mcp-migrate): StdioServerTransport speaks 2025 only, also on the v2 packages: serve stdio
// with serveStdio(factory) of the @modelcontextprotocol/server/stdio module, where factory builds
// the server and registers its tools: here `server` is the module's one server, and
// `server.close()` closes it. Move what builds it and registers its tools into a function
// (createServer()), serve that with `const stdio = serveStdio(() => createServer())`, and call
// `stdio.close()` where it was closed, then run fix again
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/stdio)
const transport = new StdioServerTransport();
await server.connect(transport);
process.on('SIGINT', async () => {
  await server.close();
  process.exit(0);
});
