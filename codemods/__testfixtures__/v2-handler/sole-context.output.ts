// Tools registered with no input schema and prompts with no arguments: v1 hands them the request
// context as their only argument, so its reads move to v2's places (ctx.mcpReq, ctx.http) as a
// second parameter's do, in each way v1 registers them (trial 73C B1).
import { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';

function buildServer() {
  const server = new McpServer({ name: 'status', version: '1.0.0' });

  server.registerTool('status', { description: 'Server status' }, async (ctx) => {
    if (ctx.mcpReq.signal.aborted) return { content: [{ type: 'text', text: 'aborted' }], isError: true };
    await ctx.mcpReq.notify({ method: 'notifications/message', params: { level: 'info', data: `status for ${String(ctx.mcpReq.id)}` } });
    return { content: [{ type: 'text', text: 'ok' }] };
  });

  server.registerTool('whoami', { description: 'Who is calling' }, async (ctx) => ({
    content: [{ type: 'text', text: ctx.http?.authInfo?.clientId ?? 'anonymous' }],
  }));

  server.registerTool('scopes', { description: 'Granted scopes' }, async ({ http: { authInfo } = {} }) => ({
    content: [{ type: 'text', text: (authInfo?.scopes ?? []).join(' ') }],
  }));

  server.registerTool('ping', {}, async (ctx) => ({ content: [{ type: 'text', text: `pong ${String(ctx.mcpReq.id)}` }] }));

  server.registerTool('uptime', { description: 'Seconds since start' }, async (context) => {
    context.mcpReq.signal.throwIfAborted();
    return { content: [{ type: 'text', text: String(Math.round(process.uptime())) }] };
  });

  server.registerPrompt('greeting', { description: 'Say hello' }, async (ctx) => ({
    messages: [{ role: 'user', content: { type: 'text', text: `hello, request ${String(ctx.mcpReq.id)}` } }],
  }));

  server.registerPrompt('farewell', {}, async (ctx) => ({
    messages: [{ role: 'user', content: { type: 'text', text: ctx.mcpReq.signal.aborted ? 'gone' : 'bye' } }],
  }));
  return server;
}

serveStdio(() => buildServer());
