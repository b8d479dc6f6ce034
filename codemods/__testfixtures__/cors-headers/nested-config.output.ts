// CORS options nested in an application config object (typed to need them) and a header object
// nested in a response's options; the transport's options are kept in a variable first.
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

interface AppConfig {
  port: number;
  cors: { allowHeaders: string[]; exposeHeaders: string[] };
}

export const config: AppConfig = {
  port: 8080,
  cors: {
    allowHeaders: ['content-type', 'mcp-protocol-version', 'mcp-method', 'mcp-name'],
    exposeHeaders: [],
  },
};

export function preflight(): Response {
  return new Response(null, { status: 204, headers: { 'Access-Control-Max-Age': '600' } });
}

const options = { sessionIdGenerator: undefined };
export const transport = new StreamableHTTPServerTransport(options);
