/**
 * Test code the run's code imports is production code (trial 60B B2): a test-management server
 * keeps its tools in `src/tools/tests/`, a folder the default excludes skip, and imports them from
 * `src/server.ts`. Such a file is scanned as any other file of the run; what only tests import
 * stays skipped.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFiles, type DiscoveryOptions } from '../src/scan/files.js';
import { scan } from '../src/scan/scanner.js';
import { ResultCache } from '../src/scan/cache.js';
import { runFix } from '../src/fix/runner.js';
import { runCli, tempDirs } from './helpers/cli.js';

const { tree, repo } = tempDirs();

/** A module that is not test code: the tools keep the last suite a session chose in a Map keyed by its id. */
const SUITE_TOOLS = [
  "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
  "import { z } from 'zod';",
  'const lastSuite = new Map<string, string>();',
  'export function registerSuiteTools(server: McpServer): void {',
  "  server.registerTool('pick_suite', { inputSchema: { suite: z.string() } }, async ({ suite }, extra) => {",
  "    lastSuite.set(extra.sessionId ?? '', suite);",
  "    return { content: [{ type: 'text', text: suite }] };",
  '  });',
  "  server.registerTool('rerun_suite', { inputSchema: {} }, async (_args, extra) => ({",
  "    content: [{ type: 'text', text: lastSuite.get(extra.sessionId ?? '') ?? 'none' }],",
  '  }));',
  '}',
  '',
].join('\n');

/** The same module with no state: what it becomes once migrated. */
const STATELESS_TOOLS = [
  "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
  "import { z } from 'zod';",
  'export function registerSuiteTools(server: McpServer): void {',
  "  server.registerTool('pick_suite', { inputSchema: { suite: z.string() } }, async ({ suite }) => ({ content: [{ type: 'text', text: suite }] }));",
  '}',
  '',
].join('\n');

/** The server, importing its tools with `line` (an import of `./tools/tests/index.js` by default). */
const server = (line = "import { registerSuiteTools } from './tools/tests/index.js';") =>
  [
    "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
    line,
    'export function build(): McpServer {',
    "  const server = new McpServer({ name: 'suites', version: '1.0.0' });",
    "  if (typeof registerSuiteTools === 'function') registerSuiteTools(server);",
    '  return server;',
    '}',
    '',
  ].join('\n');

const posix = (p: string) => p.split(path.sep).join('/');

/** The files a run of `dir` finds, relative to it. */
async function found(dir: string, options: DiscoveryOptions = {}, paths = ['.']): Promise<string[]> {
  return (await discoverFiles(paths, options, dir)).files.map((f) => posix(path.relative(dir, f.absolute)));
}

