// The POST route is a plain `app.post`, and the file answers GET on the same path in a route chain
// of its own: that counts as routing GET, so DELETE alone is added (trial 67C B1). Before, an
// `app.get` was added too, and Express handed GET to whichever came first.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const buildServer = () => new McpServer({ name: 'harbor', version: '1.0.0' });

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await buildServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.route('/mcp').get((_req, res) => {
  res.status(405).set('Allow', 'POST').send('POST only');
});

app.listen(3000);
