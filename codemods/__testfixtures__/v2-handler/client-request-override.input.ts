// A bridge's own client whose request() is replaced while it connects, to carry the stdio
// client's protocol version in the initialize Client.connect() sends upstream.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { JSONRPCRequest } from '@modelcontextprotocol/sdk/types.js';

export async function connectUpstream(url: string, first: JSONRPCRequest) {
  const client = new Client({ name: 'bridge', version: '1.0.0' }, { capabilities: {} });
  const original = client.request;
  client.request = async function (outgoing, ...rest) {
    if (outgoing.method === 'initialize' && first.params?.protocolVersion && outgoing.params) {
      outgoing.params.protocolVersion = first.params.protocolVersion as string;
    }
    return original.apply(this, [outgoing, ...rest]);
  };
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  client.request = original;
  return client;
}
