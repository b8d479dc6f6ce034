// The initialize gate is a helper of this file that tests the body with the SDK's schema
// (`InitializeRequestSchema.safeParse`): with a stateless transport it would turn away every request
// but initialize, so it goes with the session dispatch, and the helper, unused then, with it.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
  });
  await new McpServer({ name: 'gate', version: '1.0.0' }).connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
