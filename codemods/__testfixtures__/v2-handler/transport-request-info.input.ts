// A transport of our own that a host framework feeds with the requests it received: v1's
// MessageExtraInfo carried their headers as requestInfo, v2's carries the Request itself.
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, MessageExtraInfo } from '@modelcontextprotocol/sdk/types.js';

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
    this.onmessage?.(message, { requestInfo: { headers } });
  }
}
