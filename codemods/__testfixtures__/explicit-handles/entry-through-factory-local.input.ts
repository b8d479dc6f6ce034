import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

const moves = new Map<string, string[]>();

function buildServer(sessionId: string): McpServer {
  const played = moves.get(sessionId) ?? [];
  moves.set(sessionId, played);
  const server = new McpServer({ name: 'moves-log', version: '1.0.0' });
  server.registerTool('play', { inputSchema: { move: z.string() } }, async ({ move }) => {
    played.push(move);
    return { content: [{ type: 'text', text: `${played.length} moves` }] };
  });
  server.registerTool('played', {}, async () => ({ content: [{ type: 'text', text: played.join(' ') }] }));
  return server;
}

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const sessionId = (req.headers['mcp-session-id'] as string | undefined) ?? 'default';
  const server = buildServer(sessionId);
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000);
