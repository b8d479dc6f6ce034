// A tool with no input schema destructuring its only argument, v1's request context, in its
// body: the names have other places in v2's context, which this run does not rewrite, so the
// file stays on v1, marked (trial 73C B1). So does a handler named as the context whose config
// another module makes: whether v1 handed it the arguments or the context is not to be told here.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { cancelConfig } from './tool-configs.js';

function buildServer() {
  const server = new McpServer({ name: 'wait', version: '1.0.0' });

  server.registerTool('wait', { description: 'Wait a second' }, async (extra) => {
    const { signal } = extra;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return { content: [{ type: 'text', text: signal.aborted ? 'aborted' : 'done' }] };
  });

  server.registerTool('cancel', cancelConfig, async (extra) => ({
    content: [{ type: 'text', text: extra.signal.aborted ? 'cancelled' : 'running' }],
  }));
  return server;
}

await buildServer().connect(new StdioServerTransport());
