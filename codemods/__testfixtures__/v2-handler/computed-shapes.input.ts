// Tools registered in loops with shapes computed at run time: the official codemod converts
// neither server.tool() call, and the v2 McpServer has no tool(). The file stays on v1 with a
// marker at each call, not only the first.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

type Action = { name: string; description: string; props: string[] };

export function addActions(server: McpServer, actions: Action[]): void {
  for (const action of actions) {
    server.tool(action.name, action.description, Object.fromEntries(action.props.map((k) => [k, z.string()])), async (params) => ({
      content: [{ type: 'text', text: JSON.stringify(params) }],
    }));
  }
}

export function addFlows(server: McpServer, flows: Action[]): void {
  for (const flow of flows) {
    const shape = Object.fromEntries(flow.props.map((k) => [k, z.string()]));
    server.tool(flow.name, flow.description, shape, async () => ({ content: [] }));
  }
}
