// The Streamable HTTP route hands the request to a method of the class: it is the endpoint the
// legacy SSE routes point their clients to (not "something else" on /mcp).
import express, { type Request, type Response } from 'express';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function audit(req: Request): void {
  console.error('mcp request from', req.ip);
}

export class HttpProvider {
  private readonly app = express();
  private readonly sse: Record<string, SSEServerTransport> = {};

  constructor(private readonly build: () => Server) {
    this.app.post('/mcp', async (req: Request, res: Response) => {
      audit(req);
      await this.handleStreamable(req, res);
    });
    this.app.get('/sse', async (req: Request, res: Response) => {
      const transport = new SSEServerTransport('/messages', res);
      this.sse[transport.sessionId] = transport;
      await this.build().connect(transport);
    });
    this.app.post('/messages', async (req: Request, res: Response) => {
      const transport = this.sse[req.query.sessionId as string];
      await transport?.handlePostMessage(req, res, req.body);
    });
  }

  private async handleStreamable(req: Request, res: Response): Promise<void> {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await this.build().connect(transport);
    await transport.handleRequest(req, res, req.body);
  }
}
