// Credentials a store of another module keeps under the MCP session id: no handle (whoever learned
// it would act with them); the marker says to read them from each request.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { sessionManager } from './session-manager.js';

export function buildServer() {
  const server = new McpServer({ name: 'profile', version: '1.0.0' });
  server.registerTool('get_profile', {}, async (extra) => {
    const session = sessionManager.getSession(extra.sessionId!);
    if (!session) return { isError: true, content: [{ type: 'text' as const, text: 'log in first' }] };
    const response = await fetch('https://api.example.com/me', { headers: { authorization: `Bearer ${session.accessToken}` } });
    return { content: [{ type: 'text' as const, text: await response.text() }] };
  });
  return server;
}
