// A Hono app on a Worker builds its server from c.env, the bindings Hono hands each request: only
// read as c.env, the context is no value of the request there, and the marker says how to keep
// one handler per isolate (trial 21A). A destructured env in a module worker is the same.
import { Hono } from 'hono';
import { McpServer, WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';

type Bindings = { API_KEY: string; REGION: string };

function buildServer(apiKey: string, region: string): McpServer {
  const server = new McpServer({ name: 'regions', version: '1.0.0' });
  server.registerTool('region', { description: 'The region served' }, async () => ({ content: [{ type: 'text', text: `${region}:${apiKey.length}` }] }));
  return server;
}

const app = new Hono<{ Bindings: Bindings }>();
app.all('/mcp', async (c) => {
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await buildServer(c.env.API_KEY, c.env.REGION).connect(transport);
  return transport.handleRequest(c.req.raw);
});

export const worker = {
  async fetch(request: Request, { API_KEY, REGION }: Bindings): Promise<Response> {
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await buildServer(API_KEY, REGION).connect(transport);
    return transport.handleRequest(request);
  },
};

export default app;
