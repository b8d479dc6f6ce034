// Streamable HTTP first, SSE only for servers that have not migrated yet: nothing to do.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export async function connect(url: URL): Promise<Client> {
  const client = new Client({ name: 'dual', version: '1.0.0' });
  try {
    await client.connect(new StreamableHTTPClientTransport(url));
  } catch {
    await client.connect(new SSEClientTransport(url));
  }
  return client;
}
