// A map of answers pending for one call, keyed by the MCP session id and the request id: no
// handle to mint (the call does not outlive its request). It is marked with what to key it by.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

const pendingAnswers = new Map<string, (value: string) => void>();

export function register(server: McpServer) {
  server.registerTool('approve', { description: 'Wait for approval' }, async (_args, extra) => {
    const key = `${extra.sessionId}_${extra.requestId}`;
    const answer = await new Promise<string>((resolve) => pendingAnswers.set(key, resolve));
    pendingAnswers.delete(key);
    return { content: [{ type: 'text', text: answer }] };
  });
}

export function deliver(sessionId: string, requestId: string, answer: string) {
  pendingAnswers.get(`${sessionId}_${requestId}`)?.(answer);
}
