// A Hono app whose handler class tells an initialize request by a private method of its own.
import { Hono } from 'hono';
import { toFetchResponse, toReqRes } from 'fetch-to-node';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const makeServer = () => new McpServer({ name: 'catalog', version: '2.0.0' });

class CatalogRoutes {
  async onPost(c: any) {
    const payload = await c.req.json();
    const { req, res } = toReqRes(c.req.raw);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
    });
    await makeServer().connect(transport);
    await transport.handleRequest(req, res, payload);
    return toFetchResponse(res);
  }

  // Still called from the health route below: it stays.
  private label(): string {
    return 'catalog';
  }

  health(c: any) {
    return c.text(this.label());
  }
}

const routes = new CatalogRoutes();
export const app = new Hono().post('/mcp', (c) => routes.onPost(c)).get('/health', (c) => routes.health(c));
