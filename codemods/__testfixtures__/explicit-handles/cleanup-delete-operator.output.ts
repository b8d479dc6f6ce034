// Wizards kept in a plain object, dropped with the `delete` operator when the session's transport
// closes (trial 78B B4): the same cleanup as `carts.delete(id)` (cleanup-on-close), removed by the
// rewrite as handles expire by TTL, so it holds nothing back; the wizards move under a handle.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';
import { handleState, withHandle, mintingHandle } from './mcp-state.js';

const wizards = handleState<{ step: number; name?: string }>('wizards');

export function register(server: McpServer, transport: StreamableHTTPServerTransport) {
  server.registerTool('wizard_start', { description: 'Returns wizard_id: pass it to wizard_name.', inputSchema: {}, outputSchema: { wizard_id: z.string().describe('Pass it to wizard_name') } }, mintingHandle(wizards, { handle: 'wizard_id', initial: { step: 1 } }, async ({ wizard_id }, _extra) => {
    wizards[wizard_id] = { step: 1 };
    return { content: [{ type: 'text', text: 'step 1: your name?' }] };
  }));
  server.registerTool('wizard_name', { inputSchema: { wizard_id: z.string().describe('Handle from wizard_start'), name: z.string() } }, withHandle(wizards, { handle: 'wizard_id', mintedBy: 'wizard_start' }, async ({ wizard_id, name }, _extra) => {
    const w = wizards[wizard_id];
    if (!w) return { content: [{ type: 'text', text: 'call wizard_start first' }], isError: true };
    w.name = name;
    w.step = 2;
    return { content: [{ type: 'text', text: 'step 2' }] };
  }));
  transport.onclose = () => {
  };
}
