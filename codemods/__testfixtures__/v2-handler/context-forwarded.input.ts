// A tool handler that hands its context on to a helper, under a name of its own (`context`) and
// under the SDK's (`extra`): the helper reads v1's shape (sendNotification, _meta), which v2
// moved under ctx.mcpReq, so each forward is marked once.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

interface ProgressContext {
  sendNotification: (notification: { method: string; params: Record<string, unknown> }) => Promise<void>;
  _meta?: { progressToken?: string | number };
}

async function report(context: ProgressContext, message: string): Promise<void> {
  const token = context._meta?.progressToken;
  if (token === undefined) return;
  await context.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: 1, message } });
}

async function scan(args: { url: string }, context: ProgressContext) {
  await report(context, `scanning ${args.url}`);
  return { content: [{ type: 'text' as const, text: 'done' }] };
}

function buildServer() {
  const server = new McpServer({ name: 'scanner', version: '1.0.0' });
  server.registerTool('scan', { inputSchema: { url: z.string() } }, async (args, context) => {
    // A log line of the context is no forward to a helper.
    console.error('scan', context);
    return await scan(args, context);
  });
  server.registerTool('ping', { inputSchema: { url: z.string() } }, async ({ url }, extra) => {
    await report(extra, `ping ${url}`);
    return { content: [{ type: 'text', text: 'pong' }] };
  });
  return server;
}

await buildServer().connect(new StdioServerTransport());
