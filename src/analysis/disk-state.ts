/**
 * State whose values are paths of files or directories the server makes on its own disk (a Map of
 * session id → a directory mkdtemp made for it, trial 77A B1): the files stay on the instance that
 * made them, so a shared store of their paths shares no file. Read by session-state and
 * stateful-tool (what they say of it) and explicit-handles (which leaves such state).
 */
import type { ts as TS } from 'ts-morph';
import { ts } from './typescript.js';
import { accessRoot, awaited, calleeName, codeSnippet, enclosingFunction, isAssignmentTarget, referencesTo, resolveIdentifier, someNode, sourceModuleOf, unwrap } from './ast.js';
import type { Collection } from './session.js';

/** Calls that make a fresh directory and give its path (fs's mkdtemp). */
const MAKES_TEMP_DIR = /^mkdtemp(Sync)?$/;
/** Calls that make a directory at the path they are given first. */
const MAKES_DIR = /^mkdir(Sync)?$/;
/** Calls that make (or fill) a file at the path they are given first. */
const MAKES_FILE = /^(writeFile|appendFile|open)(Sync)?$|^createWriteStream$/;

/** Node's file system modules (and fs-extra, which wraps them): what they make is on this instance's disk. */
const FS_MODULE = /^(node:)?fs(\/promises)?$|^fs-extra$/;

/**
 * A call of a file system function by name (`mkdtemp(...)`, `fs.mkdir(...)`, `fs.promises.mkdir(...)`),
 * bound from node's fs modules: not an SFTP client's `mkdir`, nor the `open` package.
 */
function fsCall(node: TS.Node, name: RegExp): node is TS.CallExpression {
  if (!ts.isCallExpression(node) || !name.test(calleeName(node) ?? '')) return false;
  const root = accessRoot(unwrap(node.expression));
  return ts.isIdentifier(root) && FS_MODULE.test(sourceModuleOf(root) ?? '');
}

/** What the advice of a finding on such state says (session-state and stateful-tool alike). */
export const DISK_ADVICE = 'keep the files in shared storage (object storage such as S3, a shared volume every instance mounts, or the store itself for small contents) under an explicit handle the tools take';

/** DISK_ADVICE as How to fix says it, a sentence of its own. */
export const DISK_FIX = `${DISK_ADVICE[0].toUpperCase()}${DISK_ADVICE.slice(1)}.`;

/**
 * What a finding on such state says it holds, naming the call that makes one (`mkdtemp(…)`): the
 * files live on one instance's disk, and a shared store of their paths does not share them.
 */
export function diskPaths(made: TS.Node): string {
  return `paths of files this server makes on its local disk (${codeSnippet(made, 50)}), which live on that one instance's disk: a shared store of their paths does not share the files`;
}

/** What goes wrong meanwhile, said after the advice. */
export const DISK_LOSS = 'a call that reaches another instance finds no such file, and an instance that stops takes its files with it';

/**
 * Where a collection's values are paths the server makes on this instance's disk: the call that
 * makes one, for the message to quote. A value stored in it (`set(sid, dir)`, `x[sid] = dir`, or a
 * member of an object stored so: `{ dir }`) that is made by mkdtemp, a path the code makes a
 * directory at (`mkdir(dir, { recursive: true })`), or a path under os.tmpdir() the code writes a
 * file at. Not a name of a file in a fixed directory that it only reads (`path.join(DATA_DIR,
 * name)`), nor a path it only shows.
 */
export function localDiskPaths(c: Collection): TS.Node | undefined {
  let known = diskMemo.get(c);
  if (known === undefined) diskMemo.set(c, (known = diskPathsOf(c) ?? null));
  return known ?? undefined;
}

/** Per collection, localDiskPaths' answer (stateful-tool asks at every place a tool reaches it). */
const diskMemo = new WeakMap<Collection, TS.Node | null>();

function diskPathsOf(c: Collection): TS.Node | undefined {
  if (c.origin !== 'declared') return undefined;
  for (const access of c.accesses) {
    const value = ts.isCallExpression(access) ? (calleeName(access) === 'set' ? access.arguments[1] : undefined) : ts.isElementAccessExpression(access) && isAssignmentTarget(access) ? (access.parent as TS.BinaryExpression).right : undefined;
    if (!value) continue;
    const v = awaited(value);
    const values = ts.isObjectLiteralExpression(v) ? v.properties.flatMap((p) => (ts.isPropertyAssignment(p) ? [p.initializer] : ts.isShorthandPropertyAssignment(p) ? [p.name] : [])) : [v as TS.Expression];
    for (const one of values) {
      const made = madeOnDisk(one, 2);
      if (made) return made;
    }
  }
  return undefined;
}

/** The call that makes the file or directory a value names (localDiskPaths), through locals `depth` deep. */
function madeOnDisk(value: TS.Node, depth: number): TS.Node | undefined {
  const v = awaited(value);
  // (`await mkdir(dir, { recursive: true })` gives the first directory it made.)
  if (fsCall(v, MAKES_TEMP_DIR) || (fsCall(v, MAKES_DIR) && v.arguments.length > 0)) return v;
  if (!ts.isIdentifier(v) || depth === 0) return undefined;
  const decl = resolveIdentifier(v);
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return undefined;
  const scope = enclosingFunction(decl) ?? decl.getSourceFile();
  const refs = referencesTo(scope, decl as TS.VariableDeclaration & { name: TS.Identifier });
  const held = [...(decl.initializer ? [decl.initializer] : []), ...refs.flatMap((r) => (isAssignmentTarget(r) ? [(r.parent as TS.BinaryExpression).right] : []))];
  for (const h of held) {
    const made = madeOnDisk(h, depth - 1);
    if (made) return made;
  }
  // A path the code makes a directory at, or a file under the system's temporary directory.
  const tmp = held.some((h) => underTmpdir(h, 2));
  for (const ref of refs) {
    const call = ref.parent;
    if (ts.isCallExpression(call) && call.arguments[0] === ref && (fsCall(call, MAKES_DIR) || (tmp && fsCall(call, MAKES_FILE)))) return call;
  }
  return undefined;
}

/** Whether a path is made from os.tmpdir() (`path.join(tmpdir(), ...)`), through locals `depth` deep. */
function underTmpdir(value: TS.Node, depth: number): boolean {
  return someNode(value, (n) => {
    if (ts.isCallExpression(n)) return calleeName(n) === 'tmpdir';
    if (!ts.isIdentifier(n) || depth === 0) return false;
    const decl = resolveIdentifier(n);
    return !!decl && ts.isVariableDeclaration(decl) && !!decl.initializer && underTmpdir(decl.initializer, depth - 1);
  });
}
