// The entry a get-or-create helper makes (`nextId: 1`) is what a minted handle starts as: from
// the type alone the counter would start at 0, and the first todo would get id 0 where the code
// gives 1 (and `if (!id)` would then refuse it).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

interface Todo { id: number; text: string }
interface TodoData { todos: Todo[]; nextId: number }

const todoData = new Map<string, TodoData>();

function ensure(sid: string): TodoData {
  let d = todoData.get(sid);
  if (!d) {
    d = { todos: [], nextId: 1 };
    todoData.set(sid, d);
  }
  return d;
}

export function register(server: McpServer) {
  server.registerTool('add_todo', { description: 'Add a todo', inputSchema: { text: z.string() } }, async ({ text }, extra) => {
    const d = ensure(extra.sessionId!);
    const todo = { id: d.nextId++, text };
    d.todos.push(todo);
    return { content: [{ type: 'text', text: `added #${todo.id}` }] };
  });
  server.registerTool('list_todos', { description: 'List the todos' }, async (extra) => ({ content: [{ type: 'text', text: ensure(extra.sessionId!).todos.map((t) => `#${t.id} ${t.text}`).join('\n') }] }));
}
