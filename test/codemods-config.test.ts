/**
 * Fixture pairs of the cors-headers, cors-headers-config and sticky-config codemods, run the way
 * test/codemods.test.ts runs registered codemods: `<case>.input.<ext>` through the codemod equals
 * `<case>.output.<ext>` (no output file: no change), the output through it again is unchanged, and
 * the scanner reports nothing the codemod resolves on a line it rewrote; what it still reports of
 * the codemod's own kind (CORS lists, stickiness) sits under a TODO(mcp-migrate) marker.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corsHeaders, corsHeadersConfig } from '../codemods/cors-headers.js';
import { stickyConfig } from '../codemods/sticky-config.js';
import type { Codemod, FixTarget, Safety } from '../codemods/types.js';
import { ts } from '../src/analysis/typescript.js';
import { fixText } from '../src/fix/runner.js';
import { classifyFile } from '../src/scan/files.js';
import { Scanner } from '../src/scan/scanner.js';

const ROOT = path.resolve(__dirname, '../codemods/__testfixtures__');

/** cors-headers-config keeps its fixtures in cors-headers/config until it has a folder of its own. */
function fixtureDir(id: string): string {
  if (id === 'cors-headers-config' && !fs.existsSync(path.join(ROOT, id))) return path.join(ROOT, 'cors-headers', 'config');
  return path.join(ROOT, id);
}

const CODEMODS: Codemod[] = [corsHeaders, corsHeadersConfig, stickyConfig];

interface Case {
  codemod: Codemod;
  name: string;
  input: string;
  output?: string;
  options: { target?: FixTarget; safeOnly?: boolean; handleNames?: Record<string, string> };
}

function cases(): Case[] {
  const found: Case[] = [];
  for (const codemod of CODEMODS) {
    const dir = fixtureDir(codemod.id);
    if (!fs.existsSync(dir)) continue;
    for (const file of fs.readdirSync(dir)) {
      const m = /^(.*)\.input(\.[\w.]+|)$/.exec(file);
      if (!m) continue;
      const [, name, ext] = m;
      const output = path.join(dir, `${name}.output${ext}`);
      const optionsFile = path.join(dir, `${name}.options.json`);
      found.push({
        codemod,
        name: `${name}${ext}`,
        input: path.join(dir, file),
        output: fs.existsSync(output) ? output : undefined,
        options: fs.existsSync(optionsFile) ? JSON.parse(fs.readFileSync(optionsFile, 'utf8')) : {},
      });
    }
  }
  return found;
}

function run(c: Case, text: string) {
  const kind = classifyFile(c.name);
  if (!kind) throw new Error(`fixture ${c.name} is not a file type mcp-migrate handles`);
  const allows = (s: Safety) => s === 'safe' || !c.options.safeOnly;
  return fixText(c.name, text, kind, [c.codemod], { target: c.options.target ?? 'sdk-v1', allows, handleNames: c.options.handleNames ?? {} });
}

/** 1-based lines of `after` that are not an unchanged line of `before` (longest common subsequence). */
function changedLines(before: string, after: string): Set<number> {
  const a = before.split('\n');
  const b = after.split('\n');
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  const changed = new Set<number>();
  let i = 0;
  let j = 0;
  while (j < b.length) {
    if (i < a.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (i < a.length && table[i + 1][j] >= table[i][j + 1]) i++;
    else changed.add(++j);
  }
  return changed;
}

/**
 * Whether a TODO(mcp-migrate) comment sits among the comment lines directly above line `line`
 * (above the first line of its instruction, for a continued Dockerfile line).
 */
function markedAbove(text: string, line: number): boolean {
  const lines = text.split('\n');
  let first = line - 1;
  while (first > 0 && /\\\s*$/.test(lines[first - 1])) first--;
  for (let i = first - 1; i >= 0 && /^\s*(#|\/\/)/.test(lines[i]); i--) if (lines[i].includes('TODO(mcp-migrate)')) return true;
  return false;
}

/** The scanner rules each codemod answers for: it rewrites or marks every finding of theirs it owns. */
const ANSWERS: Record<string, readonly string[]> = {
  'cors-headers': ['session-header'],
  'cors-headers-config': ['session-header-config'],
  'sticky-config': ['sticky-nginx', 'sticky-k8s', 'sticky-haproxy', 'sticky-traefik', 'sticky-wrangler'],
};

/** Findings a codemod owns: all of the sticky rules', and the CORS-list findings of the session-header rules. */
function owned(codemod: Codemod, finding: { ruleId: string; message: string }): boolean {
  if (!ANSWERS[codemod.id].includes(finding.ruleId)) return false;
  return codemod.id === 'sticky-config' || /^CORS /.test(finding.message);
}

const all = cases();
const scanner = new Scanner();

describe('cors-headers / sticky-config fixtures', () => {
  it('every codemod has pairs, a no-change case and a marker case', () => {
    for (const codemod of CODEMODS) {
      const mine = all.filter((c) => c.codemod === codemod);
      expect(mine.filter((c) => c.output).length, `${codemod.id}: input/output pairs`).toBeGreaterThan(0);
      expect(mine.filter((c) => !c.output).length, `${codemod.id}: a no-change case`).toBeGreaterThan(0);
      expect(mine.some((c) => c.output && fs.readFileSync(c.output, 'utf8').includes('TODO(mcp-migrate)')), `${codemod.id}: a marker case`).toBe(true);
    }
  });

  it.each(all.map((c) => [`${c.codemod.id}/${c.name}`, c]))('%s', (_label, c) => {
    const input = fs.readFileSync(c.input, 'utf8');
    const expected = c.output ? fs.readFileSync(c.output, 'utf8') : input;
    const result = run(c, input);
    if (process.env.UPDATE_FIXTURES && c.output) fs.writeFileSync(c.output, result.after);
    expect(result.after).toBe(expected);
    // Idempotent: the output through the codemod again changes nothing.
    expect(run(c, expected).after).toBe(expected);
    // Honest tagging: --safe-only makes no review change.
    for (const change of result.changes) expect(['safe', 'review']).toContain(change.safety);
    if (c.options.safeOnly) expect(result.changes.filter((ch) => ch.safety === 'review')).toEqual([]);
    if (!c.output) return;
    expect(result.changes.length + result.markers.length, 'a pair changes or marks something').toBeGreaterThan(0);

    const kind = classifyFile(c.name)!;
    if (kind.type === 'code') {
      const problems = (t: string) => (ts.createSourceFile(c.name, t, ts.ScriptTarget.Latest, true) as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length;
      expect(problems(expected), 'the output parses').toBe(problems(input));
    }
    const before = scanner.scanText(c.name, input, kind).findings.filter((f) => owned(c.codemod, f));
    const after = scanner.scanText(c.name, expected, kind).findings.filter((f) => ANSWERS[c.codemod.id].includes(f.ruleId));
    // Nothing the codemod resolves is reported on a line it wrote.
    const changed = changedLines(input, expected);
    const onRewritten = after.filter((f) => changed.has(f.line) && !expected.split('\n')[f.line - 1].includes('TODO(mcp-migrate)'));
    expect(onRewritten.map((f) => `${f.line}: ${f.ruleId} ${f.message}`)).toEqual([]);
    // What is still reported of its own kind is marked (or deliberately left under --safe-only).
    const left = after.filter((f) => owned(c.codemod, f) && !markedAbove(expected, f.line));
    if (!c.options.safeOnly) expect(left.map((f) => `${f.line}: ${f.ruleId} ${f.message}`)).toEqual([]);
    expect(after.filter((f) => owned(c.codemod, f)).length).toBeLessThanOrEqual(before.length);
  });
});
