// A transport of the application's own, built on StdioServerTransport: on the v2 packages it
// still speaks 2025 only, like the SDK's class it extends.
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import type { JSONRPCMessage } from '@modelcontextprotocol/server';

// TODO(mcp-migrate): QuietStdioTransport extends StdioServerTransport, which speaks 2025 only, also
// on the v2 packages: serve stdio with serveStdio(() => buildServer()) of the
// @modelcontextprotocol/server/stdio module, and move what this class adds into the server or the
// process (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/stdio)
export class QuietStdioTransport extends StdioServerTransport {
  override async send(message: JSONRPCMessage): Promise<void> {
    // Drop log notifications; everything else goes out as usual.
    if ('method' in message && message.method === 'notifications/message') return;
    await super.send(message);
  }
}
