import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintHandle } from './mcp-state.js';

// Notes per session, and a log line the SDK routes by the session (trial 58C B3): the session id
// handed to sendLoggingMessage picks the log level a 2025 client set, no key of the notes. Through a
// local too (review 75), also one that falls back to a constant (review 76): the local becomes the
// handle, the log call gets the read back.
const notes = handleState<string[]>('notes');

export function buildServer(): McpServer {
  const server = new McpServer({ name: 'notes', version: '1.0.0' }, { capabilities: { logging: {} } });

  server.tool('create_note', 'Create a new note and return its note_id. Pass note_id to add_note, list_notes, drop_note, count_notes. One note_id holds a whole list: call create_note once, not once per item. It expires after 24 hours without use.', async (extra) => mintHandle(notes, { handle: 'note_id', initial: [], description: 'Created note.' }, extra));

  server.tool('add_note', 'Add a note', { note_id: z.string().describe('Handle from create_note'), text: z.string() }, withHandle(notes, { handle: 'note_id', mintedBy: 'create_note' }, async ({ note_id, text }, extra) => {
    const list = notes.get(note_id) ?? [];
    list.push(text);
    notes.set(note_id, list);
    await server.sendLoggingMessage({ level: 'info', data: `noted ${text}` }, extra.sessionId);
    return { content: [{ type: 'text', text: `${list.length} notes` }] };
  }));

  server.tool('list_notes', 'List the notes', { note_id: z.string().describe('Handle from create_note') }, withHandle(notes, { handle: 'note_id', mintedBy: 'create_note' }, async ({ note_id }, _extra) => ({ content: [{ type: 'text', text: (notes.get(note_id) ?? []).join('\n') }] })));

  server.tool('drop_note', 'Drop the last note', { note_id: z.string().describe('Handle from create_note') }, withHandle(notes, { handle: 'note_id', mintedBy: 'create_note' }, async ({ note_id }, extra) => {
    const sid = note_id;
    const list = notes.get(sid) ?? [];
    const dropped = list.pop();
    await server.sendLoggingMessage({ level: 'info', data: `dropped ${dropped}` }, extra.sessionId!);
    return { content: [{ type: 'text', text: `${list.length} notes` }] };
  }));

  server.tool('count_notes', 'Count the notes', { note_id: z.string().describe('Handle from create_note') }, withHandle(notes, { handle: 'note_id', mintedBy: 'create_note' }, async ({ note_id }, extra) => {
    const sid = note_id;
    const count = (notes.get(sid) ?? []).length;
    await server.sendLoggingMessage({ level: 'debug', data: `counted ${count}` }, extra.sessionId);
    return { content: [{ type: 'text', text: String(count) }] };
  }));

  return server;
}
