// A host class whose close handler forgets the session through a private method that only deletes
// the entry and logs: that is the map's bookkeeping, gone with the dispatch, and the method with
// it (nothing else calls it). The map a debug route still reads is marked (trial 17B).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export class HttpHost {
  // TODO(mcp-migrate): transports is still used elsewhere, but with per-request transports it stays
  // empty: remove the remaining uses and this map
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  private transports = new Map<string, StreamableHTTPServerTransport>();
  private app = express();

  constructor() {
    this.app.use(express.json());
    this.app.post('/mcp', (req, res) => this.handlePost(req, res));
    this.app.get('/debug/sessions', (_req, res) => {
      res.json({ count: this.transports.size });
    });
  }

  private async handlePost(req: express.Request, res: express.Response) {
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
    });
    res.on('close', () => {
      void transport.close();
    });
    await new McpServer({ name: 'host', version: '1.0.0' }).connect(transport);
    await transport.handleRequest(req, res, req.body);
  }
}
