// A class whose route builds the server and sets it up through one of its own methods
// (`this.install(server)`): createMcpHandler's factory cannot be written at module level, where
// `this` is not the object (every request would fail). The route is made stateless and marked
// (trial 23A).
import express from 'express';
import { randomUUID } from 'node:crypto';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

export class Gateway {
  private transports = new Map<string, StreamableHTTPServerTransport>();
  private app = express();

  private install(server: Server) {
    server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [] }));
  }

  listen(port: number) {
    this.app.post('/mcp', async (req, res) => {
      const id = (req.headers['mcp-session-id'] as string) || randomUUID();
      let transport = this.transports.get(id);
      if (!transport) {
        transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => id });
        const server = new Server({ name: 'gateway', version: '1.0.0' }, { capabilities: { tools: {} } });
        this.install(server);
        await server.connect(transport);
        this.transports.set(id, transport);
      }
      await transport.handleRequest(req, res);
    });
    this.app.listen(port);
  }
}
