// Wizards kept in a plain object, dropped with the `delete` operator when the session's transport
// closes (trial 78B B4): the same cleanup as `carts.delete(id)` (cleanup-on-close), removed by the
// rewrite as handles expire by TTL, so it holds nothing back; the wizards move under a handle.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

const wizards: Record<string, { step: number; name?: string }> = {};

export function register(server: McpServer, transport: StreamableHTTPServerTransport) {
  server.registerTool('wizard_start', { inputSchema: {} }, async (_args, extra) => {
    wizards[extra.sessionId!] = { step: 1 };
    return { content: [{ type: 'text', text: 'step 1: your name?' }] };
  });
  server.registerTool('wizard_name', { inputSchema: { name: z.string() } }, async ({ name }, extra) => {
    const w = wizards[extra.sessionId!];
    if (!w) return { content: [{ type: 'text', text: 'call wizard_start first' }], isError: true };
    w.name = name;
    w.step = 2;
    return { content: [{ type: 'text', text: 'step 2' }] };
  });
  transport.onclose = () => {
    delete wizards[transport.sessionId!];
  };
}
