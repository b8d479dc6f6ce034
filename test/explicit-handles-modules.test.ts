/**
 * explicit-handles across modules, in the layout of most 2025-style servers: src/server.ts (express
 * and a map of transports), src/state.ts holding each session's data, src/tools/*.ts registering
 * the tools that reach it by the MCP session id. fix moves the state under one handle across
 * those modules, or, where one of them uses it in a way it cannot follow, leaves every one of them
 * as it was, with markers (never one rewritten and its partner not).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDirs } from './helpers/cli.js';
import { sessionfulExpressServer } from './helpers/code.js';

const { repo } = tempDirs();

const PACKAGE = JSON.stringify({ name: 'todos', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.20.0', zod: '^3.25.0', express: '^5.0.0' } });

const STATE = `export interface Todo { id: number; text: string; done: boolean }
export interface TodoList { todos: Todo[]; nextId: number }

export const lists = new Map<string, TodoList>();

export function listOf(sid: string): TodoList {
  let list = lists.get(sid);
  if (!list) {
    list = { todos: [], nextId: 1 };
    lists.set(sid, list);
  }
  return list;
}
`;

const TODOS = `import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { listOf } from '../state.js';

export function registerTodoTools(server: McpServer) {
  server.registerTool('add_todo', { description: 'Add a todo', inputSchema: { text: z.string() } }, async ({ text }, extra) => {
    const list = listOf(extra.sessionId!);
    const todo = { id: list.nextId++, text, done: false };
    list.todos.push(todo);
    return { content: [{ type: 'text', text: \`added \${todo.id}\` }] };
  });
  server.registerTool('list_todos', { description: 'List todos' }, async (_args, extra) => {
    return { content: [{ type: 'text', text: JSON.stringify(listOf(extra.sessionId!).todos) }] };
  });
}
`;

const DONE = `import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { lists } from '../state.js';

export function registerDoneTools(server: McpServer) {
  server.registerTool('complete_todo', { description: 'Mark a todo done', inputSchema: { id: z.number() } }, async ({ id }, { sessionId }) => {
    const todo = lists.get(sessionId!)?.todos.find((t) => t.id === id);
    if (todo) todo.done = true;
    return { content: [{ type: 'text', text: todo ? 'done' : 'no such todo' }] };
  });
}
`;

const SERVER = sessionfulExpressServer('todos', ["import { registerTodoTools } from './tools/todos.js';", "import { registerDoneTools } from './tools/done.js';", "import { lists } from './state.js';"], ['registerTodoTools(server);', 'registerDoneTools(server);'], 'lists');

const FILES = { 'package.json': PACKAGE, 'src/state.ts': STATE, 'src/tools/todos.ts': TODOS, 'src/tools/done.ts': DONE, 'src/server.ts': SERVER };

const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
const fix = (dir: string) => runCli(['fix', '.', '--target', 'sdk-v1', '--no-format', '--allow-dirty'], { cwd: dir });

describe('explicit-handles: state of one module keyed by the tools of others', () => {
  it('moves per-session records named for sessions that hold only the application data (SessionData), as it moves any other (trial 77: read as a map of sessions, they were left)', () => {
    const named = (text: string) => text.replaceAll('TodoList', 'SessionData').replaceAll('listOf', 'ensureSession').replaceAll('lists', 'sessions');
    const dir = repo(Object.fromEntries(Object.entries(FILES).map(([file, text]) => [file, named(text)])));
    const first = fix(dir);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(read(dir, 'src/state.ts')).toBe(`import { handleState } from './mcp-state.js';\n${named(STATE).replace('export const sessions = new Map<string, SessionData>();', "export const sessions = handleState<SessionData>('sessions');")}`);
    for (const file of ['src/state.ts', 'src/server.ts', 'src/tools/todos.ts', 'src/tools/done.ts']) expect(read(dir, file)).not.toMatch(/TODO\(mcp-migrate\)/);
    expect(read(dir, 'src/server.ts')).toMatch(/sessionIdGenerator: undefined/);
    expect(read(dir, 'src/tools/todos.ts')).toMatch(/withHandle\(sessions, \{ handle: '\w+', mintedBy: '\w+' \}/);
    expect(fix(dir).stdout).toMatch(/changed 0 file\(s\)/);
  });

  it('moves the state, its tools in both modules and the minting tool as one group; the transport becomes stateless; a second run changes nothing', () => {
    const dir = repo(FILES);
    const first = fix(dir);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(read(dir, 'src/state.ts')).toBe(`import { handleState } from './mcp-state.js';\n${STATE.replace('export const lists = new Map<string, TodoList>();', "export const lists = handleState<TodoList>('lists');")}`);
    // The first tools module in path order gets the minting tool, whose description names the tools of both.
    expect(read(dir, 'src/tools/done.ts')).toBe(`import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { lists } from '../state.js';
import { withHandle, mintHandle } from '../mcp-state.js';

export function registerDoneTools(server: McpServer) {
  server.registerTool('create_workflow', { description: 'Create a new workflow and return its workflow_id. Pass workflow_id to complete_todo, add_todo, list_todos. It expires after 24 hours without use.', outputSchema: { workflow_id: z.string().describe('Pass it to complete_todo, add_todo, list_todos') } }, async (extra) => mintHandle(lists, { handle: 'workflow_id', initial: { todos: [], nextId: 1 }, description: 'Created workflow.' }, extra));

  server.registerTool('complete_todo', { description: 'Mark a todo done', inputSchema: { workflow_id: z.string().describe('Handle from create_workflow'), id: z.number() } }, withHandle(lists, { handle: 'workflow_id', mintedBy: 'create_workflow' }, async ({ workflow_id, id }, { sessionId }) => {
    const todo = lists.get(workflow_id!)?.todos.find((t) => t.id === id);
    if (todo) todo.done = true;
    return { content: [{ type: 'text', text: todo ? 'done' : 'no such todo' }] };
  }));
}
`);
    expect(read(dir, 'src/tools/todos.ts')).toBe(`import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { listOf, lists } from '../state.js';
import { withHandle } from '../mcp-state.js';

export function registerTodoTools(server: McpServer) {
  server.registerTool('add_todo', { description: 'Add a todo', inputSchema: { workflow_id: z.string().describe('Handle from create_workflow'), text: z.string() } }, withHandle(lists, { handle: 'workflow_id', mintedBy: 'create_workflow' }, async ({ workflow_id, text }, _extra) => {
    const list = listOf(workflow_id);
    const todo = { id: list.nextId++, text, done: false };
    list.todos.push(todo);
    return { content: [{ type: 'text', text: \`added \${todo.id}\` }] };
  }));
  server.registerTool('list_todos', { description: 'List todos', inputSchema: { workflow_id: z.string().describe('Handle from create_workflow') } }, withHandle(lists, { handle: 'workflow_id', mintedBy: 'create_workflow' }, async ({ workflow_id }, _extra) => {
    return { content: [{ type: 'text', text: JSON.stringify(listOf(workflow_id).todos) }] };
  }));
}
`);
    // One mcp-state module, beside the state's module, which both tools modules import.
    expect(fs.existsSync(path.join(dir, 'src/mcp-state.ts'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'src/tools/mcp-state.ts'))).toBe(false);
    const server = read(dir, 'src/server.ts');
    expect(server).toMatch(/sessionIdGenerator: undefined/);
    expect(server).not.toMatch(/transports|lists|TODO\(mcp-migrate\)/);
    expect(`${read(dir, 'src/state.ts')}${read(dir, 'src/tools/todos.ts')}${read(dir, 'src/tools/done.ts')}`).not.toMatch(/TODO\(mcp-migrate\)/);
    const second = fix(dir);
    expect(second.stdout).toMatch(/changed 0 file\(s\)/);
  });

  /** A fix of FILES with `change` made to them: every module as it was but for markers, the transport sessionful. */
  const leftAlone = (change: Record<string, string>) => {
    const files = { ...FILES, ...change };
    const dir = repo(files);
    const result = fix(dir);
    expect(result.stderr).not.toMatch(/could not rewrite|please report/);
    for (const file of ['src/state.ts', 'src/tools/todos.ts', 'src/tools/done.ts']) {
      const text = read(dir, file);
      expect(text, file).not.toMatch(/handleState|withHandle|mintHandle|create_list/);
      // Markers only: without them, the file as it was.
      expect(text.replace(/^\s*\/\/ .*\n/gm, ''), file).toBe(files[file as keyof typeof files].replace(/^\s*\/\/ .*\n/gm, ''));
    }
    expect(read(dir, 'src/tools/todos.ts')).toMatch(/TODO\(mcp-migrate\)/);
    expect(read(dir, 'src/server.ts')).toMatch(/sessionIdGenerator: \(\) => randomUUID\(\)/);
    // Each tool marked with why, as before the run could move state across modules.
    const marked = (file: string) => read(dir, file).replace(/\n\s*\/\/ /g, ' ');
    expect(marked('src/tools/todos.ts')).toMatch(/Tool "add_todo" .* Why it was left: the tool reaches its state through listOf\(\) of src\/state\.ts, another module/);
    expect(marked('src/tools/done.ts')).toMatch(/lists is a collection of another module \(declared in src\/state\.ts\)/);
    expect(fs.existsSync(path.join(dir, 'src/mcp-state.ts'))).toBe(false);
  };

  it('leaves every module where another uses the state outside tool handlers (an admin route listing every list)', () => {
    leftAlone({ 'src/server.ts': SERVER.replace('app.listen(3000);', "app.get('/admin/lists', (_req, res) => { res.json([...lists.keys()]); });\napp.listen(3000);") });
  });

  it('leaves every module where a helper of the state module is handed something else than a session id', () => {
    leftAlone({ 'src/tools/todos.ts': TODOS.replace("JSON.stringify(listOf(extra.sessionId!).todos)", "JSON.stringify(listOf('shared').todos)") });
  });

  it('leaves every module where the values are class instances (not plain JSON)', () => {
    leftAlone(
      { 'src/state.ts': STATE.replace('export interface TodoList { todos: Todo[]; nextId: number }', 'export class TodoList {\n  todos: Todo[] = [];\n  nextId = 1;\n  add(text: string): Todo {\n    const todo = { id: this.nextId++, text, done: false };\n    this.todos.push(todo);\n    return todo;\n  }\n}').replace('list = { todos: [], nextId: 1 };', 'list = new TodoList();') },
    );
  });
});

