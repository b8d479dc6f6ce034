// Tools registered with no input schema and prompts with no arguments: v1 hands them the request
// context as their only argument, so its reads move to v2's places (ctx.mcpReq, ctx.http) as a
// second parameter's do, in each way v1 registers them (trial 73C B1).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

function buildServer() {
  const server = new McpServer({ name: 'status', version: '1.0.0' });

  server.registerTool('status', { description: 'Server status' }, async (extra) => {
    if (extra.signal.aborted) return { content: [{ type: 'text', text: 'aborted' }], isError: true };
    await extra.sendNotification({ method: 'notifications/message', params: { level: 'info', data: `status for ${String(extra.requestId)}` } });
    return { content: [{ type: 'text', text: 'ok' }] };
  });

  server.registerTool('whoami', { description: 'Who is calling' }, async (extra) => ({
    content: [{ type: 'text', text: extra.authInfo?.clientId ?? 'anonymous' }],
  }));

  server.registerTool('scopes', { description: 'Granted scopes' }, async ({ authInfo }) => ({
    content: [{ type: 'text', text: (authInfo?.scopes ?? []).join(' ') }],
  }));

  server.tool('ping', async (extra) => ({ content: [{ type: 'text', text: `pong ${String(extra.requestId)}` }] }));

  server.tool('uptime', 'Seconds since start', async (context) => {
    context.signal.throwIfAborted();
    return { content: [{ type: 'text', text: String(Math.round(process.uptime())) }] };
  });

  server.registerPrompt('greeting', { description: 'Say hello' }, async (extra) => ({
    messages: [{ role: 'user', content: { type: 'text', text: `hello, request ${String(extra.requestId)}` } }],
  }));

  server.prompt('farewell', async (extra) => ({
    messages: [{ role: 'user', content: { type: 'text', text: extra.signal.aborted ? 'gone' : 'bye' } }],
  }));
  return server;
}

await buildServer().connect(new StdioServerTransport());
