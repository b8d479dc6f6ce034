// node:http bound to loopback: the handler gets the adapter's Host/Origin guards, imported
// from the same package as toNodeHandler (one import, not two).
import { createServer } from 'node:http';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler, localhostHostValidation, localhostOriginValidation } from '@modelcontextprotocol/node';

function notesServer() {
  const server = new McpServer({ name: 'notes', version: '0.3.0' });
  return server;
}

const mcpHandler = toNodeHandler(createMcpHandler(() => notesServer()));

const mcpHostGuard = localhostHostValidation();
const mcpOriginGuard = localhostOriginValidation();

createServer(async (req, res) => {
  if (!mcpHostGuard(req, res) || !mcpOriginGuard(req, res)) return;
  if (req.method !== 'POST') { res.writeHead(405, { 'Content-Type': 'application/json', Allow: 'POST' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null })); return; }
  await mcpHandler(req, res);
}).listen(8808, '127.0.0.1');
