// The initialize gate is a helper of this file that tests the body with the SDK's schema
// (`InitializeRequestSchema.safeParse`): with a stateless transport it would turn away every request
// but initialize, so it goes with the session dispatch, and the helper, unused then, with it.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { InitializeRequestSchema } from '@modelcontextprotocol/sdk/types.js';

function opensSession(body: unknown): boolean {
  return InitializeRequestSchema.safeParse(body).success;
}

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  if (!opensSession(req.body)) {
    res.status(400).json({ error: 'initialize first' });
    return;
  }
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
  await new McpServer({ name: 'gate', version: '1.0.0' }).connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
