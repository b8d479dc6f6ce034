/**
 * Findings carry structured facts (subject, stateKind, the detail reasons of REASON_IDS) that fix
 * and the inventory read instead of the messages' words: on every scan fixture the facts agree
 * with what the messages say, and the fix runner's helpers decide by the facts alone (a message
 * reworded changes nothing).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../src/index.js';
import { DETAIL_REASONS, type Finding, type ReasonId } from '../src/model.js';
import { STATE_KIND_TEXT } from '../src/analysis/state-kind.js';
import { lastsWithServer, sharesBySessionId } from '../src/rules/stateful-tool.js';
import { adviceFor } from '../src/rules/index.js';
import { findingCodeOf, findingSubject, namesFindingCode } from '../src/fix/markers.js';
import { reviewDispatchLeavingState, type FileFix } from '../src/fix/runner.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'scan');

describe('the facts findings carry agree with their messages (every scan fixture)', () => {
  let findings: Finding[] = [];
  beforeAll(async () => {
    findings = (await scan({ paths: [FIXTURES] })).findings;
  }, 120_000);
  const of = (rule: string) => findings.filter((f) => f.ruleId === rule);
  const has = (f: Finding, r: ReasonId) => !!f.reasons?.includes(r);

  it('session-map: the subject opens the message; what the map holds is a reason', () => {
    expect(of('session-map').length).toBeGreaterThan(50);
    for (const f of of('session-map')) {
      expect(f.subject, f.message).toBeDefined();
      expect(f.message.startsWith(`${f.subject} `), f.message).toBe(true);
      const holds = (what: string) => f.message.startsWith(`${f.subject} holds ${what} `);
      expect(has(f, 'holds-transports'), f.message).toBe(holds('transports') || holds('server instances'));
      expect(has(f, 'holds-session-objects'), f.message).toBe(holds('session objects'));
      expect(has(f, 'never-filled'), f.message).toBe(/, but nothing in this file (or the modules that import it )?fills it, so it stays empty$/.test(f.message));
    }
    expect(of('session-map').filter((f) => has(f, 'holds-transports')).length).toBeGreaterThan(20);
    expect(of('session-map').some((f) => has(f, 'holds-session-objects'))).toBe(true);
    expect(of('session-map').some((f) => has(f, 'never-filled'))).toBe(true);
  });

  it('session-state: a stateKind the message names, a subject where the message opens with the collection, holds-session-ids', () => {
    expect(of('session-state').length).toBeGreaterThan(100);
    for (const f of of('session-state')) {
      // (Nor a rate limit kept per instance under the caller's identity: no per-session kind.)
      if (has(f, 'request-state') || has(f, 'instance-limit')) {
        expect(f.stateKind).toBeUndefined();
        continue;
      }
      expect(f.stateKind, f.message).toBeDefined();
      // (A set of session ids alone names no kind: "which sessions are in".)
      if (!f.message.includes('(which sessions are in)')) expect(f.message, f.stateKind).toContain(STATE_KIND_TEXT[f.stateKind!]);
      if (f.subject !== undefined) expect(f.message.startsWith(`${f.subject} `), f.message).toBe(true);
      else expect(f.message, 'no subject: the message opens with what the code does').toMatch(/^(stores|looks up or clears|hands|the sets) /);
      expect(has(f, 'holds-session-ids'), f.message).toBe(/\bholds? MCP session ids\b/.test(f.message));
    }
    const kinds = new Set(of('session-state').map((f) => f.stateKind));
    for (const k of ['data', 'counter', 'auth', 'subscriptions'] as const) expect(kinds.has(k), k).toBe(true);
  });

  it('stateful-tool: lasts-with-server and kept-by-id are set where the message says so', () => {
    const tools = of('stateful-tool');
    for (const f of tools) {
      expect(has(f, 'lasts-with-server'), f.message).toBe(lastsWithServer(f.message));
      expect(has(f, 'kept-by-id'), f.message).toBe(has(f, 'session-id') && f.message.includes('whatever the handler keeps or names by it (here'));
    }
    expect(tools.filter((f) => has(f, 'lasts-with-server')).length).toBeGreaterThan(10);
    expect(tools.filter((f) => has(f, 'kept-by-id')).length).toBeGreaterThan(5);
  });

  it('session-state: entryRead names the map and member of a record member the message says is read back', () => {
    const reads = of('session-state').filter((f) => f.entryRead);
    expect(reads.length).toBeGreaterThan(3);
    for (const f of of('session-state')) {
      const said = / is read back from the session entry (\S+) keeps under the MCP session id/.exec(f.message);
      expect(!!f.entryRead, f.message).toBe(!!said);
      if (!f.entryRead) continue;
      expect(f.entryRead.map).toBe(said![1]);
      expect(f.message.startsWith(`${f.subject} `) && f.subject!.endsWith(`.${f.entryRead.member}`), f.message).toBe(true);
    }
  });

  it('stateful-tool: keptBy is set with kept-by-id, each as the message names it', () => {
    for (const f of of('stateful-tool')) {
      expect(!!f.keptBy, f.message).toBe(has(f, 'kept-by-id'));
      for (const code of f.keptBy ?? []) expect(f.message, code).toContain(`\`${code}\``);
    }
    expect(of('stateful-tool').filter((f) => f.keptBy).length).toBeGreaterThan(5);
  });

  it('no other rule sets them', () => {
    for (const f of findings.filter((x) => !['session-map', 'session-state', 'stateful-tool'].includes(x.ruleId))) {
      expect(f.subject, f.ruleId).toBeUndefined();
      expect(f.stateKind, f.ruleId).toBeUndefined();
      expect(f.entryRead, f.ruleId).toBeUndefined();
      expect(f.keptBy, f.ruleId).toBeUndefined();
      expect((f.reasons ?? []).filter((r) => DETAIL_REASONS.has(r)), f.ruleId).toEqual([]);
    }
  });
});

/** A finding as a rule would make it, with a message that says none of what the old phrase tests looked for. */
function finding(ruleId: string, facts: Partial<Finding>): Finding {
  return { ruleId, category: ruleId === 'stateful-tool' ? 'stateful-tool' : ruleId === 'session-map' ? 'session-map' : 'session-state', severity: 'error', file: 'src/server.ts', line: 30, column: 1, endLine: 30, endColumn: 10, message: 'reworded: nothing here says what it is', snippet: '', ...facts };
}

