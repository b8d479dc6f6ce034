// A handler declared apart from its registration, reading the context under another name than
// `extra`: its parameter's type is v1's, so its reads are not moved; the file stays on v1, marked.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'jobs', version: '1.0.0' });

async function runJob({ steps }: { steps: number }, context: { signal: AbortSignal }) {
  // TODO(mcp-migrate): this handler takes v1's request context as its parameter context (the
  // official codemod moves the reads of one named extra only), and `context.signal` cannot be moved
  // to v2's context by this run: it is declared apart from its registration, where its parameter's
  // type would no longer say what it reads; rewrite it by hand (signal, requestId as id, _meta and
  // sendNotification as notify under ctx.mcpReq; authInfo under ctx.http?), then move this file to
  // the v2 packages
  // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
  if (context.signal.aborted) return { content: [{ type: 'text' as const, text: 'cancelled' }] };
  return { content: [{ type: 'text' as const, text: `done ${steps}` }] };
}

server.registerTool('run_job', { inputSchema: { steps: z.number() } }, runJob);

await server.connect(new StdioServerTransport());
