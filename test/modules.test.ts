/**
 * The run's other modules as the rules read them (src/analysis/modules.ts): which file a relative
 * specifier names, only files of the run, each parsed once, and the dependencies a scanned file
 * leaves for the result cache.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { candidatePaths, ModuleFiles } from '../src/analysis/modules.js';

const ROOT = path.resolve('/project');

/** A run over these files (relative to ROOT), counting the reads of each. */
function run(files: Record<string, string | undefined>, changing = false, packages: string[] = []) {
  const texts = new Map(Object.entries(files).map(([rel, text]) => [path.join(ROOT, rel), text]));
  const reads = new Map<string, number>();
  const modules = new ModuleFiles(
    ROOT,
    {
      has: (absolute) => texts.has(absolute),
      text: (absolute) => {
        reads.set(absolute, (reads.get(absolute) ?? 0) + 1);
        return texts.get(absolute);
      },
      label: (absolute) => path.relative(ROOT, absolute).split(path.sep).join('/'),
      changing,
      all: () => texts.keys(),
    },
    (folder) => packages.some((p) => path.join(ROOT, p) === folder),
  );
  return { modules, texts, reads };
}

describe('module resolution', () => {
  it('tries the TypeScript source of a compiled specifier first, then the file itself; a bare path with every extension, then its index', () => {
    const base = path.join(ROOT, 'src/store');
    expect(candidatePaths(`${base}.js`)).toEqual([`${base}.ts`, `${base}.tsx`, `${base}.js`]);
    expect(candidatePaths(`${base}.mjs`)).toEqual([`${base}.mts`, `${base}.mjs`]);
    expect(candidatePaths(`${base}.ts`)).toEqual([`${base}.ts`]);
    expect(candidatePaths(base).slice(0, 2)).toEqual([`${base}.ts`, `${base}.tsx`]);
    expect(candidatePaths(base)).toContain(path.join(base, 'index.js'));
  });

  it('finds the file a relative import names among the run\'s files, as findings name it', () => {
    const { modules } = run({ 'src/server.ts': '', 'src/store.ts': 'export const todos = [];', 'lib/index.js': 'module.exports = {};', 'src/legacy.js': '' });
    expect(modules.resolve('src/server.ts', './store.js')?.path).toBe('src/store.ts');
    expect(modules.resolve('src/server.ts', './store')?.path).toBe('src/store.ts');
    expect(modules.resolve('src/server.ts', '../lib')?.path).toBe('lib/index.js');
    expect(modules.resolve('src/server.ts', './legacy.js')?.path).toBe('src/legacy.js');
    expect(modules.resolve('src/server.ts', './store.js')?.sourceFile.statements).toHaveLength(1);
  });

  it('follows no package import, no file outside the run, no file that cannot be read, and not the importing file itself', () => {
    const { modules } = run({ 'src/server.ts': '', 'src/binary.ts': undefined });
    expect(modules.resolve('src/server.ts', 'zod')).toBeUndefined();
    expect(modules.resolve('src/server.ts', '@scope/store')).toBeUndefined();
    expect(modules.resolve('src/server.ts', './missing.js')).toBeUndefined();
    expect(modules.resolve('src/server.ts', '../../elsewhere/store.js')).toBeUndefined();
    expect(modules.resolve('src/server.ts', './binary.js')).toBeUndefined();
    expect(modules.resolve('src/server.ts', './server.js')).toBeUndefined();
  });

  it('parses a module once for every file that imports it, and names what each scan resolved as its dependencies', () => {
    const { modules, reads } = run({ 'a.ts': '', 'b.ts': '', 'store.ts': 'export let unit = "C";' });
    const first = modules.resolve('a.ts', './store.js');
    expect(modules.dependencies()).toEqual([path.join(ROOT, 'store.ts')]);
    expect(modules.dependencies()).toEqual([]);
    expect(modules.resolve('b.ts', './store')).toBe(first);
    expect(reads.get(path.join(ROOT, 'store.ts'))).toBe(1);
    expect(modules.dependencies()).toEqual([path.join(ROOT, 'store.ts')]);
  });

  it("finds a module's users in its package: files that import it, directly or through a barrel", () => {
    const { modules } = run(
      {
        'pkg/src/store.ts': 'const carts = new Map();\nexport function addItem() {}\nexport function listItems() {}',
        'pkg/src/tools/add.ts': "import { addItem } from '../store.js';",
        'pkg/src/tools/list.ts': "import { listItems } from '../index';",
        'pkg/src/index.ts': "export * from './store.js';",
        // Names the same function, imported from another module: not a user.
        'pkg/src/tools/other.ts': "import { listItems } from './lists.js';",
        'pkg/src/tools/lists.ts': 'export function listItems() {}',
        // Imports it for its side effects only: it can call nothing of it.
        'pkg/src/tools/silent.ts': "import '../store.js';",
        // Another package of the monorepo.
        'other/add.ts': "import { addItem } from '../pkg/src/store.js';",
      },
      false,
      ['pkg'],
    );
    expect(modules.users('pkg/src/store.ts').map((m) => m.path).sort()).toEqual(['pkg/src/index.ts', 'pkg/src/tools/add.ts', 'pkg/src/tools/list.ts']);
    // Each user and the folders a new user would be added to (theirs and the module's) are dependencies.
    expect(modules.dependencies().sort()).toEqual(
      ['pkg/src', 'pkg/src/index.ts', 'pkg/src/tools', 'pkg/src/tools/add.ts', 'pkg/src/tools/list.ts'].map((rel) => path.join(ROOT, rel)).sort(),
    );
  });

  it('tells a barrel that re-exports a module from the module itself and from a file that only imports it', () => {
    const { modules } = run({
      'src/store.ts': 'export function addItem() {}',
      'src/index.ts': "export * from './store.js';",
      'src/renamed.ts': "export { addItem as add } from './store.js';",
      // Imports the module but re-exports something else: no way to it.
      'src/uses.ts': "import { addItem } from './store.js';\nexport const ready = addItem;",
      'src/other.ts': "export * from './lists.js';",
      'src/lists.ts': 'export function listItems() {}',
    });
    const through = (specifier: string) => modules.reexports('src/tools.ts', specifier, 'src/store.ts');
    expect([through('./index.js'), through('./renamed.js'), through('./store.js'), through('./uses.js'), through('./other.js'), through('./missing.js')]).toEqual([true, true, false, false, false, false]);
  });

  it('resolves a # subpath import by the "imports" of the nearest package.json: an exact key, a pattern, a conditions object (trial 27B)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-migrate-imports-'));
    try {
      const files: Record<string, string> = {
        'package.json': JSON.stringify({ name: 'app', imports: { '#store': { import: './src/store.ts', default: './dist/store.js' }, '#mcp/*': './src/mcp/*', '#lib/*.js': './src/lib/*.ts' } }),
        'src/store.ts': 'export const todos: string[] = [];',
        'src/mcp/index.ts': 'export class Agent {}',
        'src/lib/util.ts': 'export const x = 1;',
        'src/server.ts': '',
      };
      for (const [rel, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), text);
      }
      const code = Object.keys(files).filter((rel) => rel.endsWith('.ts')).map((rel) => path.join(dir, rel));
      const modules = new ModuleFiles(dir, { has: (absolute) => code.includes(absolute), text: (absolute) => fs.readFileSync(absolute, 'utf8'), label: (absolute) => path.relative(dir, absolute).split(path.sep).join('/'), all: () => code });
      expect(modules.resolve('src/server.ts', '#store')?.path).toBe('src/store.ts');
      expect(modules.resolve('src/server.ts', '#mcp/index.ts')?.path).toBe('src/mcp/index.ts');
      expect(modules.resolve('src/server.ts', '#mcp/index.js')?.path).toBe('src/mcp/index.ts');
      expect(modules.resolve('src/server.ts', '#lib/util.js')?.path).toBe('src/lib/util.ts');
      expect(modules.resolve('src/server.ts', '#missing')).toBeUndefined();
      // The manifest is a dependency: its imports decide what the file reached.
      expect(modules.dependencies()).toContain(path.join(dir, 'package.json'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("resolves an import of one of the run's own packages by its name to its source, finds its users in the other packages, and not a package installed apart (trial 76A B2)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-migrate-workspaces-'));
    try {
      const files: Record<string, string> = {
        'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }),
        // "main" at the build, read as the source it is built from; "exports" by subpath.
        'packages/store/package.json': JSON.stringify({ name: '@acme/store', main: 'dist/index.js', exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' }, './carts': './src/carts.ts' } }),
        'packages/store/src/index.ts': 'export const sessions = new Map();',
        'packages/store/src/carts.ts': 'export const carts = new Map();',
        // Neither "main" nor "exports": its src/index.
        'packages/util/package.json': JSON.stringify({ name: 'acme-util' }),
        'packages/util/src/index.ts': 'export const x = 1;',
        'packages/api/package.json': JSON.stringify({ name: '@acme/api', dependencies: { '@acme/store': '1.0.0' } }),
        'packages/api/src/server.ts': "import { sessions } from '@acme/store';\nimport { carts } from '@acme/store/carts';\nimport { z } from 'zod';",
        'packages/web/package.json': JSON.stringify({ name: '@acme/web' }),
        'packages/web/src/app.ts': "import { x } from 'acme-util';\nimport { other } from '@acme/store-client';",
        'packages/web/src/stats.ts': "import * as store from '@acme/store';\nexport const size = () => store.count();",
        // A package of the same name installed apart (a copy from the registry, no link to the run's): Node finds that one.
        'apps/legacy/package.json': JSON.stringify({ name: 'legacy' }),
        'apps/legacy/node_modules/@acme/store/package.json': JSON.stringify({ name: '@acme/store', main: 'index.js' }),
        'apps/legacy/src/main.ts': "import { sessions } from '@acme/store';",
      };
      for (const [rel, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), text);
      }
      // npm links a workspace into node_modules: that is the run's own package.
      fs.mkdirSync(path.join(dir, 'node_modules/@acme'), { recursive: true });
      fs.symlinkSync(path.join(dir, 'packages/store'), path.join(dir, 'node_modules/@acme/store'), 'dir');
      const code = Object.keys(files).filter((rel) => rel.endsWith('.ts') && !rel.includes('node_modules')).map((rel) => path.join(dir, rel));
      const modules = new ModuleFiles(dir, { has: (absolute) => code.includes(absolute), text: (absolute) => fs.readFileSync(absolute, 'utf8'), label: (absolute) => path.relative(dir, absolute).split(path.sep).join('/'), all: () => code });
      expect(modules.resolve('packages/api/src/server.ts', '@acme/store')?.path).toBe('packages/store/src/index.ts');
      expect(modules.resolve('packages/api/src/server.ts', '@acme/store/carts')?.path).toBe('packages/store/src/carts.ts');
      expect(modules.resolve('packages/web/src/app.ts', 'acme-util')?.path).toBe('packages/util/src/index.ts');
      // Not the run's: a package it does not hold, one whose name only starts like one of its own, a subpath "exports" does not list.
      expect(modules.resolve('packages/api/src/server.ts', 'zod')).toBeUndefined();
      expect(modules.resolve('packages/web/src/app.ts', '@acme/store-client')).toBeUndefined();
      expect(modules.resolve('packages/api/src/server.ts', '@acme/store/src/index.js')).toBeUndefined();
      expect(modules.resolve('apps/legacy/src/main.ts', '@acme/store')).toBeUndefined();
      expect([modules.isWorkspaceImport('@acme/store/carts'), modules.isWorkspaceImport('@acme/store-client'), modules.importsWorkspace("import { x } from 'acme-util';"), modules.importsWorkspace("import { x } from 'acme-utility';")]).toEqual([true, false, true, false]);
      // The manifest is a dependency: its entry decides what the file reached.
      expect(modules.dependencies()).toContain(path.join(dir, 'packages/store/package.json'));
      // Its users are in the other packages, which import it by name (not the copy installed apart).
      expect(modules.users('packages/store/src/index.ts')?.map((m) => m.path)).toEqual(['packages/api/src/server.ts', 'packages/web/src/stats.ts']);
      // Asked for those that may call `sessions`: a file of another package that never names it calls none of it.
      expect(modules.users('packages/store/src/index.ts', ['sessions'])?.map((m) => m.path)).toEqual(['packages/api/src/server.ts']);
      expect(modules.users('packages/store/src/carts.ts')?.map((m) => m.path)).toEqual(['packages/api/src/server.ts']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('parses again a module whose text fix has rewritten since', () => {
    const { modules, texts } = run({ 'a.ts': '', 'store.ts': 'export const a = 1;' }, true);
    const before = modules.resolve('a.ts', './store.js');
    expect(modules.resolve('a.ts', './store.js')).toBe(before);
    texts.set(path.join(ROOT, 'store.ts'), 'export const a = 1;\nexport const b = 2;');
    const after = modules.resolve('a.ts', './store.js');
    expect(after).not.toBe(before);
    expect(after?.sourceFile.statements).toHaveLength(2);
  });

  it("parses a user only when its tree is read, and keeps what a rule derives from it past the tree (the fan-in of review 70's speed item)", () => {
    const users: Record<string, string | undefined> = {};
    for (let i = 0; i < 60; i++) users[`tools/t${i}.ts`] = `import { apiUrl } from '../config.js';\nexport const t${i} = () => apiUrl();`;
    const { modules, reads } = run({ 'config.ts': 'export function apiUrl() {}', 'tools/gone.ts': undefined, ...users });
    const listed = modules.users('config.ts')!;
    // (A file whose text cannot be read is no user, as before.)
    expect(listed.map((m) => m.path).sort()).toEqual(Object.keys(users).sort());
    let computed = 0;
    const derive = () => listed.map((m) => m.derived!('count', () => ++computed));
    const first = derive();
    // Derived values are kept, once per module, on a second listing too, and nothing was parsed for them.
    expect(modules.users('config.ts')!.map((m) => m.derived!('count', () => ++computed))).toEqual(first);
    expect(computed).toBe(60);
    const readsBefore = reads.get(path.join(ROOT, 'tools/t0.ts'));
    expect(listed[0].sourceFile.statements).toHaveLength(2);
    expect(listed[0].sourceFile).toBe(listed[0].sourceFile);
    expect(reads.get(path.join(ROOT, 'tools/t0.ts'))).toBe(readsBefore! + 1);
  });

  it('derives afresh where texts change during the run (fix)', () => {
    const { modules } = run({ 'config.ts': 'export const a = 1;', 'a.ts': "import { a } from './config.js';" }, true);
    let computed = 0;
    for (let i = 0; i < 2; i++) modules.users('config.ts')![0].derived!('count', () => ++computed);
    expect(computed).toBe(2);
  });
});

describe('tools registered from another module (trial 41A, review 43)', () => {
  const folder = path.resolve(__dirname, '../fixtures/scan/stateful-tool/tools-in-other-modules');
  /** A run of units.ts with two servers registering its handlers, the second named `name`. */
  async function run(name: string): Promise<string[]> {
    const { scan } = await import('../src/scan/scanner.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mm-imported-'));
    fs.copyFileSync(path.join(folder, 'units.ts'), path.join(dir, 'units.ts'));
    const header = "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nimport { z } from 'zod';\nimport { convert, setUnit } from './units.js';\n";
    // One server registers only the reader; the other registers both tools.
    fs.writeFileSync(path.join(dir, 'b.ts'), `${header}export const readerOnly = (s: McpServer) => s.tool('convert', { metres: z.number() }, convert);\n`);
    fs.writeFileSync(path.join(dir, name), `${header}export function both(s: McpServer) {\n  s.tool('set_unit', { name: z.string() }, setUnit);\n  s.tool('convert', { metres: z.number() }, convert);\n}\n`);
    const result = await scan({ paths: [dir], cache: false });
    fs.rmSync(dir, { recursive: true, force: true });
    return result.findings.map((f) => `${f.file === name ? 'both' : f.file}:${f.line}:${f.tool}`).sort();
  }

  it('judges each registering file on its own, whichever the run reads first', async () => {
    const last = await run('z.ts');
    const first = await run('a.ts');
    expect(last).toEqual(['both:5:set_unit', 'both:6:convert']);
    expect(first).toEqual(last);
  });
});

describe('a store module more files import than the run keeps parsed (review 70)', () => {
  /**
   * A package of `count` tool files around three modules: a config every tool reads, a counter
   * every tool changes through one function, and a store the last file adds to and the first
   * lists. Past the trees the run keeps, the files are parsed again when a rule reads them; what
   * the scan finds must not change with that.
   */
  async function run(count: number): Promise<string[]> {
    const { scan } = await import('../src/scan/scanner.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mm-fan-in-'));
    fs.mkdirSync(path.join(dir, 'tools'));
    fs.writeFileSync(path.join(dir, 'config.ts'), "let settings = { region: 'eu' };\nexport function region() { return settings.region; }\nexport function configure(next: typeof settings) { settings = next; }\n");
    fs.writeFileSync(path.join(dir, 'counter.ts'), 'const calls = new Map<string, number>();\nexport function count(name: string) { calls.set(name, (calls.get(name) ?? 0) + 1); return calls.get(name); }\n');
    fs.writeFileSync(path.join(dir, 'store.ts'), 'const items: string[] = [];\nexport function addItem(text: string) { items.push(text); }\nexport function listItems() { return items.join(); }\n');
    for (let i = 1; i <= count; i++) {
      const store = i === 1 ? "  s.registerTool('list_items', {}, async () => ({ content: [{ type: 'text', text: listItems() }] }));\n" : i === count ? "  s.registerTool('add_item', {}, async () => { addItem('x'); return { content: [] }; });\n" : '';
      fs.writeFileSync(
        path.join(dir, 'tools', `t${i}.ts`),
        `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nimport { region } from '../config.js';\nimport { count } from '../counter.js';\nimport { addItem, listItems } from '../store.js';\nexport function reg${i}(s: McpServer) {\n  s.registerTool('t${i}', {}, async () => ({ content: [{ type: 'text', text: region() + count('t${i}') }] }));\n${store}}\n`,
      );
    }
    const result = await scan({ paths: [dir], cache: false });
    fs.rmSync(dir, { recursive: true, force: true });
    return result.findings.filter((f) => f.ruleId === 'stateful-tool').map((f) => `${f.file}:${f.tool}: ${/tools\/t\d+\.ts/.exec(f.message)?.[0]}`).sort();
  }

  it('reports the two tools that meet in the store, in other files, and none that only read the config or count through one function', async () => {
    const expected = (count: number) => [`tools/t1.ts:list_items: tools/t${count}.ts`, `tools/t${count}.ts:add_item: tools/t1.ts`].sort();
    expect(await run(5)).toEqual(expected(5));
    expect(await run(70)).toEqual(expected(70));
  });
});
