// A server that answers a closed stream with a JSON-RPC error: the official codemod moves
// ErrorCode.ConnectionClosed to SdkErrorCode, a string on the v2 packages. In the JSON-RPC message
// written out the code goes back to its number (-32000 on the wire, as before); an error object
// built some other way is marked.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

export const server = new McpServer({ name: 'relay', version: '1.0.0' });

export function closedReply(id: number): JSONRPCMessage {
  return { jsonrpc: '2.0', id, error: { code: ErrorCode.ConnectionClosed, message: 'Connection closed' } };
}

export function invalid(id: number): JSONRPCMessage {
  return { jsonrpc: '2.0', id, error: { code: ErrorCode.InvalidParams, message: 'Bad params' } };
}

export function timeoutError(): { code: unknown; message: string } {
  return { code: ErrorCode.RequestTimeout, message: 'Timed out' };
}
