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
