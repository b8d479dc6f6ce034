// A low-level tools/call handler that builds its content before returning it: v1 let any result
// through, but the official codemod's `setRequestHandler('tools/call', ...)` is typed with the
// tool result on the v2 packages, and the local's `type: 'text'` is a plain string there.
import { Server } from '@modelcontextprotocol/server';

export function buildServer(): Server {
  const server = new Server({ name: 'rows', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler('tools/call', async (request) => {
    const result = request.params.arguments ?? null;
    const content = result != null ? [{ type: 'text', text: JSON.stringify(result) }] : [];
    // TODO(mcp-migrate): official v1→v2 codemod: this tools/call handler is typed with its result
    // on the v2 packages, and content is built before the return, so its `type: '...'` is a plain
    // string the result rejects (TS2345): write the type `as const`, annotate content, or build it
    // in the return
    // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
    return { content };
  });
  return server;
}
