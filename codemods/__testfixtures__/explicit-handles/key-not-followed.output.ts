// One tool keys the wizards by the session id; the other by what a helper of another module makes
// of the context (review of trial 56A B1): explicit-handles cannot turn that call into the handle,
// and a store keyed by handles would refuse the id it returns on every call, so it leaves the
// state as it is and says where.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { wizardKey } from './keys.js';

type WizardState = { step: number; answers: string[] };
const wizards = new Map<string, WizardState>();

export function registerWizard(server: McpServer) {
  server.registerTool('wiz_start', { inputSchema: {} }, async (_args, extra) => {
    wizards.set(extra.sessionId!, { step: 0, answers: [] });
    return { content: [{ type: 'text', text: 'started' }] };
  });
  server.registerTool('wiz_answer', { inputSchema: { answer: z.string() } }, async ({ answer }, extra) => {
    // TODO(mcp-migrate): wizards is keyed here by wizardKey(extra), which explicit-handles cannot
    // turn into the handle: it left wizards unchanged. Give the tools an explicit handle argument
    // and key wizards by it in a shared store by hand
    // (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
    const wizard = wizards.get(wizardKey(extra));
    if (!wizard) return { content: [{ type: 'text', text: 'call wiz_start first' }] };
    wizard.answers.push(answer);
    return { content: [{ type: 'text', text: `${wizard.answers.length} answer(s)` }] };
  });
}
