// The transport is built in a method the dispatch calls only for initialize (trial 27A): made
// stateless alone, it would answer initialize and refuse every later request with the 400 below.
// Left as it was, with a marker saying why; the dispatch keeps its own markers.
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

export class Gateway {
  private readonly open = new Map<string, StreamableHTTPServerTransport>();

  async post(req: Request, res: Response) {
    const id = req.header('mcp-session-id');
    const known = id ? this.open.get(id) : undefined;
    if (known) {
      await known.handleRequest(req, res, req.body);
    } else if (isInitializeRequest(req.body)) {
      await this.start(req, res);
    } else {
      res.status(400).json({ error: 'unknown session' });
    }
  }

  private async start(req: Request, res: Response) {
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => {
        this.open.set(sid, transport);
      },
    });
    const server = new McpServer({ name: 'gateway', version: '1.0.0' });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  }
}
