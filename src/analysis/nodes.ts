/**
 * One walk per file, shared by every rule.
 *
 * Rules and the session analysis used to walk the whole tree each (about twenty walks per file),
 * calling a closure for every node. `NodeIndex` walks the tree once into a pre-order array and,
 * per node kind, the list of its nodes; `visit` then touches only the kinds a rule declared, so a
 * rule that looks at calls and string literals never pays for the far more numerous identifiers,
 * keywords and tokens. Document order and "return `false` to skip a node's children" behave as in
 * `walk`.
 */
import type { ts as TS } from 'ts-morph';
import { ts } from './typescript.js';

/** A set of node kinds. */
export interface KindSet {
  readonly list: readonly TS.SyntaxKind[];
}

export function kinds(...list: TS.SyntaxKind[]): KindSet {
  return { list: [...new Set(list)] };
}

const NONE: readonly number[] = [];

export class NodeIndex {
  /**
   * Makes `visit` call back for every node whatever kinds were asked for: a test switch proving
   * that each rule declared every kind it looks at (results must not change).
   */
  static exhaustive = false;

  private readonly nodes: TS.Node[] = [];
  /** Per node kind, the indexes of its nodes in document order. */
  private readonly byKind: number[][] = [];
  /** For node i, the index just past its last descendant. */
  private readonly ends: number[] = [];

  /** The last index made of each whole file (what helpers outside the rules ask: ofFile). */
  private static readonly files = new WeakMap<TS.SourceFile, NodeIndex>();

  /** The last index made of a whole file (the scanner's, or one made for another module's facts), if any. */
  static ofFile(sf: TS.SourceFile): NodeIndex | undefined {
    return NodeIndex.files.get(sf);
  }

  /** `setParents`: the tree was parsed without parent pointers; set them on the way. */
  constructor(root: TS.Node, setParents = false) {
    if (ts.isSourceFile(root)) NodeIndex.files.set(root, this);
    const { nodes, byKind, ends } = this;
    let parent: TS.Node | undefined;
    const go = (node: TS.Node): undefined => {
      if (setParents && parent) (node as { parent: TS.Node }).parent = parent;
      const i = nodes.length;
      nodes.push(node);
      (byKind[node.kind] ??= []).push(i);
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

  /**
   * `walk` over the subtree of `root` (a node of this index's tree) from the pre-order array:
   * the same nodes in the same order, `false` skipping a node's children, without the compiler's
   * per-node child visits. False where `root` is not a node of this index (then nothing was
   * visited). Nodes' start positions never decrease in pre-order, so `root` is found by a binary
   * search on its start and a short run of nodes that start where it does (a statement, its
   * expression, the expression's first identifier).
   */
  walkSubtree(root: TS.Node, fn: (node: TS.Node) => boolean | void): boolean {
    const { nodes, ends } = this;
    const pos = root.pos;
    let low = 0;
    let high = nodes.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (nodes[mid].pos < pos) low = mid + 1;
      else high = mid;
    }
    let at = low;
    while (at < nodes.length && nodes[at] !== root && nodes[at].pos === pos) at++;
    if (at >= nodes.length || nodes[at] !== root) return false;
    const end = ends[at];
    for (let i = at; i < end; ) i = fn(nodes[i]) === false ? ends[i] : i + 1;
    return true;
  }

  /** Calls `fn` for every node of one of `wanted`'s kinds, in document order; `false` skips its children. */
  visit(wanted: KindSet, fn: (node: TS.Node) => boolean | void): void {
    const { nodes, ends } = this;
    if (NodeIndex.exhaustive) {
      for (let i = 0; i < nodes.length; ) i = fn(nodes[i]) === false ? ends[i] : i + 1;
      return;
    }
    const lists = wanted.list.map((kind) => this.byKind[kind] ?? NONE).filter((list) => list.length > 0);
    let skipUntil = 0;
    if (lists.length === 1) {
      for (const i of lists[0]) {
        if (i < skipUntil) continue;
        if (fn(nodes[i]) === false) skipUntil = ends[i];
      }
      return;
    }
    // Kinds that make up a good part of the tree (identifiers, say): one pass over the pre-order
    // array testing each node's kind costs less than merging long lists.
    let total = 0;
    for (const list of lists) total += list.length;
    if (total * 4 > nodes.length) {
      const mask = new Uint8Array(this.byKind.length);
      for (const kind of wanted.list) if (kind < mask.length) mask[kind] = 1;
      for (let i = 0; i < nodes.length; ) {
        const node = nodes[i];
        i = mask[node.kind] === 1 && fn(node) === false ? ends[i] : i + 1;
      }
      return;
    }
    // Merge the kinds' lists (a few at most) back into document order.
    const heads = lists.map(() => 0);
    for (;;) {
      let pick = -1;
      let next = Infinity;
      for (let k = 0; k < lists.length; k++) {
        const h = heads[k];
        if (h < lists[k].length && lists[k][h] < next) {
          next = lists[k][h];
          pick = k;
        }
      }
      if (pick === -1) return;
      heads[pick]++;
      if (next < skipUntil) continue;
      if (fn(nodes[next]) === false) skipUntil = ends[next];
    }
  }
}
