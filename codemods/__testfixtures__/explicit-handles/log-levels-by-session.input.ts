// The log level each session set with logging/setLevel, read by the helper the tools log through
// (trial 76B B5): 2026-07-28 requests ask for their own level in _meta, so the marker says to read
// that and drop the map, as scan does; no explicit handle.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SetLevelRequestSchema, type LoggingLevel } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const ORDER: LoggingLevel[] = ['debug', 'info', 'notice', 'warning', 'error'];
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
