// A map keyed by the session that only a prompts/get handler reads: a prompt takes no handle
// argument, so the marker says what to do instead of "used by no tool, delete it".
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { GetPromptRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const persona = new Map<string, string>();

export function buildServer() {
  const server = new Server({ name: 'p', version: '1.0.0' }, { capabilities: { prompts: {} } });
  server.setRequestHandler(GetPromptRequestSchema, async (request, extra) => {
    const who = persona.get(extra.sessionId ?? '') ?? 'assistant';
    return { messages: [{ role: 'user', content: { type: 'text', text: `As ${who}: ${request.params.name}` } }] };
  });
  return server;
}
