// The class's dispatch calls a private method that builds the transport and returns it: the
// chain is unwrapped around that call, and the method keeps building a stateless transport.
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

export class Gateway {
  private readonly open = new Map<string, StreamableHTTPServerTransport>();

  async post(req: Request, res: Response) {
    const sid = req.header('mcp-session-id');
    let transport: StreamableHTTPServerTransport;
    if (sid && this.open.has(sid)) {
      transport = this.open.get(sid)!;
    } else if (!sid && isInitializeRequest(req.body)) {
      transport = await this.#start();
    } else {
      res.status(400).json({ error: 'unknown session' });
      return;
    }
    await transport.handleRequest(req, res, req.body);
  }

  async #start(): Promise<StreamableHTTPServerTransport> {
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        this.open.set(id, transport);
      },
    });
    const server = new McpServer({ name: 'gateway', version: '1.0.0' });
    await server.connect(transport);
    return transport;
  }
}
