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
    // TODO(mcp-migrate): this handler takes v1's request context as its only argument (a tool with
    // no input schema, a prompt with no arguments), and `{ signal } = extra` cannot be moved to
    // v2's context by this run: the names destructured from it have other places in v2's context
    // (signal and requestId under mcpReq, authInfo under http); rewrite it by hand (signal,
    // requestId as id, _meta and sendNotification as notify under ctx.mcpReq; authInfo under
    // ctx.http?), then move this file to the v2 packages
    // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
    const { signal } = extra;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return { content: [{ type: 'text', text: signal.aborted ? 'aborted' : 'done' }] };
  });

  server.registerTool('cancel', cancelConfig, async (extra) => ({
    // TODO(mcp-migrate): this handler may take v1's request context as its only argument (as a tool
    // with no input schema, a prompt with no arguments, does), and `extra.signal` cannot be moved
    // to v2's context by this run: its config is not written out in this file, so whether v1 handed
    // it the arguments or the request context cannot be told; rewrite it by hand (signal, requestId
    // as id, _meta and sendNotification as notify under ctx.mcpReq; authInfo under ctx.http?), then
    // move this file to the v2 packages
    // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
    content: [{ type: 'text', text: extra.signal.aborted ? 'cancelled' : 'running' }],
  }));
  return server;
}

await buildServer().connect(new StdioServerTransport());
