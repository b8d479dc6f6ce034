// Per-session limits whose names say nothing of counting: what the code does with the values
// (raised by one, tested against a limit) makes them rate limits. A client-chosen handle would let
// any client start a fresh count, so they are counters (key by principal), not state for a handle.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintHandle } from './mcp-state.js';

// TODO(mcp-migrate): exportsBySession counts per session; 2026-07-28 has no sessions: key it by the
// authenticated principal (or client id) in a shared store such as Redis
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const exportsBySession = new Map<string, number>();
// TODO(mcp-migrate): lookups counts per session; 2026-07-28 has no sessions: key it by the
// authenticated principal (or client id) in a shared store such as Redis
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const lookups: Record<string, number> = {};
// A sequence number per session is raised too, but never tested against a limit: state like any other.
const nextNoteId = handleState<number>('nextNoteId');
// TODO(mcp-migrate): recentCalls counts per session; 2026-07-28 has no sessions: key it by the
// authenticated principal (or client id) in a shared store such as Redis
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
// The times of recent calls, refused past three a minute: a sliding-window limit (trial 46B B2).
const recentCalls = new Map<string, number[]>();
// The last queries, trimmed to ten: kept history, not a limit, so state for a handle.
const lastQueries = handleState<string[]>('lastQueries');
// A cart refused past twenty items: its length is tested, but it holds no call times (review 52).
const carts = handleState<string[]>('carts');
// TODO(mcp-migrate): windows counts per session; 2026-07-28 has no sessions: key it by the
// authenticated principal (or client id) in a shared store such as Redis
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
// A fixed window: a count and the time it ends, the count tested by a helper (trial 48B).
const windows = new Map<string, { used: number; endsAt: number }>();
// A visit log with a count and a time, the count never tested: state for a handle, its initial value
// made of its fields.
const visits = handleState<{ pages: number; lastAt: number; path: string }>('visits');
// A quiz's question number tested against the questions, beside when it began: no window, so state for a handle (review 59).
const quizzes = handleState<{ question: number; startedAt: number }>('quizzes');
const QUESTIONS = ['2 + 2?', '3 * 3?'];

// TODO(mcp-migrate): bursts counts per session; 2026-07-28 has no sessions: key it by the
// authenticated principal (or client id) in a shared store such as Redis
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
// A window told by when it started (`now - w.startedAt > 60_000`): a limit as well (read-through 60).
const bursts = new Map<string, { calls: number; startedAt: number }>();

function allowBurst(key: string): boolean {
  const now = Date.now();
  const w = bursts.get(key);
  if (!w || now - w.startedAt > 60_000) {
    bursts.set(key, { calls: 1, startedAt: now });
    return true;
  }
  w.calls++;
  return w.calls <= 5;
}

function admit(key: string): boolean {
  const now = Date.now();
  const w = windows.get(key);
  if (!w || now > w.endsAt) {
    windows.set(key, { used: 1, endsAt: now + 60_000 });
    return true;
  }
  w.used++;
  return w.used <= 10;
}

