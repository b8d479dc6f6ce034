// A Hono app whose handler class tells an initialize request by a private method of its own.
import { Hono } from 'hono';
import { toFetchResponse, toReqRes } from 'fetch-to-node';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { InitializeRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { randomUUID } from 'node:crypto';

const makeServer = () => new McpServer({ name: 'catalog', version: '2.0.0' });

class CatalogRoutes {
  private sessions: Record<string, StreamableHTTPServerTransport> = {};

  async onPost(c: any) {
    const sessionId = c.req.header('mcp-session-id');
    const payload = await c.req.json();
    const { req, res } = toReqRes(c.req.raw);
    if (sessionId && this.sessions[sessionId]) {
      await this.sessions[sessionId].handleRequest(req, res, payload);
      return toFetchResponse(res);
    }
    if (!sessionId && this.opensSession(payload)) {
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
      await makeServer().connect(transport);
      await transport.handleRequest(req, res, payload);
      if (transport.sessionId) this.sessions[transport.sessionId] = transport;
      return toFetchResponse(res);
    }
    return c.json({ error: 'no session' }, 400);
  }

  /** Whether the payload is the handshake's first request. */
  private opensSession(payload: unknown): boolean {
    return InitializeRequestSchema.safeParse(payload).success;
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
