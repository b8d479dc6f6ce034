// A tool that asks the client mid-call, on a server the move builds per request: the marker the
// transport rewrite leaves says the rewrite is by hand on this target (trial 78A B4).
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

function buildServer(): McpServer {
  const server = new McpServer({ name: 'rooms', version: '1.0.0' });
  server.registerTool('book_room', { description: 'Book the room after confirming' }, async () => {
    const answer = await server.server.elicitInput({ message: 'Book it?', requestedSchema: { type: 'object', properties: {} } });
    return { content: [{ type: 'text', text: answer.action === 'accept' ? 'booked' : 'not booked' }] };
  });
  return server;
}

const app = express();
app.use(express.json());
const transports = new Map<string, StreamableHTTPServerTransport>();
app.post('/mcp', async (req, res) => {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  let transport = sid ? transports.get(sid) : undefined;
  if (!transport && isInitializeRequest(req.body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        transports.set(id, transport!);
      },
    });
    await buildServer().connect(transport);
  }
  if (!transport) return void res.status(400).send('no session');
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000);
