// Transports kept in a record of maps, one per transport kind (this.transports.streamable), with a
// server built per session: the dispatch goes, and the session callback and close handler that
// only record and forget the session (and log) go with it.
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const build = () => new McpServer({ name: 'nested', version: '1.0.0' });

export class HttpProvider {
  private transports: { streamable: Record<string, StreamableHTTPServerTransport> } = { streamable: {} };

  async handle(req: Request, res: Response): Promise<void> {
    const sessionId = req.headers['mcp-session-id'] as string | undefined;
    let transport: StreamableHTTPServerTransport;
    if (sessionId && this.transports.streamable[sessionId]) {
      transport = this.transports.streamable[sessionId];
    } else if (!sessionId && isInitializeRequest(req.body)) {
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id: string) => {
          console.debug(`session ${id}`);
          this.transports.streamable[id] = transport;
        },
      });
      transport.onclose = () => {
        if (transport.sessionId) {
          delete this.transports.streamable[transport.sessionId];
        }
      };
      await build().connect(transport);
    } else {
      res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
      return;
    }
    await transport.handleRequest(req, res, req.body);
  }
}

// A public field may be read by another module (a shutdown that closes what it holds): it stays.
export class PublicProvider {
  transports: { streamable: Record<string, StreamableHTTPServerTransport> } = { streamable: {} };

  async handle(req: Request, res: Response): Promise<void> {
    const sessionId = req.headers['mcp-session-id'] as string | undefined;
    let transport: StreamableHTTPServerTransport;
    if (sessionId && this.transports.streamable[sessionId]) {
      transport = this.transports.streamable[sessionId];
    } else if (!sessionId && isInitializeRequest(req.body)) {
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id: string) => {
          this.transports.streamable[id] = transport;
        },
      });
      await build().connect(transport);
    } else {
      res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
      return;
    }
    await transport.handleRequest(req, res, req.body);
  }
}
