/**
 * What code changes: the writes a body makes (to a variable, a member, a collection in place),
 * what a module-level collection starts as, and the members an access takes from `this`. Shared by
 * stateful-tool and the reading of another module's state (module-state.ts).
 */
import type { ts as TS } from 'ts-morph';
import { ts } from './typescript.js';
import { accessRoot, calleeName, findAncestor, globalsValue, importOf, isAssignment, isConstDeclaration, isStep, isPropertyName, MUTATING_METHODS, namesAny, resolveIdentifier, unwrap, walk } from './ast.js';

/**
 * What a body changes, in document order: a collection in place (`history.push(x)`: 'mutate'), a
 * variable or member set (`x = v`: 'set'), or stepped (`x += 1`, `x++`, `x ??= v`: 'step').
 */
export type Change = { target: TS.Expression; at: TS.Node; how: 'mutate' | 'set' | 'step' };
const changesByBody = new WeakMap<TS.Node, Change[]>();

export function changesIn(body: TS.Node): Change[] {
  let changes = changesByBody.get(body);
  if (changes) return changes;
  const found: Change[] = [];
  walk(body, (node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(unwrap(node.expression)) && MUTATING_METHODS.has(calleeName(node) ?? '')) {
      found.push({ target: (unwrap(node.expression) as TS.PropertyAccessExpression).expression, at: node, how: 'mutate' });
    } else if (isAssignment(node)) {
      found.push({ target: node.left, at: node, how: node.operatorToken.kind === ts.SyntaxKind.EqualsToken ? 'set' : 'step' });
    } else if (isStep(node)) {
      found.push({ target: node.operand, at: node, how: 'step' });
    }
    return undefined;
  });
  changesByBody.set(body, (changes = found));
  return changes;
}

/**
 * A member of an object literal that is an empty collection (`streamable: {}`, `pages: new
 * Map()`, `queue: []`): an object of such members only holds collections (the session maps'
 * holder stateless-transport deletes, a context object whose maps the tools share).
 */
export function holdsEmptyCollection(p: TS.ObjectLiteralElementLike): boolean {
  if (!ts.isPropertyAssignment(p)) return false;
  const value = unwrap(p.initializer);
  if (ts.isObjectLiteralExpression(value) || ts.isArrayLiteralExpression(value)) return (ts.isObjectLiteralExpression(value) ? value.properties : value.elements).length === 0;
  return ts.isNewExpression(value) && /^(Map|Set|WeakMap)$/.test(calleeName(value) ?? '') && (value.arguments?.length ?? 0) === 0;
}

/** What a module-level variable starts as, when a collection: an array, a Map, a Set or an object. */
export function collectionKind(decl: TS.VariableDeclaration): 'array' | 'Map' | 'Set' | 'object' | undefined {
  const written = ts.isIdentifier(decl.name) && decl.initializer ? unwrap(decl.initializer) : undefined;
  // (Also a collection kept on the process's globals: `const notes = (globalThis.__notes ??= [])`.)
  const kept = written && globalsValue(written);
  const init = kept ? unwrap(kept) : written;
  if (!init) return undefined;
  if (ts.isArrayLiteralExpression(init)) return 'array';
  if (ts.isObjectLiteralExpression(init)) return 'object';
  const name = ts.isNewExpression(init) ? calleeName(init) : undefined;
  if (name === 'Map' || name === 'Set') return name;
  // A bounded Map of a package (`new LRUCache({ max: 1000 })`): get, set, has and delete by key,
  // entries in this process's memory all the same (trial 73B B3).
  const callee = ts.isNewExpression(init) ? unwrap(init.expression) : undefined;
  const from = callee && ts.isIdentifier(callee) ? importOf(callee)?.module : undefined;
  return from !== undefined && MAP_LIKE_PACKAGES.has(from) ? 'Map' : undefined;
}

/** Packages whose class is a Map bounded by size or age, with its get/set/has/delete. */
const MAP_LIKE_PACKAGES: ReadonlySet<string> = new Set(['lru-cache', 'quick-lru', '@isaacs/ttlcache', 'mnemonist/lru-map', 'mnemonist/lru-cache']);

/** The members an expression starts from on `this` (`this.ctx.storage.get(k)` → ctx, storage, get), or undefined when it does not start from `this`. */
export function membersOfThis(expression: TS.Node): string[] | undefined {
  const names: string[] = [];
  let e = unwrap(expression);
  for (;;) {
    if (ts.isPropertyAccessExpression(e)) names.push(e.name.text);
    else if (!ts.isCallExpression(e) && !ts.isElementAccessExpression(e) && !ts.isTaggedTemplateExpression(e)) break;
    e = unwrap(ts.isTaggedTemplateExpression(e) ? e.tag : e.expression);
  }
  return e.kind === ts.SyntaxKind.ThisKeyword ? names.reverse() : undefined;
}

/**
 * State named as the instance's own whatever callers do: a cache or a memo table (`pageCache`,
 * `memo`, `memoized`), not a memory (`memory`, `memoryNotes`: a notes server's store, review 81
 * point 5).
 */
