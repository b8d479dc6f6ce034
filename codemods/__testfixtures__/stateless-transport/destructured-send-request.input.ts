// A tool that asks the user mid-call through the sendRequest it takes out of its context (the
// conformance server's style, trial 37B): with a per-request transport the answer has no stream to
// come back on. The dispatch rewrite is to review, and the call is marked, as for extra.sendRequest.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ElicitResultSchema, isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

function buildServer(): McpServer {
  const server = new McpServer({ name: 'deploys', version: '1.0.0' });
  server.registerTool('deploy', { description: 'Deploy after confirming' }, async (_args, { sendRequest }) => {
    const answer = await sendRequest({ method: 'elicitation/create', params: { message: 'Deploy now?', requestedSchema: { type: 'object', properties: {} } } }, ElicitResultSchema);
    return { content: [{ type: 'text', text: answer.action }] };
  });
  return server;
}

const transports: Record<string, StreamableHTTPServerTransport> = {};
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport: StreamableHTTPServerTransport;
  if (sessionId && transports[sessionId]) {
    transport = transports[sessionId];
  } else if (!sessionId && isInitializeRequest(req.body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        transports[id] = transport;
      },
    });
    await buildServer().connect(transport);
  } else {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
