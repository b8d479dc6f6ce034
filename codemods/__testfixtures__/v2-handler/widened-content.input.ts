// A low-level tools/call handler that builds its content before returning it: v1 let any result
// through, but the official codemod's `setRequestHandler('tools/call', ...)` is typed with the
// tool result on the v2 packages, and the local's `type: 'text'` is a plain string there.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';

export function buildServer(): Server {
  const server = new Server({ name: 'rows', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const result = request.params.arguments ?? null;
    const content = result != null ? [{ type: 'text', text: JSON.stringify(result) }] : [];
    return { content };
  });
  return server;
}
