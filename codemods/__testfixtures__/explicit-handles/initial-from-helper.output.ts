// The entry a get-or-create helper makes (`nextId: 1`) is what a minted handle starts as: from
// the type alone the counter would start at 0, and the first todo would get id 0 where the code
// gives 1 (and `if (!id)` would then refuse it).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintHandle } from './mcp-state.js';

interface Todo { id: number; text: string }
interface TodoData { todos: Todo[]; nextId: number }

const todoData = handleState<TodoData>('todoData');

function ensure(sid: string): TodoData {
  let d = todoData.get(sid);
  if (!d) {
    d = { todos: [], nextId: 1 };
    todoData.set(sid, d);
  }
  return d;
}

export function register(server: McpServer) {
  server.registerTool('create_todo', { description: 'Create a new todo and return its todo_id. Pass todo_id to add_todo, list_todos. It expires after 24 hours without use.', outputSchema: { todo_id: z.string().describe('Pass it to add_todo, list_todos') } }, async (extra) => mintHandle(todoData, { handle: 'todo_id', initial: { todos: [], nextId: 1 }, description: 'Created todo.' }, extra));

  server.registerTool('add_todo', { description: 'Add a todo', inputSchema: { todo_id: z.string().describe('Handle from create_todo'), text: z.string() } }, withHandle(todoData, { handle: 'todo_id', mintedBy: 'create_todo' }, async ({ todo_id, text }, _extra) => {
    const d = ensure(todo_id);
    const todo = { id: d.nextId++, text };
    d.todos.push(todo);
    return { content: [{ type: 'text', text: `added #${todo.id}` }] };
  }));
  server.registerTool('list_todos', { description: 'List the todos', inputSchema: { todo_id: z.string().describe('Handle from create_todo') } }, withHandle(todoData, { handle: 'todo_id', mintedBy: 'create_todo' }, async ({ todo_id }, _extra) => ({ content: [{ type: 'text', text: ensure(todo_id).todos.map((t) => `#${t.id} ${t.text}`).join('\n') }] })));
}
