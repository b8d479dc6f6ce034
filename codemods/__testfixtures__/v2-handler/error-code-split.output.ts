// A server that answers a closed stream with a JSON-RPC error: the official codemod moves
// ErrorCode.ConnectionClosed to SdkErrorCode, a string on the v2 packages. In the JSON-RPC message
// written out the code goes back to its number (-32000 on the wire, as before); an error object
// built some other way is marked.
import { McpServer, ProtocolErrorCode, SdkErrorCode } from '@modelcontextprotocol/server';
import type { JSONRPCMessage } from '@modelcontextprotocol/server';

export const server = new McpServer({ name: 'relay', version: '1.0.0' });

export function closedReply(id: number): JSONRPCMessage {
  return { jsonrpc: '2.0', id, error: { code: -32000, message: 'Connection closed' } };
}

export function invalid(id: number): JSONRPCMessage {
  return { jsonrpc: '2.0', id, error: { code: ProtocolErrorCode.InvalidParams, message: 'Bad params' } };
}

export function timeoutError(): { code: unknown; message: string } {
  // TODO(mcp-migrate): official v1→v2 codemod: SdkErrorCode.RequestTimeout is a string on the v2
  // packages, where ErrorCode.RequestTimeout was the JSON-RPC number -32001: an error object sent
  // to a client needs a number in code (-32001, or a ProtocolErrorCode member)
  // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
  return { code: SdkErrorCode.RequestTimeout, message: 'Timed out' };
}
