// The server connected to stdio is built at the module's top level by a factory and used for
// nothing else, while the connect sits in main() (trial 53C B4): served with serveStdio from that
// factory, and the module-level server goes.
import { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';

function buildServer(): McpServer {
  return new McpServer({ name: 'top', version: '1.0.0' });
}

async function main(): Promise<void> {
  // The one server of the process.
  serveStdio(() => buildServer());
}

main().catch(() => process.exit(1));
