// A server built per request, but by one of two expressions the request chooses: not a shared
// server, and not one factory createMcpHandler could take as it is. Marked as such.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/server';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';

function buildServer(): McpServer {
  const s = new McpServer({ name: 'full', version: '1.0.0' });
  s.registerTool('hello', { description: 'Says hi' }, async () => ({ content: [{ type: 'text', text: 'hi' }] }));
  return s;
}

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  let server: McpServer | null = null;
  if (req.body?.method === 'tools/call' || req.body?.method === 'tools/list') {
    server = buildServer();
  } else {
    server = new McpServer({ name: 'stub', version: '1.0.0' });
  }
  const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => { void transport.close(); void server?.close(); });
  // TODO(mcp-migrate): this route builds its server per request, in 2 ways chosen by the request;
  // createMcpHandler takes one factory for every request: make one function that builds the right
  // server, pass it to createMcpHandler, then run fix again
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000);
