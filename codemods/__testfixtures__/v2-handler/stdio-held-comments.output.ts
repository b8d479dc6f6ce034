// The comments of the statements serveStdio replaces stay, in the order they were written, above
// the connect's own (trial 46C B3: they came reversed, below it).
import { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';

function buildServer() {
  const server = new McpServer({ name: 'dice', version: '2.0.0' });
  server.registerTool('roll', { description: 'Rolls a die' }, async () => ({ content: [{ type: 'text', text: String(1 + Math.floor(Math.random() * 6)) }] }));
  return server;
}

async function main() {
  // Build the server
  // Create the stdio transport
  // one per process
  // Connect and start serving
  serveStdio(() => buildServer());
  console.error('dice ready');
}

main();