export function namedOwnState(name: string): boolean {
  return /cache|memo(?!r)/i.test(name);
}

/**
 * A list named as a record the instance keeps of what happened (`auditLog`, `history`,
 * `request_logs`): a word of its name, not any name holding the letters (`catalog`, `backlog`).
 */
export function namedRecord(name: string): boolean {
  return namedOwnState(name) || name.split(/[^A-Za-z]+|(?<=[a-z])(?=[A-Z])/).some((word) => /^(log|logs|history|histories|audit)$/i.test(word));
}

/**
 * What a call starts afresh in a module-level variable: a fresh value (freshValue) other than the
 * one it is declared with (`board = []` where `let board = null`, `phase = 'playing'`); set back to
 * its start (`unit = 'C'` where `let unit = 'C'`, however it is laid out) it is a reset, the same on
 * every instance. Nor is the call's own bookkeeping: a set where `body` tests the variable first
 * (`if (!ready) { ...; ready = true }`, a lazy set-up every instance makes alike), or that `body`
 * undoes (`busy = true` ... `busy = false`, a lock).
 */
export function startsAfresh(value: TS.Expression, decl: TS.VariableDeclaration, at: TS.Node, body: TS.Node): boolean {
  if (!freshValue(value) || !ts.isIdentifier(decl.name)) return false;
  const initial = declaredValueKey(decl);
  if (valueKey(value) === initial) return false;
  const name = decl.name.text;
  for (let n: TS.Node | undefined = at.parent; n && n !== body; n = n.parent) {
    if (ts.isIfStatement(n) && n.thenStatement.pos <= at.pos && at.end <= n.thenStatement.end && mentions(n.expression, name)) return false;
  }
  return !setBack(body, decl);
}

/** A value's text for comparing: without white space, trailing commas or type arguments, quotes alike. */
function valueKey(value: TS.Node): string {
  return unwrap(value as TS.Expression)
    .getText()
    .replace(/\s+/g, '')
    .replace(/"/g, "'")
    .replace(/,([}\]])/g, '$1')
    .replace(/^new(Map|Set)<.*>\(\)$/, 'new$1()');
}

function declaredValueKey(decl: TS.VariableDeclaration): string {
  return decl.initializer ? valueKey(decl.initializer) : 'undefined';
}

/** Whether an expression names `name` (an identifier, not a property's name). */
function mentions(expression: TS.Node, name: string): boolean {
  return namesAny(expression, [name]);
}

const setBackMemo = new WeakMap<TS.Node, Map<TS.VariableDeclaration, boolean>>();

/** Whether a body sets a module-level variable back to the value it is declared with, or restores it (restoredToCopy). */
function setBack(body: TS.Node, decl: TS.VariableDeclaration): boolean {
  const initial = declaredValueKey(decl);
  return ownSets(body, decl).some((c) => c.how === 'set' && ts.isBinaryExpression(c.at) && valueKey(c.at.right) === initial) || restoredToCopy(body, decl);
}

/** The changes of a body to a module-level variable itself (`level = v`, `count++`). */
function ownSets(body: TS.Node, decl: TS.VariableDeclaration): Change[] {
  return changesIn(body).filter((c) => ts.isIdentifier(unwrap(c.target)) && resolveIdentifier(unwrap(c.target) as TS.Identifier) === decl);
}

/**
 * Whether a body sets a module-level variable back to the value it had when the body began,
 * whatever it set it to meanwhile (`const before = level; try { level = v; ... } finally { level =
 * before }`, trial 44B): from a copy taken before the first change, on every path (not a rollback
 * in a catch, review 47). Once per body and variable.
 */
export function restoredToCopy(body: TS.Node, decl: TS.VariableDeclaration): boolean {
  let known = setBackMemo.get(body);
  if (!known) setBackMemo.set(body, (known = new Map()));
  let back = known.get(decl);
  if (back === undefined) {
    const changes = ownSets(body, decl);
    const first = Math.min(...changes.map((c) => c.at.pos));
    back = changes.some((c) => {
      if (c.how !== 'set' || !ts.isBinaryExpression(c.at)) return false;
      const local = savedCopy(c.at.right, body);
      const copied = local && unwrap(local.initializer!);
      return !!copied && ts.isIdentifier(copied) && resolveIdentifier(copied) === decl && local!.pos < first && changes.every((other) => undoneAfter(other.at, c.at, body));
    });
    known.set(decl, back);
  }
  return back;
}

/**
 * The local of `body` a restoring value names (`before` of `level = before`): a const made there
 * and never changed itself (`const list = getTodos(); list.push(x); saveTodos(list)` changes what
 * it holds, review 47).
 */
export function savedCopy(value: TS.Expression, body: TS.Node): TS.VariableDeclaration | undefined {
  const v = unwrap(value);
  const local = ts.isIdentifier(v) ? resolveIdentifier(v) : undefined;
  if (!local || !ts.isVariableDeclaration(local) || !local.initializer || local.pos < body.pos || local.end > body.end || !isConstDeclaration(local)) return undefined;
  const changed = changesIn(body).some((c) => {
    const root = unwrap(accessRoot(c.target));
    return ts.isIdentifier(root) && resolveIdentifier(root) === local;
  });
  return changed ? undefined : local;
}

