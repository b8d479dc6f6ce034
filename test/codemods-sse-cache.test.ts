/**
 * Fixture pairs for sse-transport and list-cache, run directly (before they are registered in
 * codemods/index.ts) with the same pair logic as codemods.test.ts: `<case>.input.<ext>` through the
 * codemod equals `<case>.output.<ext>` (no output file: no change), and again is unchanged.
 * Plus: rewritten SSE servers leave no sse-legacy finding, and the registry order this needs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listCache } from '../codemods/list-cache.js';
import { sseTransport } from '../codemods/sse-transport.js';
import { statelessTransport } from '../codemods/stateless-transport.js';
import type { Codemod, FixTarget, Safety } from '../codemods/types.js';
import { v2Handler } from '../codemods/v2-handler.js';
import { fixText } from '../src/fix/runner.js';
import { classifyFile } from '../src/scan/files.js';
import { Scanner } from '../src/scan/scanner.js';

const ROOT = path.resolve(__dirname, '../codemods/__testfixtures__');
const MINE: readonly Codemod[] = [sseTransport, listCache];

interface Case {
  codemod: string;
  name: string;
  input: string;
  output?: string;
  options: { target?: FixTarget; safeOnly?: boolean; handleNames?: Record<string, string> };
}

function cases(): Case[] {
  const found: Case[] = [];
  for (const codemod of MINE.map((c) => c.id)) {
    const dir = path.join(ROOT, codemod);
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

function targetOf(c: Case, codemod: Codemod): FixTarget {
  return c.options.target ?? (codemod.target === '2026-07-28' ? '2026-07-28' : 'sdk-v1');
}

function runWith(list: Codemod[], name: string, text: string, target: FixTarget, safeOnly = false) {
  const kind = classifyFile(name);
  if (!kind) throw new Error(`fixture ${name} is not a file type mcp-migrate handles`);
  const allows = (s: Safety) => s === 'safe' || !safeOnly;
  return fixText(name, text, kind, list, { target, allows, handleNames: {} });
}

function runCase(c: Case, text: string) {
  const codemod = MINE.find((m) => m.id === c.codemod)!;
  return runWith([codemod], c.name, text, targetOf(c, codemod), c.options.safeOnly);
}

function run(c: Case, text: string): string {
  return runCase(c, text).after;
}

function sseFindings(name: string, text: string) {
  return new Scanner().scanText(name, text, classifyFile(name)!).findings.filter((f) => f.category === 'sse-legacy');
}

const all = cases();

describe('sse-transport and list-cache fixtures', () => {
  it('each codemod has pairs, a no-change case and a marker case', () => {
    for (const codemod of MINE) {
      const mine = all.filter((c) => c.codemod === codemod.id);
      expect(mine.filter((c) => c.output).length, `${codemod.id}: input/output pairs`).toBeGreaterThan(0);
      expect(mine.filter((c) => !c.output).length, `${codemod.id}: a no-change case`).toBeGreaterThan(0);
      expect(mine.some((c) => c.output && fs.readFileSync(c.output, 'utf8').includes('TODO(mcp-migrate)')), `${codemod.id}: a marker case`).toBe(true);
    }
  });

  it.each(all.map((c) => [`${c.codemod}/${c.name}`, c]))('%s', (_label, c) => {
    const input = fs.readFileSync(c.input, 'utf8');
    const expected = c.output ? fs.readFileSync(c.output, 'utf8') : input;
    const actual = run(c, input);
    if (process.env.UPDATE_FIXTURES && c.output) fs.writeFileSync(c.output, actual);
    expect(actual).toBe(expected);
    expect(run(c, expected)).toBe(expected);
    // Honest tagging: --safe-only makes no review change; a pair changes or marks something.
    const result = runCase(c, input);
    if (c.options.safeOnly) expect(result.changes.filter((ch) => ch.safety === 'review')).toEqual([]);
    if (c.output) expect(result.changes.length + result.markers.length).toBeGreaterThan(0);
    else expect(result.changes).toEqual([]);
  });
});

describe('sse-transport leaves no legacy SSE behind', () => {
  const rewritten = all.filter((c) => c.codemod === 'sse-transport' && c.output && !fs.readFileSync(c.output, 'utf8').includes('TODO(mcp-migrate)'));

  it('has rewritten cases', () => expect(rewritten.length).toBeGreaterThan(2));

  it.each(rewritten.map((c) => [c.name, c]))('%s: the scanner finds no sse-legacy', (_label, c) => {
    const input = fs.readFileSync(c.input, 'utf8');
    expect(sseFindings(c.name, input).length).toBeGreaterThan(0);
    expect(sseFindings(c.name, fs.readFileSync(c.output!, 'utf8'))).toEqual([]);
  });

  it('marked cases keep their findings (nothing was guessed)', () => {
    const text = fs.readFileSync(path.join(ROOT, 'sse-transport/shared-singleton.output.ts'), 'utf8');
    expect(sseFindings('shared-singleton.ts', text).length).toBeGreaterThan(0);
  });
});

describe('registry order', () => {
  const read = (file: string) => fs.readFileSync(path.join(ROOT, 'sse-transport', file), 'utf8');

  it('sdk-v1: sse-transport before stateless-transport turns an SSE + stateful server into one stateless route', () => {
    const result = runWith([sseTransport, statelessTransport], 'dual.ts', read('dual.input.ts'), 'sdk-v1');
    expect(sseFindings('dual.ts', result.after)).toEqual([]);
    expect(result.after).toContain('sessionIdGenerator: undefined');
    expect(result.after).not.toMatch(/const transports\b/);
    expect(result.after).not.toContain('TODO(mcp-migrate)');
    expect(result.markers).toEqual([]);
    expect(result.applied).toEqual(['sse-transport', 'stateless-transport']);
  });

  it('2026-07-28: sse-transport before v2-handler ends on createMcpHandler', () => {
    for (const [file, name] of [
      ['express-sse.input.ts', 'express-sse.ts'],
      ['v2-legacy.input.ts', 'v2-legacy.ts'],
    ]) {
      const result = runWith([sseTransport, v2Handler, listCache], name, read(file), '2026-07-28');
      expect(sseFindings(name, result.after), name).toEqual([]);
      expect(result.after, name).toContain('createMcpHandler(() => ');
      expect(result.after, name).not.toMatch(/StreamableHTTPServerTransport|SSEServerTransport/);
    }
  });

  it('2026-07-28: after v2-handler, sse-transport would leave a 2025-only per-request transport', () => {
    const result = runWith([v2Handler, sseTransport], 'express-sse.ts', read('express-sse.input.ts'), '2026-07-28');
    expect(result.after).toContain('new NodeStreamableHTTPServerTransport');
    expect(result.after).not.toContain('createMcpHandler');
  });
});
