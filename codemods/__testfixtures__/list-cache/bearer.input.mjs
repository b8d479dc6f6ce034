// A fixed tool list behind bearer auth: cached, but privately (never shared across auth contexts).
import { requireBearerAuth } from '@modelcontextprotocol/express';
import { McpServer } from '@modelcontextprotocol/server';
import { verifier } from './auth.mjs';

export const bearer = requireBearerAuth({ verifier });

export function buildServer() {
  const server = new McpServer({
    name: 'inbox',
    version: '5.1.0'
  });
  server.registerTool('unread_count', { description: 'Unread messages' }, async (_args, ctx) => ({
    content: [{ type: 'text', text: String(await countFor(ctx.http?.authInfo?.clientId)) }],
  }));
  return server;
}

async function countFor(client) {
  return client ? 3 : 0;
}
