// Tools checked with `satisfies Tool` keep their own types, so the list still widens to a union v2
// rejects (review 70): marked, as tools written out are.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { ListToolsRequestSchema, type Tool } from '@modelcontextprotocol/sdk/types.js';

export function build(): Server {
  const server = new Server({ name: 'mail', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
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
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [
      ({ name: 'get_mail', inputSchema: { type: 'object', properties: { id: { type: 'string' } } } } as Tool),
      ({ name: 'list_boxes', inputSchema: { type: 'object', properties: {} } } as Tool),
    ],
  }));
  return server;
}
