// method-guard with the map filled by onsessioninitialized instead of by hand: the same rewrite.
// The POST check stays (GET and DELETE still get the 400 after it); the guard clause that served
// known sessions and the map bookkeeping go, and the transport is closed with its response.
import http from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { buildServer } from './server.js';

export async function handleMcp(req: http.IncomingMessage, res: http.ServerResponse, _sessions: Map<string, StreamableHTTPServerTransport>) {
  if (req.method === 'POST') {
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
    });
    res.on('close', () => {
      void transport.close();
    });
    const server = await buildServer();
    await server.connect(transport);
    return await transport.handleRequest(req, res);
  }

  res.statusCode = 400;
  res.end('Invalid request');
}
