// An Express app on loopback that serves MCP through a route chain (`app.route('/mcp').post(h)`)
// beside a route of its own: the Host/Origin guards go on /mcp, as for `app.post('/mcp', h)`, so
// /health keeps answering a proxied Host.
import express from 'express';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { localhostHostValidation, localhostOriginValidation } from '@modelcontextprotocol/express';

const build = () => new McpServer({ name: 'quarry', version: '1.1.0' });

const app = express();
app.use('/mcp', localhostHostValidation(), localhostOriginValidation());
app.use(express.json());

app.get('/health', (_req, res) => res.send('ok'));

const mcpHandler = toNodeHandler(createMcpHandler(() => build()));

app.route('/mcp').post(async (req, res) => {
  await mcpHandler(req, res, req.body);
}).get((req, res) => mcpHandler(req, res)).delete((req, res) => mcpHandler(req, res));

app.listen(3100, '127.0.0.1');
