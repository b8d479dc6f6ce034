import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

// Each session's draft in a plain object, which explicit-handles moves under a handle in the same
// run: its cleanup with the delete operator in onsessionclosed goes with the callback as a Map's
// .delete(id) does (close-cleans-handled-state), and the transport is made stateless (trial 78B B4).
const drafts: Record<string, string[]> = {};

function makeServer() {
  const server = new McpServer({ name: 'drafts', version: '1.0.0' });
  server.registerTool('append_line', { description: 'Append a line to the draft', inputSchema: { line: z.string() } }, async ({ line }, extra) => {
    const lines = drafts[extra.sessionId!] ?? [];
    lines.push(line);
    drafts[extra.sessionId!] = lines;
    return { content: [{ type: 'text', text: lines.join('\n') }] };
  });
  return server;
}

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await makeServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
