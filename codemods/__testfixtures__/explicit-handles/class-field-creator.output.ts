// State in a class field, with a tool that already creates it: that tool becomes the minter.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintingHandle } from './mcp-state.js';

export class Workflows {
  private workflows = handleState<{ steps: string[] }>('workflows');

  register(server: McpServer) {
    server.tool('start_workflow', 'Start a workflow. Returns workflow_id: pass it to add_step.', mintingHandle(this.workflows, { handle: 'workflow_id', initial: { steps: [] } }, async ({ workflow_id }, _extra) => {
      this.workflows.set(workflow_id, { steps: [] });
      return { content: [{ type: 'text', text: 'Workflow started' }] };
    }));

    server.tool('add_step', 'Add a step', { workflow_id: z.string().describe('Handle from start_workflow'), step: z.string() }, withHandle(this.workflows, { handle: 'workflow_id', mintedBy: 'start_workflow' }, async ({ workflow_id, step }, _extra) => {
      const workflow = this.workflows.get(workflow_id);
      if (!workflow) return { content: [{ type: 'text', text: 'No workflow' }], isError: true };
      workflow.steps.push(step);
      return { content: [{ type: 'text', text: `${workflow.steps.length} step(s)` }] };
    }));
  }
}
