import type { Request, Response } from 'express';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { metrics } from './metrics.js';

// TODO(mcp-migrate): resumeStream(live) makes a handler that only serves the sessions it finds in
// live: with per-request transports nothing fills that map, so the handler can only refuse. A GET
// or DELETE route of the MCP endpoint answers 405 with `Allow: POST` instead (fix writes that where
// it rewrites the route's file, and this factory, unused then, can go), and POST is served by the
// per-request transport
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
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
