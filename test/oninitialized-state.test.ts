/**
 * On the v2 packages an oninitialized is the 2025 clients' fallback (info) only while it holds
 * nothing a handler reads, or the handler reads the request's envelope as well: otherwise it is the
 * only thing that sets what the handler reads, and 2026-07-28 requests never run it (trial 67C B2).
 * The scan fixtures' annotations say where findings are; this says how severe they are.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyFile } from '../src/scan/files.js';
import { Scanner } from '../src/scan/scanner.js';

const scanner = new Scanner({ severities: {} });

/** One fixture's findings, in line order. */
function findings(name: string) {
  const file = path.resolve(__dirname, '../fixtures/scan/initialize-gate', name);
  return scanner.scanText(name, fs.readFileSync(file, 'utf8'), classifyFile(file)!).findings.sort((a, b) => a.line - b.line);
}

const severities = (name: string) => findings(name).map((f) => [f.line, f.ruleId, f.severity]);

describe('an oninitialized on the v2 packages whose stored value a handler reads', () => {
  it('keeps its severity (error, warning) and names the tool that reads what it stored', () => {
    const found = findings('hook-state-read-by-tool.ts');
    expect(found.map((f) => [f.line, f.ruleId, f.severity])).toEqual([
      [18, 'session-lifecycle', 'error'],
      [20, 'handshake-read', 'warning'],
      // An `envelope` of the tool's own (a letter's) is no read of the request's.
      [39, 'session-lifecycle', 'error'],
      [41, 'handshake-read', 'warning'],
    ]);
    expect(found[0].message).toMatch(/^Tool "greet" reads callerName, which this oninitialized sets: 2026-07-28 requests never run it; read ctx\.mcpReq\.envelope in the handler/);
    expect(found[1].message).toMatch(/^getClientVersion\(\) in this oninitialized feeds callerName, which tool "greet" reads/);
    expect(found[0].fix).toBeUndefined();
    expect(found[2].message).toMatch(/^Tool "send" reads sender, which this oninitialized sets/);
  });

  it('is found through helpers of the file, and behind createMcpHandler says 2025 clients lose it too', () => {
    const found = findings('hook-state-read-through-helper.ts');
    expect(found.map((f) => [f.line, f.ruleId, f.severity])).toEqual([
      [12, 'handshake-read', 'warning'],
      [22, 'session-lifecycle', 'error'],
    ]);
    expect(found[1].message).toMatch(/^Tool "summarize" reads caps\.sampling, which this oninitialized sets: 2026-07-28 requests never run it, and behind createMcpHandler a 2025 client's later requests reach a server that never ran it either;/);
  });

  it('names a low-level handler by the method it answers, and a class field by its path', () => {
    const found = findings('hook-state-low-level.ts');
    expect(found.map((f) => [f.line, f.ruleId, f.severity])).toEqual([
      [13, 'session-lifecycle', 'error'],
      [15, 'handshake-read', 'warning'],
    ]);
    expect(found[0].message).toMatch(/^The tools\/call handler reads this\.canSample, which this oninitialized sets/);
  });
});

describe('an oninitialized on the v2 packages that holds nothing a request needs without it', () => {
  it('stays the 2025 fallback (info) where the handler reads the envelope first', () => {
    expect(severities('hook-state-envelope-first.ts')).toEqual([
      [12, 'session-lifecycle', 'info'],
      [14, 'handshake-read', 'info'],
      [27, 'session-lifecycle', 'info'],
      [29, 'handshake-read', 'info'],
    ]);
    expect(severities('dual-era-fallback.ts')).toEqual([
      [12, 'session-lifecycle', 'info'],
      [14, 'handshake-read', 'info'],
      [19, 'handshake-read', 'warning'],
    ]);
  });

  it('stays the 2025 fallback (info) where it only logs, or keeps what no handler reads', () => {
    expect(severities('hook-logs-only-v2.ts')).toEqual([
      [14, 'session-lifecycle', 'info'],
      [16, 'handshake-read', 'info'],
      [24, 'session-lifecycle', 'info'],
      [26, 'handshake-read', 'info'],
      [43, 'session-lifecycle', 'info'],
      [45, 'handshake-read', 'info'],
    ]);
  });
});

describe('review 86: what stands in for the stored value, bound methods, log lines', () => {
  it('an envelope read for something else is no alternative to the stored value (point 4)', () => {
    const found = findings('hook-state-envelope-other-read.ts');
    expect(found.map((f) => [f.line, f.ruleId, f.severity])).toEqual([
      [12, 'session-lifecycle', 'error'],
      [14, 'handshake-read', 'warning'],
      // The stored value first in the `??`, the envelope behind it.
      [29, 'session-lifecycle', 'error'],
      [31, 'handshake-read', 'warning'],
    ]);
    expect(found[0].message).toMatch(/^Tool "sign" reads visitorName, which this oninitialized sets/);
  });

  it('a read after an envelope test returns, in a branch it picks, or behind a local stays the fallback (point 4)', () => {
    expect(severities('hook-state-envelope-alternatives.ts')).toEqual([
      [12, 'session-lifecycle', 'info'],
      [14, 'handshake-read', 'info'],
    ]);
  });

  it('follows a hook and handlers handed over bound, or as an arrow field (point 5)', () => {
    const found = findings('hook-state-bound-methods.ts');
    expect(found.map((f) => [f.line, f.ruleId, f.severity])).toEqual([
      [15, 'session-lifecycle', 'error'],
      [21, 'handshake-read', 'warning'],
      [36, 'session-lifecycle', 'error'],
      [42, 'handshake-read', 'warning'],
      // The bound handler reads the envelope first; a bound tool reads nothing the hook stored.
      [57, 'session-lifecycle', 'info'],
      [63, 'handshake-read', 'info'],
      [78, 'session-lifecycle', 'info'],
      [84, 'handshake-read', 'info'],
    ]);
    expect(found[0].message).toMatch(/^Tool "caps" reads this\.clientCaps, which this oninitialized sets/);
    expect(found[1].message).toMatch(/^getClientCapabilities\(\) in this oninitialized feeds this\.clientCaps, which tool "caps" reads/);
    expect(found[2].message).toMatch(/^The tools\/call handler reads this\.canSample/);
  });

  it('a stored value a tool only writes to a log line keeps the hook the fallback (point 6)', () => {
    expect(severities('hook-state-log-only-read.ts')).toEqual([
      [14, 'session-lifecycle', 'info'],
      [16, 'handshake-read', 'info'],
      // Logged and answered with.
      [38, 'session-lifecycle', 'error'],
      [40, 'handshake-read', 'warning'],
    ]);
  });
});
