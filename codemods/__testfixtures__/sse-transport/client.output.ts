// A client on the legacy transport: marked, not rewritten (the server URL changes too).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';

export async function connect(base: string): Promise<Client> {
  const client = new Client({ name: 'probe', version: '1.0.0' });
  // TODO(mcp-migrate): SSEClientTransport speaks the legacy HTTP+SSE transport, which 2026-07-28
  // servers do not serve: connect with StreamableHTTPClientTransport to the server's Streamable
  // HTTP endpoint (usually /mcp, not /sse), keeping SSEClientTransport only as a fallback for
  // servers not yet migrated
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports)
  await client.connect(new SSEClientTransport(new URL('/sse', base)));
  return client;
}
