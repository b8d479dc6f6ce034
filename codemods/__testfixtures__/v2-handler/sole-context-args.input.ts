// Look-alikes of a handler taking the context alone: a tool with an input schema takes its
// arguments first, whatever they are named or hold (a `requestId` argument, a destructured
// `signal`), and a handler reading only sessionId (same place on v2) is left as it is. Neither is a
// handler of a config a function makes, under a name that is not the context's.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

function lookupConfig<Shape extends z.ZodRawShape>(description: string, shape: Shape) {
  return { description, inputSchema: z.object(shape) };
}

function buildServer() {
  const server = new McpServer({ name: 'lookup', version: '1.0.0' });

  server.registerTool('lookup', { inputSchema: { requestId: z.string() } }, async (extra) => ({
    content: [{ type: 'text', text: `looked up ${extra.requestId}` }],
  }));

  server.registerTool('relay', { description: 'Relay a signal', inputSchema: { signal: z.string() } }, async ({ signal }) => ({
    content: [{ type: 'text', text: `relayed ${signal}` }],
  }));

  server.tool('echo', { requestId: z.string() }, async (args) => ({ content: [{ type: 'text', text: args.requestId }] }));

  server.registerPrompt('recall', { argsSchema: { requestId: z.string() } }, async (extra) => ({
    messages: [{ role: 'user', content: { type: 'text', text: `recall ${extra.requestId}` } }],
  }));

  server.registerTool('session', { description: 'Session id' }, async (extra) => ({
    content: [{ type: 'text', text: extra.sessionId ?? 'none' }],
  }));

  server.registerTool('find', lookupConfig('Find a request', { requestId: z.string() }), async (args) => ({ content: [{ type: 'text', text: `found ${args.requestId}` }] }));
  return server;
}

// The project's own helper of that name, whose config names the arguments its own way, and a
// registry object's method: their handlers take arguments (review 92 point 3).
const jobs = new McpServer({ name: 'jobs', version: '1.0.0' });
function registerTool(name: string, def: { description: string; params: z.ZodRawShape }, run: (args: Record<string, string>) => Promise<string>) {
  jobs.registerTool(name, { description: def.description, inputSchema: z.object(def.params) }, async (args) => ({ content: [{ type: 'text', text: await run(args as Record<string, string>) }] }));
}
registerTool('cancel_job', { description: 'Cancel a job', params: { requestId: z.string() } }, async (args) => `cancelled ${args.requestId}`);
const registry = { registerTool: (name: string, def: { params: z.ZodRawShape }, run: (args: Record<string, string>) => string) => [name, def, run] };
registry.registerTool('retry_job', { params: { requestId: z.string() } }, (args) => `retried ${args.requestId}`);

await buildServer().connect(new StdioServerTransport());
