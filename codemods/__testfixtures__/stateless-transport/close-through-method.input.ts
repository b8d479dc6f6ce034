// A host class whose close handler forgets the session through a private method that only deletes
// the entry and logs: that is the map's bookkeeping, gone with the dispatch, and the method with
// it (nothing else calls it). The map a debug route still reads is marked (trial 17B).
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

export class HttpHost {
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
    const sid = req.headers['mcp-session-id'] as string | undefined;
    let transport: StreamableHTTPServerTransport;
    if (sid && this.transports.has(sid)) {
      transport = this.transports.get(sid)!;
    } else if (!sid && isInitializeRequest(req.body)) {
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          this.transports.set(id, transport);
        },
      });
      transport.onclose = () => {
        if (transport.sessionId) this.forget(transport.sessionId);
      };
      await new McpServer({ name: 'host', version: '1.0.0' }).connect(transport);
    } else {
      res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'No valid session' }, id: null });
      return;
    }
    await transport.handleRequest(req, res, req.body);
  }

  private forget(id: string) {
    this.transports.delete(id);
    console.log('closed', id);
  }
}
