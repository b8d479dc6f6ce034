// One server built once by a factory the application already has, connected to the transport of
// every session: each connection calls that factory instead. A server from http.createServer()
// is no MCP server and stays.
import http from 'node:http';
import express from 'express';
import { randomUUID } from 'node:crypto';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { createMcpServer } from './mcp.js';

// built once at start-up
const server = createMcpServer({ name: 'notes' });
const app = express();
app.use(express.json());
const transports: Record<string, StreamableHTTPServerTransport> = {};

app.post('/mcp', async (req, res) => {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  let transport = sid ? transports[sid] : undefined;
  if (!transport && isInitializeRequest(req.body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => { transports[id] = transport!; },
    });
    await server.connect(transport);
  }
  if (!transport) { res.status(400).end(); return; }
  await transport.handleRequest(req, res, req.body);
});

const httpServer = http.createServer(app);
httpServer.listen(3000);
