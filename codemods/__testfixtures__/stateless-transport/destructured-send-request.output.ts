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
    // TODO(mcp-migrate): sendRequest() asks the client mid-call, and fails on every request until
    // rewritten: a server built per request (a stateless transport) never sees initialize, so it
    // knows no client capabilities (the SDK's error says the client does not support the request,
    // whatever it declared), and it keeps no stream for the answer. Rewrite it to the 2026-07-28
    // multi-round-trip shape on the v2 packages (fix --target 2026-07-28): return inputRequired({
    // inputRequests: { ... } }), read the answer from ctx.mcpReq.inputResponses when the client
    // calls again, and keep what the call needs to resume in requestState
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
