// The reference's legacy routing: 2025 requests handed to a named function (legacySessionful,
// the old map code), GET and DELETE mounted on it, 2026-07-28 ones to the modern handler. Every
// call of it is on the 2025 path, so what it does is that path's job (info; fix leaves it).
import express from 'express';
import { randomUUID } from 'node:crypto';
import { createMcpHandler, isInitializeRequest, isLegacyRequest, McpServer } from '@modelcontextprotocol/server';
import { NodeStreamableHTTPServerTransport, toNodeHandler, toWebRequest } from '@modelcontextprotocol/node';

const build = () => new McpServer({ name: 'x', version: '1.0.0' });
const transports: Record<string, NodeStreamableHTTPServerTransport> = {};

async function legacySessionful(req: express.Request, res: express.Response) {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  let transport: NodeStreamableHTTPServerTransport;
  if (sid && transports[sid]) {
    transport = transports[sid];
  } else if (!sid && isInitializeRequest(req.body)) {
    transport = new NodeStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        transports[id] = transport;
      },
    });
    await build().connect(transport);
  } else {
    res.status(400).end();
    return;
  }
  await transport.handleRequest(req, res, req.body);
}

const modern = toNodeHandler(createMcpHandler(build, { legacy: 'reject' }));
const app = express();
app.use(express.json());
app.post('/mcp', async (q, r) => ((await isLegacyRequest(await toWebRequest(q, q.body))) ? legacySessionful(q, r) : modern(q, r, q.body)));
app.get('/mcp', legacySessionful);
app.delete('/mcp', (q, r) => legacySessionful(q, r));
app.listen(3000);
