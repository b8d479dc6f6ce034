// An object typed with the application's own context type (declared here, or imported from the
// application) is no v1 handler-context mock, whatever keys it has: no marker from the official
// codemod's guess. One typed with nothing still gets its marker.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';
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

server.setRequestHandler(CallToolRequestSchema, async (request) => {
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
  return handler({}, { sessionId: 'test', requestId: 1, sendRequest: async () => ({}) });
}
