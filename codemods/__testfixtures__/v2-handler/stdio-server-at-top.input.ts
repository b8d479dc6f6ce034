// The server connected to stdio is built at the module's top level by a factory and used for
// nothing else, while the connect sits in main() (trial 53C B4): served with serveStdio from that
// factory, and the module-level server goes.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

function buildServer(): McpServer {
  return new McpServer({ name: 'top', version: '1.0.0' });
}

// The one server of the process.
const server = buildServer();

async function main(): Promise<void> {
  const transport = new StdioServerTransport();
  await server.connect(transport);
}

main().catch(() => process.exit(1));
