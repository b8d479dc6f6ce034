import type { Request, Response } from 'express';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { metrics } from './metrics.js';

export function resumeStream(live: Map<string, StreamableHTTPServerTransport>) {
  return async (req: Request, res: Response) => {
    const id = req.get('mcp-session-id');
    const transport = id ? live.get(id) : undefined;
    if (!transport) {
      res.status(400).json({ error: 'unknown session' });
      return;
    }
    await transport.handleRequest(req, res);
  };
}

// Does more than serve the session (counts the closes): no advice about a route of its own.
export const closeTracked = (live: Map<string, StreamableHTTPServerTransport>) => async (req: Request, res: Response) => {
  const id = req.get('mcp-session-id');
  if (!id || !live.has(id)) {
    res.status(404).end();
    return;
  }
  metrics.increment('session.closed');
  await live.get(id)!.handleRequest(req, res);
};
