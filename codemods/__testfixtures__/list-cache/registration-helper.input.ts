// A helper that registers the tool it is handed, built for one fresh server per request (the
// tools are registered when its caller builds the server): not a run-time registration, and its
// list depends on callers this file does not show, so no hint is added and nothing is marked.
import { McpServer } from '@modelcontextprotocol/server';

export function registrationContext(server: McpServer) {
  const registerTool = (name: string, config: { description: string }, callback: () => Promise<{ content: [] }>) =>
    server.registerTool(name, config, callback);
  return { registerTool };
}

export function buildServer(): McpServer {
  const server = new McpServer({ name: 'accounts', version: '1.0.0' });
  const context = registrationContext(server);
  context.registerTool('list_accounts', { description: 'List accounts' }, async () => ({ content: [] }));
  return server;
}
