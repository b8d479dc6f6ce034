// State in a class field, with a tool that already creates it: that tool becomes the minter.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

export class Workflows {
  private workflows = new Map<string, { steps: string[] }>();

  register(server: McpServer) {
    server.tool('start_workflow', 'Start a workflow', async (extra) => {
      this.workflows.set(extra.sessionId!, { steps: [] });
      return { content: [{ type: 'text', text: 'Workflow started' }] };
    });

    server.tool('add_step', 'Add a step', { step: z.string() }, async ({ step }, extra) => {
      const workflow = this.workflows.get(extra.sessionId!);
      if (!workflow) return { content: [{ type: 'text', text: 'No workflow' }], isError: true };
      workflow.steps.push(step);
      return { content: [{ type: 'text', text: `${workflow.steps.length} step(s)` }] };
    });
  }
}
