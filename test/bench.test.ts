/**
 * `npm run bench` on a small tree: the script runs end to end, its phase breakdown comes from a
 * real Scanner run (the same counts as the timed CLI runs), and the cost model adds up.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from './helpers/cli.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-migrate-bench-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('bench script', () => {
  it('times a small monorepo tree and breaks the time down by phase', () => {
    const r = spawnSync(process.execPath, [path.join(REPO, 'scripts/bench.mjs'), '--profile', 'monorepo', '--files', '300', '--runs', '1', '--json', '--dir', dir], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    const result = report.profiles.monorepo;
    expect(result.tree.files).toBe(300);
    const scan = result.mcpMigrate;
    expect(scan.filesParsed).toBeGreaterThan(0);
    expect(scan.errors).toBe(0);
    expect(result.verdict.rss.result).toMatch(/^(PASS|OVER)$/);
    // The re-scan with the result cache gives the first scan's output.
    expect(result.rescanWithCache.sameResults).toBe(true);
    expect(result.rescanWithCache.wallMs).toBeGreaterThan(0);
    // The same tree at a typical repository's MCP density: fewer files parsed, none of the excluded ones.
    expect(result.typicalDensity.filesParsed).toBeLessThan(scan.filesParsed);
    expect(result.typicalDensity.filesScanned).toBeLessThan(scan.filesScanned);
    expect(result.typicalDensity.wallMs).toBeGreaterThan(0);
    const phases = result.phases;
    expect(phases.error).toBeUndefined();
    // The instrumented run scans the same tree as the timed runs: same counts.
    expect(phases.matched).toBe(scan.filesMatched);
    expect(phases.parsed).toBe(scan.filesParsed);
    expect(phases.findings).toBe(scan.findings);
    for (const name of ['loadCompiler', 'loadRest', 'walk', 'read', 'marker', 'prefilter', 'parse', 'rules', 'finish']) {
      expect(phases.phase[name]?.wallMs, name).toBeGreaterThan(0);
    }
    const { fixedMs, perParsedFileMs } = result.costModel;
    expect(fixedMs).toBeGreaterThan(phases.nodeStart.wallMs);
    // The two parts add up to the whole instrumented run (rounding aside).
    const totalMs = phases.nodeStart.wallMs + Object.values(phases.phase as Record<string, { wallMs: number }>).reduce((sum, v) => sum + v.wallMs, 0);
    expect(Math.abs(fixedMs + perParsedFileMs * scan.filesParsed - totalMs)).toBeLessThanOrEqual(0.05 * scan.filesParsed + 1);
    const parsedMs = ['parse', 'rules'].reduce((sum, name) => sum + phases.phase[name].wallMs, 0);
    // perParsedFileMs is rounded to 0.1 ms.
    expect(Math.abs(perParsedFileMs * scan.filesParsed - parsedMs)).toBeLessThanOrEqual(0.05 * scan.filesParsed + 0.01);
  }, 150_000);

  it('rejects an unknown option with its usage line', () => {
    const r = spawnSync(process.execPath, [path.join(REPO, 'scripts/bench.mjs'), '--fast'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^bench: unknown option --fast\nusage: node scripts\/bench\.mjs \[--profile/);
  });
});
