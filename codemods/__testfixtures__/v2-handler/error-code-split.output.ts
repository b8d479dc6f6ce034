// A server that answers a closed stream with a JSON-RPC error: the official codemod moves
// ErrorCode.ConnectionClosed to SdkErrorCode, a string on the v2 packages, so the error object is
// marked (its code must stay a number on the wire).
import { McpServer, ProtocolErrorCode, SdkErrorCode } from '@modelcontextprotocol/server';
import type { JSONRPCMessage } from '@modelcontextprotocol/server';

export const server = new McpServer({ name: 'relay', version: '1.0.0' });

export function closedReply(id: number): JSONRPCMessage {
  // TODO(mcp-migrate): official v1→v2 codemod: SdkErrorCode.ConnectionClosed is a string on the v2
  // packages, where ErrorCode.ConnectionClosed was the JSON-RPC number -32000: an error object sent
  // to a client needs a number in code (-32000, or a ProtocolErrorCode member)
  // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
  return { jsonrpc: '2.0', id, error: { code: SdkErrorCode.ConnectionClosed, message: 'Connection closed' } };
}

export function invalid(id: number): JSONRPCMessage {
  return { jsonrpc: '2.0', id, error: { code: ProtocolErrorCode.InvalidParams, message: 'Bad params' } };
}
