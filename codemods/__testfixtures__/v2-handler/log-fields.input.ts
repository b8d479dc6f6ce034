// The official codemod takes an object with sessionId and requestId keys for a test's v1 context
// mock. What a log call prints is a log line's fields, handed to no handler: no marker there. An
// object handed to a handler still gets its marker.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

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
  return handler({}, { sessionId: 'test', requestId: 1, sendRequest: async () => ({}) });
}
