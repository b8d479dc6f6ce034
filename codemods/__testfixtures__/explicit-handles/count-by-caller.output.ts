// Counts a tool raises by an amount its caller gives, and another tool shows back (trial 55A B1):
// the caller's own tally, whatever the Map is called, so it goes under a handle like any data. A
// count raised by one per call and tested against a limit stays a rate limit, keyed by principal,
// as does a quota raised by the request's amount and tested against its limit (review 71). A
// tally named for tokens is no credential either. A count raised by one that the tool answers
// with (`bump` returning `x=3`, or the local it raised) is the caller's tally too; one it raises by
// one and never shows (`pings`) stays a counter (trial 66A). One tested against its limit in a helper
// it is handed to (`overLimit(used)`, `assertQuota(n)` that throws) stays a rate limit, shown or not
// (review 85).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintHandle } from './mcp-state.js';

const counters = handleState<number>('counters');
// TODO(mcp-migrate): requestCounts counts per session; 2026-07-28 has no sessions: key it by the
// authenticated principal (or client id) in a shared store such as Redis
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const requestCounts = new Map<string, number>();
// TODO(mcp-migrate): usageQuota counts per session; 2026-07-28 has no sessions: key it by the
// authenticated principal (or client id) in a shared store such as Redis
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const usageQuota = new Map<string, number>();
const tokenCounts = handleState<number>('tokenCounts');
// TODO(mcp-migrate): dailyQuota counts per session; 2026-07-28 has no sessions: key it by the
// authenticated principal (or client id) in a shared store such as Redis
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const dailyQuota = new Map<string, number>();
// TODO(mcp-migrate): burstQuota counts per session; 2026-07-28 has no sessions: key it by the
// authenticated principal (or client id) in a shared store such as Redis
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const burstQuota = new Map<string, number>();
const bumpCounters = handleState<number>('bumpCounters');
const visitCounts = handleState<number>('visitCounts');
// TODO(mcp-migrate): pingCounts counts per session; 2026-07-28 has no sessions: key it by the
// authenticated principal (or client id) in a shared store such as Redis
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const pingCounts = new Map<string, number>();
// TODO(mcp-migrate): callCounts counts per session; 2026-07-28 has no sessions: key it by the
// authenticated principal (or client id) in a shared store such as Redis
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const callCounts = new Map<string, number>();
// TODO(mcp-migrate): searchUsage counts per session; 2026-07-28 has no sessions: key it by the
// authenticated principal (or client id) in a shared store such as Redis
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const searchUsage = new Map<string, number>();
const MAX_CALLS = 10;

function overLimit(n: number): boolean {
  return n > MAX_CALLS;
}

function assertQuota(n: number): void {
  if (n > MAX_CALLS) throw new Error('quota exceeded');
}

