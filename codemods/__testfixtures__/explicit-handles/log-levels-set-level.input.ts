// A map named only for levels, of plain strings, that the logging/setLevel handler fills and a tool
// reads (trial 76B B5): a log level all the same, so no handle; the marker says what scan says.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SetLevelRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const levels = new Map<string, string>();

export function buildServer(): McpServer {
  const server = new McpServer({ name: 'probe', version: '1.0.0' }, { capabilities: { logging: {} } });
  server.server.setRequestHandler(SetLevelRequestSchema, async (request, extra) => {
    levels.set(extra.sessionId!, request.params.level);
    return {};
  });
  server.registerTool('probe', { description: 'Probe the upstream' }, async (extra) => {
    if (levels.get(extra.sessionId!) === 'debug') console.error('probing');
    return { content: [{ type: 'text', text: 'up' }] };
  });
  return server;
}
