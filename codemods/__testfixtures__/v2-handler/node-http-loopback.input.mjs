// node:http bound to loopback: the handler gets the adapter's Host/Origin guards, imported
// from the same package as toNodeHandler (one import, not two).
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const transports = new Map();

function notesServer() {
  const server = new McpServer({ name: 'notes', version: '0.3.0' });
  return server;
}

createServer(async (req, res) => {
  const sessionId = req.headers['mcp-session-id'];
  let transport = sessionId ? transports.get(sessionId) : undefined;
  if (!transport) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => transports.set(id, transport),
    });
    await notesServer().connect(transport);
  }
  await transport.handleRequest(req, res);
}).listen(8808, '127.0.0.1');
