// The route keeps each session as a record ({ server, transport }) and serves it through the record
// (`entry.transport.handleRequest`). stateless-transport makes the transport per-request and the
// record a const built where it is (the lookup, the map, its type and the id read go), but the move
// to createMcpHandler does not follow the record: the 2025-only transport stays, and the file says
// so above it, where nothing used to (trial 23A).
import express from 'express';
import { McpServer } from '@modelcontextprotocol/server';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  try {
    // TODO(mcp-migrate): NodeStreamableHTTPServerTransport speaks 2025 only, also on the v2
    // packages, and v2-handler could not follow how this route's transport is served (no
    // `transport.handleRequest(...)` in this block): serve the route with createMcpHandler(() =>
    // buildServer()) by hand (toNodeHandler on Node), or 2026-07-28 clients are refused
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
    });
    const server = new McpServer({ name: 'records', version: '1.0.0' });
    server.registerTool('hello', { description: 'Greets' }, async () => ({ content: [{ type: 'text', text: 'hi' }] }));
    await server.connect(transport);
    const entry = { server, transport };
    await entry.transport.handleRequest(req, res, req.body);
  } catch {
    if (!res.headersSent) res.status(500).end();
  }
});

app.listen(3000);
