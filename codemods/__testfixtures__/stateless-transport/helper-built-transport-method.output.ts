// The class's dispatch calls a private method that builds the transport and returns it: the
// chain is unwrapped around that call, and the method keeps building a stateless transport.
import type { Request, Response } from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export class Gateway {
  async post(req: Request, res: Response) {
    const transport: StreamableHTTPServerTransport = await this.#start();
    res.on('close', () => {
      void transport.close();
    });
    await transport.handleRequest(req, res, req.body);
  }

  async #start(): Promise<StreamableHTTPServerTransport> {
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
    });
    const server = new McpServer({ name: 'gateway', version: '1.0.0' });
    await server.connect(transport);
    return transport;
  }
}
