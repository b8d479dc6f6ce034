// The initialize gate inside the branch that builds a session's transport, or'ed with a method test,
// in a try block of a handler a wrapper arrow calls: the gate's own test stays, the rest goes (trial 26C),
// and the method test left alone answers 405 with Allow: POST (trial 39C).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

async function handle(req: express.Request, res: express.Response) {
  try {
    if (req.method !== 'POST') { res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null }); return; }
    const t = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
    });
    res.on('close', () => {
      void t.close();
    });
    await new McpServer({ name: 'relay', version: '1' }).connect(t);
    await t.handleRequest(req, res, req.body);
  } catch { res.status(500).end(); }
}

const app = express();
app.use(express.json());
app.post('/mcp', (req, res) => { handle(req, res).catch(console.error); });
app.listen(3000);
