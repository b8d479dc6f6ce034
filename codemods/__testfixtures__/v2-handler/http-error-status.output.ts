// A client that falls back to SSE on a 404 or 405 from the Streamable HTTP endpoint, reading the
// status from v1's StreamableHTTPError.code. The official codemod renames the class to SdkHttpError,
// whose code is an SdkErrorCode: the status is its status. A read the test does not narrow is marked.
import { Client, StreamableHTTPClientTransport, SSEClientTransport, SdkHttpError } from '@modelcontextprotocol/client';

export async function connect(url: URL): Promise<Client> {
  const client = new Client({ name: 'fallback', version: '1.0.0' });
  try {
    await client.connect(new StreamableHTTPClientTransport(url));
  } catch (error) {
    const status = error instanceof SdkHttpError ? error.status : undefined;
    if (status === 404 || status === 405) {
      await client.connect(new SSEClientTransport(url));
      return client;
    }
    if (error instanceof SdkHttpError) {
      console.error(`HTTP ${error.status}`);
    }
    const isHttpError = error instanceof SdkHttpError;
    const code = isHttpError ? error.status : 0;
    const failure = error as SdkHttpError;
    // TODO(mcp-migrate): official v1→v2 codemod: StreamableHTTPError is SdkHttpError on the v2
    // packages, whose code is an SdkErrorCode, not the HTTP status v1 kept there: where this reads
    // a status, read failure.status
    // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
    console.error('giving up', code, failure.code);
    throw error;
  }
  return client;
}
