// A bridge's own client whose request() is replaced while it connects, to carry the stdio
// client's protocol version in the initialize Client.connect() sends upstream.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { JSONRPCRequest } from '@modelcontextprotocol/client';

export async function connectUpstream(url: string, first: JSONRPCRequest) {
  const client = new Client({ name: 'bridge', version: '1.0.0' }, { capabilities: {} });
  const original = client.request;
  // TODO(mcp-migrate): official v1→v2 codemod: this replaces client.request, typed for v1's
  // request(); v2's takes its result schema as a Standard Schema (request(request, resultSchema,
  // options)) and types the request more strictly, so the replacement's parameters and what it
  // passes on need new types (or wrap the transport's send instead)
  // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
  client.request = async function (outgoing, ...rest) {
    if (outgoing.method === 'initialize' && first.params?.protocolVersion && outgoing.params) {
      outgoing.params.protocolVersion = first.params.protocolVersion as string;
    }
    // TODO(mcp-migrate): official v1→v2 codemod: this passes the request on in v1's request()
    // shape; v2's request(request, resultSchema, options) needs its result schema as the second
    // argument
    // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
    return original.apply(this, [outgoing, ...rest]);
  };
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  client.request = original;
  return client;
}
