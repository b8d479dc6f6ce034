// State keyed through a small helper of the file handed the handler's context (trial 56A B1):
// `keyFor(extra)` is the session id with a fallback, so each call of it becomes the handle, as a
// read of extra.sessionId would. (Left as it was, the tool would look up an id the handle store
// never loads.)
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

type WizardState = { step: number; answers: string[] };
const wizards = new Map<string, WizardState>();

function keyFor(extra: { sessionId?: string }): string {
  return extra.sessionId ?? 'anonymous';
}

export function registerWizard(server: McpServer) {
  server.registerTool('wiz_start', { inputSchema: {} }, async (_args, extra) => {
    wizards.set(keyFor(extra), { step: 0, answers: [] });
    return { content: [{ type: 'text', text: 'started' }] };
  });
  server.registerTool('wiz_answer', { inputSchema: { answer: z.string() } }, async ({ answer }, extra) => {
    const wizard = wizards.get(keyFor(extra));
    if (!wizard) return { content: [{ type: 'text', text: 'call wiz_start first' }] };
    wizard.answers.push(answer);
    wizard.step++;
    wizards.set(keyFor(extra), wizard);
    return { content: [{ type: 'text', text: `step ${wizard.step}` }] };
  });
}
