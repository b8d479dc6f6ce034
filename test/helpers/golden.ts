/**
 * Golden files for the report formats: normalise what changes between runs (the absolute root,
 * the tool version, the duration), then compare with `fixtures/report/<project>/expected/*`.
 *
 *   UPDATE_GOLDEN=1 npx vitest run test/formats.test.ts   rewrites the golden files
 *
 * Without UPDATE_GOLDEN a mismatch fails with a line diff that names the file. Read a rewritten
 * golden file before committing it: it must show correct output, not merely current output.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from './cli.js';

export const REPORT_FIXTURES = path.join(REPO, 'fixtures/report');
export const UPDATE = process.env.UPDATE_GOLDEN === '1' || process.env.UPDATE_GOLDEN === 'true';
export const TOOL_VERSION: string = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;

/** 2026-07-28T00:00:00Z, the revision date: the date every golden report shows. */
export const SOURCE_DATE_EPOCH = '1785196800';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * Replaces the volatile parts of a report:
 * - the absolute scanned root (as given and as its real path, in JSON-escaped form too) → `<root>`
 * - the mcp-migrate version, only where it is the tool's version → `<version>`
 * - `durationMs` → 0
 */
export function normalise(text: string, root: string): string {
  let out = text;
  const roots = [...new Set([root, fs.realpathSync(root)].map(toPosix))].sort((a, b) => b.length - a.length);
  for (const r of roots) out = out.split(r).join('<root>');
  const v = escapeRegExp(TOOL_VERSION);
  // JSON (`tool`) and SARIF (`tool.driver`): "name": "mcp-migrate", then "version" (and SARIF's semanticVersion).
  out = out.replace(new RegExp(`("name": "mcp-migrate",\\s*"version": )"${v}"`, 'g'), '$1"<version>"');
  out = out.replace(new RegExp(`("semanticVersion": )"${v}"`, 'g'), '$1"<version>"');
  // Markdown and HTML header rows: "mcp-migrate 0.1.0".
  out = out.replace(new RegExp(`\\bmcp-migrate ${v}\\b`, 'g'), 'mcp-migrate <version>');
  out = out.replace(/("durationMs": )\d+/g, '$10');
  return out;
}

/** Line diff (LCS) with three lines of context, capped so a wholesale change stays readable. */
export function lineDiff(expected: string, actual: string, maxLines = 120): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  // Trim the common head and tail so the LCS table stays small.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const ops: Array<{ op: ' ' | '-' | '+'; text: string; aLine: number; bLine: number }> = [];
  if (am.length * bm.length > 4_000_000) {
    am.forEach((text, i) => ops.push({ op: '-', text, aLine: head + i + 1, bLine: head + 1 }));
    bm.forEach((text, i) => ops.push({ op: '+', text, aLine: head + am.length + 1, bLine: head + i + 1 }));
  } else {
    const lcs: number[][] = Array.from({ length: am.length + 1 }, () => new Array<number>(bm.length + 1).fill(0));
    for (let i = am.length - 1; i >= 0; i--) for (let j = bm.length - 1; j >= 0; j--) lcs[i][j] = am[i] === bm[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    let i = 0;
    let j = 0;
    while (i < am.length || j < bm.length) {
      if (i < am.length && j < bm.length && am[i] === bm[j]) {
        ops.push({ op: ' ', text: am[i], aLine: head + i + 1, bLine: head + j + 1 });
        i++;
        j++;
      } else if (i < am.length && (j === bm.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
        ops.push({ op: '-', text: am[i], aLine: head + i + 1, bLine: head + j + 1 });
        i++;
      } else {
        ops.push({ op: '+', text: bm[j], aLine: head + i + 1, bLine: head + j + 1 });
        j++;
      }
    }
  }
  const context = 3;
  const shorten = (text: string, other?: string) => {
    if (text.length <= 200) return text;
    // Long lines (the HTML report is a few very long lines): show a window around the first difference.
    let d = 0;
    if (other !== undefined) while (d < text.length && d < other.length && text[d] === other[d]) d++;
    const start = Math.max(0, d - 80);
    return `${start > 0 ? '…' : ''}${text.slice(start, start + 200)}${start + 200 < text.length ? '…' : ''}${other !== undefined ? `  [differs at col ${d + 1}]` : ''}`;
  };
  const minus = ops.filter((o) => o.op === '-');
  const plus = ops.filter((o) => o.op === '+');
  // Hunks: changed lines with `context` unchanged lines around them (the trimmed head and tail included).
  const all = [
    ...a.slice(Math.max(0, head - context), head).map((text, k) => ({ op: ' ' as const, text, aLine: Math.max(0, head - context) + k + 1, bLine: 0 })),
    ...ops,
    ...a.slice(a.length - tail, a.length - tail + context).map((text, k) => ({ op: ' ' as const, text, aLine: a.length - tail + k + 1, bLine: 0 })),
  ];
  const keep = new Set<number>();
  all.forEach((o, i) => {
    if (o.op !== ' ') for (let k = Math.max(0, i - context); k <= Math.min(all.length - 1, i + context); k++) keep.add(k);
  });
  const out = [`--- expected (golden)`, `+++ actual`];
  let previous = -2;
  all.forEach((o, i) => {
    if (!keep.has(i)) return;
    if (i !== previous + 1) out.push(`@@ expected line ${o.aLine} @@`);
    previous = i;
    const counterpart = o.op === '-' ? plus[minus.indexOf(o)]?.text : o.op === '+' ? minus[plus.indexOf(o)]?.text : undefined;
    out.push(`${o.op} ${o.op === ' ' ? shorten(o.text) : shorten(o.text, counterpart ?? '')}`);
  });
  if (out.length > maxLines) return [...out.slice(0, maxLines), `… ${out.length - maxLines} more diff line(s)`].join('\n');
  return out.join('\n');
}

/**
 * Compares `actual` with the golden file (path relative to fixtures/report). With UPDATE_GOLDEN
 * it (re)writes the file instead. Throws an Error whose message is a readable diff.
 */
export function expectGolden(relative: string, actual: string): void {
  const file = path.join(REPORT_FIXTURES, relative);
  const shown = path.relative(REPO, file);
  if (UPDATE) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== actual) fs.writeFileSync(file, actual);
    return;
  }
  if (!fs.existsSync(file)) {
    throw new Error(`golden file ${shown} is missing: run UPDATE_GOLDEN=1 npx vitest run test/formats.test.ts, then read the new file and check it is right`);
  }
  const expected = fs.readFileSync(file, 'utf8');
  if (expected === actual) return;
  throw new Error(
    `${shown} does not match the output.\n` +
      `If the change is intended, run UPDATE_GOLDEN=1 npx vitest run test/formats.test.ts and review the new golden file.\n\n${lineDiff(expected, actual)}`,
  );
}

/**
 * Copies a report fixture project (without its `expected/` golden files) into `parent/<name>`,
 * outside any git repository, so URIs and links do not depend on where the repo is checked out.
 */
export function copyProject(name: string, parent: string): string {
  const from = path.join(REPORT_FIXTURES, name);
  const to = path.join(parent, name);
  fs.cpSync(from, to, { recursive: true, filter: (src) => path.relative(from, src).split(path.sep)[0] !== 'expected' });
  return to;
}
