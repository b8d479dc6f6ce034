// A tool handler that hands its context on to a helper, under a name of its own (`context`) and
// under the SDK's (`extra`): the helper reads v1's shape (sendNotification, _meta), which v2
// moved under ctx.mcpReq, so each forward is marked once.
import { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
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
  server.registerTool('scan', { inputSchema: z.object({ url: z.string() }) }, async (args, context) => {
    // A log line of the context is no forward to a helper.
    console.error('scan', context);
    // TODO(mcp-migrate): official v1→v2 codemod: the handler's context object is forwarded to
    // scan(…): its property shape changed in v2 (extra.sendNotification is ctx.mcpReq.notify,
    // extra._meta is ctx.mcpReq._meta, extra.signal is ctx.mcpReq.signal, extra.sendRequest is
    // ctx.mcpReq.send). Update the helper's parameter type and property accesses
    // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
    return await scan(args, context);
  });
  server.registerTool('ping', { inputSchema: z.object({ url: z.string() }) }, async ({ url }, ctx) => {
    // TODO(mcp-migrate): official v1→v2 codemod: The context object is forwarded to report(…) — its
    // property shape changed in v2 (e.g. extra.signal is now ctx.mcpReq.signal, extra.sendRequest
    // is ctx.mcpReq.send). Update the helper's parameter type and property accesses.
    // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
    await report(ctx, `ping ${url}`);
    return { content: [{ type: 'text', text: 'pong' }] };
  });
  return server;
}

serveStdio(() => buildServer());
