import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

interface Task {
  id: string;
  progress: number;
  state: 'running' | 'done';
}

// Tasks a timer of the handler advances through the local it stored in the per-session record
// (trial 78A B1): the shared store would keep the task as the handler left it, at 0%.
const tasksBySession = new Map<string, Record<string, Task>>();

function tasksOf(sid: string): Record<string, Task> {
  if (!tasksBySession.has(sid)) tasksBySession.set(sid, {});
  return tasksBySession.get(sid)!;
}

// Uploads a module-level timer walks and finishes, outside any tool call.
const uploads = new Map<string, { done: boolean }>();

setInterval(() => {
  for (const upload of uploads.values()) upload.done = true;
}, 1000);

// Lines a promise's then() adds to the list the handler stored, after start_import returned.
const imports = new Map<string, string[]>();

async function fetchLines(url: string): Promise<string[]> {
  return [url];
}

// Look-alikes, rewritten: a timer that only reads the entry it stored (a log line), a timeout that
// changes only a local of its own, and a promise chain the handler awaits (it runs within the call).
const drafts = new Map<string, Record<string, { title: string; words: number }>>();

function draftsOf(sid: string): Record<string, { title: string; words: number }> {
  if (!drafts.has(sid)) drafts.set(sid, {});
  return drafts.get(sid)!;
}

async function count(text: string): Promise<number> {
  return text.split(/\s+/).length;
}

export function buildServer(): McpServer {
  const server = new McpServer({ name: 'tasks', version: '1.0.0' });

  server.tool('start_task', 'Start a task', {}, async (_args, extra) => {
    const task: Task = { id: randomUUID(), progress: 0, state: 'running' };
    tasksOf(extra.sessionId!)[task.id] = task;
    const timer = setInterval(() => {
      task.progress = Math.min(100, task.progress + 25);
      if (task.progress >= 100) {
        task.state = 'done';
        clearInterval(timer);
      }
    }, 300);
    return { content: [{ type: 'text', text: task.id }] };
  });

  server.tool('task_status', 'Status of a task', { taskId: z.string() }, async ({ taskId }, extra) => {
    const task = tasksOf(extra.sessionId!)[taskId];
    return { content: [{ type: 'text', text: task ? `${task.progress}% ${task.state}` : 'unknown task' }] };
  });

  server.tool('start_upload', 'Start an upload', {}, async (_args, extra) => {
    uploads.set(extra.sessionId!, { done: false });
    return { content: [{ type: 'text', text: 'started' }] };
  });

  server.tool('upload_status', 'Status of the upload', {}, async (_args, extra) => ({ content: [{ type: 'text', text: uploads.get(extra.sessionId!)?.done ? 'done' : 'running' }] }));

  server.tool('start_import', 'Start an import', { url: z.string() }, async ({ url }, extra) => {
    const lines: string[] = [];
    imports.set(extra.sessionId!, lines);
    fetchLines(url).then((got) => {
      lines.push(...got);
    });
    return { content: [{ type: 'text', text: 'importing' }] };
  });

  server.tool('import_status', 'Lines imported', {}, async (_args, extra) => ({ content: [{ type: 'text', text: `${imports.get(extra.sessionId!)?.length ?? 0} lines` }] }));

  server.tool('add_draft', 'Add a draft', { id: z.string(), title: z.string(), text: z.string() }, async ({ id, title, text }, extra) => {
    const draft = { title, words: 0 };
    draftsOf(extra.sessionId!)[id] = draft;
    setTimeout(() => console.error(`draft ${draft.title} has ${draft.words} words`), 1000);
    let ticks = 0;
    setTimeout(() => {
      ticks += 1;
    }, 10);
    await count(text).then((words) => {
      draft.words = words;
    });
    return { content: [{ type: 'text', text: `${draft.words} words` }] };
  });

  server.tool('get_draft', 'Get a draft', { id: z.string() }, async ({ id }, extra) => {
    const draft = draftsOf(extra.sessionId!)[id];
    return { content: [{ type: 'text', text: draft ? `${draft.title}: ${draft.words} words` : 'unknown draft' }] };
  });

  return server;
}
