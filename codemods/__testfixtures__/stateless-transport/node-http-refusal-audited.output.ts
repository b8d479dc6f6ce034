// Look-alike of node-http-refusal-top-level: the refusal also counts and logs what it turns away,
// with a comment of its own: rewriting it would drop that work, so it stays as it is (review 88
// point 2), and no 405 check is added over it.
import { createServer } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

let rejected = 0;

createServer(async (req, res) => {
  if (req.method !== 'POST') {
    // audit: the uptime probe counts these
    rejected++;
    console.warn('rejected', req.method, rejected);
    res.writeHead(400).end('no session');
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await new McpServer({ name: 'ledger', version: '1.0.0' }).connect(transport);
  await transport.handleRequest(req, res);
}).listen(8080);
