/**
 * Rules see only the node kinds they declare (src/analysis/nodes.ts). If a rule forgot a kind it
 * looks at, it would silently miss findings; so scanning with every node offered to every rule must
 * give exactly the same findings. Checked on the fixtures and on real code with many findings:
 * the MCP SDK's own compiled sources (v1 and v2 packages) installed as dev dependencies.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ts as TS } from 'ts-morph';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { kinds, NodeIndex } from '../src/analysis/nodes.js';
import { parseFile } from '../src/analysis/parse.js';
import { ts } from '../src/analysis/typescript.js';
import { scan } from '../src/index.js';
import { REPO } from './helpers/cli.js';

const trees = [
  'fixtures',
  'codemods/__testfixtures__',
  'node_modules/@modelcontextprotocol/sdk/dist/esm',
  'node_modules/@modelcontextprotocol/server/dist',
  'node_modules/@modelcontextprotocol/client/dist',
];

/**
 * The installed packages' compiled code end with a source map comment, which makes the scanner
 * skip them as compiled output: they are read here as hand-written code, from a copy without it
 * (made once per tree, outside the repository, so no .gitignore applies).
 */
const copies = new Map<string, string>();
function asSource(tree: string): string {
  let copy = copies.get(tree);
  if (copy) return copy;
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'mm-node-index-'));
  const from = fs.realpathSync(path.join(REPO, tree));
  for (const entry of fs.readdirSync(from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(js|mjs|cjs|ts)$/.test(entry.name)) continue;
    const source = path.join(entry.parentPath, entry.name);
    const target = path.join(copy, path.relative(from, source));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, fs.readFileSync(source, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'));
  }
  copies.set(tree, copy);
  return copy;
}

async function findings(tree: string) {
  const root = tree.startsWith('node_modules/') ? asSource(tree) : path.join(REPO, tree);
  // The SDK's own code read as an application's (sdk-copy off, or its one finding would replace
  // the rest): its many findings are what the comparison needs.
  const result = await scan({ paths: [root], includeTests: true, severities: { 'sdk-copy': 'off' } });
  return result.findings;
}

describe('node index', () => {
  afterEach(() => {
    NodeIndex.exhaustive = false;
  });
  afterAll(() => {
    for (const copy of copies.values()) fs.rmSync(copy, { recursive: true, force: true });
  });

  it.each(trees)('%s: same findings when every rule sees every node', async (tree) => {
    const indexed = await findings(tree);
    NodeIndex.exhaustive = true;
    const exhaustive = await findings(tree);
    expect(indexed.length).toBeGreaterThan(10);
    expect(indexed).toEqual(exhaustive);
  });
});

/** What `visit` must do, written the slow way: a recursive walk that offers the wanted kinds. */
function reference(root: TS.Node, wanted: ReadonlySet<TS.SyntaxKind>, fn: (node: TS.Node) => boolean | void): void {
  const go = (node: TS.Node): void => {
    if (wanted.has(node.kind) && fn(node) === false) return;
    ts.forEachChild(node, (child) => {
      go(child);
    });
  };
  go(root);
}

describe('NodeIndex.visit', () => {
  const file = path.join(REPO, 'fixtures/sample-server/src/server.ts');
  const sourceFile = parseFile(fs.readFileSync(file, 'utf8'), file);
  const index = new NodeIndex(sourceFile);
  const K = ts.SyntaxKind;
  // One kind; a few rare kinds (merged lists); kinds that make up much of the tree (one pass with a mask).
  const sets: Array<[string, TS.SyntaxKind[]]> = [
    ['calls', [K.CallExpression]],
    ['rare kinds', [K.NewExpression, K.ArrowFunction, K.VariableDeclaration]],
    ['common kinds', [K.Identifier, K.PropertyAccessExpression, K.CallExpression, K.ElementAccessExpression]],
  ];

  it.each(sets)('%s: document order, and false skips the children', (_name, list) => {
    // Skip the children of every third node offered, so that skipping is exercised on every path.
    const record = (seen: TS.Node[]) => (node: TS.Node) => (seen.push(node), seen.length % 3 === 0 ? false : undefined);
    const expected: TS.Node[] = [];
    reference(sourceFile, new Set(list), record(expected));
    const actual: TS.Node[] = [];
    index.visit(kinds(...list), record(actual));
    expect(expected.length).toBeGreaterThan(5);
    expect(actual).toEqual(expected);
  });
});

describe('NodeIndex.walkSubtree (what walk reads off an indexed file)', () => {
  const files = ['fixtures/sample-server/src/server.ts', 'fixtures/scan/stateful-tool/timers.ts', 'codemods/__testfixtures__/explicit-handles/auth-by-session.input.ts'].map((f) => path.join(REPO, f));

  it.each(files)('%s: every subtree gives the compiler walk\'s nodes, in order, with false skipping', (file) => {
    const sourceFile = parseFile(fs.readFileSync(file, 'utf8'), file);
    const index = new NodeIndex(sourceFile);
    const all: TS.Node[] = [];
    reference(sourceFile, new Set(Object.values(ts.SyntaxKind).filter((k): k is TS.SyntaxKind => typeof k === 'number')), (n) => void all.push(n));
    expect(all.length).toBeGreaterThan(100);
    let compared = 0;
    for (const root of all) {
      // Skip the children of every fourth node, so that skipping is exercised inside subtrees.
      const record = (seen: TS.Node[]) => (node: TS.Node) => (seen.push(node), seen.length % 4 === 0 ? false : undefined);
      const expected: TS.Node[] = [];
      const go = (node: TS.Node): void => {
        if (record(expected)(node) === false) return;
        ts.forEachChild(node, (child) => void go(child));
      };
      go(root);
      const actual: TS.Node[] = [];
      expect(index.walkSubtree(root, record(actual))).toBe(true);
      expect(actual).toEqual(expected);
      compared++;
    }
    expect(compared).toBe(all.length);
  });

  it('says false, visiting nothing, for a node of another tree', () => {
    const file = files[0];
    const text = fs.readFileSync(file, 'utf8');
    const index = new NodeIndex(parseFile(text, file));
    const other = parseFile(text, file);
    const seen: TS.Node[] = [];
    expect(index.walkSubtree(other.statements[0], (n) => void seen.push(n))).toBe(false);
    expect(seen).toEqual([]);
  });
});