/**
 * Whether a restore at `restore` runs whenever the change at `change` did, within `body`: it is
 * the change itself, or in the `finally` of a try whose block holds the change (at any depth of
 * the body), or it comes after the change on the body's straight line (under no test, loop, catch
 * or try block of its own, which an exception or a branch would skip).
 */
export function undoneAfter(change: TS.Node, restore: TS.Node, body: TS.Node): boolean {
  if (change === restore) return true;
  let straight = change.pos < restore.pos;
  for (let n: TS.Node = restore; n.parent && n !== body; n = n.parent) {
    const parent = n.parent;
    if (ts.isBlock(n) && ts.isTryStatement(parent)) {
      if (parent.finallyBlock === n && parent.tryBlock.pos <= change.pos && change.end <= parent.tryBlock.end) return true;
      if (parent.finallyBlock !== n) straight = false;
    }
    if (ts.isIfStatement(n) || ts.isCatchClause(n) || ts.isConditionalExpression(n) || ts.isIterationStatement(n, false) || ts.isSwitchStatement(n) || ts.isFunctionLike(n) || (ts.isBinaryExpression(n) && n.operatorToken.kind !== ts.SyntaxKind.EqualsToken && n.operatorToken.kind !== ts.SyntaxKind.CommaToken)) straight = false;
  }
  return straight;
}

/** A value made on the spot from nothing kept: a literal (`'playing'`, `0`, `null`), an empty collection (`[]`, `{}`, `new Map()`). */
function freshValue(value: TS.Expression): boolean {
  const v = unwrap(value);
  if (ts.isStringLiteral(v) || ts.isNoSubstitutionTemplateLiteral(v) || ts.isNumericLiteral(v)) return true;
  if (v.kind === ts.SyntaxKind.TrueKeyword || v.kind === ts.SyntaxKind.FalseKeyword || v.kind === ts.SyntaxKind.NullKeyword) return true;
  if (ts.isArrayLiteralExpression(v)) return v.elements.every((e) => freshValue(e as TS.Expression));
  if (ts.isObjectLiteralExpression(v)) return v.properties.every((p) => ts.isPropertyAssignment(p) && freshValue(p.initializer));
  return ts.isNewExpression(v) && ts.isIdentifier(v.expression) && /^(Map|Set)$/.test(v.expression.text) && !v.arguments?.length;
}

/** What a change stores: `v` of `map.set(k, v)`, `list.push(v)`, `x[k] = v`; none for a removal. */
export function storedValue(at: TS.Node, how: 'mutate' | 'set' | 'step'): TS.Expression | undefined {
  if (how === 'set' && ts.isBinaryExpression(at)) return at.right;
  if (how !== 'mutate' || !ts.isCallExpression(at)) return undefined;
  const name = ts.isPropertyAccessExpression(unwrap(at.expression)) ? (unwrap(at.expression) as TS.PropertyAccessExpression).name.text : '';
  return name === 'set' ? at.arguments[1] : /^(push|unshift|add)$/.test(name) ? at.arguments[0] : undefined;
}

/** The key of the entry a change stores under (`k` of `counts.set(k, v)` or of `hits[k] = v`); none for other changes. */
export function storedKey(at: TS.Node, how: 'mutate' | 'set' | 'step'): TS.Expression | undefined {
  if (how === 'mutate' && ts.isCallExpression(at)) return calleeName(at) === 'set' ? at.arguments[0] : undefined;
  const target = ts.isBinaryExpression(at) ? unwrap(at.left) : undefined;
  return target && ts.isElementAccessExpression(target) ? target.argumentExpression : undefined;
}

/**
 * Whether a value comes from a function's parameters: names bound from them, and locals of the
 * function made from those (two levels down), also inside callbacks in the value. `handler`: a
 * registered handler's, whose first parameter alone counts whole (its arguments; the context after
 * it is the SDK's), beside names destructured from any of them.
 */
export function fromParameters(value: TS.Node, fn: TS.FunctionLikeDeclaration, handler = false, depth = 2): boolean {
  let found = false;
  walk(value, (n) => {
    if (found) return false;
    if (ts.isIdentifier(n) && !isPropertyName(n)) {
      const decl = resolveIdentifier(n);
      const param = decl && (ts.isParameter(decl) ? decl : findAncestor(decl, ts.isParameter));
      // A parameter (of this function, or of a callback in the value) is no local made from them.
      if (param) found = param.parent === fn && (!handler || param !== decl || fn.parameters[0] === decl);
      // Or a local of the function taken from them (`const { arguments: args } = request.params`, trial 19A).
      else if (decl && depth > 0 && decl.pos >= fn.pos && decl.end <= fn.end) {
        const declaration = ts.isVariableDeclaration(decl) ? decl : findAncestor(decl, ts.isVariableDeclaration);
        if (declaration?.initializer && fromParameters(declaration.initializer, fn, handler, depth - 1)) found = true;
      }
    }
    return undefined;
  });
  return found;
}
