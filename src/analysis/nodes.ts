/**
 * One walk per file, shared by every rule.
 *
 * Rules and the session analysis used to walk the whole tree each (about twenty walks per file),
 * calling a closure for every node. `NodeIndex` walks the tree once into a pre-order array with a
 * parallel array of node kinds; `visit` then calls a rule only for the kinds it declared, so a rule
 * that looks at calls and string literals never pays for the far more numerous identifiers,
 * keywords and tokens. Document order and "return `false` to skip a node's children" behave as in
 * `walk`.
 */
import type { ts as TS } from 'ts-morph';
import { ts } from './typescript.js';

/** A set of node kinds, as a lookup table indexed by `SyntaxKind`. */
export type KindSet = Uint8Array;

const KIND_COUNT = ts.SyntaxKind.Count;

export function kinds(...list: TS.SyntaxKind[]): KindSet {
  const set = new Uint8Array(KIND_COUNT);
  for (const kind of list) set[kind] = 1;
  return set;
}

export class NodeIndex {
  /**
   * Makes `visit` call back for every node whatever kinds were asked for: a test switch proving
   * that each rule declared every kind it looks at (results must not change).
   */
  static exhaustive = false;

  private readonly nodes: TS.Node[] = [];
  private readonly nodeKinds: number[] = [];
  /** For node i, the index just past its last descendant. */
  private readonly ends: number[] = [];

  /** `setParents`: the tree was parsed without parent pointers; set them on the way. */
  constructor(root: TS.Node, setParents = false) {
    const { nodes, nodeKinds, ends } = this;
    let parent: TS.Node | undefined;
    const go = (node: TS.Node): undefined => {
      if (setParents && parent) (node as { parent: TS.Node }).parent = parent;
      const i = nodes.length;
      nodes.push(node);
      nodeKinds.push(node.kind);
      ends.push(0);
      const outer = parent;
      parent = node;
      ts.forEachChild(node, go);
      parent = outer;
      ends[i] = nodes.length;
      return undefined;
    };
    go(root);
  }

  /** Calls `fn` for every node of one of `wanted`'s kinds, in document order; `false` skips its children. */
  visit(wanted: KindSet, fn: (node: TS.Node) => boolean | void): void {
    const { nodes, nodeKinds, ends } = this;
    const all = NodeIndex.exhaustive;
    for (let i = 0; i < nodes.length; ) {
      if ((all || wanted[nodeKinds[i]] === 1) && fn(nodes[i]) === false) i = ends[i];
      else i++;
    }
  }
}
