// A stdio server built by a factory into a const, and a transport held by one, used for nothing
// but the connect: both go, and serveStdio builds from the factory.
import { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';

function buildServer(name: string) {
  const server = new McpServer({ name, version: '2.0.0' });
  server.registerTool('roll', { description: 'Rolls a die' }, async () => ({ content: [{ type: 'text', text: String(1 + Math.floor(Math.random() * 6)) }] }));
  return server;
}

async function main() {
  serveStdio(() => buildServer('dice'));
  console.error('dice ready');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
