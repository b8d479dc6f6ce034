// Tools come from a file read at start-up: fixed per process, but not something to promise caches.
import { readFileSync } from 'node:fs';
import { McpServer } from '@modelcontextprotocol/server';

const plugins: Array<{ name: string; reply: string }> = JSON.parse(readFileSync('plugins.json', 'utf8'));

export function buildServer() {
  const server = new McpServer({ name: 'plugins', version: '1.0.0' });
  for (const plugin of plugins) {
    server.registerTool(plugin.name, { description: plugin.name }, async () => ({ content: [{ type: 'text', text: plugin.reply }] }));
  }
  return server;
}
