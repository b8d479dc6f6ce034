// node:http on loopback whose callback routes by path: the guard goes first in the /mcp branch,
// so the health check keeps answering a proxied Host (trial 66C B2).
import { createServer } from 'node:http';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler, localhostHostValidation, localhostOriginValidation } from '@modelcontextprotocol/node';

const buildServer = () => new McpServer({ name: 'clock', version: '1.0.0' });

const mcpHandler = toNodeHandler(createMcpHandler(() => buildServer()));

const mcpHostGuard = localhostHostValidation();
const mcpOriginGuard = localhostOriginValidation();

createServer(async (req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200).end('ok');
    return;
  }
  if (req.url === '/mcp') {
    if (!mcpHostGuard(req, res) || !mcpOriginGuard(req, res)) return;
    await mcpHandler(req, res);
    return;
  }
  res.writeHead(404).end();
}).listen(7070, '127.0.0.1');
