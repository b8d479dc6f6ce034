// A file already on the v2 packages that still connects a StdioServerTransport (what an upgrade
// by the official codemod alone leaves): it speaks 2025 only, so it is served with serveStdio.
// The comment on the server's statement stays, above the new one.
import { McpServer } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';

function createServer() {
  return new McpServer({ name: 'already', version: '1.0.0' });
}

async function main() {
  const server = createServer(); // one per process
  const transport = new StdioServerTransport();
  await server.connect(transport);
  console.error('ready');
}

void main();
