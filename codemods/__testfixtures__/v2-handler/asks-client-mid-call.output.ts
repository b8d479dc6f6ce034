// A tool that asks the client mid-call, on a server the move builds per request: the marker the
// transport rewrite leaves says the rewrite is by hand on this target (trial 78A B4).
import express from 'express';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';

function buildServer(): McpServer {
  const server = new McpServer({ name: 'rooms', version: '1.0.0' });
  server.registerTool('book_room', { description: 'Book the room after confirming' }, async () => {
    // TODO(mcp-migrate): elicitInput() asks the client mid-call, and fails on every request until
    // rewritten: a server built per request (a stateless transport) never sees initialize, so it
    // knows no client capabilities (the SDK's error says the client does not support the request,
    // whatever it declared), and it keeps no stream for the answer. Rewrite it by hand (fix does
    // not rewrite it, on this target either) to the 2026-07-28 multi-round-trip shape: return
    // inputRequired({ inputRequests: { ... }, requestState }) instead of asking, and when the
    // client calls again with its answers read them from ctx.mcpReq.inputResponses
    // (acceptedContent(...) for an elicitation), resuming from requestState
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr)
    const answer = await server.server.elicitInput({ message: 'Book it?', requestedSchema: { type: 'object', properties: {} } });
    return { content: [{ type: 'text', text: answer.action === 'accept' ? 'booked' : 'not booked' }] };
  });
  return server;
}

// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add
// hostHeaderValidation([...your hostnames]) and originValidation from your adapter package
// (DNS-rebinding protection)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const app = express();
app.use(express.json());
const mcpHandler = toNodeHandler(createMcpHandler(() => buildServer()));

app.post('/mcp', async (req, res) => {
  await mcpHandler(req, res, req.body);
});
app.get('/mcp', (req, res) => mcpHandler(req, res));
app.delete('/mcp', (req, res) => mcpHandler(req, res));
app.listen(3000);
