// The initialize gate inside the branch that builds a session's transport, or'ed with a method test,
// in a try block of a handler a wrapper arrow calls: the gate's own test stays, the rest goes (trial 26C),
// and the method test left alone answers 405 with Allow: POST (trial 39C).
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const sessions = new Map<string, StreamableHTTPServerTransport>();

async function handle(req: express.Request, res: express.Response) {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  try {
    let t = sid ? sessions.get(sid) : undefined;
    if (!t) {
      if (req.method !== 'POST' || !isInitializeRequest(req.body)) { res.status(400).send('Bad request'); return; }
      t = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => { sessions.set(id, t!); },
      });
      await new McpServer({ name: 'relay', version: '1' }).connect(t);
    }
    await t.handleRequest(req, res, req.body);
  } catch { res.status(500).end(); }
}

const app = express();
app.use(express.json());
app.post('/mcp', (req, res) => { handle(req, res).catch(console.error); });
app.listen(3000);