export function createServer() {
  const server = new McpServer({ name: 'tally', version: '1.0.0' });
  server.registerTool('create_counter', { description: 'Create a new counter and return its counter_id. Pass counter_id to increment, get_count, generate, total_tokens, bump, visit. It expires after 24 hours without use.', outputSchema: { counter_id: z.string().describe('Pass it to increment, get_count, generate, total_tokens, bump, visit') } }, async (extra) => mintHandle(counters, { handle: 'counter_id', initial: 0, description: 'Created counter.' }, extra));

  server.registerTool('increment', { inputSchema: { counter_id: z.string().describe('Handle from create_counter'), by: z.number() } }, withHandle([counters, tokenCounts, bumpCounters, visitCounts], { handle: 'counter_id', mintedBy: 'create_counter' }, async ({ counter_id, by }, _extra) => {
    counters.set(counter_id, (counters.get(counter_id) ?? 0) + by);
    return { content: [{ type: 'text', text: `count=${counters.get(counter_id)}` }] };
  }));
  server.registerTool('get_count', { inputSchema: { counter_id: z.string().describe('Handle from create_counter') } }, withHandle([counters, tokenCounts, bumpCounters, visitCounts], { handle: 'counter_id', mintedBy: 'create_counter' }, async ({ counter_id }, _extra) => ({ content: [{ type: 'text', text: `count=${counters.get(counter_id) ?? 0}` }] })));
  server.registerTool('search', { inputSchema: { q: z.string() } }, async ({ q }, extra) => {
    const used = requestCounts.get(extra.sessionId!) ?? 0;
    if (used >= 100) return { content: [{ type: 'text', text: 'rate limited' }], isError: true };
    requestCounts.set(extra.sessionId!, used + 1);
    return { content: [{ type: 'text', text: `results for ${q}` }] };
  });
  server.registerTool('generate', { inputSchema: { counter_id: z.string().describe('Handle from create_counter'), prompt: z.string(), tokens: z.number() } }, withHandle([counters, tokenCounts, bumpCounters, visitCounts], { handle: 'counter_id', mintedBy: 'create_counter' }, async ({ counter_id, prompt, tokens }, extra) => {
    if ((usageQuota.get(extra.sessionId!) ?? 0) + tokens > 10_000) return { content: [{ type: 'text', text: 'quota exhausted' }], isError: true };
    usageQuota.set(extra.sessionId!, (usageQuota.get(extra.sessionId!) ?? 0) + tokens);
    tokenCounts.set(counter_id, (tokenCounts.get(counter_id) ?? 0) + tokens);
    return { content: [{ type: 'text', text: `generated for ${prompt}` }] };
  }));
  // Quotas tested through a local, and by a choice that answers with an error (review 73): rate limits still.
  server.registerTool('translate', { inputSchema: { chars: z.number() } }, async ({ chars }, extra) => {
    const over = (dailyQuota.get(extra.sessionId!) ?? 0) + chars > 50_000;
    if (over) return { content: [{ type: 'text', text: 'daily quota used up' }], isError: true };
    dailyQuota.set(extra.sessionId!, (dailyQuota.get(extra.sessionId!) ?? 0) + chars);
    return { content: [{ type: 'text', text: 'translated' }] };
  });
  server.registerTool('burst', { inputSchema: { n: z.number() } }, async ({ n }, extra) => {
    burstQuota.set(extra.sessionId!, (burstQuota.get(extra.sessionId!) ?? 0) + n);
    return (burstQuota.get(extra.sessionId!) ?? 0) > 100 ? { content: [{ type: 'text', text: 'slow down' }], isError: true } : { content: [{ type: 'text', text: 'ok' }] };
  });
  server.registerTool('total_tokens', { inputSchema: { counter_id: z.string().describe('Handle from create_counter') } }, withHandle([counters, tokenCounts, bumpCounters, visitCounts], { handle: 'counter_id', mintedBy: 'create_counter' }, async ({ counter_id }, _extra) => {
    // (A test of whether there is any is no limit, review 72.)
    const total = tokenCounts.get(counter_id) ?? 0;
    if (total > 0) return { content: [{ type: 'text', text: `${total} tokens` }] };
    return { content: [{ type: 'text', text: 'none yet' }] };
  }));
  server.registerTool('bump', { inputSchema: { counter_id: z.string().describe('Handle from create_counter'), name: z.string() } }, withHandle([counters, tokenCounts, bumpCounters, visitCounts], { handle: 'counter_id', mintedBy: 'create_counter' }, async ({ counter_id, name }, _extra) => {
    bumpCounters.set(counter_id, (bumpCounters.get(counter_id) ?? 0) + 1);
    return { content: [{ type: 'text', text: `${name}=${bumpCounters.get(counter_id)}` }] };
  }));
  server.registerTool('visit', { inputSchema: { counter_id: z.string().describe('Handle from create_counter') } }, withHandle([counters, tokenCounts, bumpCounters, visitCounts], { handle: 'counter_id', mintedBy: 'create_counter' }, async ({ counter_id }, _extra) => {
    const n = (visitCounts.get(counter_id) ?? 0) + 1;
    visitCounts.set(counter_id, n);
    return { content: [{ type: 'text', text: `visit ${n}` }] };
  }));
  server.registerTool('ping', { inputSchema: {} }, async (_args, extra) => {
    pingCounts.set(extra.sessionId!, (pingCounts.get(extra.sessionId!) ?? 0) + 1);
    return { content: [{ type: 'text', text: 'pong' }] };
  });
  server.registerTool('lookup', { inputSchema: { q: z.string() } }, async ({ q }, extra) => {
    const used = (callCounts.get(extra.sessionId!) ?? 0) + 1;
    callCounts.set(extra.sessionId!, used);
    if (overLimit(used)) return { content: [{ type: 'text', text: 'rate limited' }], isError: true };
    return { content: [{ type: 'text', text: `results for ${q} (you have used ${used} of ${MAX_CALLS})` }] };
  });
  server.registerTool('find', { inputSchema: { q: z.string() } }, async ({ q }, extra) => {
    const n = (searchUsage.get(extra.sessionId!) ?? 0) + 1;
    searchUsage.set(extra.sessionId!, n);
    assertQuota(n);
    return { content: [{ type: 'text', text: `${q}: you have used ${n} of ${MAX_CALLS}` }] };
  });
  return server;
}
