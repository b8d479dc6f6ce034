// A library's transport wrapper passes its caller's option on, typed so that it can only be
// undefined: the transport mints no session ids, so the CORS list has no session header to keep.
import cors from 'cors';
import express from 'express';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export interface HttpOptions {
  port: number;
  sessionIdGenerator?: undefined;
}

export function serveHttp(config: HttpOptions) {
  const app = express();
  app.use(cors({ allowedHeaders: ['Content-Type', 'Mcp-Method', 'Mcp-Name', 'MCP-Protocol-Version'] }));
  app.post('/mcp', async (req, res) => {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: config.sessionIdGenerator });
    await transport.handleRequest(req, res, req.body);
  });
  app.listen(config.port);
}
