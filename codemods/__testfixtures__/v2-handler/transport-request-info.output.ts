// A transport of our own that a host framework feeds with the requests it received: v1's
// MessageExtraInfo carried their headers as requestInfo, v2's carries the Request itself.
import type { Transport, JSONRPCMessage, MessageExtraInfo } from '@modelcontextprotocol/server';

export class HostTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;

  async start(): Promise<void> {}

  async send(_message: JSONRPCMessage): Promise<void> {}

  async close(): Promise<void> {
    this.onclose?.();
  }

  deliver(message: JSONRPCMessage, headers: Record<string, string>): void {
    // TODO(mcp-migrate): v2's MessageExtraInfo has no requestInfo: hand on the HTTP request itself
    // as `request` (a Fetch Request; handlers read it as ctx.http?.req, its headers with
    // .get(name))
    // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
    this.onmessage?.(message, { requestInfo: { headers } });
  }
}
