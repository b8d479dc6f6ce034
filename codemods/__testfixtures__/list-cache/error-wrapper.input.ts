// Tools registered while the server is built, each inside an error wrapper of this file that runs
// its callback at once: still build time, so the list is fixed. A callback handed to a wrapper
// that defers it (after an await) registers later: marked.
import { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod/v4';

function guarded<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    console.error('registration failed', error);
    throw error;
  }
}

async function later(work: () => void): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 10));
  work();
}

export function buildServer(): McpServer {
  const server = new McpServer({ name: 'wrapped', version: '1.0.0' });
  guarded(() => {
    server.registerTool('echo', { inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({ content: [{ type: 'text', text }] }));
  });
  return server;
}

export function buildLateServer(): McpServer {
  const server = new McpServer({ name: 'late', version: '1.0.0' });
  void later(() => {
    server.registerTool('ping_late', { inputSchema: z.object({}) }, async () => ({ content: [{ type: 'text', text: 'pong' }] }));
  });
  return server;
}
