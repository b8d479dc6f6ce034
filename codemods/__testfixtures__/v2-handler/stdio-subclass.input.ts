// A transport of the application's own, built on StdioServerTransport: on the v2 packages it
// still speaks 2025 only, like the SDK's class it extends.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

export class QuietStdioTransport extends StdioServerTransport {
  override async send(message: JSONRPCMessage): Promise<void> {
    // Drop log notifications; everything else goes out as usual.
    if ('method' in message && message.method === 'notifications/message') return;
    await super.send(message);
  }
}
