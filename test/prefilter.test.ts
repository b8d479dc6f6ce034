/**
 * The text pass may only skip work, never findings: no rule can fire on a file the pass rejects.
 * Checked two ways over every fixture: each finding's file contains one of its rule's keywords,
 * and scanning with the prefilter disabled gives exactly the same findings.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../src/rules/index.js';
import { classifyFile } from '../src/scan/files.js';
import { Prefilter } from '../src/scan/prefilter.js';
import { Scanner } from '../src/scan/scanner.js';
import { REPO } from './helpers/cli.js';

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listFiles(full);
    return classifyFile(full) ? [full] : [];
  });
}

const files = [...listFiles(path.join(REPO, 'fixtures')), ...listFiles(path.join(REPO, 'codemods')).filter((f) => f.includes('__testfixtures__'))];

describe('prefilter', () => {
  it('declares lower-case keywords for every rule', () => {
    for (const rule of allRules) {
      expect(rule.keywords.length, rule.id).toBeGreaterThan(0);
      for (const k of rule.keywords) expect(k, rule.id).toBe(k.toLowerCase());
    }
  });

  it('rejects files without any keyword and selects only the rules whose keywords occur', () => {
    const filter = new Prefilter(allRules);
    expect(filter.candidates('export const add = (a: number, b: number) => a + b;\n')).toEqual([]);
    const picked = filter.candidates("const h = 'MCP-SESSION-ID';").map((r) => r.id);
    expect(picked).toContain('session-header');
    expect(picked).not.toContain('sticky-nginx');
  });

  it('sees keywords that overlap or contain one another', () => {
    const rule = (id: string, keywords: string[]) => ({ ...allRules[0], id, keywords });
    const rules = [rule('a', ['abcd']), rule('b', ['cdef']), rule('c', ['bc']), rule('d', ['abcdx']), rule('e', ['zz'])];
    // 'cdef' starts inside 'abcd', 'bc' lies inside it: a single left-to-right match would miss both.
    expect(new Prefilter(rules).candidates('--ABCDEF--').map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });

  const enabled = new Scanner({ prefilter: true });
  const disabled = new Scanner({ prefilter: false });
  it.each(files.map((f) => [path.relative(REPO, f), f]))('%s: same findings with and without the prefilter', (_name, file) => {
    const text = fs.readFileSync(file, 'utf8');
    const kind = classifyFile(file)!;
    const withFilter = enabled.scanText('f', text, kind).findings;
    const without = disabled.scanText('f', text, kind).findings;
    expect(withFilter).toEqual(without);
    const lower = text.toLowerCase();
    for (const finding of without) {
      const rule = allRules.find((r) => r.id === finding.ruleId)!;
      expect(rule.keywords.some((k) => lower.includes(k)), `${rule.id} fired without any of its keywords`).toBe(true);
    }
  });
});
