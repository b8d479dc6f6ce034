// Tool descriptions built with `+`, or held in a constant of this file: the official codemod
// recognises only a string literal as a description, so these are handed to it as literals and
// put back after it ran. A zod object's `.shape` (v1 took raw shapes) is wrapped in z.object(),
// as v2 does with a raw shape, so no advice is left at each call. The handlers of the calls it
// writes on one line go back to their statement's indent (a template literal keeps its text).
import { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

const appSchema = z.object({ app: z.string().describe('App name') });
const SCALE_DESCRIPTION = 'Scales the app. ' + 'Ask for the size if missing.';

export const registerAppTools = (server: McpServer): void => {
  server.registerTool('deploy', { description: 'Deploys apps. ' + 'Ask for the app name if missing.', inputSchema: z.object(appSchema.shape) }, async (options) => ({
    content: [{ type: 'text', text: options.app }],
  }));

  // The size comes from the caller.
  server.registerTool('scale', { description: SCALE_DESCRIPTION, inputSchema: z.object(appSchema.shape) }, async (options) => ({ content: [{ type: 'text', text: options.app }] }));

  server.registerTool(
    'report',
    {
      description: 'Reports on the app. ' +
        'Lists its dynos.',
      inputSchema: z.object(appSchema.shape),
    },
    async (options) => {
      const text = `app: ${options.app}
dynos: none`;
      return { content: [{ type: 'text', text }] };
    },
  );

  server.registerTool('status', { description: 'Shows the status.', inputSchema: z.object({}) }, async () => ({ content: [{ type: 'text', text: 'up' }] }));

  server.registerTool('info', { description: `Shows ${'the'} app.`, inputSchema: z.object({ app: z.string() }) }, async (options) => ({ content: [{ type: 'text', text: options.app }] }));
};
