// node:http: a guard clause serves known sessions, then the transport is created under a method
// check that is not a session dispatch (the map comes in as a parameter), its id minted up front
// and the transport put in the map by hand (browserbase's transport). The POST check stays (GET
// and DELETE still get the 400 after it) and sessionId is not redeclared; the guard clause, the
// map entry, its onclose removal and the minted id go, as for onsessioninitialized.
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
