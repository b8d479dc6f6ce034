// A formatter keeps long import lists one name per line: the v2 imports that replace them are
// written the same way, and what is marked below them stays on its own line.
import {
  Server,
  ProtocolError,
  ProtocolErrorCode,
} from '@modelcontextprotocol/server';
import type { Tool } from '@modelcontextprotocol/server';

const TOOLS: Tool[] = [{ name: 'echo', inputSchema: { type: 'object', properties: { text: { type: 'string' } } } }];

export function buildServer(): Server {
  const server = new Server({ name: 'echo', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler('tools/list', async () => ({ tools: TOOLS }));
  server.setRequestHandler('tools/call', async (request) => {
    if (request.params.name !== 'echo') throw new ProtocolError(ProtocolErrorCode.MethodNotFound, `unknown tool ${request.params.name}`);
    const content = [{ type: 'text', text: String(request.params.arguments?.text ?? '') }];
    // TODO(mcp-migrate): official v1→v2 codemod: this tools/call handler is typed with its result
    // on the v2 packages, and content is built before the return, so its `type: '...'` is a plain
    // string the result rejects (TS2345): write the type `as const`, annotate content, or build it
    // in the return
    // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
    return { content };
  });
  return server;
}
