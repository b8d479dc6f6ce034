// A notes server over stdio.
import { Server } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';

// Request schemas and the shapes of what the server lists
import type {
  // what a client gets from tools/list
  Tool, // the tools this server lists
  Resource, /* none yet */
} from '@modelcontextprotocol/server';

// One server per process
const server = new Server({ name: 'notes', version: '1.0.0' }, { capabilities: { tools: {} } });
const tools: Tool[] = [];
const resources: Resource[] = [];
server.setRequestHandler('tools/list', async () => ({ tools }));
// TODO(mcp-migrate): StdioServerTransport speaks 2025 only, also on the v2 packages: serve stdio
// with serveStdio(() => buildServer()) of the @modelcontextprotocol/server/stdio module (the
// factory runs per connection, and once more for a server/discover probe: keep process-wide set-up,
// a port it listens on or a process it starts, out of it)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/stdio)
await server.connect(new StdioServerTransport());
export { resources };
