// Already a transport per request, assigned to a let declared before the try so the catch can
// close it, whose generator comes from the caller's options: only the option is sessionful. It
// becomes undefined (to review: the caller's option no longer does anything); nothing is marked
// as an unrecognised dispatch (trial 17B).
import type { Request, Response } from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export function mcpRoute(options: { sessionIdGenerator?: () => string } = {}) {
  return async (req: Request, res: Response) => {
    let transport: StreamableHTTPServerTransport | undefined;
    try {
      const server = new McpServer({ name: 'library', version: '1.0.0' });
      transport = new StreamableHTTPServerTransport({ sessionIdGenerator: options.sessionIdGenerator });
      await server.connect(transport);
      await transport.handleRequest(req, res, req.body);
    } catch (error) {
      console.error(error);
      await transport?.close();
    }
  };
}
