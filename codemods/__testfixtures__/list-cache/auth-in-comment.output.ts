// Auth named only in comments (another codemod's marker speaking of ctx.authInfo, a note on a
// bearer token): the file handles no auth, so every caller gets the same list: 'public' (trial 19A).
import { McpServer } from '@modelcontextprotocol/server';

// TODO(mcp-migrate): derive the greeting from each request (ctx.requestInfo, ctx.authInfo)
export const buildServer = () => {
  const server = new McpServer({ name: 'greeter', version: '1.0.0' }, { cacheHints: { 'tools/list': { ttlMs: 300_000, cacheScope: 'public' } } });
  /* No bearer token or Authorization header is read here. */
  server.registerTool('greet', { description: 'Say hello' }, async () => ({ content: [{ type: 'text', text: 'hello' }] }));
  return server;
};
