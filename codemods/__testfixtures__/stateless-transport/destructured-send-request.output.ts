// A tool that asks the user mid-call through the sendRequest it takes out of its context (the
// conformance server's style, trial 37B): with a per-request transport the answer has no stream to
// come back on. The dispatch rewrite is to review, and the call is marked, as for extra.sendRequest.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ElicitResultSchema } from '@modelcontextprotocol/sdk/types.js';

function buildServer(): McpServer {
  const server = new McpServer({ name: 'deploys', version: '1.0.0' });
  server.registerTool('deploy', { description: 'Deploy after confirming' }, async (_args, { sendRequest }) => {
    // TODO(mcp-migrate): sendRequest() asks the client mid-call: a stateless server knows no client
    // capabilities from a handshake and holds no stream for the answer, so this fails; return an
    // input_required result (multi-round-trip) and resume from requestState instead
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr)
    const answer = await sendRequest({ method: 'elicitation/create', params: { message: 'Deploy now?', requestedSchema: { type: 'object', properties: {} } } }, ElicitResultSchema);
    return { content: [{ type: 'text', text: answer.action }] };
  });
  return server;
}

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await buildServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
