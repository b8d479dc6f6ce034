// A sign-in tool keeps the caller's upstream token in a record under the MCP session id, and the
// other tools use it. The map's name says nothing of credentials, its record does (accessToken
// beside who the caller is): a handle minted for it would let whoever learns the handle act with
// that token (trial 34A: a client with no credentials listed another's invoices). Marked, not
// rewritten.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

interface Account {
  user: string;
  accessToken: string;
}

// TODO(mcp-migrate): accounts binds credentials to the MCP session id; 2026-07-28 requests carry no
// session, and a handle would let whoever learns it act with these credentials: read them from each
// request instead (its Authorization header; authInfo in the handler's context) and drop this map
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const accounts = new Map<string, Account>();

async function signIn(user: string, password: string): Promise<string> {
  return `token-of-${user}-${password.length}`;
}

export function buildServer(): McpServer {
  const server = new McpServer({ name: 'invoices', version: '1.0.0' });
  server.tool('sign_in', { user: z.string(), password: z.string() }, async ({ user, password }, extra) => {
    accounts.set(extra.sessionId!, { user, accessToken: await signIn(user, password) });
    return { content: [{ type: 'text', text: `signed in as ${user}` }] };
  });
  server.tool('list_invoices', {}, async (_args, extra) => {
    const account = accounts.get(extra.sessionId!);
    if (!account) return { isError: true, content: [{ type: 'text', text: 'sign in first' }] };
    const response = await fetch('https://api.example.com/invoices', { headers: { Authorization: `Bearer ${account.accessToken}` } });
    return { content: [{ type: 'text', text: await response.text() }] };
  });
  return server;
}
