/**
 * Parsing and navigation helpers shared by the codemods and the fix runner.
 */
import type { ts as TS } from 'ts-morph';
import { ts } from '../../src/analysis/typescript.js';

/**
 * The statement (in a block, case clause or the file) that contains a node; with `branches`, also
 * one that is, without braces, the then or else branch of an if (`if (x) t = make();`).
 */
export function statementOf(node: TS.Node, branches = false): TS.Statement | undefined {
  const branch = (n: TS.Node) => branches && ts.isIfStatement(n.parent) && (n.parent.thenStatement === n || n.parent.elseStatement === n);
  let current: TS.Node | undefined = node;
  while (current && current.parent && !(ts.isBlock(current.parent) || ts.isSourceFile(current.parent) || ts.isCaseClause(current.parent) || branch(current))) current = current.parent;
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

/**
 * Where a marker about a node goes: at the node, or, when the node is a branch of a conditional
 * expression (`cond\n  ? new X()\n  : new Y()`), at the statement around it (a comment between
 * `cond` and `? new X()` reads as part of the expression).
 */
export function markerAnchor(node: TS.Node, sourceFile: TS.SourceFile): number {
  for (let child: TS.Node = node, parent = node.parent; parent && !ts.isSourceFile(parent) && !ts.isBlock(parent); child = parent, parent = parent.parent) {
    if (ts.isConditionalExpression(parent) && child !== parent.condition) return (statementOf(parent) ?? parent).getStart(sourceFile);
  }
  return node.getStart(sourceFile);
}

