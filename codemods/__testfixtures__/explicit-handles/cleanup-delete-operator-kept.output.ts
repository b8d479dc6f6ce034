// Look-alike of cleanup-delete-operator: the callback deletes the entry and then uses the value
// it held (an audit of the finished wizard), which is no mere cleanup: wizards stays, marked.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

// TODO(mcp-migrate): wizards is keyed by the MCP session id, and explicit-handles leaves it for 2
// reasons, each to deal with before it can move it: (1) it is also used outside the tools that take
// it (wizards[transport.sessionId!]?.name, in a callback), where no handle reaches; (2) it is keyed
// by transport.sessionId!, which explicit-handles cannot turn into the handle.
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const wizards: Record<string, { step: number; name?: string }> = {};

export function register(server: McpServer, transport: StreamableHTTPServerTransport) {
  server.registerTool('wizard_name', { inputSchema: { name: z.string() } }, async ({ name }, extra) => {
    wizards[extra.sessionId!] = { step: 2, name };
    return { content: [{ type: 'text', text: 'step 2' }] };
  });
  transport.onclose = () => {
    console.log('abandoned wizard', wizards[transport.sessionId!]?.name);
    delete wizards[transport.sessionId!];
  };
}
