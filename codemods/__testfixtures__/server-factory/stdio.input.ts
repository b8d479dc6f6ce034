// A stdio server connects once, in main(): one server is right, nothing changes.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

const server = new McpServer({ name: 'local', version: '1.0.0' });
server.registerTool('ping_db', { description: 'Checks the database' }, async () => ({ content: [] }));

async function main() {
  const transport = new StdioServerTransport();
  await server.connect(transport);
}

void main();
