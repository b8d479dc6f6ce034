/**
 * `mcp-migrate check`, the CI pre-merge gate, end to end in a temporary git repository.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRoot, runCli, tempDirs } from './helpers/cli.js';

const { repo, tree } = tempDirs();

const SESSION_MAP = [
  "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
  'export const transports: Record<string, StreamableHTTPServerTransport> = {};',
  '',
].join('\n');
const HEADER_READ = "export const sid = (req: { headers: Record<string, string> }) => req.headers['mcp-session-id'];\n";
const CLEAN = 'export const add = (a: number, b: number) => a + b;\n';

const check = (dir: string, ...args: string[]) => runCli(['check', ...args], { cwd: dir });

describe('check with a baseline', () => {
  it('fails on findings, passes once they are baselined, survives a line shift, fails on a new finding, reports stale entries', () => {
    const dir = repo({ 'src/server.ts': SESSION_MAP, 'src/util.ts': CLEAN });

    const first = check(dir);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/mcp-migrate check: failed: 1 new finding\(s\) at or above warning/);

    const write = check(dir, '--write-baseline', '.mcp-migrate-baseline.json');
    expect(write.code).toBe(0);
    const baseline = JSON.parse(fs.readFileSync(path.join(dir, '.mcp-migrate-baseline.json'), 'utf8'));
    expect(baseline.schemaVersion).toBe(2);
    expect(baseline.entries).toHaveLength(1);
    expect(baseline.entries[0]).toMatchObject({ ruleId: 'session-map', file: 'src/server.ts', line: 2 });

    const accepted = check(dir, '--baseline', '.mcp-migrate-baseline.json');
    expect(accepted.code).toBe(0);
    expect(accepted.stderr).toMatch(/1 accepted, 0 new, 0 stale/);
    // Not "no stateful assumptions found": one is known and accepted.
    expect(accepted.stdout).toMatch(/No new stateful assumptions: 1 known finding accepted by the baseline/);
    expect(accepted.stdout).not.toMatch(/No stateful assumptions found/);

    // Shift the accepted finding down by three lines: still accepted.
    fs.writeFileSync(path.join(dir, 'src/server.ts'), `// header\n// comment\n\n${SESSION_MAP}`);
    const shifted = check(dir, '--baseline', '.mcp-migrate-baseline.json', '--format', 'json');
    expect(shifted.code).toBe(0);
    expect(JSON.parse(shifted.stdout).findings).toEqual([]);
    // The summary counts what is shown, not the accepted findings.
    expect(JSON.parse(shifted.stdout).summary).toMatchObject({ findings: 0, bySeverity: { error: 0, warning: 0, info: 0 }, byCategory: {} });
    expect(check(dir, '--baseline', '.mcp-migrate-baseline.json').stdout).not.toMatch(/✖ \d+ finding/);

    // A new finding fails, and only the new one is shown.
    fs.writeFileSync(path.join(dir, 'src/util.ts'), CLEAN + HEADER_READ);
    const added = check(dir, '--baseline', '.mcp-migrate-baseline.json', '--format', 'json');
    expect(added.code).toBe(1);
    const shown = JSON.parse(added.stdout).findings;
    expect(shown.map((f: { file: string; ruleId: string }) => `${f.file}:${f.ruleId}`)).toEqual(['src/util.ts:session-header']);
    expect(JSON.parse(added.stdout).summary).toMatchObject({ findings: 1, byCategory: { 'session-header': 1 } });
    // The JSON carries the verdict and the baseline's counts, which pretty output prints on stderr.
    expect(JSON.parse(added.stdout).check).toEqual({ passed: false, failOn: 'warning', failing: 1, baseline: { file: '.mcp-migrate-baseline.json', accepted: 1, new: 1, stale: 0, notChecked: 0 } });
    expect(JSON.parse(shifted.stdout).check).toMatchObject({ passed: true, failing: 0, baseline: { accepted: 1, new: 0 } });
    // --json is --format json, as fix has it; both at once is a usage error.
    const short = check(dir, '--baseline', '.mcp-migrate-baseline.json', '--json');
    expect([short.code, JSON.parse(short.stdout).check.passed]).toEqual([1, false]);
    expect(check(dir, '--json', '--format', 'pretty').code).toBe(2);

    // Fixing the old one leaves a stale baseline entry, which is reported but does not fail.
    fs.writeFileSync(path.join(dir, 'src/server.ts'), CLEAN);
    fs.writeFileSync(path.join(dir, 'src/util.ts'), CLEAN);
    const stale = check(dir, '--baseline', '.mcp-migrate-baseline.json');
    expect(stale.code).toBe(0);
    expect(stale.stderr).toMatch(/stale baseline entry .*src\/server\.ts:2 session-map/);
  });

  it('still accepts a finding whose line a formatter changed (spacing, semicolons, trailing commas, wrapping), and not one whose code changed', () => {
    const ASK = [
      "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      'export async function ask(server: McpServer, message: string) {',
      "  const params = { message, requestedSchema: { type: 'object' as const, properties: {} } };",
      '  const result = await server.server.elicitInput(params);',
      "  return result.action === 'accept';",
      '}',
      '',
    ].join('\n');
    const dir = repo({ 'src/ask.ts': ASK });
    expect(check(dir, '--write-baseline', 'b.json').code).toBe(0);
    const file = path.join(dir, 'src/ask.ts');
    for (const line of [
      '  const result = await server.server.elicitInput( params );',
      '  const result = await server.server.elicitInput(params)',
      '  const result = await server.server.elicitInput(\n    params,\n  );',
    ]) {
      fs.writeFileSync(file, ASK.replace('  const result = await server.server.elicitInput(params);', line));
      const run = check(dir, '--baseline', 'b.json');
      expect([run.code, /1 accepted, 0 new, 0 stale/.test(run.stderr)], line).toEqual([0, true]);
    }
    fs.writeFileSync(file, ASK.replace('elicitInput(params)', 'elicitInput({ ...params, message: "sure?" })'));
    const changed = check(dir, '--baseline', 'b.json');
    expect([changed.code, changed.stderr.match(/\d+ accepted, \d+ new, \d+ stale/)?.[0]]).toEqual([1, '0 accepted, 1 new, 1 stale']);
  });

  it("still accepts a finding whose quotes a formatter flipped (Prettier's singleQuote; trial 16B)", () => {
    const dir = repo({ 'a.ts': HEADER_READ });
    expect(check(dir, '--write-baseline', 'b.json').code).toBe(0);
    fs.writeFileSync(path.join(dir, 'a.ts'), HEADER_READ.replace(/'/g, '"'));
    const run = check(dir, '--baseline', 'b.json');
    expect([run.code, run.stderr.match(/\d+ accepted, \d+ new, \d+ stale/)?.[0]]).toEqual([0, '1 accepted, 0 new, 0 stale']);
    // Another header in the same quotes is other code.
    fs.writeFileSync(path.join(dir, 'a.ts'), HEADER_READ.replace("'mcp-session-id'", '"Mcp-Session-Id"'));
    expect(check(dir, '--baseline', 'b.json').code).toBe(1);
  });

  it("still accepts a finding whose arrow function's one parameter a formatter put in parentheses (Prettier 3's arrowParens; trial 35B), in place and in a file moved in the same change", () => {
    const GATEWAY = [
      "import { randomUUID } from 'node:crypto';",
      "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      'const sessions = new Map<string, StreamableHTTPServerTransport>();',
      'export function makeTransport() {',
      '  const transport = new StreamableHTTPServerTransport({',
      '    sessionIdGenerator: () => randomUUID(),',
      '    onsessioninitialized: sid => { sessions.set(sid, transport); },',
      '  });',
      '  return transport;',
      '}',
      '',
    ].join('\n');
    const dir = repo({ 'packages/gw/server.ts': GATEWAY });
    expect(check(dir, '--write-baseline', 'b.json').code).toBe(0);
    const formatted = GATEWAY.replace('onsessioninitialized: sid =>', 'onsessioninitialized: (sid) =>').replace('StreamableHTTPServerTransport>();', 'StreamableHTTPServerTransport>()');
    fs.writeFileSync(path.join(dir, 'packages/gw/server.ts'), formatted);
    const inPlace = check(dir, '--baseline', 'b.json');
    expect([inPlace.code, inPlace.stderr.match(/\d+ accepted, \d+ new, \d+ stale/)?.[0]]).toEqual([0, '3 accepted, 0 new, 0 stale']);
    fs.mkdirSync(path.join(dir, 'packages/gateway'));
    fs.renameSync(path.join(dir, 'packages/gw/server.ts'), path.join(dir, 'packages/gateway/server.ts'));
    const moved = check(dir, '--baseline', 'b.json');
    expect([moved.code, moved.stderr.match(/\d+ accepted, \d+ new, \d+ stale/)?.[0]]).toEqual([0, '3 accepted, 0 new, 0 stale']);
    // After a keyword too: `return sid =>` and `return (sid) =>` are one line to a formatter.
    fs.writeFileSync(path.join(dir, 'packages/gateway/server.ts'), `${formatted}export const matches = (req: { headers: Record<string, string> }) => {\n  return sid => req.headers['mcp-session-id'] === sid;\n};\n`);
    expect(check(dir, '--write-baseline', 'b2.json').code).toBe(0);
    fs.writeFileSync(path.join(dir, 'packages/gateway/server.ts'), `${formatted}export const matches = (req: { headers: Record<string, string> }) => {\n  return (sid) => req.headers['mcp-session-id'] === sid;\n};\n`);
    const keyword = check(dir, '--baseline', 'b2.json');
    expect([keyword.code, keyword.stderr.match(/\d+ accepted, \d+ new, \d+ stale/)?.[0]]).toEqual([0, '4 accepted, 0 new, 0 stale']);
    // A parameter that became another one is other code.
    fs.writeFileSync(path.join(dir, 'packages/gateway/server.ts'), formatted.replace('(sid) => { sessions.set(sid,', '(id) => { sessions.set(id,'));
    expect(check(dir, '--baseline', 'b.json').code).toBe(1);
  });

  it('of two identical lines, reports the one a change added, above or below the accepted one, with the fingerprint scan gives it (trial 16B)', () => {
    const ROUTE = "app.post('/mcp', (req, res) => {\n  const sid = req.headers['mcp-session-id'] as string;\n  res.json({ sid });\n});\n";
    const WHOAMI = "app.get('/whoami', (req, res) => {\n  const sid = req.headers['mcp-session-id'] as string;\n  res.send(sid);\n});\n";
    const head = "import express from 'express';\nimport type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nconst app = express();\n";
    const dir = repo({ 'server.ts': head + ROUTE });
    expect(check(dir, '--write-baseline', 'b.json').code).toBe(0);
    // Added above: the new line is the first of the two.
    fs.writeFileSync(path.join(dir, 'server.ts'), head + WHOAMI + ROUTE);
    const above = check(dir, '--baseline', 'b.json', '--format', 'json');
    expect(above.code).toBe(1);
    expect(JSON.parse(above.stdout).findings.map((f: { line: number }) => f.line)).toEqual([5]);
    // Its SARIF fingerprint is the one scan gives that line, not the accepted line's.
    const sarif = JSON.parse(check(dir, '--baseline', 'b.json', '--format', 'sarif').stdout).runs[0].results;
    const scanned = JSON.parse(runCli(['scan', '--format', 'sarif', '--fail-on', 'none'], { cwd: dir }).stdout).runs[0].results;
    const atLine = (results: Array<{ locations: Array<{ physicalLocation: { region: { startLine: number } } }>; partialFingerprints: Record<string, string> }>, line: number) => results.find((r) => r.locations[0].physicalLocation.region.startLine === line)!.partialFingerprints;
    expect(sarif).toHaveLength(1);
    expect(atLine(sarif, 5)).toEqual(atLine(scanned, 5));
    // Added below: the second.
    fs.writeFileSync(path.join(dir, 'server.ts'), head + ROUTE + WHOAMI);
    const below = check(dir, '--baseline', 'b.json', '--format', 'json');
    expect(JSON.parse(below.stdout).findings.map((f: { line: number }) => f.line)).toEqual([9]);
    // A copy whose next lines are the same as the accepted one's (trial 17B): the lines further out tell them apart.
    const TWIN = "app.delete('/mcp', (req, res) => {\n  const sid = req.headers['mcp-session-id'] as string;\n  res.json({ sid });\n});\n";
    fs.writeFileSync(path.join(dir, 'server.ts'), head + TWIN + ROUTE);
    const twin = check(dir, '--baseline', 'b.json', '--format', 'json');
    expect(JSON.parse(twin.stdout).findings.map((f: { line: number }) => f.line)).toEqual([5]);
  });

  it('a second identical finding in the same file is new even though the first is accepted', () => {
    const dir = repo({ 'a.ts': HEADER_READ });
    check(dir, '--write-baseline', 'b.json');
    fs.writeFileSync(path.join(dir, 'a.ts'), HEADER_READ + HEADER_READ.replace('sid', 'sid2'));
    expect(check(dir, '--baseline', 'b.json').code).toBe(1);
  });

  it('accepts the findings of a moved or renamed file at its new path, and only while the old path is gone (trial 23B)', () => {
    const dir = repo({ 'packages/a/server.ts': SESSION_MAP, 'packages/a/util.ts': CLEAN });
    expect(check(dir, '--write-baseline', 'b.json').code).toBe(0);
    fs.mkdirSync(path.join(dir, 'packages/renamed'));
    fs.renameSync(path.join(dir, 'packages/a/server.ts'), path.join(dir, 'packages/renamed/mcp.ts'));
    const moved = check(dir, '--baseline', 'b.json');
    expect([moved.code, moved.stderr.match(/\d+ accepted, \d+ new, \d+ stale/)?.[0]]).toEqual([0, '1 accepted, 0 new, 0 stale']);
    // A copy beside the original is a second session map, not a move.
    fs.renameSync(path.join(dir, 'packages/renamed/mcp.ts'), path.join(dir, 'packages/a/server.ts'));
    fs.writeFileSync(path.join(dir, 'packages/renamed/mcp.ts'), SESSION_MAP);
    const copied = check(dir, '--baseline', 'b.json', '--format', 'json');
    expect(copied.code).toBe(1);
    expect(JSON.parse(copied.stdout).findings.map((f: { file: string }) => f.file)).toEqual(['packages/renamed/mcp.ts']);
    // Moved, but its code changed: new.
    fs.rmSync(path.join(dir, 'packages/a/server.ts'));
    fs.writeFileSync(path.join(dir, 'packages/renamed/mcp.ts'), SESSION_MAP.replace('transports', 'streams'));
    expect(check(dir, '--baseline', 'b.json').code).toBe(1);
  });

  it('does not call the entries of files this run left out stale, and says how many there are', () => {
    const dir = repo({ 'src/server.ts': SESSION_MAP, 'legacy/old.ts': HEADER_READ, 'scripts/tool.ts': HEADER_READ });
    expect(check(dir, '--write-baseline', 'b.json').code).toBe(0);
    fs.writeFileSync(path.join(dir, 'mcp-migrate.config.json'), JSON.stringify({ exclude: ['scripts/**'] }));
    for (const args of [['--exclude', 'legacy/**'], ['--include', 'src/**'], ['src']]) {
      const r = check(dir, '--baseline', 'b.json', ...args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stderr, args.join(' ')).toMatch(/baseline b\.json: 1 accepted, 0 new, 0 stale, 2 in files this run did not check/);
      expect(r.stderr, args.join(' ')).not.toMatch(/stale baseline entry/);
    }
    // A finding fixed in a checked file is stale; so is one of a file deleted from a checked folder.
    fs.writeFileSync(path.join(dir, 'src/server.ts'), CLEAN);
    fs.rmSync(path.join(dir, 'legacy/old.ts'));
    const r = check(dir, '--baseline', 'b.json');
    expect(r.stderr).toMatch(/0 accepted, 0 new, 2 stale, 1 in files this run did not check/);
    expect(r.stderr).toMatch(/stale baseline entry .*legacy\/old\.ts:1 session-header/);
    expect(r.stderr).toMatch(/stale baseline entry .*src\/server\.ts:2 session-map/);
    expect(r.stderr).not.toMatch(/scripts\/tool\.ts/);
  });

  it('takes a line accepted at a lower severity as new once it is found at a higher one (trial 50B: a logged header read, info, that now refuses requests without the header)', () => {
    const route = (refuse: boolean) =>
      [
        "import express from 'express';",
        'const app = express();',
        "app.post('/mcp', (req, res) => {",
        "  const sid = req.headers['mcp-session-id'] as string | undefined;",
        "  console.log('mcp request', { sid });",
        ...(refuse ? ["  if (!sid) { res.status(400).json({ error: 'Mcp-Session-Id required' }); return; }"] : []),
        "  res.json({ ok: true });",
        '});',
        '',
      ].join('\n');
    const dir = repo({ 'src/route.ts': route(false) });
    expect(check(dir, '--write-baseline', 'b.json').code).toBe(0);
    const entries = JSON.parse(fs.readFileSync(path.join(dir, 'b.json'), 'utf8')).entries;
    expect(entries.map((e: { ruleId: string; line: number; severity: string }) => `${e.line}:${e.ruleId}:${e.severity}`)).toEqual(['4:session-header:info']);
    expect(check(dir, '--baseline', 'b.json').stderr).toMatch(/1 accepted, 0 new, 0 stale/);
    fs.writeFileSync(path.join(dir, 'src/route.ts'), route(true));
    const raised = check(dir, '--baseline', 'b.json', '--format', 'json');
    expect(raised.code).toBe(1);
    expect(JSON.parse(raised.stdout).findings.map((f: { line: number; severity: string }) => `${f.line}:${f.severity}`)).toEqual(['4:error']);
    expect(raised.stderr).toMatch(/0 accepted, 1 new, 0 stale/);
    expect(raised.stderr).toMatch(/src\/route\.ts:4 session-header is new at error: the baseline accepted it at info/);
    // A baseline written before entries kept their severity accepts the line at any.
    const old = JSON.parse(fs.readFileSync(path.join(dir, 'b.json'), 'utf8'));
    for (const e of old.entries) delete e.severity;
    fs.writeFileSync(path.join(dir, 'old.json'), JSON.stringify(old));
    expect(check(dir, '--baseline', 'old.json').code).toBe(0);
  });

  it('takes a tool accepted for some reasons as new once it holds for another, and not once it holds for fewer (trial 51B B2)', () => {
    const tools = (elicit: boolean, state = true) =>
      [
        "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        "import { z } from 'zod';",
        'const prefs = new Map<string, string>();',
        'export function registerPrefs(server: McpServer) {',
        "  server.registerTool('set_pref', { inputSchema: { v: z.string() } }, async ({ v }, extra) => {",
        ...(elicit ? ["    const r = await server.server.elicitInput({ message: `Really set ${v}?`, requestedSchema: { type: 'object', properties: {} } });", "    if (r.action !== 'accept') return { content: [{ type: 'text', text: 'cancelled' }] };"] : []),
        state ? '    prefs.set(extra.sessionId!, v);' : '    void extra;',
        "    return { content: [{ type: 'text', text: 'ok' }] };",
        '  });',
        '}',
        '',
      ].join('\n');
    const dir = repo({ 'src/tools.ts': tools(false) });
    expect(check(dir, '--write-baseline', 'b.json').code).toBe(0);
    const entries = JSON.parse(fs.readFileSync(path.join(dir, 'b.json'), 'utf8')).entries;
    expect(entries.map((e: { ruleId: string; reasons?: string[] }) => [e.ruleId, e.reasons])).toEqual([
      ['session-state', ['session-state']],
      ['stateful-tool', ['session-state']],
    ]);
    // An elicitation added to the accepted tool: the same line, the same severity, a reason more.
    fs.writeFileSync(path.join(dir, 'src/tools.ts'), tools(true));
    const added = check(dir, '--baseline', 'b.json', '--format', 'json');
    expect(added.code).toBe(1);
    expect(JSON.parse(added.stdout).findings.map((f: { line: number; ruleId: string; reasons: string[] }) => [f.line, f.ruleId, f.reasons])).toEqual([[5, 'stateful-tool', ['session-state', 'server-request']]]);
    expect(added.stderr).toMatch(/1 accepted, 1 new, 0 stale/);
    expect(added.stderr).toMatch(/src\/tools\.ts:5 stateful-tool is new for server-request: the baseline accepted it for session-state/);
    // Accepted for both, the tool that now only elicits holds for fewer: accepted.
    expect(check(dir, '--write-baseline', 'b.json').code).toBe(0);
    fs.writeFileSync(path.join(dir, 'src/tools.ts'), tools(true, false));
    const fewer = check(dir, '--baseline', 'b.json');
    expect(fewer.code).toBe(0);
    expect(fewer.stderr).toMatch(/1 accepted, 0 new, 1 stale/);
    // A baseline written before entries kept their reasons accepts the line for any.
    fs.writeFileSync(path.join(dir, 'src/tools.ts'), tools(false));
    expect(check(dir, '--write-baseline', 'b.json').code).toBe(0);
    const old = JSON.parse(fs.readFileSync(path.join(dir, 'b.json'), 'utf8'));
    for (const e of old.entries) delete e.reasons;
    fs.writeFileSync(path.join(dir, 'old.json'), JSON.stringify(old));
    fs.writeFileSync(path.join(dir, 'src/tools.ts'), tools(true));
    expect(check(dir, '--baseline', 'old.json').code).toBe(0);
  });

  it('--write-baseline on a narrowed run rewrites the entries of the files it checked and keeps the others', () => {
    const dir = repo({ 'src/server.ts': SESSION_MAP, 'legacy/old.ts': HEADER_READ, 'lib/util.ts': HEADER_READ });
    expect(check(dir, '--write-baseline', 'b.json').code).toBe(0);
    const files = () => JSON.parse(fs.readFileSync(path.join(dir, 'b.json'), 'utf8')).entries.map((e: { file: string; ruleId: string }) => `${e.file}:${e.ruleId}`);
    expect(files()).toEqual(['legacy/old.ts:session-header', 'lib/util.ts:session-header', 'src/server.ts:session-map']);
    // The server's finding is fixed: the stale entry's advice, taken on a run of src only, drops it and nothing else.
    fs.writeFileSync(path.join(dir, 'src/server.ts'), CLEAN);
    expect(check(dir, '--baseline', 'b.json', 'src').stderr).toMatch(/stale baseline entry \(fixed\? run --write-baseline to drop it\): src\/server\.ts:2 session-map/);
    const narrowed = check(dir, '--write-baseline', 'b.json', 'src');
    expect(narrowed.code).toBe(0);
    expect(narrowed.stderr).toMatch(/recorded 0 finding\(s\) in b\.json and kept its 2 entries of files this run did not check/);
    expect(files()).toEqual(['legacy/old.ts:session-header', 'lib/util.ts:session-header']);
    // The same through --changed-since: only the changed file's entries are rewritten.
    execFileSync('git', ['add', '-A'], { cwd: dir });
    execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'fixed'], { cwd: dir });
    fs.writeFileSync(path.join(dir, 'lib/util.ts'), CLEAN + HEADER_READ.replace('sid', 'other'));
    expect(check(dir, '--write-baseline', 'b.json', '--changed-since', 'HEAD').stderr).toMatch(/recorded 1 finding\(s\) in b\.json and kept its 1 entry of files/);
    expect(files()).toEqual(['legacy/old.ts:session-header', 'lib/util.ts:session-header']);
    expect(check(dir, '--baseline', 'b.json').stderr).toMatch(/2 accepted, 0 new, 0 stale/);
    // A whole-tree run records exactly today's findings; a file deleted from a walked folder takes its entry with it.
    fs.rmSync(path.join(dir, 'legacy/old.ts'));
    expect(check(dir, '--write-baseline', 'b.json').stderr).toMatch(/recorded 1 finding\(s\) in b\.json\n/);
    expect(files()).toEqual(['lib/util.ts:session-header']);
  });

  it('names files relative to the baseline, so a check of a sub-folder or from one matches them', () => {
    const dir = repo({ 'src/server.ts': SESSION_MAP, 'lib/util.ts': HEADER_READ });
    expect(check(dir, '--write-baseline', 'b.json').code).toBe(0);
    const baseline = JSON.parse(fs.readFileSync(path.join(dir, 'b.json'), 'utf8'));
    expect(baseline.entries.map((e: { file: string }) => e.file).sort()).toEqual(['lib/util.ts', 'src/server.ts']);
    for (const r of [check(dir, '--baseline', 'b.json', 'src'), check(path.join(dir, 'src'), '--baseline', '../b.json')]) {
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/1 accepted, 0 new, 0 stale, 1 in files this run did not check/);
    }
    // A new finding in the sub-folder is still new.
    fs.writeFileSync(path.join(dir, 'src/extra.ts'), HEADER_READ);
    expect(check(dir, '--baseline', 'b.json', 'src').code).toBe(1);
  });

  it('reads a schema 1 baseline (files relative to the scanned root) and says so when it was written from another folder', () => {
    const dir = repo({ 'src/server.ts': SESSION_MAP });
    const entry = (fingerprint: string) => ({ schemaVersion: 1, tool: { name: 'mcp-migrate', version: '0.0.1' }, entries: [{ fingerprint, ruleId: 'session-map', file: 'src/server.ts', line: 2, snippet: '' }] });
    // The fingerprint as schema 1 recorded it: of the finding as a check from the project root names it.
    check(dir, '--write-baseline', 'b.json');
    const print = JSON.parse(fs.readFileSync(path.join(dir, 'b.json'), 'utf8')).entries[0].fingerprint;
    fs.writeFileSync(path.join(dir, 'v1.json'), JSON.stringify(entry(print)));
    expect(check(dir, '--baseline', 'v1.json').stderr).toMatch(/1 accepted, 0 new, 0 stale/);
    const sub = check(dir, '--baseline', 'v1.json', 'src');
    expect(sub.code).toBe(1);
    expect(sub.stderr).toMatch(/0 accepted, 1 new, 0 stale/);
    expect(sub.stderr).toMatch(/baseline v1\.json names files relative to the folder it was written from, not src: run check from there, or rewrite it with --write-baseline/);
    expect(sub.stderr).not.toMatch(/stale baseline entry/);
  });

  it('rejects a missing or malformed baseline with exit 2', () => {
    const dir = repo({ 'a.ts': HEADER_READ, 'bad.json': '{"entries": 3}' });
    const missing = check(dir, '--baseline', 'nope.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: no such baseline file \(create it with --write-baseline nope\.json\)/);
    const bad = check(dir, '--baseline', 'bad.json');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.json: not an mcp-migrate baseline/);
  });
});

describe('check --changed-since', () => {
  it('ignores untouched files and checks changed, staged and untracked ones', () => {
    const dir = repo({ 'src/legacy.ts': SESSION_MAP, 'src/clean.ts': CLEAN });
    expect(check(dir).code).toBe(1); // the legacy file fails a full check

    fs.writeFileSync(path.join(dir, 'src/clean.ts'), `${CLEAN}export const sub = (a: number, b: number) => a - b;\n`);
    const untouched = check(dir, '--changed-since', 'HEAD', '--format', 'json');
    expect(untouched.code).toBe(0);
    expect(JSON.parse(untouched.stdout).findings).toEqual([]);

    fs.writeFileSync(path.join(dir, 'src/new-route.ts'), HEADER_READ); // untracked
    const withNew = check(dir, '--changed-since', 'HEAD', '--format', 'json');
    expect(withNew.code).toBe(1);
    expect(JSON.parse(withNew.stdout).findings.map((f: { file: string }) => f.file)).toEqual(['src/new-route.ts']);

    execFileSync('git', ['add', '-A'], { cwd: dir });
    execFileSync('git', ['commit', '-q', '-m', 'add route'], { cwd: dir });
    expect(check(dir, '--changed-since', 'HEAD~1').code).toBe(1);
    expect(check(dir, '--changed-since', 'HEAD').code).toBe(0);
  });

  // The entries of a file that is gone go to the file git saw it renamed to in the range, not to
  // a new copy of the same code once the rename is behind the ref (trial 59B B3: the copy passed).
  it('accepts a file renamed in the range under its old entries, and fails a new copy of a file renamed before it', () => {
    const commit = (message: string) => {
      execFileSync('git', ['add', '-A'], { cwd: dir });
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', message], { cwd: dir });
    };
    const dir = repo({ 'src/server.ts': SESSION_MAP, 'src/clean.ts': CLEAN });
    expect(check(dir, '--write-baseline', 'b.json').code).toBe(0);
    commit('baseline');
    execFileSync('git', ['mv', 'src/server.ts', 'src/http-server.ts'], { cwd: dir });
    commit('rename');
    const renamed = check(dir, '--baseline', 'b.json', '--changed-since', 'HEAD~1', '--format', 'json');
    expect([renamed.code, JSON.parse(renamed.stdout).findings]).toEqual([0, []]);
    fs.copyFileSync(path.join(dir, 'src/http-server.ts'), path.join(dir, 'src/admin-server.ts'));
    commit('a second server');
    const copied = check(dir, '--baseline', 'b.json', '--changed-since', 'HEAD~1', '--format', 'json');
    expect(copied.code).toBe(1);
    expect([...new Set(JSON.parse(copied.stdout).findings.map((f: { file: string }) => f.file))]).toEqual(['src/admin-server.ts']);
    // A second rename, the baseline not written again since the first, and a move not yet added to git (review 76).
    fs.rmSync(path.join(dir, 'src/admin-server.ts'));
    commit('no second server');
    execFileSync('git', ['mv', 'src/http-server.ts', 'src/mcp-server.ts'], { cwd: dir });
    commit('rename again');
    expect(check(dir, '--baseline', 'b.json', '--changed-since', 'HEAD~1').code).toBe(0);
    fs.renameSync(path.join(dir, 'src/mcp-server.ts'), path.join(dir, 'src/gateway.ts'));
    expect(check(dir, '--baseline', 'b.json', '--changed-since', 'HEAD').code).toBe(0);
    // Not any file renamed in the range: one that was not the gone file's does not take its entries (review 77).
    commit('moved');
    // (Long enough that git still sees a rename once the server's code is appended.)
    fs.writeFileSync(path.join(dir, 'src/clean.ts'), Array.from({ length: 40 }, (_, i) => `export const step${i} = (n: number) => n + ${i};\n`).join(''));
    commit('helpers');
    execFileSync('git', ['mv', 'src/clean.ts', 'src/admin.ts'], { cwd: dir });
    fs.appendFileSync(path.join(dir, 'src/admin.ts'), SESSION_MAP);
    commit('an admin server');
    const other = check(dir, '--baseline', 'b.json', '--changed-since', 'HEAD~1', '--format', 'json');
    expect(other.code).toBe(1);
    expect([...new Set(JSON.parse(other.stdout).findings.map((f: { file: string }) => f.file))]).toEqual(['src/admin.ts']);
  });

  it('also checks the files whose findings depend on a changed module, and only those (trial 51B B1)', () => {
    const keys = (by: string) => `export function keyFor(extra: { sessionId?: string; authInfo?: { clientId: string } }) {\n  return \`pref:\${${by}}\`;\n}\n`;
    const prefs = [
      "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { z } from 'zod';",
      "import { keyFor } from '../lib/keys.js';",
      '',
      'const prefs = new Map<string, string>();',
      'export function registerPrefs(server: McpServer) {',
      "  server.registerTool('set_pref', { inputSchema: { v: z.string() } }, async ({ v }, extra) => {",
      '    prefs.set(keyFor(extra), v);',
      "    return { content: [{ type: 'text', text: 'ok' }] };",
      '  });',
      '}',
      '',
    ].join('\n');
    // A session map beside a helper it imports that has nothing to do with it.
    const legacy = `import { add } from './util.js';\n${SESSION_MAP}export const total = add(1, 2);\n`;
    const dir = repo({ 'src/lib/keys.ts': keys('extra.authInfo?.clientId'), 'src/tools/prefs.ts': prefs, 'src/legacy.ts': legacy, 'src/util.ts': CLEAN });
    expect(check(dir).code).toBe(1); // the session map

    // Only the key builder changes: the tool that stores under its key is checked too, and fails.
    fs.writeFileSync(path.join(dir, 'src/lib/keys.ts'), keys('extra.sessionId'));
    const keyed = check(dir, '--changed-since', 'HEAD', '--format', 'json');
    expect(keyed.code).toBe(1);
    expect(JSON.parse(keyed.stdout).findings.map((f: { file: string; ruleId: string; tool: string }) => [f.file, f.ruleId, f.tool])).toEqual([['src/tools/prefs.ts', 'stateful-tool', 'set_pref']]);

    // A helper the session map's file imports changes: that file's findings do not depend on it.
    execFileSync('git', ['checkout', '-q', '--', 'src/lib/keys.ts'], { cwd: dir });
    fs.writeFileSync(path.join(dir, 'src/util.ts'), `${CLEAN}export const sub = (a: number, b: number) => a - b;\n`);
    const helper = check(dir, '--changed-since', 'HEAD', '--format', 'json');
    expect(helper.code).toBe(0);
    expect(JSON.parse(helper.stdout).findings).toEqual([]);
  });

  it('also checks a store module that names no MCP when a changed tool file now hands it the context (trial 57B B1, review 74)', () => {
    const store = "const notes = new Map<string, string[]>();\nexport function remember(extra: { sessionId?: string }, note: string) {\n  const list = notes.get(extra.sessionId ?? 'anon') ?? [];\n  list.push(note);\n  notes.set(extra.sessionId ?? 'anon', list);\n  return list;\n}\n";
    const tools = (body: string, imports = '') =>
      [
        "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        "import { z } from 'zod';",
        imports,
        'export function register(server: McpServer) {',
        "  server.registerTool('add_note', { inputSchema: { note: z.string() } }, async ({ note }, extra) => {",
        `    ${body}`,
        "    return { content: [{ type: 'text', text: 'ok' }] };",
        '  });',
        '}',
        '',
      ].join('\n');
    // The store is there from the start; the tools keep nothing in it until the change.
    const dir = repo({ 'src/store.ts': store, 'src/tools.ts': tools('console.error(note);') });
    expect(check(dir).code).toBe(0);
    // Only the tools change, to hand the store their context: the store's map is every caller's now.
    fs.writeFileSync(path.join(dir, 'src/tools.ts'), tools('remember(extra, note);', "import { remember } from './store.js';"));
    const changed = check(dir, '--changed-since', 'HEAD', '--format', 'json');
    expect(changed.code).toBe(1);
    // (And the tool that hands it the context, which keeps its note by the session id there: trial 78A B2.)
    expect(JSON.parse(changed.stdout).findings.map((f: { file: string; ruleId: string }) => `${f.file}:${f.ruleId}`)).toEqual(['src/store.ts:session-state', 'src/tools.ts:stateful-tool']);
  });

  it('fails a new tool that hands its whole context to a helper of another module that finds its state by the session id, as the tools before it were (trial 78A B2)', () => {
    const session = [
      "import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';",
      "import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';",
      'type Ctx = RequestHandlerExtra<ServerRequest, ServerNotification>;',
      'const chats = new Map<string, { model: string; turns: string[] }>();',
      'export function getChat(ctx: Ctx) {',
      '  const chat = ctx.sessionId ? chats.get(ctx.sessionId) : undefined;',
      "  if (!chat) throw new Error('no chat session');",
      '  return chat;',
      '}',
      "export const callerOf = (ctx: Ctx) => ctx.authInfo?.clientId ?? 'anonymous';",
      '',
    ].join('\n');
    const tool = (name: string, body: string) => `  server.registerTool('${name}', { inputSchema: {} }, async (_args, ctx) => ({ content: [{ type: 'text', text: ${body} }] }));`;
    const tools = (...registered: string[]) =>
      ["import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';", "import { callerOf, getChat } from './session.js';", 'export function register(server: McpServer) {', ...registered, '}', ''].join('\n');
    const dir = repo({ 'src/session.ts': session, 'src/tools.ts': tools(tool('history', 'getChat(ctx).turns.join()')) });
    expect(check(dir, '--write-baseline', 'b.json').code).toBe(0);
    expect(check(dir, '--baseline', 'b.json', '--changed-since', 'HEAD').code).toBe(0);
    // A tool that reads who the caller is from the request passes.
    fs.writeFileSync(path.join(dir, 'src/tools.ts'), tools(tool('history', 'getChat(ctx).turns.join()'), tool('whoami', 'callerOf(ctx)')));
    expect(check(dir, '--baseline', 'b.json', '--changed-since', 'HEAD').code).toBe(0);
    // One more that finds the chat through the helper fails, on the changed file and on the whole tree.
    fs.writeFileSync(path.join(dir, 'src/tools.ts'), tools(tool('history', 'getChat(ctx).turns.join()'), tool('whoami', 'callerOf(ctx)'), tool('model', 'getChat(ctx).model')));
    const added = check(dir, '--baseline', 'b.json', '--changed-since', 'HEAD', '--format', 'json');
    expect(added.code).toBe(1);
    expect(JSON.parse(added.stdout).findings.map((f: { file: string; ruleId: string; tool: string }) => [f.file, f.ruleId, f.tool])).toEqual([['src/tools.ts', 'stateful-tool', 'model']]);
    expect(JSON.parse(added.stdout).findings[0].message).toMatch(/depends on the MCP session id \(ctx\.sessionId in getChat\(\)\).*\(here `getChat\(ctx\)`/);
    expect(check(dir, '--baseline', 'b.json').code).toBe(1);
  });

  it('counts a changed file that imports another changed file once, so the baseline that accepted its finding still covers it (trial 53B B1)', () => {
    const dir = repo({ 'src/tools.ts': CLEAN });
    const confirm = [
      "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      'export async function confirm(server: McpServer, message: string) {',
      "  const r = await server.server.elicitInput({ message, requestedSchema: { type: 'object', properties: {} } });",
      "  return r.action === 'accept';",
      '}',
      '',
    ].join('\n');
    const tools = [
      "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { confirm } from './confirm.js';",
      'export function register(server: McpServer) {',
      "  server.registerTool('drop_table', {}, async () => {",
      "    const ok = await confirm(server, 'Drop it?');",
      "    return { content: [{ type: 'text', text: ok ? 'dropped' : 'kept' }] };",
      '  });',
      '}',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'src/confirm.ts'), confirm);
    fs.writeFileSync(path.join(dir, 'src/tools.ts'), tools);
    const both = check(dir, '--changed-since', 'HEAD', '--format', 'json');
    const found = JSON.parse(both.stdout).findings.map((f: { file: string; line: number; ruleId: string }) => `${f.file}:${f.line}:${f.ruleId}`);
    expect(found.filter((f: string) => f === 'src/tools.ts:4:stateful-tool')).toHaveLength(1);
    expect(found).toEqual(JSON.parse(check(dir, '--format', 'json').stdout).findings.map((f: { file: string; line: number; ruleId: string }) => `${f.file}:${f.line}:${f.ruleId}`));
    expect(check(dir, '--write-baseline', 'b.json').code).toBe(0);
    const accepted = check(dir, '--baseline', 'b.json', '--changed-since', 'HEAD');
    expect([accepted.code, accepted.stderr]).toEqual([0, expect.stringMatching(/\d+ accepted, 0 new, 0 stale/)]);
  });

  it('cannot pass code it could not read: a changed file over --max-file-size is exit 2 with its result written (trial 52B B2); one with a Latin-1 byte is checked (trial 67B B3)', () => {
    const dir = repo({ 'src/util.ts': CLEAN });
    expect(check(dir, '--write-baseline', 'b.json').code).toBe(0);
    // A session map behind one comment an editor saved in ISO-8859-1: read as Latin-1, it fails as
    // the session map it is (1), not as code the check could not read (2), and says how it was read.
    fs.writeFileSync(path.join(dir, 'src/sessions.ts'), Buffer.concat([Buffer.from('// R\xe9sum\xe9 des sessions\n', 'latin1'), Buffer.from(SESSION_MAP)]));
    execFileSync('git', ['add', '-A'], { cwd: dir });
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'sessions'], { cwd: dir });
    const changed = check(dir, '--baseline', 'b.json', '--changed-since', 'HEAD~1', '--format', 'json');
    expect(changed.code).toBe(1);
    expect(changed.stderr).toMatch(/^mcp-migrate: src\/sessions\.ts: not valid UTF-8: read as Latin-1/m);
    expect(changed.stderr).not.toMatch(/could not check/);
    const verdict = JSON.parse(changed.stdout);
    expect(verdict.check).toEqual({ passed: false, failOn: 'warning', failing: 1, baseline: expect.anything() });
    expect(verdict.findings.map((f: { file: string; line: number; ruleId: string }) => `${f.file}:${f.line}:${f.ruleId}`)).toEqual(['src/sessions.ts:3:session-map']);
    expect(verdict.notes).toEqual([{ file: 'src/sessions.ts', message: expect.stringMatching(/^not valid UTF-8: read as Latin-1/) }]);
    expect(check(dir, '--baseline', 'b.json').code).toBe(1);
    // Over the size limit it cannot be checked: exit 2, its result written.
    const unread = check(dir, '--baseline', 'b.json', '--changed-since', 'HEAD~1', '--format', 'json', '--max-file-size', '0.0001');
    expect(unread.code).toBe(2);
    expect(unread.stderr).toMatch(/mcp-migrate check: could not check 1 code file\(s\) it could not read \(src\/sessions\.ts: file is .* over the 0\.1 KB limit\): raise --max-file-size, or leave it out with --exclude/);
    expect(JSON.parse(unread.stdout).check).toMatchObject({ passed: false, unread: ['src/sessions.ts'] });
    // Read in UTF-8 it fails as a session map does; over the size limit it cannot be checked either.
    fs.writeFileSync(path.join(dir, 'src/sessions.ts'), SESSION_MAP);
    expect(check(dir, '--baseline', 'b.json').code).toBe(1);
    const large = check(dir, '--baseline', 'b.json', '--max-file-size', '0.0001');
    expect([large.code, large.stderr]).toEqual([2, expect.stringMatching(/over the .* limit/)]);
    // Writing a baseline over it says so with the same exit: a baseline every check then fails
    // against is not written in silence (trial 77A B5). The findings it could read are recorded.
    const written = check(dir, '--write-baseline', 'b2.json', '--max-file-size', '0.0001');
    expect([written.code, written.stderr]).toEqual([2, expect.stringMatching(/could not check 1 code file\(s\) it could not read \(src\/sessions\.ts: file is .* over the 0\.1 KB limit\): the baseline holds no findings of it, and every check fails until you raise --max-file-size, or leave it out with --exclude/)]);
    expect(fs.existsSync(path.join(dir, 'b2.json'))).toBe(true);
    expect(check(dir, '--baseline', 'b2.json', '--max-file-size', '0.0001').code).toBe(2);
    expect(check(dir, '--write-baseline', 'b2.json', '--max-file-size', '0.0001', '--exclude', 'src/sessions.ts').code).toBe(0);
    // On a whole tree, a large file that names no MCP (generated types) is no code the check was to read (review 67).
    fs.writeFileSync(path.join(dir, 'src/sessions.ts'), CLEAN);
    fs.writeFileSync(path.join(dir, 'src/generated-types.ts'), `export type Row = { id: string };\n${'// padding\n'.repeat(200)}`);
    const generated = check(dir, '--baseline', 'b.json', '--max-file-size', '0.001');
    expect([generated.code, generated.stdout + generated.stderr]).toEqual([0, expect.stringMatching(/generated-types\.ts: file is .* over the 1\.0 KB limit/)]);
    // A binary file is no code the check was to read.
    fs.writeFileSync(path.join(dir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    expect(check(dir, '--baseline', 'b.json').code).toBe(0);
    // Nor a link to nothing: no code to pass (read-through 68).
    fs.symlinkSync(path.join(dir, 'missing.ts'), path.join(dir, 'src/dangling.ts'));
    const dangling = check(dir, '--baseline', 'b.json');
    expect([dangling.code, dangling.stdout + dangling.stderr]).toEqual([0, expect.stringMatching(/dangling\.ts/)]);
  });

  it('counts a folder named like code (lib.js) once, as a folder (read-through 71)', () => {
    const dir = repo({ 'src/util.ts': CLEAN, 'src/lib.js/store.ts': SESSION_MAP });
    fs.chmodSync(path.join(dir, 'src/lib.js'), 0o000);
    const env = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: '*' };
    try {
      const r = runCli(['check'], { asNobody: isRoot, cwd: dir, env });
      expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/could not check 1 folder\(s\) it could not read \(src\/lib\.js: cannot read directory: permission denied\): make it readable/)]);
    } finally {
      fs.chmodSync(path.join(dir, 'src/lib.js'), 0o755);
    }
  });

  it('gives no green tick to a result the baseline accepts beside a file it could not read whole (read-through 71)', () => {
    const dir = repo({ 'src/server.ts': SESSION_MAP });
    expect(check(dir, '--write-baseline', 'b.json').code).toBe(0);
    fs.writeFileSync(path.join(dir, 'src/broken.ts'), "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\n// sessionIdGenerator is not set here\nexport const x = [;\n");
    const r = check(dir, '--baseline', 'b.json');
    expect(r.stdout).toMatch(/⚠ No new stateful assumptions in what could be read: 1 known finding accepted by the baseline/);
    expect(r.stdout).not.toMatch(/✔/);
  });

  it('cannot pass a folder git tracks files in that it could not look into: exit 2, naming it, on a whole tree and under --changed-since (trial 53B B2); one git tracks nothing in passes (review 69)', () => {
    const dir = repo({ 'src/util.ts': CLEAN, 'src/sessions/store.ts': SESSION_MAP, 'docs/notes.ts': CLEAN });
    // A database's data folder, untracked and not ignored.
    fs.mkdirSync(path.join(dir, 'pgdata'));
    fs.writeFileSync(path.join(dir, 'pgdata/PG_VERSION'), '16\n');
    fs.chmodSync(path.join(dir, 'src/sessions'), 0o000);
    fs.chmodSync(path.join(dir, 'pgdata'), 0o000);
    // (root reads everything: an unprivileged user, as on a developer machine; git refuses a
    // repository of another owner, so this one is trusted for the run.)
    const env = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: '*' };
    const run = (...args: string[]) => runCli(['check', ...args], { asNobody: isRoot, cwd: dir, env });
    try {
      const r = run('--format', 'json');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/mcp-migrate check: could not check 1 folder\(s\) it could not read \(src\/sessions: cannot read directory: permission denied\): make it readable, or leave it out with --exclude/);
      expect(JSON.parse(r.stdout).check).toMatchObject({ passed: false, unread: ['src/sessions'] });
      // Under --changed-since too, whatever changed: git cannot look into it either (a change there reads as a deletion).
      fs.writeFileSync(path.join(dir, 'docs/notes.ts'), `${CLEAN}// more\n`);
      const changed = run('--changed-since', 'HEAD');
      expect([changed.code, changed.stderr]).toEqual([2, expect.stringMatching(/could not check 1 folder\(s\) it could not read \(src\/sessions: /)]);
      // Counted as folders, not files (both are listed).
      expect(changed.stdout).toMatch(/ 2 folders could not be scanned fully \(listed above\)/);
      // Left out with --exclude, the tree passes: the untracked data folder holds nothing git knows.
      const excluded = run('--exclude', 'src/sessions/**');
      expect([excluded.code, excluded.stdout]).toEqual([0, expect.stringMatching(/pgdata: cannot read directory/)]);
    } finally {
      fs.chmodSync(path.join(dir, 'src/sessions'), 0o755);
      fs.chmodSync(path.join(dir, 'pgdata'), 0o755);
    }
  });

  it('--write-baseline on a --changed-since run rewrites an importer\'s entries, not keeps them beside its new ones (read-through 66)', () => {
    const helper = (asks: boolean) =>
      [
        "import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';",
        "import { ElicitResultSchema } from '@modelcontextprotocol/sdk/types.js';",
        'export async function confirm(extra: RequestHandlerExtra<any, any>, question: string): Promise<boolean> {',
        asks
          ? "  const r = await extra.sendRequest({ method: 'elicitation/create', params: { message: question, requestedSchema: { type: 'object', properties: {} } } }, ElicitResultSchema);\n  return r.action === 'accept';"
          : '  return question.length > 0 && !!extra;',
        '}',
        '',
      ].join('\n');
    const tool = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { z } from 'zod';",
      "import { confirm } from './helper.js';",
      'const carts = new Map<string, string[]>();',
      'export function build(server: McpServer) {',
      "  server.tool('add_item', { item: z.string() }, async ({ item }, extra) => {",
      "    await confirm(extra, 'Add?');",
      '    const cart = carts.get(extra.sessionId!) ?? [];',
      '    cart.push(item);',
      '    carts.set(extra.sessionId!, cart);',
      "    return { content: [{ type: 'text', text: String(cart.length) }] };",
      '  });',
      '}',
      '',
    ].join('\n');
    const dir = repo({ 'src/helper.ts': helper(false), 'src/tool.ts': tool });
    expect(check(dir, '--write-baseline', 'b.json').code).toBe(0);
    const entries = () => JSON.parse(fs.readFileSync(path.join(dir, 'b.json'), 'utf8')).entries.map((e: { file: string; line: number; ruleId: string; reasons?: string[] }) => `${e.file}:${e.line}:${e.ruleId}:${(e.reasons ?? []).join('+')}`);
    expect(entries()).toEqual(['src/tool.ts:4:session-state:session-state', 'src/tool.ts:6:stateful-tool:session-state']);
    // The helper starts asking the client: the tool holds for a reason more.
    fs.writeFileSync(path.join(dir, 'src/helper.ts'), helper(true));
    expect(check(dir, '--baseline', 'b.json', '--changed-since', 'HEAD').stderr).toMatch(/src\/tool\.ts:6 stateful-tool is new for server-request/);
    expect(check(dir, '--write-baseline', 'b.json', '--changed-since', 'HEAD').code).toBe(0);
    // (The helper's own finding, where it asks, besides.)
    expect(entries()).toEqual(['src/helper.ts:4:stateful-tool:server-request', 'src/tool.ts:4:session-state:session-state', 'src/tool.ts:6:stateful-tool:session-state+server-request']);
    const full = check(dir, '--baseline', 'b.json');
    expect(full.code).toBe(0);
    expect(full.stderr).toMatch(/3 accepted, 0 new, 0 stale/);
  });

  it('brings from an importer only the findings the change made, not those it had before (review 65)', () => {
    const format = (unit: string) => `export function formatCount(n: number): string {\n  return \`\${n} ${unit}\`;\n}\n`;
    const cart = [
      "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { z } from 'zod';",
      "import { formatCount } from './format.js';",
      '',
      'const carts = new Map<string, string[]>();',
      'export function registerCart(server: McpServer) {',
      "  server.registerTool('add_item', { inputSchema: { item: z.string() } }, async ({ item }, extra) => {",
      '    const cart = carts.get(extra.sessionId!) ?? [];',
      '    cart.push(item);',
      '    carts.set(extra.sessionId!, cart);',
      "    return { content: [{ type: 'text', text: formatCount(cart.length) }] };",
      '  });',
      '}',
      '',
    ].join('\n');
    const dir = repo({ 'src/format.ts': format('items'), 'src/cart.ts': cart });
    expect(check(dir).code).toBe(1); // the cart's old session state
    // Only the helper's text changes: the cart, which calls it, has nothing new.
    fs.writeFileSync(path.join(dir, 'src/format.ts'), format('item(s)'));
    const r = check(dir, '--changed-since', 'HEAD', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings).toEqual([]);
  });

  it('says there was nothing changed to check, not that nothing stateful was found', () => {
    const dir = repo({ 'src/legacy.ts': SESSION_MAP });
    const r = check(dir, '--changed-since', 'HEAD');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Nothing changed to check since HEAD (no file check reads changed).\n');
    expect(r.stdout).not.toMatch(/No stateful assumptions/);
    // The machine formats still write their (empty) result for CI to upload.
    expect(JSON.parse(check(dir, '--changed-since', 'HEAD', '--format', 'json').stdout).findings).toEqual([]);
  });

  it('names the changed code its excludes left out, not passing over it in silence (trial 50B B7)', () => {
    const dir = repo({ 'src/clean.ts': CLEAN });
    fs.mkdirSync(path.join(dir, 'src/build'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'src/build/tools.ts'), SESSION_MAP);
    const only = check(dir, '--changed-since', 'HEAD');
    expect(only.code).toBe(0);
    expect(only.stdout).toBe('Nothing changed to check since HEAD (no file check reads changed; 1 changed code file(s) left out by the default excludes (tests, mocks, evals, build output), .gitignore or your globs: src/build/tools.ts).\n');
    // Beside a file it checks: said on stderr.
    fs.writeFileSync(path.join(dir, 'src/clean.ts'), `${CLEAN}export const sub = (a: number, b: number) => a - b;\n`);
    const beside = check(dir, '--changed-since', 'HEAD');
    expect(beside.code).toBe(0);
    expect(beside.stderr).toMatch(/mcp-migrate: 1 changed code file\(s\) left out by the default excludes \(tests, mocks, evals, build output\), \.gitignore or your globs: src\/build\/tools\.ts\n/);
    // A changed file the run checked is not among them.
    expect(beside.stderr).not.toMatch(/src\/clean\.ts/);
    // Nor one it found and skipped as compiled output, which it says itself (read-through 66).
    const server = "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport const s = new McpServer({ name: 'a', version: '1' });\n";
    fs.writeFileSync(path.join(dir, 'src/server.ts'), server);
    fs.writeFileSync(path.join(dir, 'src/server.js'), `${server}//# sourceMappingURL=server.js.map\n`);
    const compiled = check(dir, '--changed-since', 'HEAD');
    expect(compiled.stdout).toMatch(/src\/server\.js/);
    expect(compiled.stderr).toMatch(/1 changed code file\(s\) left out by the default excludes .*: src\/build\/tools\.ts\n/);
  });

  it('says only config was among the changed files, not that the tree has no sources, when only config changed (trial 29A)', () => {
    const dir = repo({ 'src/legacy.ts': SESSION_MAP });
    fs.mkdirSync(path.join(dir, 'deploy'));
    fs.writeFileSync(path.join(dir, 'deploy/service.yaml'), ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: mcp', 'spec:', '  sessionAffinity: ClientIP', ''].join('\n'));
    const r = check(dir, '--changed-since', 'HEAD');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Only deployment config was among the changed files checked: no TypeScript or JavaScript file changed.');
    expect(r.stdout).not.toContain('No TypeScript or JavaScript sources were found');
  });

  it('reports an unknown ref or a missing repository with exit 2', () => {
    const dir = repo({ 'a.ts': CLEAN });
    const r = check(dir, '--changed-since', 'no-such-branch');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('mcp-migrate: --changed-since: unknown git ref "no-such-branch"');
    const plain = tree({ 'a.ts': CLEAN });
    const outside = check(plain, '--changed-since', 'HEAD');
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/needs a git repository/);
  });
});

describe('configuration', () => {
  it('reads mcp-migrate.config.json: rule severities, excludes, failOn and the baseline path', () => {
    const dir = repo({ 'src/a.ts': HEADER_READ, 'scripts/b.ts': HEADER_READ });
    fs.writeFileSync(path.join(dir, 'mcp-migrate.config.json'), JSON.stringify({ exclude: ['scripts/**'], rules: { 'session-header': 'warning' } }));
    const json = JSON.parse(runCli(['scan', '--format', 'json'], { cwd: dir }).stdout);
    expect(json.findings.map((f: { file: string; severity: string }) => `${f.file}:${f.severity}`)).toEqual(['src/a.ts:warning']);
    // A new warning fails the gate (check's default fail-on is warning), unless the configuration's failOn says error.
    const warned = check(dir);
    expect(warned.code).toBe(1);
    expect(warned.stderr).toMatch(/mcp-migrate check: failed: 1 new finding\(s\) at or above warning/);
    fs.writeFileSync(path.join(dir, 'mcp-migrate.config.json'), JSON.stringify({ exclude: ['scripts/**'], rules: { 'session-header': 'warning' }, failOn: 'error' }));
    const passing = check(dir);
    expect(passing.code).toBe(0);
    expect(passing.stderr).toMatch(/mcp-migrate check: passed \(1 new finding\(s\) below --fail-on error\)/);
    fs.writeFileSync(path.join(dir, 'mcp-migrate.config.json'), JSON.stringify({ failOn: 'warning', baseline: 'base.json' }));
    expect(check(dir, '--write-baseline', 'base.json').code).toBe(0);
    expect(check(dir).code).toBe(0); // baseline taken from the config
    fs.writeFileSync(path.join(dir, 'mcp-migrate.config.json'), JSON.stringify({ rules: { 'session-header': 'off' } }));
    expect(runCli(['scan'], { cwd: dir }).code).toBe(0);
  });

  it('reads the "mcp-migrate" key of package.json', () => {
    const dir = repo({ 'a.ts': HEADER_READ, 'package.json': JSON.stringify({ name: 'x', 'mcp-migrate': { rules: { 'session-header': 'off' } } }) });
    expect(runCli(['scan'], { cwd: dir }).code).toBe(0);
  });

  it.each([
    [{ colour: true }, 'mcp-migrate.config.json: "colour": unknown key (known keys: include, exclude, includeTests, rules, failOn, baseline)'],
    [{ rules: { 'no-such-rule': 'error' } }, 'mcp-migrate.config.json: "rules.no-such-rule": unknown rule or category id'],
    [{ rules: { 'session-map': 'loud' } }, 'mcp-migrate.config.json: "rules.session-map": expected "error", "warning", "info" or "off", got "loud"'],
    [{ failOn: 3 }, 'mcp-migrate.config.json: "failOn": expected "error", "warning", "info" or "none", got 3'],
    [{ exclude: 'dist' }, 'mcp-migrate.config.json: "exclude": expected an array of glob strings'],
  ])('reports bad configuration %j with the file and key, exit 2', (config, message) => {
    const dir = repo({ 'a.ts': CLEAN, 'mcp-migrate.config.json': JSON.stringify(config) });
    const r = runCli(['scan'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`mcp-migrate: ${message}`);
  });

  it('reports a configuration file that is not JSON', () => {
    const dir = repo({ 'a.ts': CLEAN, 'mcp-migrate.config.json': '{ rules: ' });
    const r = runCli(['scan'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^mcp-migrate: .*mcp-migrate\.config\.json: not valid JSON/);
  });
});