describe('fix decides by the facts, not the wording', () => {
  it('a tool that keeps something by the session id shares it (kept-by-id)', () => {
    expect(sharesBySessionId(finding('stateful-tool', { reasons: ['session-id', 'kept-by-id'] }))).toBe(true);
    expect(sharesBySessionId(finding('stateful-tool', { reasons: ['session-id'], message: 'Tool "x" depends on the MCP session id: whatever the handler keeps or names by it (here `a[id]`: a store\'s entry, a file)' }))).toBe(false);
  });

  it("session-state's advice follows its stateKind", () => {
    expect(adviceFor(finding('session-state', { reasons: ['session-state'], stateKind: 'counter' }))).toMatch(/^Key the counter by the authenticated principal/);
    expect(adviceFor(finding('session-state', { reasons: ['session-state'], stateKind: 'data', message: 'carts holds a per-session counter / rate limit keyed by the MCP session id' }))).toBe('Mint an explicit handle, require it in the tool schema, and key the state by it in a shared store.');
  });

  it('a marker names a finding by its subject; detail reasons are not one reason more', () => {
    const map = finding('session-map', { subject: 'registry', message: 'the registry of sessions keeps (registry) things' });
    expect(findingCodeOf(map)).toBe('registry');
    expect(namesFindingCode('left `registry` as it was', map)).toBe(true);
    expect(namesFindingCode('left `the` as it was', map)).toBe(false);
    expect(findingSubject('Tool "a" keeps state (pages)', ['server-state', 'lasts-with-server'])).toBe('pages');
    expect(findingSubject('Tool "a" keeps state (pages)', ['server-state', 'session-id'])).toBeUndefined();
  });

  it('a stateless dispatch is one to review by the facts of what it leaves', () => {
    const file = (): FileFix => ({ file: 'src/server.ts', absolute: '/x/src/server.ts', before: '', after: '', changes: [{ line: 10, description: 'transport made stateless (sessionIdGenerator: undefined)', safety: 'safe' }], markers: [], codemods: ['stateless-transport'] });
    const review = (remaining: Finding[]) => reviewDispatchLeavingState([file()], remaining, () => true, (f) => f.line, () => [], () => undefined)[0];
    // A map of session objects whose entries a tool reads as its own state.
    const reading = finding('stateful-tool', { reasons: ['session-state'], state: ['registry'], tool: 'read' });
    expect(review([finding('session-map', { subject: 'registry', reasons: ['holds-session-objects'] }), reading])?.sharedState).toBeDefined();
    expect(review([finding('session-map', { subject: 'registry', reasons: ['holds-transports'] }), reading])?.sharedState).toBeUndefined();
    // State kept with the server.
    expect(review([finding('stateful-tool', { reasons: ['server-state', 'lasts-with-server'] })])?.serverState).toBeDefined();
    expect(review([finding('stateful-tool', { reasons: ['server-state'], message: 'Tool "a" keeps state in page, made with the server in build()' })])).toBeUndefined();
    // Session-keyed state every caller would share: not a counter, nor a set of the session ids.
    expect(review([finding('session-state', { reasons: ['session-state'], stateKind: 'data', subject: 'carts' })])?.sharedState).toBeDefined();
    expect(review([finding('session-state', { reasons: ['session-state'], stateKind: 'counter', subject: 'hits' })])?.sharedState).toBeUndefined();
    expect(review([finding('session-state', { reasons: ['session-state', 'holds-session-ids'], stateKind: 'data', subject: 'seen' })])?.sharedState).toBeUndefined();
    expect(review([finding('stateful-tool', { reasons: ['session-id', 'kept-by-id'] })])?.sharedState).toBeDefined();
  });
});
