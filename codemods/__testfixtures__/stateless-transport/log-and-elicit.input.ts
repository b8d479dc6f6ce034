// A tool that asks the user mid-call and logs through the server: with a per-request transport
// the question cannot be asked and the log messages (sent on the session's GET stream) are
// dropped. The rewrite is a change to review, so --safe-only leaves the dispatch; both are marked.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

function buildServer(): McpServer {
  const server = new McpServer({ name: 'deploys', version: '1.0.0' }, { capabilities: { logging: {} } });
  server.registerTool('deploy', { description: 'Deploy after confirming' }, async (_args, extra) => {
    const answer = await server.server.elicitInput({ message: 'Deploy now?', requestedSchema: { type: 'object', properties: {} } });
    await server.sendLoggingMessage({ level: 'info', data: `deploy: ${answer.action}` }, extra.sessionId);
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
