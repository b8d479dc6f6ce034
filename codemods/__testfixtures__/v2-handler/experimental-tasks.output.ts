// A v1 server that used the experimental tasks runtime: the official codemod removes its import
// (no v2 equivalent) but the code using it stays, so each name gets a marker at its first use.
import express from 'express';
import { McpServer, JSONRPCResultResponse, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { z } from 'zod';

// Renamed in v2, not removed: the codemod re-exports the new name under the old one (no marker).
export { JSONRPCResultResponse as JSONRPCResponse };

// TODO(mcp-migrate): official v1→v2 codemod: removed the import of InMemoryTaskStore from
// '@modelcontextprotocol/sdk/experimental/tasks', but this file still uses it: remove this use or
// import its v2 replacement
// (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
const taskStore = new InMemoryTaskStore();
// TODO(mcp-migrate): official v1→v2 codemod: removed the import of InMemoryTaskMessageQueue from
// '@modelcontextprotocol/sdk/experimental/tasks', but this file still uses it: remove this use or
// import its v2 replacement
// (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
const queue: InMemoryTaskMessageQueue = new InMemoryTaskMessageQueue();

function reportTasks(store: { taskStore: unknown }) {
  // A property named like the lost import is not a use of it.
  return store.taskStore;
}

function build() {
  // TODO(mcp-migrate): official v1→v2 codemod: Remove 'taskStore' from McpServer options —
  // experimental tasks removed in v2 (SEP-2663 — tasks moved to the Extensions Track). No v2
  // equivalent.
  // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
  // TODO(mcp-migrate): official v1→v2 codemod: Remove 'taskMessageQueue' from McpServer options —
  // experimental tasks removed in v2 (SEP-2663 — tasks moved to the Extensions Track). No v2
  // equivalent.
  // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
  const server = new McpServer({ name: 'tasks', version: '1.0.0' }, { taskStore, taskMessageQueue: queue });
  server.registerTool('echo', { inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({ content: [{ type: 'text', text }] }));
  return server;
}

// TODO(mcp-migrate): createMcpHandler validates neither Host nor Origin: add
// hostHeaderValidation([...your hostnames]) and originValidation from your adapter package
// (DNS-rebinding protection)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const app = express();
app.use(express.json());
const mcpHandler = toNodeHandler(createMcpHandler(() => build()));

app.post('/mcp', async (req, res) => {
  await mcpHandler(req, res, req.body);
});
app.get('/mcp', (req, res) => mcpHandler(req, res));
app.delete('/mcp', (req, res) => mcpHandler(req, res));
app.get('/tasks', (_req, res) => res.json(reportTasks({ taskStore })));
app.listen(3000);
