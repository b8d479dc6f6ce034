// A context parameter not named `extra` read in a way this run cannot move (by a computed key):
// the file stays on v1, with a marker at the read.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'jobs', version: '1.0.0' });
const member = 'signal';

server.registerTool('run_job', { inputSchema: { steps: z.number() } }, async ({ steps }, context) => {
  // TODO(mcp-migrate): this handler takes v1's request context as its parameter context (the
  // official codemod moves the reads of one named extra only), and `context[member]` cannot be
  // moved to v2's context by this run: a member read by a computed key cannot be moved to its v2
  // place; rewrite it by hand (signal, requestId as id, _meta and sendNotification as notify under
  // ctx.mcpReq; authInfo under ctx.http?), then move this file to the v2 packages
  // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
  if ((context[member] as AbortSignal).aborted) return { content: [{ type: 'text', text: 'cancelled' }], isError: true };
  return { content: [{ type: 'text', text: `done ${steps} ${String(context.requestId)}` }] };
});

await server.connect(new StdioServerTransport());
