// The request context under another name than `extra` (`context`, `ctx`, `req`): the official
// codemod moves the reads of a second parameter named `extra` only, so these stayed as v1 read
// them, undefined on v2's context. They move as extra's do; a project's own registerTool helper
// (its config has keys the SDK's has not) keeps its handler as written.
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';

declare function registerTool(name: string, config: { params: Record<string, string> }, run: (args: unknown, ctx: { signal: AbortSignal }) => unknown): void;
const ops = { registerTool };
/** The project's own registry, whose config looks like the SDK's: its handlers take its own context. */
class ToolRegistry {
  registerTool(name: string, config: { description: string; inputSchema: unknown }, run: (args: { w: number }, ctx: { signal: AbortSignal }) => Promise<unknown>): void {
    void name;
    void config;
    void run;
  }
}
const registry = new ToolRegistry();
const STATUS_URI = 'jobs://status';

function buildServer() {
  const server = new McpServer({ name: 'jobs', version: '1.0.0' });

  server.registerTool('run_job', { description: 'Run a job', inputSchema: z.object({ steps: z.number() }) }, async ({ steps }, context) => {
    for (let i = 0; i < steps; i++) {
      if (context.mcpReq.signal.aborted) return { content: [{ type: 'text', text: 'cancelled' }], isError: true };
      await context.mcpReq.notify({ method: 'notifications/progress', params: { progressToken: String(context.mcpReq.id), progress: i, total: steps } });
    }
    return { content: [{ type: 'text', text: 'done' }] };
  });

  server.registerTool('owner', { inputSchema: z.object({ job: z.string() }) }, async ({ job }, ctx) => ({
    content: [{ type: 'text', text: `${job}: ${ctx.http?.authInfo?.clientId ?? 'anonymous'}` }],
  }));

  server.registerResource('status', 'jobs://status', { description: 'Job status' }, async (uri, context) => ({
    contents: [{ uri: uri.href, text: context.mcpReq.signal.aborted ? 'aborted' : 'idle' }],
  }));

  server.registerResource('health', STATUS_URI, { description: 'Health' }, async (uri, ctx) => ({
    contents: [{ uri: uri.href, text: ctx.mcpReq.signal.aborted ? 'aborted' : 'ok' }],
  }));

  server.registerResource('job', new ResourceTemplate('jobs://{id}', { list: undefined }), { description: 'A job' }, async (uri, { id }, ctx) => ({
    contents: [{ uri: uri.href, text: `${String(id)} for request ${String(ctx.mcpReq.id)}` }],
  }));

  server.server.setRequestHandler('tools/call', async (request, context) => ({
    content: [{ type: 'text', text: `${request.params.name} ${String(context.mcpReq.id)}` }],
  }));

  registry.registerTool('resize', { description: 'Resize', inputSchema: z.object({ w: z.number() }) }, async ({ w }, context) => (context.signal.aborted ? null : w * 2));
  ops.registerTool('local', { params: { a: 'string' } }, (args, ctx) => (ctx.signal.aborted ? null : args));
  return server;
}

serveStdio(() => buildServer());
