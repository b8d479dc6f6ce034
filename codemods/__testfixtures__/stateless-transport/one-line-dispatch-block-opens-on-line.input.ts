// The branch's `{` shares a line with its first statement, the rest on lines below, two of them on
// one: the branch's log line goes, and what stays is lifted out one statement per line at the
// `if`'s indentation, the close hook too (trial 69A B1).
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

function makeServer() {
  return new McpServer({ name: 'ledger', version: '2.1.0' });
}

const open: Record<string, StreamableHTTPServerTransport> = {};
const app = express();
app.use(express.json());
app.all('/ledger/mcp', async (req, res) => {
  const key = req.headers['mcp-session-id'] as string | undefined;
  let conn = key ? open[key] : undefined;
  if (!conn) { conn = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => { open[id] = conn!; },
    });
    console.info('starting a new session'); await makeServer().connect(conn);
  }
  await conn.handleRequest(req, res, req.body);
});
app.listen(8124);
