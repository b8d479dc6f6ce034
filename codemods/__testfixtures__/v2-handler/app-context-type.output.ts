// An object typed with the application's own context type (declared here, or imported from the
// application) is no v1 handler-context mock, whatever keys it has: no marker from the official
// codemod's guess. One typed with nothing still gets its marker.
import { Server } from '@modelcontextprotocol/server';
import type { AuditContext } from './audit.js';

interface ToolContext {
  sessionId: string;
  requestId: string | null;
  logger: Console;
}

async function runTool(name: string, ctx: ToolContext, audit: AuditContext) {
  ctx.logger.error(`run ${name} for ${ctx.sessionId} (${audit.requestId})`);
  return { content: [{ type: 'text' as const, text: name }] };
}

export const server = new Server({ name: 'ctx', version: '1.0.0' }, { capabilities: { tools: {} } });

server.setRequestHandler('tools/call', async (request) => {
  const toolContext: ToolContext = {
    sessionId: 'local',
    requestId: null,
    logger: console,
  };
  const audit = {
    sessionId: 'local',
    requestId: 'audit',
  } satisfies AuditContext;
  return runTool(request.params.name, toolContext, audit);
});

export async function callForTest(handler: (args: object, ctx: object) => Promise<unknown>): Promise<unknown> {
  // TODO(mcp-migrate): official v1→v2 codemod: This object looks like a v1 handler-context mock
  // (sessionId, requestId, sendRequest). v2 nests the context — reshape it (requestId → mcpReq.id;
  // sendRequest → mcpReq.send; sessionId stays top-level), e.g. { sendRequest: fn } → { mcpReq: {
  // send: fn } }. Passed as-is to a migrated handler that reads ctx.mcpReq.*, the v1 shape throws
  // "Cannot read properties of undefined".
  // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
  return handler({}, { sessionId: 'test', requestId: 1, sendRequest: async () => ({}) });
}
