// The same helper in a module of its own (cloudflare's registration context): the servers it
// registers on are built elsewhere, by callers that run it while they build them. Not a run-time
// registration: nothing is marked (and no hint: this file builds no server).
import type { McpServer, RegisteredTool } from '@modelcontextprotocol/server';

type Callback = (args: { q: string }) => Promise<{ content: { type: 'text'; text: string }[] }>;

export function createRegistrationContext(server: McpServer) {
  const registerTool = (name: string, config: { description?: string }, callback: Callback): RegisteredTool =>
    server.registerTool(name, config, callback);
  return { registerTool };
}
