// The same lists with the protection off (review 70): they check nothing, so the route moves to
// createMcpHandler, and each option is marked as one it has no equivalent for.
import express from 'express';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';

const build = () => new McpServer({ name: 'local', version: '1.0.0' });

// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add
// hostHeaderValidation([...your hostnames]) and originValidation from your adapter package
// (DNS-rebinding protection)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const app = express();
app.use(express.json());
const mcpHandler = toNodeHandler(createMcpHandler(() => build()));

app.post('/mcp', async (req, res) => {
  await mcpHandler(req, res, req.body);
// TODO(mcp-migrate): transport option enableDnsRebindingProtection has no direct createMcpHandler
// equivalent; configure it on the handler or the adapter by hand
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
// TODO(mcp-migrate): transport option allowedHosts has no direct createMcpHandler equivalent;
// configure it on the handler or the adapter by hand
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
// TODO(mcp-migrate): transport option allowedOrigins has no direct createMcpHandler equivalent;
// configure it on the handler or the adapter by hand
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
});
app.get('/mcp', (req, res) => mcpHandler(req, res));
app.delete('/mcp', (req, res) => mcpHandler(req, res));
app.listen(4401);
