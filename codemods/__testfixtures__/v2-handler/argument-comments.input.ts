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

  // Review 49: comments go by position, not by text: the handler's stay with it when its context
  // is renamed, a description that names the tool does not take the name's comment, and a prompt
  // of the same name keeps its own.
  server.tool(
    'search', // stable across releases
    "Run a query. Prefer 'search' over 'lookup' for free text.",
    { q: z.string() }, // the input
    // Handler: logs the caller's session, then answers
    async ({ q }, extra) => {
      console.log(extra.sessionId);
      return { content: [{ type: 'text', text: q }] };
    }, // end of search
  );
  server.prompt(
    'search',
    'Ask the model to search', // the prompt's own
    { q: z.string() },
    ({ q }) => ({ messages: [{ role: 'user', content: { type: 'text', text: q } }] }),
  );
}
