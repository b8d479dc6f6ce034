// The comments a tool() or prompt() call written one argument per line has at its arguments go
// with them to the lines they become (trial 45C: an educational server whose comments were the
// point of the code, deleted by the move).
import { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

const echoSchema = z.object({ value: z.string() });

export function registerEcho(server: McpServer): void {
  server.registerTool(
    'echo', // Tool identifier (must be unique)
    {
      description: 'Echo a value', // Human-readable description
      // Parameter schema for validation
      inputSchema: z.object(echoSchema.shape),
      annotations: {
        title: 'Echo', // shown in clients
        readOnlyHint: true,
      }, // Tool annotations
    },
    async ({ value }) => ({ content: [{ type: 'text', text: value }] }), /* the handler */
  );
  server.registerPrompt(
    // Prompt name from the product's naming scheme
    'greet',
    {
      argsSchema: z.object({ name: z.string() }), // Zod schema for parameter validation
    },
    ({ name }) => ({ messages: [{ role: 'user', content: { type: 'text', text: `Hi ${name}` } }] }),
  );
}
