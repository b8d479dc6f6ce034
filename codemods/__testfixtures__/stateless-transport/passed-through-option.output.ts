// A library's handler hands its caller's option on to the transport. Typed to admit only
// undefined, it is stateless already: left as it is (scan reports nothing there). Typed as a
// generator, it is made undefined, a change to review: the caller's option stops doing anything.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';

export type StatelessConfig = {
  /** Always undefined: the handler serves each request on its own. */
  sessionIdGenerator?: undefined;
};

export type Config = {
  sessionIdGenerator?: () => string;
};

export function statelessHandler(init: (server: McpServer) => void, config: StatelessConfig = {}) {
  const { sessionIdGenerator } = config;
  return async (request: Request): Promise<Response> => {
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: sessionIdGenerator,
    });
    const server = new McpServer({ name: 'lib', version: '1.0.0' });
    init(server);
    await server.connect(transport);
    return transport.handleRequest(request);
  };
}

export function handler(init: (server: McpServer) => void, config: Config = {}) {
  return async (request: Request): Promise<Response> => {
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
    });
    const server = new McpServer({ name: 'lib', version: '1.0.0' });
    init(server);
    await server.connect(transport);
    return transport.handleRequest(request);
  };
}
