// The official codemod takes an object with sessionId and requestId keys for a test's v1 context
// mock. What a log call prints is a log line's fields, handed to no handler: no marker there. An
// object handed to a handler still gets its marker.
import { McpServer } from '@modelcontextprotocol/server';

const logger = { debug: (message: string, fields: object) => console.error(message, fields) };

export function relay(sessionId: string, requestId: string): void {
  logger.debug('relaying a message', {
    sessionId,
    requestId,
    channel: `relay:${sessionId}:${requestId}`,
  });
}

export const server = new McpServer({ name: 'relay', version: '1.0.0' });

export async function callForTest(handler: (args: object, ctx: object) => Promise<unknown>): Promise<unknown> {
  // TODO(mcp-migrate): official v1→v2 codemod: This object looks like a v1 handler-context mock
  // (sessionId, requestId, sendRequest). v2 nests the context — reshape it (requestId → mcpReq.id;
  // sendRequest → mcpReq.send; sessionId stays top-level), e.g. { sendRequest: fn } → { mcpReq: {
  // send: fn } }. Passed as-is to a migrated handler that reads ctx.mcpReq.*, the v1 shape throws
  // "Cannot read properties of undefined".
  // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
  return handler({}, { sessionId: 'test', requestId: 1, sendRequest: async () => ({}) });
}
