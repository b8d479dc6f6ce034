// What v1's loose types let through and v2's do not (trials 41A, 42B, 42C): tables declared
// `as const` returned by list handlers, and server info keys v2's Implementation has not.
import http from 'node:http';
import { Server, McpServer } from '@modelcontextprotocol/server';

const PROMPTS = {
  summary: { name: 'summary', description: 'Summarise a text', arguments: [{ name: 'text', required: true }] },
} as const;

const echoTool = {
  name: 'echo',
  description: 'Says the text back',
  inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
} as const;

// Readonly only where it has no arrays: v2 takes it as it is.
const VERSION = { major: 1, minor: 2 } as const;

export function lowLevel(): Server {
  const server = new Server({ name: 'tables', version: `${VERSION.major}.${VERSION.minor}.0` }, { capabilities: { tools: {}, prompts: {} } });
  // TODO(mcp-migrate): this prompts/list handler returns `PROMPTS`, declared `as const`: its arrays
  // are readonly, and v2 types the result with mutable ones, so this stops compiling after the
  // move: declare it with the v2 type of what it holds (from @modelcontextprotocol/server: `const
  // echo: Tool = {...}`, `const PROMPTS: Record<string, Prompt> = {...}`) instead of `as const`
  // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
  server.setRequestHandler('prompts/list', async () => ({ prompts: Object.values(PROMPTS) }));
  // TODO(mcp-migrate): this tools/list handler returns `echoTool`, declared `as const`: its arrays
  // are readonly, and v2 types the result with mutable ones, so this stops compiling after the
  // move: declare it with the v2 type of what it holds (from @modelcontextprotocol/server: `const
  // echo: Tool = {...}`, `const PROMPTS: Record<string, Prompt> = {...}`) instead of `as const`
  // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
  server.setRequestHandler('tools/list', async () => ({ tools: [echoTool] }));
  return server;
}

// TODO(mcp-migrate): the v2 server info has no `license` (it takes name, version, title,
// description, websiteUrl and icons), so this stops compiling after the move, where v1 let it
// through: drop it (or move it into description)
// (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
export const highLevel = () => new McpServer({ name: 'tables', version: '1.0.0', license: 'MIT' });

// A table that only feeds what the handler builds anew, and node's own server: nothing to mark.
const NAMES = ['alpha', 'beta'] as const;
export function fresh(): Server {
  const server = new Server({ name: 'fresh', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler('tools/list', async () => ({ tools: NAMES.map((name) => ({ name, inputSchema: { type: 'object' as const } })) }));
  return server;
}
export const health = new http.Server({ keepAlive: true }, (_req, res) => res.end('ok'));

// Tools written out whose input schemas name different properties (trial 53C B1): the list widens
// to a union v2's Tool type rejects. The same properties in each, or a typed result, compile.
export function writtenOut(): Server {
  const server = new Server({ name: 'mail', version: '1.0.0' }, { capabilities: { tools: {} } });
  // TODO(mcp-migrate): this tools/list handler returns tools written out whose input schemas name
  // different properties: TypeScript widens the list to a union of their shapes (`id?: undefined`
  // where a tool has no `id`), which v2's Tool type rejects, so this stops compiling after the move
  // (TS2322): annotate the handler's result, `async (): Promise<ListToolsResult> => ...`
  // (ListToolsResult from @modelcontextprotocol/server)
  // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
  server.setRequestHandler('tools/list', async () => ({
    tools: [
      { name: 'get_mail', inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } },
      { name: 'list_mailboxes', inputSchema: { type: 'object', properties: {} } },
    ],
  }));
  return server;
}
export function alike(): Server {
  const server = new Server({ name: 'alike', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler('tools/list', async () => ({
    tools: [
      { name: 'get_mail', inputSchema: { type: 'object', properties: { id: { type: 'string' } } } },
      { name: 'get_contact', inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } },
    ],
  }));
  return server;
}
// A tool with no properties at all widens to `properties?: undefined`, which v2 takes (review 69).
export function noProperties(): Server {
  const server = new Server({ name: 'bare', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler('tools/list', async () => ({
    tools: [
      { name: 'get_mail', inputSchema: { type: 'object', properties: { id: { type: 'string' } } } },
      { name: 'ping_mail', inputSchema: { type: 'object' } },
    ],
  }));
  return server;
}