export function createServer() {
  const server = new McpServer({ name: 'reports', version: '1.0.0' });
  server.registerTool('export_report', { inputSchema: { id: z.string() } }, async ({ id }, extra) => {
    const done = exportsBySession.get(extra.sessionId!) ?? 0;
    if (done >= 5) return { content: [{ type: 'text', text: 'export limit reached' }], isError: true };
    exportsBySession.set(extra.sessionId!, done + 1);
    return { content: [{ type: 'text', text: `exported ${id}` }] };
  });
  server.registerTool('lookup', { inputSchema: { term: z.string() } }, async ({ term }, extra) => {
    const sid = extra.sessionId ?? 'anon';
    if ((lookups[sid] || 0) > 20) return { content: [{ type: 'text', text: 'slow down' }], isError: true };
    lookups[sid] = (lookups[sid] || 0) + 1;
    return { content: [{ type: 'text', text: term.toUpperCase() }] };
  });
  server.registerTool('create_note', { description: 'Create a new note and return its note_id. Pass note_id to add_note, remember_query, add_to_cart, visit, next_question. It expires after 24 hours without use.', outputSchema: { note_id: z.string().describe('Pass it to add_note, remember_query, add_to_cart, visit, next_question') } }, async (extra) => mintHandle(nextNoteId, { handle: 'note_id', initial: 0, description: 'Created note.' }, extra));

  server.registerTool('add_note', { inputSchema: { note_id: z.string().describe('Handle from create_note'), text: z.string() } }, withHandle([nextNoteId, lastQueries, carts, visits, quizzes], { handle: 'note_id', mintedBy: 'create_note' }, async ({ note_id, text }, _extra) => {
    const n = nextNoteId.get(note_id) ?? 1;
    nextNoteId.set(note_id, n + 1);
    return { content: [{ type: 'text', text: `note ${n}: ${text}` }] };
  }));
  server.registerTool('search', { inputSchema: { q: z.string() } }, async ({ q }, extra) => {
    const now = Date.now();
    const recent = (recentCalls.get(extra.sessionId ?? 'anon') ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= 3) return { isError: true, content: [{ type: 'text', text: 'rate limited' }] };
    recent.push(now);
    recentCalls.set(extra.sessionId ?? 'anon', recent);
    return { content: [{ type: 'text', text: `results for ${q}` }] };
  });
  server.registerTool('remember_query', { inputSchema: { note_id: z.string().describe('Handle from create_note'), q: z.string() } }, withHandle([nextNoteId, lastQueries, carts, visits, quizzes], { handle: 'note_id', mintedBy: 'create_note' }, async ({ note_id, q }, _extra) => {
    const queries = lastQueries.get(note_id) ?? [];
    queries.push(q);
    if (queries.length > 10) queries.shift();
    lastQueries.set(note_id, queries);
    return { content: [{ type: 'text', text: queries.join(', ') }] };
  }));
  server.registerTool('add_to_cart', { inputSchema: { note_id: z.string().describe('Handle from create_note'), sku: z.string() } }, withHandle([nextNoteId, lastQueries, carts, visits, quizzes], { handle: 'note_id', mintedBy: 'create_note' }, async ({ note_id, sku }, _extra) => {
    const cart = carts.get(note_id) ?? [];
    if (cart.length >= 20) return { content: [{ type: 'text', text: 'cart full' }], isError: true };
    cart.push(sku);
    carts.set(note_id, cart);
    return { content: [{ type: 'text', text: `${cart.length} items` }] };
  }));
  server.registerTool('translate', { inputSchema: { text: z.string() } }, async ({ text }, extra) => {
    if (!allowBurst(extra.sessionId ?? 'anon')) return { isError: true, content: [{ type: 'text', text: 'slow down' }] };
    if (!admit(extra.sessionId ?? 'anon')) return { isError: true, content: [{ type: 'text', text: 'too many requests' }] };
    return { content: [{ type: 'text', text: text.split('').reverse().join('') }] };
  });
  server.registerTool('next_question', { inputSchema: { note_id: z.string().describe('Handle from create_note') } }, withHandle([nextNoteId, lastQueries, carts, visits, quizzes], { handle: 'note_id', mintedBy: 'create_note' }, async ({ note_id }, _extra) => {
    const q = quizzes.get(note_id);
    if (!q || q.question >= QUESTIONS.length - 1) {
      quizzes.set(note_id, { question: 0, startedAt: Date.now() });
      return { content: [{ type: 'text', text: QUESTIONS[0] }] };
    }
    q.question++;
    return { content: [{ type: 'text', text: QUESTIONS[q.question] }] };
  }));
  server.registerTool('visit', { inputSchema: { note_id: z.string().describe('Handle from create_note'), path: z.string() } }, withHandle([nextNoteId, lastQueries, carts, visits, quizzes], { handle: 'note_id', mintedBy: 'create_note' }, async ({ note_id, path }, _extra) => {
    const v = visits.get(note_id);
    if (v) {
      v.pages++;
      v.path = path;
    } else visits.set(note_id, { pages: 1, lastAt: Date.now(), path });
    return { content: [{ type: 'text', text: `${visits.get(note_id)!.pages} pages` }] };
  }));
  return server;
}
