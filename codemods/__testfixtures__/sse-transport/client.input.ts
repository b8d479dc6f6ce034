// A client on the legacy transport: marked, not rewritten (the server URL changes too).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';

export async function connect(base: string): Promise<Client> {
  const client = new Client({ name: 'probe', version: '1.0.0' });
  await client.connect(new SSEClientTransport(new URL('/sse', base)));
  return client;
}
