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

  // Review 49: comments go by position, not by text: the handler's stay with it when its context
  // is renamed, a description that names the tool does not take the name's comment, and a prompt
  // of the same name keeps its own.
  server.registerTool(
    'search', // stable across releases
    {
      description: "Run a query. Prefer 'search' over 'lookup' for free text.",
      inputSchema: z.object({ q: z.string() }), // the input
    },
    // Handler: logs the caller's session, then answers
    async ({ q }, ctx) => {
      console.log(ctx.sessionId);
      return { content: [{ type: 'text', text: q }] };
    }, // end of search
  );
  server.registerPrompt(
    'search',
    {
      description: 'Ask the model to search', // the prompt's own
      argsSchema: z.object({ q: z.string() }),
    },
    ({ q }) => ({ messages: [{ role: 'user', content: { type: 'text', text: q } }] }),
  );
}
