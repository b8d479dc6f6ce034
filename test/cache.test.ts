/**
 * The result cache (src/scan/cache.ts): a re-scan replays the outcome of every file whose metadata
 * did not change, and its result is the one a scan without the cache gives; a changed file, a
 * changed configuration or a damaged cache never yields a stale result.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allRules, scan, type ScanOptions, type ScanResult } from '../dist/src/index.js';
import type { ScanNote } from '../dist/src/model.js';
import { ResultCache } from '../dist/src/scan/cache.js';
import { REPO, runCli } from './helpers/cli.js';

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-migrate-cache-test-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

let tree: string;
let cacheDirectory: string;
let round = 0;

/** A tree with findings in code and config, suppressions, a bundle, a read error and plain code. */
beforeEach(() => {
  round++;
  tree = path.join(temp, `tree-${round}`);
  cacheDirectory = path.join(temp, `cache-${round}`);
  fs.cpSync(path.join(REPO, 'fixtures/scan'), path.join(tree, 'scan'), { recursive: true });
  fs.cpSync(path.join(REPO, 'fixtures/sample-server'), path.join(tree, 'sample'), { recursive: true });
  fs.writeFileSync(path.join(tree, 'plain.ts'), 'export const answer = 42;\n');
  fs.writeFileSync(
    path.join(tree, 'suppressed.ts'),
    [
      "import type { Request } from 'express';",
      'export function sessionOf(req: Request) {',
      '  // mcp-migrate-ignore session-header -- the proxy strips it',
      "  return req.headers['mcp-session-id'];",
      '}',
      '// mcp-migrate-ignore sse-legacy -- nothing here',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(path.join(tree, 'binary.ts'), Buffer.from([0x4d, 0x43, 0x50, 0, 1, 2]));
  const line = `const mcp = { sessionIdGenerator: () => crypto.randomUUID(), pad: '${'x'.repeat(600)}' };`;
  fs.writeFileSync(path.join(tree, 'bundle.js'), `${line}\n`.repeat(60));
  ResultCache.racyWindowMs = 0;
});
afterEach(() => {
  ResultCache.racyWindowMs = 2000;
});

/** Scans the tree, counting how many files were replayed from the cache and how many were read. */
async function scanCounting(options: ScanOptions = {}): Promise<{ result: ScanResult; replayed: number; read: number; parsed: number }> {
  const calls: string[] = [];
  const result = await scan({ paths: [tree], cache: true, cacheDirectory, ...options, instrument: { phase: (name) => calls.push(name) } });
  const count = (name: string) => calls.filter((c) => c === name).length;
  return { result, replayed: count('cache'), read: count('read'), parsed: count('parse') };
}

function comparable(result: ScanResult): unknown {
  return JSON.parse(JSON.stringify({ ...result, summary: { ...result.summary, durationMs: 0 } }));
}

describe('result cache', () => {
  it('replays every unchanged file on a re-scan, with the result of a scan without it', async () => {
    const first = await scanCounting();
    expect(first.replayed).toBe(0);
    expect(first.parsed).toBeGreaterThan(10);
    expect(first.result.summary.filesSkipped).toBe(1);
    expect(first.result.skipped).toEqual(['bundle.js']); // named, and replayed below like the rest
    expect(first.result.errors.map((e) => e.file)).toContain('binary.ts');
    expect(first.result.summary.suppressed).toBeGreaterThan(0);
    expect(first.result.summary.sdkV1ServerFiles).toBeGreaterThan(0); // replayed too (compared below)
    expect(first.result.unusedSuppressions.map((u) => u.file)).toContain('suppressed.ts');
    expect(fs.readdirSync(cacheDirectory).filter((name) => name.startsWith('results-'))).toHaveLength(1);

    const second = await scanCounting();
    // Everything but the unreadable file is replayed: nothing is parsed, the read error is reported again.
    expect(second.replayed).toBe(first.result.summary.filesMatched - 1);
    expect(second.read).toBe(1);
    expect(second.parsed).toBe(0);
    const uncached = await scan({ paths: [tree] });
    expect(comparable(second.result)).toEqual(comparable(uncached));
    expect(comparable(first.result)).toEqual(comparable(uncached));
  });

  it('reads a file that is not UTF-8 on every scan, so that each says it read it as Latin-1 (trial 67B B3)', async () => {
    const sessions = "// R\xe9sum\xe9 des sessions\nimport { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';\nexport const transports: Record<string, StreamableHTTPServerTransport> = {};\n";
    fs.writeFileSync(path.join(tree, 'latin1.ts'), Buffer.from(sessions, 'latin1'));
    const note = [{ file: 'latin1.ts', message: expect.stringMatching(/^not valid UTF-8: read as Latin-1/) }];
    // (Of the notes, this file's: the fixtures' gateways that serve no file of the run are said too, trial 72B B6.)
    const latin1 = (notes: ScanNote[] | undefined) => notes?.filter((n) => n.file === 'latin1.ts');
    const first = await scanCounting();
    expect(latin1(first.result.notes)).toEqual(note);
    expect(first.result.findings.filter((f) => f.file === 'latin1.ts').map((f) => f.ruleId)).toEqual(['session-map']);
    const second = await scanCounting();
    // Read again, with the unreadable file: a replayed outcome could not give the note.
    expect([second.replayed, second.read]).toEqual([first.result.summary.filesMatched - 2, 2]);
    expect(latin1(second.result.notes)).toEqual(note);
    expect(comparable(second.result)).toEqual(comparable(await scan({ paths: [tree] })));
  });

  it('reads a file again when its bytes change, even with the same size and its old modification time', async () => {
    const file = path.join(tree, 'sample/src/server.ts');
    const oldTime = 1_700_000_000; // whole seconds: restored exactly below
    fs.utimesSync(file, oldTime, oldTime);
    await scanCounting();
    const before = fs.statSync(file);
    const had = (await scan({ paths: [tree] })).findings.filter((f) => f.file === 'sample/src/server.ts').length;
    expect(had).toBeGreaterThan(0);
    // Same length, no MCP code left, and the old mtime put back (as `touch -d` or `tar` would).
    fs.writeFileSync(file, `${' '.repeat(before.size - 1)}\n`);
    fs.utimesSync(file, oldTime, oldTime);
    expect(fs.statSync(file).size).toBe(before.size);
    expect(fs.statSync(file).mtimeMs).toBe(before.mtimeMs);

    const again = await scanCounting();
    expect(again.read).toBe(2); // the changed file and the unreadable one
    expect(again.result.findings.filter((f) => f.file === 'sample/src/server.ts')).toEqual([]);
    expect(comparable(again.result)).toEqual(comparable(await scan({ paths: [tree] })));
  });

  it('reads a tool file again when a store module its tools call changes, though the tool file did not', async () => {
    const dir = 'scan/stateful-tool/store-modules';
    const toolFile = `${dir}/server.ts`;
    const meets = (result: ScanResult) => result.findings.filter((f) => f.file === toolFile && f.message.includes('todos, a list kept in the memory of'));
    const first = await scanCounting();
    expect(meets(first.result).map((f) => f.tool)).toEqual(['add_todo', 'list_todos', 'complete_todo']);
    // The store's lister no longer reads the list: nothing meets there any more.
    const store = path.join(tree, dir, 'todo-store.ts');
    fs.writeFileSync(store, fs.readFileSync(store, 'utf8').replace('export function listTodos(): Todo[] {\n  return todos;', 'export function listTodos(): Todo[] {\n  return [];'));
    const again = await scanCounting();
    expect(meets(again.result).map((f) => f.tool)).toEqual(['add_todo', 'complete_todo']);
    // Read again: the store, the tool file that depends on it, and the unreadable file.
    expect(again.read).toBe(3);
    expect(comparable(again.result)).toEqual(comparable(await scan({ paths: [tree] })));
  });

  it('checks a module MCP code hands the session id to as MCP code whichever of the two was read, and drops it when the code hands it none (trial 76A B4)', async () => {
    const dir = 'scan/session-state/project-limiter-required';
    const limiter = path.join(tree, dir, 'lib/window.cjs');
    const server = path.join(tree, dir, 'server.cjs');
    const windows = (result: ScanResult) => result.findings.filter((f) => f.file === `${dir}/lib/window.cjs`).map((f) => [f.ruleId, f.line]);
    expect(windows((await scanCounting()).result)).toEqual([['session-state', 7]]);
    // The limiter read again, the server that hands it the id replayed.
    fs.writeFileSync(limiter, `// Calls per caller.\n${fs.readFileSync(limiter, 'utf8')}`);
    const limiterRead = await scanCounting();
    expect(windows(limiterRead.result)).toEqual([['session-state', 8]]);
    // (The limiter, the server whose findings depend on it, the limiter again as MCP code once the
    // server, read after it, said it hands it the id; and the unreadable file.)
    expect(limiterRead.read).toBe(4);
    // The server hands it the client id instead: nothing is kept per session there any more.
    const handing = fs.readFileSync(server, 'utf8');
    fs.writeFileSync(server, handing.replaceAll('window.hit(meta.sessionId)', "window.hit(meta.authInfo?.clientId ?? 'anon')").replace('window.hit(caller)', "window.hit('anon')"));
    const none = await scanCounting();
    expect(windows(none.result)).toEqual([]);
    expect(comparable(none.result)).toEqual(comparable(await scan({ paths: [tree] })));
    // And the session id again: the limiter, replayed as code that says nothing, is checked again.
    fs.writeFileSync(server, handing);
    const again = await scanCounting();
    expect(windows(again.result)).toEqual([['session-state', 8]]);
    expect(comparable(again.result)).toEqual(comparable(await scan({ paths: [tree] })));
    const replayed = await scanCounting();
    expect(replayed.read).toBe(1);
    expect(comparable(replayed.result)).toEqual(comparable(again.result));
  });

  it('checks a store module MCP code hands its context to as MCP code, though it is read first, and drops it when the tools hand it none (trial 57B B1)', async () => {
    const dir = 'scan/session-state/project-store-module-without-marker';
    const store = path.join(tree, dir, 'notes.ts');
    const server = path.join(tree, dir, 'server.ts');
    const notes = (result: ScanResult) => result.findings.filter((f) => f.file === `${dir}/notes.ts`).map((f) => [f.ruleId, f.line]);
    // (notes.ts is read before server.ts, which hands it the context: known once the server is read.)
    const first = await scanCounting();
    expect(notes(first.result)).toEqual([['session-state', 4]]);
    expect(comparable(first.result)).toEqual(comparable(await scan({ paths: [tree] })));
    fs.writeFileSync(store, `// Notes per caller.\n${fs.readFileSync(store, 'utf8')}`);
    const storeRead = await scanCounting();
    expect(notes(storeRead.result)).toEqual([['session-state', 5]]);
    // (The store, the server whose findings depend on it, the store again as MCP code once the
    // server, read after it, said it hands it the context; and the unreadable file.)
    expect(storeRead.read).toBe(4);
    // The tools hand it a literal instead of their context: nothing of theirs is kept there any more.
    const handing = fs.readFileSync(server, 'utf8');
    fs.writeFileSync(server, handing.replace('remember(extra, note.trim())', "remember({ sessionId: 'everyone' }, note.trim())"));
    const none = await scanCounting();
    expect(notes(none.result)).toEqual([]);
    expect(comparable(none.result)).toEqual(comparable(await scan({ paths: [tree] })));
    fs.writeFileSync(server, handing);
    const again = await scanCounting();
    expect(notes(again.result)).toEqual([['session-state', 5]]);
    expect(comparable(again.result)).toEqual(comparable(await scan({ paths: [tree] })));
    // Replayed whole: the store's outcome depends on the server that hands it the context.
    const replayed = await scanCounting();
    expect(replayed.read).toBe(1);
    expect(comparable(replayed.result)).toEqual(comparable(again.result));
  });

  it('reads a tool file again when a file added beside it registers a tool that meets it in a store module', async () => {
    const dir = path.join(tree, 'scan/stateful-tool/tool-per-file');
    const lister = path.join(dir, 'list-items.ts');
    const held = fs.readFileSync(lister, 'utf8');
    fs.rmSync(lister);
    const adder = (result: ScanResult) => result.findings.filter((f) => f.file === 'scan/stateful-tool/tool-per-file/add-item.ts').map((f) => f.message);
    const first = await scanCounting();
    expect(adder(first.result)).toEqual([]);
    fs.writeFileSync(lister, held);
    const again = await scanCounting();
    expect(adder(again.result)).toEqual([expect.stringContaining('which tool "list_items" of scan/stateful-tool/tool-per-file/list-items.ts reads')]);
    // Read again: the new file, the two tool files whose tools call the store module (their folder
    // changed), and the unreadable file.
    expect(again.read).toBe(4);
    expect(comparable(again.result)).toEqual(comparable(await scan({ paths: [tree] })));
  });

  it('does not record a file changed just before the scan started', async () => {
    ResultCache.racyWindowMs = 60_000; // every file of the tree was written within the last minute
    const first = await scanCounting();
    const second = await scanCounting();
    expect(second.replayed).toBe(0);
    expect(second.parsed).toBe(first.parsed);
  });

  it('starts afresh when the rule settings change, and picks up new files', async () => {
    const first = await scanCounting();
    expect(first.result.summary.byCategory['session-header']).toBeGreaterThan(0);
    const severities = { 'session-header': 'off' } as const;
    const changed = await scanCounting({ severities });
    expect(changed.replayed).toBe(0);
    expect(changed.result.summary.byCategory['session-header'] ?? 0).toBe(0);
    expect(comparable(changed.result)).toEqual(comparable(await scan({ paths: [tree], severities })));

    fs.copyFileSync(path.join(tree, 'sample/src/server.ts'), path.join(tree, 'sample/src/copy.ts'));
    const grown = await scanCounting({ severities });
    // The new file, the unreadable one, and server.ts, whose tools call the store module beside it
    // (catalog.ts): a file added in that folder may register a tool that meets them there.
    expect(grown.read).toBe(3);
    expect(grown.result.findings.some((f) => f.file === 'sample/src/copy.ts')).toBe(true);
  });

  it('forgets deleted files after a scan of the whole tree, and keeps the rest after a partial one', async () => {
    const first = await scanCounting();
    const cacheFile = () => {
      const [name] = fs.readdirSync(cacheDirectory).filter((n) => n.startsWith('results-'));
      return JSON.parse(fs.readFileSync(path.join(cacheDirectory, name), 'utf8')) as { entries: Record<string, unknown> };
    };
    const plain = path.join(tree, 'plain.ts');
    expect(Object.keys(cacheFile().entries)).toContain(plain);
    // check --changed-since: one file only; the others' entries stay.
    const server = path.join(tree, 'sample/src/server.ts');
    fs.appendFileSync(server, '\n');
    await scanCounting({ onlyFiles: new Set([server]) });
    expect(Object.keys(cacheFile().entries)).toHaveLength(first.result.summary.filesMatched - 1);
    fs.rmSync(plain);
    const whole = await scanCounting();
    expect(whole.read).toBe(1); // the unreadable file; the edited one was recorded by the partial scan
    expect(Object.keys(cacheFile().entries)).not.toContain(plain);
    expect(Object.keys(cacheFile().entries)).toHaveLength(whole.result.summary.filesMatched - 1);
  });

  it('ignores a corrupt cache, and a cache folder it cannot write', async () => {
    await scanCounting();
    const [name] = fs.readdirSync(cacheDirectory).filter((n) => n.startsWith('results-'));
    fs.writeFileSync(path.join(cacheDirectory, name), '{"format":1,"fingerprint":');
    const corrupt = await scanCounting();
    expect(corrupt.replayed).toBe(0);
    const expected = comparable(await scan({ paths: [tree] }));
    expect(comparable(corrupt.result)).toEqual(expected);
    expect((await scanCounting()).replayed).toBeGreaterThan(0); // rewritten

    const notAFolder = path.join(temp, `file-${round}`);
    fs.writeFileSync(notAFolder, '');
    const unwritable = await scanCounting({ cacheDirectory: notAFolder });
    expect(comparable(unwritable.result)).toEqual(expected);
  });

  it('removes the caches of roots not scanned for 30 days when it writes one', async () => {
    fs.mkdirSync(cacheDirectory, { recursive: true });
    const old = path.join(cacheDirectory, 'results-0123456789abcdef01234567.json');
    const recent = path.join(cacheDirectory, 'results-76543210fedcba9876543210.json');
    const other = path.join(cacheDirectory, 'typescript.js-1-2-node-x64.v8cache');
    for (const file of [old, recent, other]) fs.writeFileSync(file, '{}');
    const longAgo = (Date.now() - 40 * 24 * 3600 * 1000) / 1000;
    fs.utimesSync(old, longAgo, longAgo);
    fs.utimesSync(other, longAgo, longAgo);
    await scanCounting();
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(recent)).toBe(true);
    expect(fs.existsSync(other)).toBe(true); // not a result cache
    // A cache that is read counts as in use even when nothing in it changes.
    const [own] = fs.readdirSync(cacheDirectory).filter((n) => n.startsWith('results-') && path.join(cacheDirectory, n) !== recent);
    fs.utimesSync(path.join(cacheDirectory, own), longAgo, longAgo);
    expect((await scanCounting()).replayed).toBeGreaterThan(0);
    expect(Date.now() - fs.statSync(path.join(cacheDirectory, own)).mtimeMs).toBeLessThan(60_000);
  });

  it("does not keep the skip of JavaScript compiled beside its TypeScript source: once the source is gone, the file is scanned (trial 34C)", async () => {
    const server = ["import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';", "transports[req.headers['mcp-session-id']] = transport;"];
    const emitted = ['"use strict";', 'Object.defineProperty(exports, "__esModule", { value: true });', 'var transports = {};', "transports[req.headers['mcp-session-id']] = transport;", '// @modelcontextprotocol/sdk'];
    const dir = path.join(temp, `beside-${round}`);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'route.ts'), `${server.join('\n')}\n`);
    fs.writeFileSync(path.join(dir, 'route.js'), `${emitted.join('\n')}\n`);
    fs.writeFileSync(path.join(dir, 'handwritten.js'), `${emitted.join('\n')}\n`);
    const files = (result: ScanResult) => [...new Set(result.findings.map((f) => f.file))].sort();
    const first = await scan({ paths: [dir], cache: true, cacheDirectory });
    expect(files(first)).toEqual(['handwritten.js', 'route.ts']);
    expect(first.skipped).toEqual(['route.js']);
    // The cache replays the two files it kept; the skipped one is read again.
    const phases: string[] = [];
    const again = await scan({ paths: [dir], cache: true, cacheDirectory, instrument: { phase: (name) => phases.push(name) } });
    expect(comparable(again)).toEqual(comparable(first));
    expect([phases.filter((p) => p === 'cache').length, phases.filter((p) => p === 'read').length]).toEqual([2, 1]);
    fs.rmSync(path.join(dir, 'route.ts'));
    const second = await scan({ paths: [dir], cache: true, cacheDirectory });
    expect(files(second)).toEqual(['handwritten.js', 'route.js']);
    expect(second.skipped).toEqual([]);
    // And the other way: route.js, cached as scanned while alone, is skipped once its source comes back.
    const third = await scan({ paths: [dir], cache: true, cacheDirectory });
    expect(files(third)).toEqual(['handwritten.js', 'route.js']);
    fs.writeFileSync(path.join(dir, 'route.ts'), `${server.join('\n')}\n`);
    const fourth = await scan({ paths: [dir], cache: true, cacheDirectory });
    expect(files(fourth)).toEqual(['handwritten.js', 'route.ts']);
    expect(fourth.skipped).toEqual(['route.js']);
  });

  it('is not used with a caller rule set or a per-file callback', async () => {
    await scan({ paths: [tree], cache: true, cacheDirectory, onFile: () => undefined });
    await scan({ paths: [tree], cache: true, cacheDirectory, rules: allRules.filter((rule) => rule.category === 'session-header') });
    expect(fs.existsSync(cacheDirectory)).toBe(false);
    await scan({ paths: [tree], cache: true, cacheDirectory });
    expect(fs.existsSync(cacheDirectory)).toBe(true);
  });
});

