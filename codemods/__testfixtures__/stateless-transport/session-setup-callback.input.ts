// The server is built and connected in onsessioninitialized (here to a relay of its own): a
// per-request transport never calls that hook, so unwrapping the dispatch would leave nothing
// answering. Marked, not rewritten.
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { createServer } from './server.js';
import { RelayTransport, relayFor, recordOwner } from './relay.js';
import { logger } from './logger.js';
import createDebug from 'debug';

// A debug module's logger, called bare: a log line, not the callback's work.
const sessionDebug = createDebug('mcp:session');

export async function handleMcp(req: Request, res: Response, userId: string) {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport: StreamableHTTPServerTransport | undefined;
  if (sessionId) {
    transport = await relayFor(sessionId);
  } else if (isInitializeRequest(req.body)) {
    const onsessioninitialized = async (id: string) => {
      logger.info('new session', { id, userId });
      sessionDebug('create http session');
      const server = createServer();
      await server.connect(new RelayTransport(id));
      await recordOwner(id, userId);
    };
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized,
    });
  } else {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
}
