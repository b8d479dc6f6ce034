// The Streamable HTTP route hands the request to a method of the class: it is the endpoint the
// legacy SSE routes point their clients to (not "something else" on /mcp).
import express, { type Request, type Response } from 'express';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function audit(req: Request): void {
  console.error('mcp request from', req.ip);
}

export class HttpProvider {
  private readonly app = express();

  constructor(private readonly build: () => Server) {
    this.app.post('/mcp', async (req: Request, res: Response) => {
      audit(req);
      await this.handleStreamable(req, res);
    });
    this.app.get('/sse', async (_req: Request, res: Response) => {
      res.status(410).json({ jsonrpc: '2.0', error: { code: -32000, message: 'This server no longer serves the deprecated HTTP+SSE transport: use Streamable HTTP at POST /mcp' }, id: null });
    });
    this.app.post('/messages', async (_req: Request, res: Response) => {
      res.status(410).json({ jsonrpc: '2.0', error: { code: -32000, message: 'This server no longer serves the deprecated HTTP+SSE transport: use Streamable HTTP at POST /mcp' }, id: null });
    });
  }

  private async handleStreamable(req: Request, res: Response): Promise<void> {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await this.build().connect(transport);
    await transport.handleRequest(req, res, req.body);
  }
}
