// An `all` route that logs each request's method before its session dispatch (trial 35C): the log
// line routes nothing, so the GET that the dispatch's else branch answered 405 still answers 405,
// after the log line, which goes on logging every request.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const getServer = () => new McpServer({ name: 'logged', version: '1.0.0' });
const app = express();
app.use(express.json());

app.all('/mcp', async (req, res) => {
  console.log('request', { method: req.method, path: req.path });
  if (req.method !== 'POST') { res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null }); return; }
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await getServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
