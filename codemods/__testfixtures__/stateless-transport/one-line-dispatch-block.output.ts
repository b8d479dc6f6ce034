// The branch that builds a session's transport is written on one line, braces and all: its
// statements are lifted out one per line, indented as the `if` was, just as when the braces stand
// on lines of their own (trial 69A B1: the braces were kept around the new `const`, and the
// rewrite was given up).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function makeServer() {
  return new McpServer({ name: 'notes', version: '0.3.0' });
}

const app = express();
app.use(express.json());
app.all('/rpc', async (req, res) => {
  if (req.method !== 'POST') { res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null }); return; }
  const tr = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void tr.close();
  });
  await makeServer().connect(tr);
  await tr.handleRequest(req, res, req.body);
});
app.listen(8123);
