/**
 * Every fixture under fixtures/scan yields exactly the findings its inline annotations announce.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan, Scanner } from '../src/scan/scanner.js';
import { ModuleFiles } from '../src/analysis/modules.js';
import { classifyFile } from '../src/scan/files.js';
import { allRules } from '../src/rules/index.js';
import { key, parseExpectations } from './helpers/expectations.js';

const FIXTURES = path.resolve(__dirname, '../fixtures/scan');

function listFixtures(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFixtures(full);
    return classifyFile(full) ? [full] : [];
  });
}

const fixtures = listFixtures(FIXTURES);
/**
 * A folder named `project-*` is one run, scanned whole as `scan` does: the project rules read
 * what several of its files hold together (a copy of the SDK), and its annotations are checked
 * against that run's findings, not against each file's alone.
 */
const PROJECT = /^project-/;
const inProject = (file: string) => path.relative(FIXTURES, file).split(path.sep).some((part) => PROJECT.test(part));
const projects = [...new Set(fixtures.filter(inProject).map((file) => {
  const parts = path.relative(FIXTURES, file).split(path.sep);
  return path.join(FIXTURES, ...parts.slice(0, parts.findIndex((part) => PROJECT.test(part)) + 1));
}))];
const scanner = new Scanner();
const ruleIds = new Set(allRules.map((r) => r.id));

describe('scan fixtures', () => {
  it('exist for every rule', () => {
    const announced = new Set<string>();
    for (const file of fixtures) for (const e of parseExpectations(fs.readFileSync(file, 'utf8')).expected) announced.add(e.ruleId);
    const missing = [...ruleIds].filter((id) => !announced.has(id));
    expect(missing).toEqual([]);
  });

  it.each(fixtures.filter((f) => !inProject(f)).map((f) => [path.relative(FIXTURES, f), f]))('%s finds exactly what it announces', (_name, file) => {
    const text = fs.readFileSync(file, 'utf8');
    const { expected, ok } = parseExpectations(text);
    for (const e of [...expected, ...ok]) expect(ruleIds, `unknown rule id ${e.ruleId} in annotation`).toContain(e.ruleId);
    const kind = classifyFile(file)!;
    // A fixture's folder is its run: the store modules beside it are read as a scan reads them. A
    // project's folder under its category's (`session-state/nextjs-oauth/app/...`) is the root its
    // paths are named from: a Next.js route is known by its folders (`app/oauth/token/route.ts`).
    const dir = path.dirname(file);
    const root = path.join(FIXTURES, ...path.relative(FIXTURES, dir).split(path.sep).slice(0, 2));
    const run = fs.readdirSync(dir).map((name) => path.join(dir, name)).filter((absolute) => classifyFile(absolute)?.type === 'code');
    const label = (absolute: string) => path.relative(root, absolute).split(path.sep).join('/');
    scanner.modules = new ModuleFiles(root, { has: (absolute) => run.includes(absolute), text: (absolute) => fs.readFileSync(absolute, 'utf8'), label, all: () => run });
    // (What the MCP code beside it hands the modules it calls, as a scan of the folder learns it.)
    scanner.handSessionsFrom(run.map((absolute) => ({ rel: label(absolute), absolute, text: fs.readFileSync(absolute, 'utf8'), kind: classifyFile(absolute)! })));
    const result = scanner.scanText(path.relative(root, file).split(path.sep).join('/'), text, kind);
    expect(result.error, 'fixture must parse cleanly').toBeUndefined();
    // Code the scanner does not treat as MCP code never reaches the rules: its `ok` lines prove
    // something only when the file means to be such a look-alike, and says so.
    if (kind.type === 'code' && !result.parsed) expect(text, 'a fixture the rules never see must say it is not about the model context protocol').toMatch(/nothing to do with the model context protocol|no model context protocol here|unrelated to the model context protocol/);
    const actual = result.findings.map((f) => key({ line: f.line, ruleId: f.ruleId })).sort();
    expect(actual).toEqual(expected.map(key).sort());
    const okKeys = new Set(ok.map(key));
    for (const f of result.findings) expect(okKeys.has(key({ line: f.line, ruleId: f.ruleId })), `ok: ${f.ruleId} fired at ${f.line}`).toBe(false);
    // Reports and fix advice tell these rules' findings apart by their reasons: every one has some.
    for (const f of result.findings) if (f.ruleId === 'stateful-tool' || f.ruleId === 'session-state') expect(f.reasons?.length ?? 0, `${f.ruleId} at ${f.line} names no reason`).toBeGreaterThan(0);
  });

  it.each(projects.map((dir) => [path.relative(FIXTURES, dir), dir]))('%s, scanned whole, finds exactly what its files announce', async (_name, dir) => {
    const result = await scan({ paths: [dir], cache: false });
    expect(result.errors).toEqual([]);
    const files = fixtures.filter((f) => f.startsWith(dir + path.sep));
    const announced = files.map((file) => ({ file: path.relative(dir, file).split(path.sep).join('/'), ...parseExpectations(fs.readFileSync(file, 'utf8')) }));
    const expected = announced.flatMap(({ file, expected }) => expected.map((e) => `${file}:${key(e)}`)).sort();
    const actual = result.findings.map((f) => `${f.file}:${key({ line: f.line, ruleId: f.ruleId })}`).sort();
    expect(actual).toEqual(expected);
    const ok = new Set(announced.flatMap(({ file, ok }) => ok.map((e) => `${file}:${key(e)}`)));
    for (const f of actual) expect(ok.has(f), `ok: ${f} fired`).toBe(false);
  });
});
