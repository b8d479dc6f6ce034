// Transports kept in a record of maps, one per transport kind (this.transports.streamable), with a
// server built per session: the dispatch goes, and the session callback and close handler that
// only record and forget the session (and log) go with it.
import type { Request, Response } from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const build = () => new McpServer({ name: 'nested', version: '1.0.0' });

export class HttpProvider {
  async handle(req: Request, res: Response): Promise<void> {
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
    });
    res.on('close', () => {
      void transport.close();
    });
    await build().connect(transport);
    await transport.handleRequest(req, res, req.body);
  }
}

// A public field may be read by another module (a shutdown that closes what it holds): it stays.
export class PublicProvider {
  transports: { streamable: Record<string, StreamableHTTPServerTransport> } = { streamable: {} };

  async handle(req: Request, res: Response): Promise<void> {
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
    });
    res.on('close', () => {
      void transport.close();
    });
    await build().connect(transport);
    await transport.handleRequest(req, res, req.body);
  }
}