describe('explicit-handles: what state it leaves does meanwhile, its uses in other modules followed', () => {
  const CHAT_STATE = `import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';

export class Chat {
  history: string[] = [];
  say(text: string) {
    this.history.push(text);
    return this.history.length;
  }
}

const chats = new Map<string, Chat>();

export function openChat(id: string) {
  chats.set(id, new Chat());
}

export function chatOf(extra: RequestHandlerExtra<ServerRequest, ServerNotification>): Chat {
  const chat = extra.sessionId ? chats.get(extra.sessionId) : undefined;
  if (!chat) throw new Error('no chat; reconnect');
  return chat;
}
`;
  const CHAT_TOOLS = `import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { chatOf } from '../chat.js';

export function registerChatTools(server: McpServer) {
  server.registerTool('say', { description: 'Say something', inputSchema: { text: z.string() } }, async ({ text }, extra) => {
    return { content: [{ type: 'text', text: String(chatOf(extra).say(text)) }] };
  });
}
`;
  const CHAT_SERVER = `import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { registerChatTools } from './tools/chat.js';
import { openChat } from './chat.js';

const app = express();
app.use(express.json());
const transports = new Map<string, StreamableHTTPServerTransport>();

app.post('/mcp', async (req, res) => {
  const sid = req.headers['mcp-session-id'] as string | undefined;
  let transport = sid ? transports.get(sid) : undefined;
  if (!transport) {
    const created: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => { transports.set(id, created); openChat(id); },
    });
    const server = new McpServer({ name: 'chat', version: '1.0.0' });
    registerChatTools(server);
    await server.connect(created);
    transport = created;
  }
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000);
`;
  const marker = (files: Record<string, string>) => {
    const dir = repo({ 'package.json': PACKAGE, 'src/chat.ts': CHAT_STATE, 'src/tools/chat.ts': CHAT_TOOLS, 'src/server.ts': CHAT_SERVER, ...files });
    const result = fix(dir);
    expect(result.stderr).not.toMatch(/could not rewrite|please report/);
    return read(dir, 'src/chat.ts').replace(/\n\s*\/\/ /g, ' ');
  };

  it('says calls without a session id fail where every use of the state by the id refuses them: the getter throws, the write runs in onsessioninitialized (trial 78A B10)', () => {
    const text = marker({});
    expect(text).toMatch(/chats holds values of type Chat, which is not plain JSON: .* Until then, every request without a session id \(each 2026-07-28 request, and each request once the transport is stateless\) fails where it needs this state: the code refuses a request that has none/);
    expect(text).not.toMatch(/see each other/);
  });

  it("says callers share an entry where a tool of another module writes it under a session id it does not test (openChat(extra.sessionId!))", () => {
    const text = marker({ 'src/tools/chat.ts': CHAT_TOOLS.replace("import { chatOf } from '../chat.js';", "import { chatOf, openChat } from '../chat.js';").replace('    return { content', '    openChat(extra.sessionId!);\n    return { content') });
    expect(text).toMatch(/chats holds values of type Chat, which is not plain JSON: .* Until then, every request without a session id .* reads and writes the same entry, so callers see each other's state/);
    expect(text).not.toMatch(/fails where it needs this state/);
  });
});
