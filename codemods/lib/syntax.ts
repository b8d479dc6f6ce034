/**
 * Parsing and navigation helpers shared by the codemods and the fix runner.
 */
import type { ts as TS } from 'ts-morph';
import { ts } from '../../src/analysis/typescript.js';

/** The statement (in a block, case clause or the file) that contains a node. */
export function statementOf(node: TS.Node): TS.Statement | undefined {
  let current: TS.Node | undefined = node;
  while (current && current.parent && !(ts.isBlock(current.parent) || ts.isSourceFile(current.parent) || ts.isCaseClause(current.parent))) current = current.parent;
  return current && current.parent ? (current as TS.Statement) : undefined;
}

/** The top-level statement of the file that contains a node. */
export function topLevelStatement(node: TS.Node): TS.Statement {
  let current: TS.Node = node;
  while (!ts.isSourceFile(current.parent)) current = current.parent;
  return current as TS.Statement;
}

/** The first line of the statement around a node, cut at 50 characters: what a marker quotes. */
export function statementHead(node: TS.Node): string {
  const line = (statementOf(node) ?? node).getText().split('\n')[0].trim();
  return line.length > 50 ? `${line.slice(0, 47)}...` : line;
}
