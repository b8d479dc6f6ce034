// The branch that builds a session's transport is written on one line, braces and all: its
// statements are lifted out one per line, indented as the `if` was, just as when the braces stand
// on lines of their own (trial 69A B1: the braces were kept around the new `const`, and the
// rewrite was given up).
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function makeServer() {
  return new McpServer({ name: 'notes', version: '0.3.0' });
}

const live = new Map<string, StreamableHTTPServerTransport>();
const app = express();
app.use(express.json());
app.all('/rpc', async (req, res) => {
  const sessionId = req.header('mcp-session-id');
  let tr = sessionId ? live.get(sessionId) : undefined;
  if (!tr) { tr = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (id) => { live.set(id, tr!); } }); await makeServer().connect(tr); }
  await tr.handleRequest(req, res, req.body);
});
app.listen(8123);
