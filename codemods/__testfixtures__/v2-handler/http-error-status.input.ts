// A client that falls back to SSE on a 404 or 405 from the Streamable HTTP endpoint, reading the
// status from v1's StreamableHTTPError.code. The official codemod renames the class to SdkHttpError,
// whose code is an SdkErrorCode: the status is its status. A read the test does not narrow is marked.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';

export async function connect(url: URL): Promise<Client> {
  const client = new Client({ name: 'fallback', version: '1.0.0' });
  try {
    await client.connect(new StreamableHTTPClientTransport(url));
  } catch (error) {
    const status = error instanceof StreamableHTTPError ? error.code : undefined;
    if (status === 404 || status === 405) {
      await client.connect(new SSEClientTransport(url));
      return client;
    }
    if (error instanceof StreamableHTTPError) {
      console.error(`HTTP ${error.code}`);
    }
    const isHttpError = error instanceof StreamableHTTPError;
    const code = isHttpError ? error.code : 0;
    const failure = error as StreamableHTTPError;
    console.error('giving up', code, failure.code);
    throw error;
  }
  return client;
}
