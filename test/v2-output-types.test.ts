/**
 * What `fix --target 2026-07-28` writes compiles against the real v2 packages, except where it
 * says it does not: every v2-handler fixture output is type-checked in one program (strict, as
 * most servers are), and each error must sit under a TODO(mcp-migrate) marker, or be about code
 * that holds one (an error on a whole handler whose marker is at the cause inside it). Imports of the fixtures' own
 * sibling modules, which the fixtures do not ship, are the only errors let through.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// The typescript package itself, with its lib files (ts-morph's bundled compiler keeps them in memory).
import ts from 'typescript';
import { strictNodeOptions } from './helpers/typecheck.js';

const DIR = path.resolve(__dirname, '../codemods/__testfixtures__/v2-handler');
const outputs = fs
  .readdirSync(DIR)
  .filter((name) => /\.output\.(ts|mts|cts)$/.test(name))
  .map((name) => path.join(DIR, name));

/**
 * TS2307 for `./x.js`, a module of the fixture's own project that is not part of the fixture, or
 * for an `@acme/...` package, one the fixture's project depends on and this repository does not install.
 */
function missingSibling(d: ts.Diagnostic): boolean {
  return d.code === 2307 && /Cannot find module '(\.\.?\/|@acme\/)/.test(ts.flattenDiagnosticMessageText(d.messageText, ' '));
}

/**
 * Where the code an error is about ends: the compiler reports a whole handler by its head
 * (`async (request) =>`), so the span is that of the largest node starting where the error does.
 */
function errorEnd(file: ts.SourceFile, start: number, length: number): number {
  let end = start + length;
  const visit = (node: ts.Node): void => {
    if (node.getStart(file) === start) end = Math.max(end, node.getEnd());
    if (node.pos <= start && start < node.end) ts.forEachChild(node, visit);
  };
  visit(file);
  return end;
}

/** Whether a TODO(mcp-migrate) marker is in the comment block right above the error's line, or inside the code it is about. */
function marked(file: ts.SourceFile, start: number, length: number): boolean {
  const lines = file.text.split('\n');
  let line = file.getLineAndCharacterOfPosition(start).line;
  while (--line >= 0 && /^\s*\/\//.test(lines[line])) if (lines[line].includes('TODO(mcp-migrate)')) return true;
  return file.text.slice(start, errorEnd(file, start, length)).includes('TODO(mcp-migrate)');
}

describe('fix --target output against the v2 packages', () => {
  const program = ts.createProgram(outputs, strictNodeOptions({ lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'] }));
  const diagnostics = ts.getPreEmitDiagnostics(program);

  it('has fixtures to check', () => {
    expect(outputs.length).toBeGreaterThan(20);
  });

  it.each(outputs.map((file) => [path.basename(file), file]))('%s compiles, or is marked where it does not', (_name, file) => {
    const own = diagnostics.filter((d) => d.file?.fileName === file && !missingSibling(d));
    const unmarked = own
      .filter((d) => !marked(d.file!, d.start ?? 0, d.length ?? 0))
      .map((d) => `${d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    expect(unmarked).toEqual([]);
  });
});
