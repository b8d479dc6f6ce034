// Tools checked with `satisfies Tool` keep their own types, so the list still widens to a union v2
// rejects (review 70): marked, as tools written out are.
import { Server } from '@modelcontextprotocol/server';
import type { Tool } from '@modelcontextprotocol/server';

export function build(): Server {
  const server = new Server({ name: 'mail', version: '1.0.0' }, { capabilities: { tools: {} } });
  // TODO(mcp-migrate): this tools/list handler returns tools written out whose input schemas name
  // different properties: TypeScript widens the list to a union of their shapes (`id?: undefined`
  // where a tool has no `id`), which v2's Tool type rejects, so this stops compiling after the move
  // (TS2322): annotate the handler's result, `async (): Promise<ListToolsResult> => ...`
  // (ListToolsResult from @modelcontextprotocol/server)
  // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
  server.setRequestHandler('tools/list', async () => ({
    tools: [
      { name: 'get_mail', inputSchema: { type: 'object', properties: { id: { type: 'string' } } } } satisfies Tool,
      { name: 'list_boxes', inputSchema: { type: 'object', properties: {} } } satisfies Tool,
    ],
  }));
  return server;
}

// Tools cast where they are written, in parentheses: no union (read-through 71).
export function cast(): Server {
  const server = new Server({ name: 'cast', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler('tools/list', async () => ({
    tools: [
      ({ name: 'get_mail', inputSchema: { type: 'object', properties: { id: { type: 'string' } } } } as Tool),
      ({ name: 'list_boxes', inputSchema: { type: 'object', properties: {} } } as Tool),
    ],
  }));
  return server;
}
