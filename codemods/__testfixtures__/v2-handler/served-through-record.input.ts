// The route keeps each session as a record ({ server, transport }) and serves it through the record
// (`entry.transport.handleRequest`). stateless-transport makes the transport per-request and the
// record a const built where it is (the lookup, the map, its type and the id read go), but the move
// to createMcpHandler does not follow the record: the 2025-only transport stays, and the file says
// so above it, where nothing used to (trial 23A).
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

interface Entry {
  server: McpServer;
  transport: StreamableHTTPServerTransport;
}
const entries = new Map<string, Entry>();

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  try {
    const sessionId = (req.headers['mcp-session-id'] as string) || randomUUID();
    let entry = entries.get(sessionId);
    if (!entry) {
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => sessionId });
      const server = new McpServer({ name: 'records', version: '1.0.0' });
      server.registerTool('hello', { description: 'Greets' }, async () => ({ content: [{ type: 'text', text: 'hi' }] }));
      await server.connect(transport);
      entry = { server, transport };
      entries.set(sessionId, entry);
    }
    await entry.transport.handleRequest(req, res, req.body);
  } catch {
    if (!res.headersSent) res.status(500).end();
  }
});

app.listen(3000);
