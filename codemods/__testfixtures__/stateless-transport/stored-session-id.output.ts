// express, the transport filed after the first request under its session id read into a variable
// (`const assigned = transport.sessionId; if (assigned) { ... }`): once the transport is stateless
// that id is undefined on every request, so the store is dead and goes, then the read, then the
// map (in a class field here). No marker says the map is filled elsewhere: nothing else fills it.
import express, { type Request, type Response } from 'express';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createInventoryServer } from './inventory.js';

export class InventoryHttp {
  mount(app: express.Express): void {
    app.post('/mcp', async (req: Request, res: Response) => {
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.on('close', () => {
        void transport.close();
      });
      await createInventoryServer().connect(transport);
      await transport.handleRequest(req, res, req.body);
    });
  }
}
