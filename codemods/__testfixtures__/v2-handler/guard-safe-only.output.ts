// Under --safe-only the loopback guards, a change to review, are left out and marked (trial 66C B2).
import express from 'express';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';

// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin, and this server binds to
// loopback: the localhost guards of @modelcontextprotocol/express (app.use('/mcp',
// localhostHostValidation(), localhostOriginValidation())) are a change to review, left out under
// --safe-only. With them, a request whose Host is not localhost, 127.0.0.1 or [::1] gets 403, as
// does one with an Origin of another host (v1's transport checked neither unless told to). Behind a
// reverse proxy on this host that passes the public Host (Caddy by default, nginx with
// proxy_set_header Host $host), every proxied request gets 403: there, use
// hostHeaderValidation([...its hostnames]) and originValidation instead
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const app = express();
app.use(express.json());

const buildServer = () => new McpServer({ name: 'weather', version: '2.1.0' });

const mcpHandler = toNodeHandler(createMcpHandler(() => buildServer()));

app.post('/mcp', async (req, res) => {
  await mcpHandler(req, res, req.body);
});
app.get('/mcp', (req, res) => mcpHandler(req, res));
app.delete('/mcp', (req, res) => mcpHandler(req, res));

app.listen(3001, 'localhost', () => console.log('listening'));
