// Credentials stored by session at sign-in and read by the tools: a handle would let anyone who
// learns it act with them, so the map is marked with "read them from each request", not rewritten.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { fetchIssues } from './gitlab.js';

// TODO(mcp-migrate): authBySession binds credentials to the MCP session id; 2026-07-28 requests
// carry no session, and a handle would let whoever learns it act with these credentials: read them
// from each request instead (its Authorization header; authInfo in the handler's context) and drop
// this map (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const authBySession: Record<string, { token: string }> = {};

export function register(server: McpServer) {
  server.tool('sign_in', 'Remember a personal access token', { token: z.string() }, async ({ token }, extra) => {
    authBySession[extra.sessionId!] = { token };
    return { content: [{ type: 'text', text: 'signed in' }] };
  });

  server.tool('list_issues', 'Issues of a project', { project: z.string() }, async ({ project }, extra) => {
    const auth = authBySession[extra.sessionId!];
    return { content: [{ type: 'text', text: JSON.stringify(await fetchIssues(project, auth.token)) }] };
  });
}
