// @vercel/mcp-adapter (mcp-handler's former name) with no options: its SSE endpoints are on. The
// config is added with disableSse: true, and the change says the option came with its 0.8.
import { createMcpHandler } from '@vercel/mcp-adapter';

const handler = createMcpHandler((server) => {
  server.tool('whoami', 'Names the caller', {}, async (_args, { authInfo }) => ({ content: [{ type: 'text', text: String(authInfo?.clientId) }] }));
}, {}, { disableSse: true });

export { handler as GET, handler as POST };
