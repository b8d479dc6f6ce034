// A v1 server that used the experimental tasks runtime: the official codemod removes its import
// (no v2 equivalent) but the code using it stays, so each name gets a marker at its first use.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { InMemoryTaskStore, InMemoryTaskMessageQueue } from '@modelcontextprotocol/sdk/experimental/tasks';
import { JSONRPCResponse } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

// Renamed in v2, not removed: the codemod re-exports the new name under the old one (no marker).
export { JSONRPCResponse };

const taskStore = new InMemoryTaskStore();
const queue: InMemoryTaskMessageQueue = new InMemoryTaskMessageQueue();

function reportTasks(store: { taskStore: unknown }) {
  // A property named like the lost import is not a use of it.
  return store.taskStore;
}

function build() {
  const server = new McpServer({ name: 'tasks', version: '1.0.0' }, { taskStore, taskMessageQueue: queue });
  server.registerTool('echo', { inputSchema: { text: z.string() } }, async ({ text }) => ({ content: [{ type: 'text', text }] }));
  return server;
}

const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await build().connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.get('/tasks', (_req, res) => res.json(reportTasks({ taskStore })));
app.listen(3000);
