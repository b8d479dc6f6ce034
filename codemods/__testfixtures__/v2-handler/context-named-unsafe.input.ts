// A context parameter not named `extra` read in a way this run cannot move (by a computed key):
// the file stays on v1, with a marker at the read.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'jobs', version: '1.0.0' });
const member = 'signal';

server.registerTool('run_job', { inputSchema: { steps: z.number() } }, async ({ steps }, context) => {
  if ((context[member] as AbortSignal).aborted) return { content: [{ type: 'text', text: 'cancelled' }], isError: true };
  return { content: [{ type: 'text', text: `done ${steps} ${String(context.requestId)}` }] };
});

await server.connect(new StdioServerTransport());
