// Tools registered in loops with shapes computed at run time: the official codemod converts
// neither server.tool() call, and the v2 McpServer has no tool(). The file stays on v1 with a
// marker at each call, not only the first.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

type Action = { name: string; description: string; props: string[] };

export function addActions(server: McpServer, actions: Action[]): void {
  for (const action of actions) {
    // TODO(mcp-migrate): the official v1→v2 codemod could not convert this tool() call, and the v2
    // McpServer has no tool(): rewrite it as registerTool(name, { description, inputSchema },
    // handler), then move this file to the v2 packages
    // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
    server.tool(action.name, action.description, Object.fromEntries(action.props.map((k) => [k, z.string()])), async (params) => ({
      content: [{ type: 'text', text: JSON.stringify(params) }],
    }));
  }
}

export function addFlows(server: McpServer, flows: Action[]): void {
  for (const flow of flows) {
    const shape = Object.fromEntries(flow.props.map((k) => [k, z.string()]));
    // TODO(mcp-migrate): the official v1→v2 codemod could not convert this tool() call, and the v2
    // McpServer has no tool(): rewrite it as registerTool(name, { description, inputSchema },
    // handler), then move this file to the v2 packages
    // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
    server.tool(flow.name, flow.description, shape, async () => ({ content: [] }));
  }
}
