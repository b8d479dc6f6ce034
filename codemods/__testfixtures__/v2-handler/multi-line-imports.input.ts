// A formatter keeps long import lists one name per line: the v2 imports that replace them are
// written the same way, and what is marked below them stays on its own line.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';

const TOOLS: Tool[] = [{ name: 'echo', inputSchema: { type: 'object', properties: { text: { type: 'string' } } } }];

export function buildServer(): Server {
  const server = new Server({ name: 'echo', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    if (request.params.name !== 'echo') throw new McpError(ErrorCode.MethodNotFound, `unknown tool ${request.params.name}`);
    const content = [{ type: 'text', text: String(request.params.arguments?.text ?? '') }];
    return { content };
  });
  return server;
}
