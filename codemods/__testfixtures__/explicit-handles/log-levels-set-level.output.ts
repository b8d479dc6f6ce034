// A map named only for levels, of plain strings, that the logging/setLevel handler fills and a tool
// reads (trial 76B B5): a log level all the same, so no handle; the marker says what scan says.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SetLevelRequestSchema } from '@modelcontextprotocol/sdk/types.js';

// TODO(mcp-migrate): levels keeps the log level each session asked for (logging/setLevel) under the
// MCP session id; 2026-07-28 removed logging/setLevel, and a level is nothing to keep under an
// explicit handle, so explicit-handles leaves it. Read the level each request asks for from its
// _meta["io.modelcontextprotocol/logLevel"] (on the v2 packages ctx.mcpReq.log() sends only when
// the request carried one), and drop what is kept per session; logging itself is deprecated (log to
// stderr or OpenTelemetry).
// (https://modelcontextprotocol.io/specification/2026-07-28/server/utilities/logging)
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
