import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

// Notes per session, and a log line the SDK routes by the session (trial 58C B3): the session id
// handed to sendLoggingMessage picks the log level a 2025 client set, no key of the notes. Through a
// local too (review 75), also one that falls back to a constant (review 76): the local becomes the
// handle, the log call gets the read back.
const notes = new Map<string, string[]>();

export function buildServer(): McpServer {
  const server = new McpServer({ name: 'notes', version: '1.0.0' }, { capabilities: { logging: {} } });

  server.tool('add_note', 'Add a note', { text: z.string() }, async ({ text }, extra) => {
    const list = notes.get(extra.sessionId!) ?? [];
    list.push(text);
    notes.set(extra.sessionId!, list);
    await server.sendLoggingMessage({ level: 'info', data: `noted ${text}` }, extra.sessionId);
    return { content: [{ type: 'text', text: `${list.length} notes` }] };
  });

  server.tool('list_notes', 'List the notes', {}, async (_args, extra) => ({ content: [{ type: 'text', text: (notes.get(extra.sessionId!) ?? []).join('\n') }] }));

  server.tool('drop_note', 'Drop the last note', {}, async (_args, extra) => {
    const sid = extra.sessionId!;
    const list = notes.get(sid) ?? [];
    const dropped = list.pop();
    await server.sendLoggingMessage({ level: 'info', data: `dropped ${dropped}` }, sid);
    return { content: [{ type: 'text', text: `${list.length} notes` }] };
  });

  server.tool('count_notes', 'Count the notes', {}, async (_args, extra) => {
    const sid = extra.sessionId ?? 'anon';
    const count = (notes.get(sid) ?? []).length;
    await server.sendLoggingMessage({ level: 'debug', data: `counted ${count}` }, sid);
    return { content: [{ type: 'text', text: String(count) }] };
  });

  return server;
}
