// State keyed through a small helper of the file handed the handler's context (trial 56A B1):
// `keyFor(extra)` is the session id with a fallback, so each call of it becomes the handle, as a
// read of extra.sessionId would. (Left as it was, the tool would look up an id the handle store
// never loads.)
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintingHandle } from './mcp-state.js';

type WizardState = { step: number; answers: string[] };
const wizards = handleState<WizardState>('wizards');

function keyFor(extra: { sessionId?: string }): string {
  return extra.sessionId ?? 'anonymous';
}

export function registerWizard(server: McpServer) {
  server.registerTool('wiz_start', { description: 'Returns wizard_id: pass it to wiz_answer.', inputSchema: {}, outputSchema: { wizard_id: z.string().describe('Pass it to wiz_answer') } }, mintingHandle(wizards, { handle: 'wizard_id', initial: { step: 0, answers: [] } }, async ({ wizard_id }, _extra) => {
    wizards.set(wizard_id, { step: 0, answers: [] });
    return { content: [{ type: 'text', text: 'started' }] };
  }));
  server.registerTool('wiz_answer', { inputSchema: { wizard_id: z.string().describe('Handle from wiz_start'), answer: z.string() } }, withHandle(wizards, { handle: 'wizard_id', mintedBy: 'wiz_start' }, async ({ wizard_id, answer }, _extra) => {
    const wizard = wizards.get(wizard_id);
    if (!wizard) return { content: [{ type: 'text', text: 'call wiz_start first' }] };
    wizard.answers.push(answer);
    wizard.step++;
    wizards.set(wizard_id, wizard);
    return { content: [{ type: 'text', text: `step ${wizard.step}` }] };
  }));
}
