// The comments a tool() or prompt() call written one argument per line has at its arguments go
// with them to the lines they become (trial 45C: an educational server whose comments were the
// point of the code, deleted by the move).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const echoSchema = z.object({ value: z.string() });

export function registerEcho(server: McpServer): void {
  server.tool(
    'echo', // Tool identifier (must be unique)
    'Echo a value', // Human-readable description
    // Parameter schema for validation
    echoSchema.shape,
    {
      title: 'Echo', // shown in clients
      readOnlyHint: true,
    }, // Tool annotations
    async ({ value }) => ({ content: [{ type: 'text', text: value }] }), /* the handler */
  );
  server.prompt(
    // Prompt name from the product's naming scheme
    'greet',
    { name: z.string() }, // Zod schema for parameter validation
    ({ name }) => ({ messages: [{ role: 'user', content: { type: 'text', text: `Hi ${name}` } }] }),
  );
}
