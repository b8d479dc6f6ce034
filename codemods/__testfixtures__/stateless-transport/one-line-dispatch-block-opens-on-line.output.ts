// The branch's `{` shares a line with its first statement, the rest on lines below, two of them on
// one: the branch's log line goes, and what stays is lifted out one statement per line at the
// `if`'s indentation, the close hook too (trial 69A B1).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function makeServer() {
  return new McpServer({ name: 'ledger', version: '2.1.0' });
}

const app = express();
app.use(express.json());
app.all('/ledger/mcp', async (req, res) => {
  if (req.method !== 'POST') { res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null }); return; }
  const conn = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void conn.close();
  });
  await makeServer().connect(conn);
  await conn.handleRequest(req, res, req.body);
});
app.listen(8124);
