// express, the transport filed after the first request under its session id read into a variable
// (`const assigned = transport.sessionId; if (assigned) { ... }`): once the transport is stateless
// that id is undefined on every request, so the store is dead and goes, then the read, then the
// map (in a class field here). No marker says the map is filled elsewhere: nothing else fills it.
import express, { type Request, type Response } from 'express';
import { randomUUID } from 'node:crypto';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { createInventoryServer } from './inventory.js';

export class InventoryHttp {
  private readonly transports: Record<string, StreamableHTTPServerTransport> = {};

  mount(app: express.Express): void {
    app.post('/mcp', async (req: Request, res: Response) => {
      const sessionId = req.headers['mcp-session-id'] as string | undefined;
      if (sessionId && this.transports[sessionId]) {
        await this.transports[sessionId].handleRequest(req, res, req.body);
        return;
      }
      if (!sessionId && isInitializeRequest(req.body)) {
        const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
        await createInventoryServer().connect(transport);
        await transport.handleRequest(req, res, req.body);
        const assigned = transport.sessionId;
        if (assigned) {
          this.transports[assigned] = transport;
        }
        return;
      }
      res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
    });
  }
}
