// A map of answers pending for one call, keyed by the MCP session id and the request id: no
// handle to mint (the call does not outlive its request). It is marked with what to key it by.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

// TODO(mcp-migrate): pendingAnswers keeps entries for one call under the MCP session id with its
// request id; 2026-07-28 requests carry no session id, so clients' equal JSON-RPC ids would share
// an entry: key it by an id unique to each call (a UUID made when the call starts). No handle is
// needed: the call does not outlive its request
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
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
