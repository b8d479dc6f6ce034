// Routes whose inline handlers only hand the request on to named functions (a wrapper arrow that
// catches the promise, a void call, a try/catch): the functions are the routes' handlers, so GET
// and DELETE answer 405 as they would with the functions passed directly.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const channels: Record<string, StreamableHTTPServerTransport> = {};

function makeServer() {
  const server = new McpServer({ name: 'relay', version: '1.0.0' });
  server.tool('shout', { text: z.string() }, async ({ text }) => ({ content: [{ type: 'text', text: text.toUpperCase() }] }));
  return server;
}

async function onPost(req: express.Request, res: express.Response) {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport: StreamableHTTPServerTransport;
  if (sessionId && channels[sessionId]) {
    transport = channels[sessionId];
  } else if (!sessionId && isInitializeRequest(req.body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        channels[id] = transport;
      },
    });
    await makeServer().connect(transport);
  } else {
    res.status(400).json({ error: 'no session' });
    return;
  }
  await transport.handleRequest(req, res, req.body);
}

async function onStream(req: express.Request, res: express.Response) {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  if (!sessionId || !channels[sessionId]) {
    res.status(400).send('unknown session');
    return;
  }
  await channels[sessionId].handleRequest(req, res);
}

async function onEnd(req: express.Request, res: express.Response) {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  if (sessionId && channels[sessionId]) await channels[sessionId].handleRequest(req, res);
  else res.status(404).end();
}

const app = express();
app.use(express.json());
app.post('/mcp', (req, res) => {
  onPost(req, res).catch((err) => {
    console.error(err);
    if (!res.headersSent) res.status(500).end();
  });
});
app.get('/mcp', (req, res) => void onStream(req, res));
app.delete('/mcp', async (req, res) => {
  try {
    await onEnd(req, res);
  } catch {
    res.status(500).end();
  }
});
app.listen(3000);
