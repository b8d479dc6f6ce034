// A handler declared apart from its registration, reading the context under another name than
// `extra`: its parameter's type is v1's, so its reads are not moved; the file stays on v1, marked.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'jobs', version: '1.0.0' });

async function runJob({ steps }: { steps: number }, context: { signal: AbortSignal }) {
  if (context.signal.aborted) return { content: [{ type: 'text' as const, text: 'cancelled' }] };
  return { content: [{ type: 'text' as const, text: `done ${steps}` }] };
}

server.registerTool('run_job', { inputSchema: { steps: z.number() } }, runJob);

await server.connect(new StdioServerTransport());