describe('test code the run imports (trial 60B B2)', () => {
  it('scans a tests/ folder module the server imports, and reports its state there', async () => {
    const dir = tree({ 'src/server.ts': server(), 'src/tools/tests/index.ts': SUITE_TOOLS });
    const result = await scan({ paths: [dir], cache: false });
    expect([...new Set(result.findings.map((f) => `${f.file} ${f.ruleId}`))].sort()).toEqual(['src/tools/tests/index.ts session-state', 'src/tools/tests/index.ts stateful-tool']);
    expect(result.summary.filesMatched).toBe(2);
    expect(result.summary.filesScanned).toBe(2);
  });

  it('takes it in through every kind of relative import, and what it imports in turn', async () => {
    const lines = {
      'side effect': "import './tools/tests/index.js'; declare const registerSuiteTools: unknown;",
      're-export': "export { registerSuiteTools } from './tools/tests/index.js'; declare const registerSuiteTools: unknown;",
      require: "const { registerSuiteTools } = require('./tools/tests');",
      'dynamic import': "const { registerSuiteTools } = await import('./tools/tests/index.ts');",
      'a folder above': "import { registerSuiteTools } from '../tests/index';",
    };
    for (const [kind, line] of Object.entries(lines)) {
      const at = kind === 'a folder above' ? 'src/app/server.ts' : 'src/server.ts';
      const dir = tree({ [at]: server(line), 'src/tools/tests/index.ts': "export * from './suites/tools.js';\n", 'src/tools/tests/suites/tools.ts': SUITE_TOOLS, ...(kind === 'a folder above' ? { 'src/tests/index.ts': "export * from '../tools/tests/index.js';\n" } : {}) });
      // (Not from a folder above: `../tests/` beside the importing file is a test suite, review 78.)
      expect(await found(dir), kind).toEqual(kind === 'a folder above' ? [at] : [at, 'src/tools/tests/index.ts', 'src/tools/tests/suites/tools.ts']);
    }
  });

  // A path in a comment or a string names no import (review 78: a doc comment's example pulled a
  // test suite into the run).
  it('takes in nothing a comment or a string names', async () => {
    const lines = [
      "// import { registerSuiteTools } from './tools/tests/index.js';",
      "/* import './tools/tests/index.js'; */",
      "export const usage = \"import { registerSuiteTools } from './tools/tests/index.js'\";",
      "export const hint = `require('./tools/tests/index.js')`;",
    ];
    const dir = tree({ 'src/server.ts': server(lines.join('\n')), 'src/tools/tests/index.ts': SUITE_TOOLS });
    expect(await found(dir)).toEqual(['src/server.ts']);
    // The same file imported for real beside them is taken in.
    fs.writeFileSync(path.join(dir, 'src/server.ts'), server([...lines, "import './tools/tests/index.js';"].join('\n')));
    expect(await found(dir)).toEqual(['src/server.ts', 'src/tools/tests/index.ts']);
  });

  it('leaves out test code only tests import, and a test file that imports production code brings nothing in', async () => {
    const dir = tree({
      'src/server.ts': server("import { registerSuiteTools } from './tools/suites.js';"),
      'src/tools/suites.ts': SUITE_TOOLS,
      // The suite's own test imports the tools and a helper: both stay test code.
      'src/tools/suites.test.ts': "import { registerSuiteTools } from './suites.js';\nimport { fakeClient } from './tests/fake-client.js';\nexport { registerSuiteTools, fakeClient };\n",
      'src/tools/tests/fake-client.ts': "export const fakeClient = { headers: { 'mcp-session-id': 's-1' } };\n",
      // A tests/ file imported only by another tests/ file.
      'src/tools/tests/runner.ts': "import { fakeClient } from './fake-client.js';\nexport const run = () => fakeClient;\n",
      // Nothing imports this one.
      'tests/e2e.ts': SUITE_TOOLS,
    });
    expect(await found(dir)).toEqual(['src/server.ts', 'src/tools/suites.ts']);
    // --include-tests keeps its meaning: all of it.
    expect(await found(dir, { includeTests: true })).toEqual(['src/server.ts', 'src/tools/suites.test.ts', 'src/tools/suites.ts', 'src/tools/tests/fake-client.ts', 'src/tools/tests/runner.ts', 'tests/e2e.ts']);
  });

  it('takes in nothing a test runner configuration imports, nor what other excludes leave out', async () => {
    const dir = tree({
      // A look-alike: the runner's setup is test code, though vitest.config.ts itself is scanned.
      'vitest.config.ts': "import { setup } from './test/setup.js';\nexport default { test: { setup } };\n",
      'test/setup.ts': 'export const setup = 1;\n',
      'src/server.ts': [server(), "import { built } from './tools/tests/dist/out.js';", "import { ignored } from './tools/tests/private/keys.js';", "import { excluded } from './tools/tests/vendor/lib.js';", "import { up } from '../outside/tests/tools.js';", ''].join('\n'),
      'src/tools/tests/index.ts': SUITE_TOOLS,
      // Build output, a .gitignore'd folder and an --exclude'd one inside the imported folder.
      'src/tools/tests/dist/out.ts': 'export const built = 1;\n',
      'src/tools/tests/.gitignore': 'private/\n',
      'src/tools/tests/private/keys.ts': 'export const ignored = 1;\n',
      'src/tools/tests/vendor/lib.ts': 'export const excluded = 1;\n',
      // Outside the scanned folder when that is src.
      'outside/tests/tools.ts': 'export const up = 1;\n',
    });
    // (outside/tests/, a folder beside src's, is a test suite: not taken in, review 78.)
    expect(await found(dir, { exclude: ['**/vendor/**'] })).toEqual(['src/server.ts', 'src/tools/tests/index.ts', 'vitest.config.ts']);
    expect(await found(dir, { exclude: ['**/vendor/**'] }, ['src'])).toEqual(['src/server.ts', 'src/tools/tests/index.ts']);
    // --include narrows: a file it does not select is not taken in.
    expect(await found(dir, { include: ['src/server.ts'] })).toEqual(['src/server.ts']);
    // The same file excluded by the user's glob stays out.
    expect(await found(dir, { exclude: ['src/tools/tests/**'] })).toEqual(['src/server.ts', 'vitest.config.ts']);
  });

  it('replays the same findings from the result cache, and sees a change to the file taken in', async () => {
    const dir = tree({ 'src/server.ts': server(), 'src/tools/tests/index.ts': SUITE_TOOLS });
    const cacheDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-migrate-b2-cache-'));
    const racy = ResultCache.racyWindowMs;
    ResultCache.racyWindowMs = 0;
    try {
      const first = await scan({ paths: [dir], cache: true, cacheDirectory });
      const again = await scan({ paths: [dir], cache: true, cacheDirectory });
      expect(first.findings.length).toBeGreaterThan(0);
      expect(again.findings).toEqual(first.findings);
      expect(again.summary.filesScanned).toBe(first.summary.filesScanned);
      fs.writeFileSync(path.join(dir, 'src/tools/tests/index.ts'), STATELESS_TOOLS);
      expect((await scan({ paths: [dir], cache: true, cacheDirectory })).findings).toEqual([]);
      // The server no longer imports it: it is test code again, not scanned.
      fs.writeFileSync(path.join(dir, 'src/tools/tests/index.ts'), SUITE_TOOLS);
      fs.writeFileSync(path.join(dir, 'src/server.ts'), server('const registerSuiteTools = undefined;'));
      const dropped = await scan({ paths: [dir], cache: true, cacheDirectory });
      expect(dropped.findings).toEqual([]);
      expect(dropped.summary.filesMatched).toBe(1);
    } finally {
      ResultCache.racyWindowMs = racy;
      fs.rmSync(cacheDirectory, { recursive: true, force: true });
    }
  });

  it('fix reads it as a file of the run', async () => {
    const dir = tree({ 'src/server.ts': server(), 'src/tools/tests/index.ts': SUITE_TOOLS, 'src/tools/tests/index.test.ts': SUITE_TOOLS });
    const result = await runFix({ paths: [dir], cwd: dir, dryRun: true, format: false });
    const touched = result.files.map((f) => posix(path.relative(dir, f.absolute)));
    expect(touched).toContain('src/tools/tests/index.ts');
    expect(touched).not.toContain('src/tools/tests/index.test.ts');
  });

  it('check --changed-since fails on a change to the file the server imports (CLI, dist)', () => {
    const dir = repo({ 'src/server.ts': server('const registerSuiteTools = undefined;'), 'src/tools/tests/index.ts': STATELESS_TOOLS });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    expect(runCli(['check', '--write-baseline', '.mcp-migrate-baseline.json'], { cwd: dir }).code).toBe(0);
    fs.writeFileSync(path.join(dir, 'src/server.ts'), server());
    git('add', '-A');
    git('commit', '-q', '-m', 'baseline; the server imports its tools');
    fs.writeFileSync(path.join(dir, 'src/tools/tests/index.ts'), SUITE_TOOLS);
    git('commit', '-q', '-am', 'session-keyed state in the tools');
    const r = runCli(['check', '--baseline', '.mcp-migrate-baseline.json', '--changed-since', 'HEAD~1'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/src\/tools\/tests\/index\.ts/);
    expect(r.stderr).not.toMatch(/left out by the default excludes/);
    // A changed tests/ file nothing imports is still only named as left out.
    fs.writeFileSync(path.join(dir, 'src/tools/tests/unused.ts'), SUITE_TOOLS);
    const unused = runCli(['check', '--baseline', '.mcp-migrate-baseline.json', '--changed-since', 'HEAD'], { cwd: dir });
    expect(unused.code).toBe(0);
    expect(unused.stdout).toMatch(/left out by the default excludes .*: src\/tools\/tests\/unused\.ts/);
  });
});

describe('source in a folder named like build output (trial 74B B9)', () => {
  it('scans a build/ or out/ folder module the server imports, and leaves out the build output nothing imports', async () => {
    for (const folder of ['build', 'out']) {
      const dir = tree({
        'src/server.ts': server(`import { registerSuiteTools } from './tools/${folder}/index.js';`),
        [`src/tools/${folder}/index.ts`]: SUITE_TOOLS,
        [`${folder}/server.js`]: "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport const s = new McpServer({ name: 'x', version: '1' });\n",
      });
      expect(await found(dir), folder).toEqual(['src/server.ts', `src/tools/${folder}/index.ts`]);
      const result = await scan({ paths: [dir], cache: false });
      expect([...new Set(result.findings.map((f) => `${f.file} ${f.ruleId}`))].sort(), folder).toEqual([`src/tools/${folder}/index.ts session-state`, `src/tools/${folder}/index.ts stateful-tool`]);
      // With --include-tests the folders are left out whole, as before.
      expect(await found(dir, { includeTests: true }), folder).toEqual(['src/server.ts']);
    }
  });
});