describe('result cache from the CLI', () => {
  // The fixtures were checked out long before the tests run, so they are outside the racy window.
  const sample = path.join(REPO, 'fixtures/sample-server');
  const results = (home: string) => (fs.existsSync(path.join(home, 'mcp-migrate')) ? fs.readdirSync(path.join(home, 'mcp-migrate')).filter((n) => n.startsWith('results-')) : []);

  it('scan keeps one and gives the same output from it; --no-cache and MCP_MIGRATE_CACHE=0 keep none', () => {
    const home = path.join(temp, 'xdg-on');
    const env = { XDG_CACHE_HOME: home };
    const first = runCli(['scan', sample, '--format', 'json'], { env });
    expect(results(home)).toHaveLength(1);
    const second = runCli(['scan', sample, '--format', 'json'], { env });
    expect(second.code).toBe(first.code);
    const strip = (out: string) => ({ ...JSON.parse(out), summary: { ...JSON.parse(out).summary, durationMs: 0 } });
    expect(strip(second.stdout)).toEqual(strip(first.stdout));

    const off = path.join(temp, 'xdg-off');
    runCli(['scan', sample, '--format', 'json', '--no-cache'], { env: { XDG_CACHE_HOME: off } });
    runCli(['check', sample, '--no-cache'], { env: { XDG_CACHE_HOME: off } });
    runCli(['scan', sample], { env: { XDG_CACHE_HOME: off, MCP_MIGRATE_CACHE: '0' } });
    expect(results(off)).toEqual([]);
  });
});
