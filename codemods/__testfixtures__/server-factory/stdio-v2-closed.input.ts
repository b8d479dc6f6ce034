// A stdio server that closes its server on SIGINT, beside the connect: serveStdio would take
// neither, so nothing moves here (v2-handler marks the transport for serveStdio).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

const server = new McpServer({ name: 'closing', version: '1.0.0' });
server.registerTool('ping_db', { description: 'Checks the database' }, async () => ({ content: [] }));

async function main() {
  process.on('SIGINT', () => void server.close());
  await server.connect(new StdioServerTransport());
}

void main();
