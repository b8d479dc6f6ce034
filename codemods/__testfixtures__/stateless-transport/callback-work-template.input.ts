// The set-up hook does work whose code holds a template literal: the marker quotes it in a code
// span that the literal's backticks do not end.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { notifyOps } from './ops.js';

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: async (id) => {
      await notifyOps(`session ${id} opened`);
    },
  });
  await new McpServer({ name: 'ops', version: '1.0.0' }).connect(transport);
  await transport.handleRequest(req, res, req.body);
});
