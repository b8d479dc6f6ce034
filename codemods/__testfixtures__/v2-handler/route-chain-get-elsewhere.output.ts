// The POST route is a plain `app.post`, and the file answers GET on the same path in a route chain
// of its own: that counts as routing GET, so DELETE alone is added (trial 67C B1). Before, an
// `app.get` was added too, and Express handed GET to whichever came first.
import express from 'express';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';

const buildServer = () => new McpServer({ name: 'harbor', version: '1.0.0' });

// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add
// hostHeaderValidation([...your hostnames]) and originValidation from your adapter package
// (DNS-rebinding protection)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const app = express();
app.use(express.json());

const mcpHandler = toNodeHandler(createMcpHandler(() => buildServer()));

app.post('/mcp', async (req, res) => {
  await mcpHandler(req, res, req.body);
});
app.delete('/mcp', (req, res) => mcpHandler(req, res));

app.route('/mcp').get((_req, res) => {
  res.status(405).set('Allow', 'POST').send('POST only');
});

app.listen(3000);
