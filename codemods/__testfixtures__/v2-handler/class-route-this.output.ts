// A class whose route builds the server and sets it up through one of its own methods
// (`this.install(server)`): createMcpHandler's factory cannot be written at module level, where
// `this` is not the object (every request would fail). The route is made stateless and marked
// (trial 23A).
import express from 'express';
import { Server } from '@modelcontextprotocol/server';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';

export class Gateway {
  private app = express();

  private install(server: Server) {
    server.setRequestHandler('tools/list', async () => ({ tools: [] }));
  }

  listen(port: number) {
    this.app.post('/mcp', async (req, res) => {
      // TODO(mcp-migrate): this server's set-up uses `this` (the Gateway object), so the handler
      // could not be written at module level: create it once where `this` is in reach (a field or
      // the constructor: `this.mcpHandler = createMcpHandler(() => { ... })`), and serve the route
      // with it
      // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
      const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.on('close', () => {
        void transport.close();
      });
      const server = new Server({ name: 'gateway', version: '1.0.0' }, { capabilities: { tools: {} } });
      this.install(server);
      await server.connect(transport);
      await transport.handleRequest(req, res);
    });
    this.app.listen(port);
  }
}
