// The log level each session set with logging/setLevel, read by the helper the tools log through
// (trial 76B B5): 2026-07-28 requests ask for their own level in _meta, so the marker says to read
// that and drop the map, as scan does; no explicit handle.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SetLevelRequestSchema, type LoggingLevel } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const ORDER: LoggingLevel[] = ['debug', 'info', 'notice', 'warning', 'error'];
// TODO(mcp-migrate): logLevels keeps the log level each session asked for (logging/setLevel) under
// the MCP session id; 2026-07-28 removed logging/setLevel, and a level is nothing to keep under an
// explicit handle, so explicit-handles leaves it. Read the level each request asks for from its
// _meta["io.modelcontextprotocol/logLevel"] (on the v2 packages ctx.mcpReq.log() sends only when
// the request carried one), and drop what is kept per session; logging itself is deprecated (log to
// stderr or OpenTelemetry).
// (https://modelcontextprotocol.io/specification/2026-07-28/server/utilities/logging)
const logLevels = new Map<string, LoggingLevel>();

export function buildServer(): McpServer {
  const server = new McpServer({ name: 'ledger', version: '1.0.0' }, { capabilities: { logging: {} } });

  server.server.setRequestHandler(SetLevelRequestSchema, async (request, ctx) => {
    logLevels.set(ctx.sessionId!, request.params.level);
    return {};
  });

  async function emit(sessionId: string | undefined, level: LoggingLevel, data: string) {
    const floor = logLevels.get(sessionId ?? '') ?? 'warning';
    if (ORDER.indexOf(level) >= ORDER.indexOf(floor)) await server.sendLoggingMessage({ level, data }, sessionId);
  }

  server.registerTool('post_entry', { description: 'Post a ledger entry', inputSchema: { amount: z.number() } }, async ({ amount }, ctx) => {
    await emit(ctx.sessionId, 'info', `posted ${amount}`);
    return { content: [{ type: 'text', text: 'posted' }] };
  });

  return server;
}
