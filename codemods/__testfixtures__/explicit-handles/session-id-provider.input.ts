// The builder is handed a function that returns the session id (`() => transport.sessionId`), and
// a tool keys its state by what that returns: the handle takes its place, as for `extra.sessionId`.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const drafts = new Map<string, string>();

export function buildServer(sessionIdOf: () => string | undefined) {
  const server = new McpServer({ name: 'drafts', version: '1.0.0' });
  server.tool('save_draft', { text: z.string() }, async ({ text }) => {
    drafts.set(sessionIdOf() ?? 'anonymous', text);
    return { content: [{ type: 'text', text: 'saved' }] };
  });
  server.tool('read_draft', {}, async () => ({ content: [{ type: 'text', text: drafts.get(sessionIdOf()!) ?? '' }] }));
  return server;
}

export function serve(transport: { sessionId?: string }) {
  return buildServer(() => transport.sessionId);
}
