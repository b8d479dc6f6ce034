// Per-session limits whose names say nothing of counting: what the code does with the values
// (raised by one, tested against a limit) makes them rate limits. A client-chosen handle would let
// any client start a fresh count, so they are counters (key by principal), not state for a handle.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const exportsBySession = new Map<string, number>();
const lookups: Record<string, number> = {};
// A sequence number per session is raised too, but never tested against a limit: state like any other.
const nextNoteId = new Map<string, number>();
// The times of recent calls, refused past three a minute: a sliding-window limit (trial 46B B2).
const recentCalls = new Map<string, number[]>();
// The last queries, trimmed to ten: kept history, not a limit, so state for a handle.
const lastQueries = new Map<string, string[]>();
// A cart refused past twenty items: its length is tested, but it holds no call times (review 52).
const carts = new Map<string, string[]>();
// A fixed window: a count and the time it ends, the count tested by a helper (trial 48B).
const windows = new Map<string, { used: number; endsAt: number }>();
// A visit log with a count and a time, the count never tested: state for a handle, its initial value
// made of its fields.
const visits = new Map<string, { pages: number; lastAt: number; path: string }>();
// A quiz's question number tested against the questions, beside when it began: no window, so state for a handle (review 59).
const quizzes = new Map<string, { question: number; startedAt: number }>();
const QUESTIONS = ['2 + 2?', '3 * 3?'];

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
  server.registerTool('add_note', { inputSchema: { text: z.string() } }, async ({ text }, extra) => {
    const n = nextNoteId.get(extra.sessionId!) ?? 1;
    nextNoteId.set(extra.sessionId!, n + 1);
    return { content: [{ type: 'text', text: `note ${n}: ${text}` }] };
  });
  server.registerTool('search', { inputSchema: { q: z.string() } }, async ({ q }, extra) => {
    const now = Date.now();
    const recent = (recentCalls.get(extra.sessionId ?? 'anon') ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= 3) return { isError: true, content: [{ type: 'text', text: 'rate limited' }] };
    recent.push(now);
    recentCalls.set(extra.sessionId ?? 'anon', recent);
    return { content: [{ type: 'text', text: `results for ${q}` }] };
  });
  server.registerTool('remember_query', { inputSchema: { q: z.string() } }, async ({ q }, extra) => {
    const queries = lastQueries.get(extra.sessionId!) ?? [];
    queries.push(q);
    if (queries.length > 10) queries.shift();
    lastQueries.set(extra.sessionId!, queries);
    return { content: [{ type: 'text', text: queries.join(', ') }] };
  });
  server.registerTool('add_to_cart', { inputSchema: { sku: z.string() } }, async ({ sku }, extra) => {
    const cart = carts.get(extra.sessionId!) ?? [];
    if (cart.length >= 20) return { content: [{ type: 'text', text: 'cart full' }], isError: true };
    cart.push(sku);
    carts.set(extra.sessionId!, cart);
    return { content: [{ type: 'text', text: `${cart.length} items` }] };
  });
  server.registerTool('translate', { inputSchema: { text: z.string() } }, async ({ text }, extra) => {
    if (!allowBurst(extra.sessionId ?? 'anon')) return { isError: true, content: [{ type: 'text', text: 'slow down' }] };
    if (!admit(extra.sessionId ?? 'anon')) return { isError: true, content: [{ type: 'text', text: 'too many requests' }] };
    return { content: [{ type: 'text', text: text.split('').reverse().join('') }] };
  });
  server.registerTool('next_question', { inputSchema: {} }, async (_args, extra) => {
    const q = quizzes.get(extra.sessionId!);
    if (!q || q.question >= QUESTIONS.length - 1) {
      quizzes.set(extra.sessionId!, { question: 0, startedAt: Date.now() });
      return { content: [{ type: 'text', text: QUESTIONS[0] }] };
    }
    q.question++;
    return { content: [{ type: 'text', text: QUESTIONS[q.question] }] };
  });
  server.registerTool('visit', { inputSchema: { path: z.string() } }, async ({ path }, extra) => {
    const v = visits.get(extra.sessionId!);
    if (v) {
      v.pages++;
      v.path = path;
    } else visits.set(extra.sessionId!, { pages: 1, lastAt: Date.now(), path });
    return { content: [{ type: 'text', text: `${visits.get(extra.sessionId!)!.pages} pages` }] };
  });
  return server;
}
