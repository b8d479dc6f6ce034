// A server that answers a closed stream with a JSON-RPC error: the official codemod moves
// ErrorCode.ConnectionClosed to SdkErrorCode, a string on the v2 packages, so the error object is
// marked (its code must stay a number on the wire).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

export const server = new McpServer({ name: 'relay', version: '1.0.0' });

export function closedReply(id: number): JSONRPCMessage {
  return { jsonrpc: '2.0', id, error: { code: ErrorCode.ConnectionClosed, message: 'Connection closed' } };
}

export function invalid(id: number): JSONRPCMessage {
  return { jsonrpc: '2.0', id, error: { code: ErrorCode.InvalidParams, message: 'Bad params' } };
}
