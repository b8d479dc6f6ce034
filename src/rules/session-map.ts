import { accessKey, requestScopedKey, type Collection, type SessionFacts } from '../analysis/session.js';
import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { accessRoot, calleeName, constantString, enclosingFunction, findAncestor, importedBindings, isAssignment, isAssignmentTarget, isStep, isExported, isFunctionLike, isStaticMember, joinNames, outermost, referencesTo, resolveIdentifier, someNode, unwrap, walk, type Declaration } from '../analysis/ast.js';
import { stateKind } from '../analysis/state-kind.js';
import { guardText, keptOnLegacyPath, keyOfIteration, usedOnlyOnLegacyPath } from '../analysis/eras.js';
import { SPEC, type CodeRule, type Reporter } from './types.js';
import type { ReasonId } from '../model.js';

const KIND_TEXT: Record<string, string> = {
  transport: 'transports',
  server: 'server instances',
  'session-object': 'session objects',
};

/** What a session map holds, as its findings' reasons say (REASON_IDS): what serves the sessions, or session objects. */
function holds(c: Collection): ReasonId[] {
  return c.valueKind === 'session-object' ? ['holds-session-objects'] : c.valueKind === 'transport' || c.valueKind === 'server' ? ['holds-transports'] : [];
}

/** A map of legacy SSE transports only: sse-transport's to delete, with the endpoints that fill it. */
export function isSseOnlyMap(c: Collection): boolean {
  return !!c.valueType && /\bSSEServerTransport\b/.test(c.valueType) && !/StreamableHTTP/.test(c.valueType);
}

export function isSessionMap(c: Collection): boolean {
  return c.valueKind !== 'data' && (c.sessionKeyed || c.typeEvidence);
}

/**
 * Where a use of a collection hands the collection itself on (`helper(sessionData)`, `{ sessionData }`,
 * `return sessionData`, `export { sessionData }`): code elsewhere may read it. Walking it with the
 * built-ins (`Object.entries(timers)`) keeps it here.
 */
function handedOn(use: TS.Node): boolean {
  // An entry read or written (`timers.get(id)`, `timers[id]`), not the collection.
  if (ts.isCallExpression(use) || ts.isElementAccessExpression(use)) return false;
  const parent = use.parent;
  if (ts.isCallExpression(parent) && parent.arguments.includes(use as TS.Expression)) return !/^(Object|Array|JSON)\.\w+$/.test(parent.expression.getText());
  return ts.isShorthandPropertyAssignment(parent) || (ts.isPropertyAssignment(parent) && parent.initializer === use) || ts.isReturnStatement(parent) || ts.isExportSpecifier(parent) || ts.isExportAssignment(parent) || (ts.isBinaryExpression(parent) && parent.right === use);
}

/**
 * Session bookkeeping: data kept per MCP session only to run the sessions (last-activity times
 * for an idle sweep, the keep-alive timers of SSE streams), not application state. Declared in
 * this file and not exported, every use sits in a function that also reaches a session map of the
 * file (the dispatch, a session callback, the sweep, the stream's close hook), none hands it on,
 * and no tool, prompt or resource handler reads it: it goes with those maps, which it returns
 * (undefined: `c` is not bookkeeping). Counters, credentials and the like keep their own advice.
 */
export function sessionBookkeeping(c: Collection, facts: SessionFacts): Collection[] | undefined {
  if (c.valueKind !== 'data' || !c.sessionKeyed || c.origin !== 'declared' || c.helper || stateKind(c.name) !== 'data' || requestScopedKey(c)) return undefined;
  const statement = ts.isVariableDeclaration(c.decl) ? c.decl.parent.parent : undefined;
  if (statement && ts.isVariableStatement(statement) && isExported(statement)) return undefined;
  const maps = facts.collections.filter(isSessionMap);
  const uses = c.accesses.filter((a) => a.pos < c.decl.pos || a.end > c.decl.end);
  if (maps.length === 0 || uses.length === 0 || uses.some(handedOn)) return undefined;
  const inside = (n: TS.Node, fn: TS.Node) => n.pos >= fn.pos && n.end <= fn.end;
  const served = new Set<Collection>();
  for (const use of uses) {
    // The innermost function around the use that also reaches a session map (the close hook, or the route around it).
    let found = false;
    for (let fn = findAncestor(use, isFunctionLike); fn && !found; fn = findAncestor(fn, isFunctionLike)) {
      for (const m of maps) {
        if (!m.accesses.some((a) => inside(a, fn!))) continue;
        served.add(m);
        found = true;
      }
    }
    if (!found) return undefined;
  }
  if (facts.registrations.some((r) => r.handler && facts.usesOf(r.handler).collections.has(c))) return undefined;
  return [...served];
}

/** `setInterval(...)`, `setTimeout(...)`: a timer started. */
export function isTimerCall(n: TS.Node | undefined): boolean {
  return !!n && ts.isCallExpression(unwrap(n)) && /^(setInterval|setTimeout)$/.test(calleeName(unwrap(n) as TS.CallExpression) ?? '');
}

/** Whether a collection holds timers (`NodeJS.Timeout`, `setInterval(...)` stored in it). */
function holdsTimers(c: Collection): boolean {
  if (c.valueType && /\b(Timeout|Timer|Interval)\b|typeof set(Interval|Timeout)\b/.test(c.valueType)) return true;
  return c.accesses.some((a) => (ts.isCallExpression(a) && calleeName(a) === 'set' && isTimerCall(a.arguments[1])) || (ts.isElementAccessExpression(a) && ts.isBinaryExpression(a.parent) && a.parent.left === a && isTimerCall(a.parent.right)));
}

/** What the session-map finding on session bookkeeping says (the advice below is chosen by it). */
const BOOKKEEPING = 'no tool, prompt or resource handler reads it';

/** `map.get(id)`, `map.set(id, v)`, `map[id]`: an access by a key that is not a constant. */
function keyedByVariable(access: TS.Node): boolean {
  const key = accessKey(access);
  return !!key && constantString(key) === undefined && !iteratedKey(key, access);
}

/**
 * A key the code took from the same map it walks (`for (const id of transports.keys())
 * transports.get(id)?.close()`): closing everything at shutdown, not a lookup.
 */
function iteratedKey(key: TS.Node, access: TS.Node): boolean {
  const map = ts.isCallExpression(access) ? (unwrap(access.expression) as TS.PropertyAccessExpression).expression : (access as TS.ElementAccessExpression).expression;
  return keyOfIteration(key, map);
}

/**
 * A value type as a message shows it: an object type by its members' names (`an object with
 * transport and abortTimeout`), another one whole when short; never cut in the middle of a name.
 */
export function shownType(type: string): string {
  const flat = type.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '').replace(/\s+/g, ' ').trim();
  if (flat.startsWith('{')) {
    const names: string[] = [];
    let depth = 0;
    let start = true;
    for (let i = 0; i < flat.length; i++) {
      const ch = flat[i];
      if ('{[(<'.includes(ch)) depth++;
      else if ('}])>'.includes(ch) && !(ch === '>' && flat[i - 1] === '=')) depth--;
      else if (depth === 1 && (ch === ';' || ch === ',')) start = true;
      else if (depth === 1 && start && /[\w$]/.test(ch)) {
        const name = /^(?:readonly\s+)?([\w$]+)\??\s*:/.exec(flat.slice(i))?.[1];
        if (name) names.push(name);
        start = false;
      }
    }
    if (names.length > 6) return `an object with ${names.slice(0, 6).join(', ')} and more`;
    if (names.length > 0) return `an object with ${joinNames(names)}`;
  }
  if (flat.length <= 60) return `of type ${flat}`;
  // The outermost name (`Map<...>`, `SessionRecord<...>`), its arguments left out.
  const head = /^[\w$.]+/.exec(flat)?.[0];
  return head ? `of type ${head}<...>` : 'an object';
}

/** A backend another instance reaches too, as a class names it in its fields or constructor parameters. */
const SHARED_BACKEND = /redis|valkey|kv\b|database|\bdb\b|prisma|knex|mongo|dynamo|firestore|sql|pool|storage/i;

/**
 * Whether an external collection is an instance of a class of this file that keeps nothing in
 * memory and talks to a shared backend (`new RedisSessionStore(redis)`, whose `get` reads
 * `this.redis`): another instance finds what it keeps. What its methods keep under the session id
 * is session-state's, reported inside the class.
 */
function sharedStoreInstance(c: Collection): boolean {
  if (c.origin !== 'external' || !c.declaredHere) return false;
  let root: TS.Node = unwrap(c.decl);
  if (ts.isCallExpression(root)) root = unwrap(root.expression);
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = unwrap(root.expression);
  const decl = ts.isIdentifier(root) ? resolveIdentifier(root) : undefined;
  const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
  const cls = init && ts.isNewExpression(init) && ts.isIdentifier(init.expression) ? resolveIdentifier(init.expression) : undefined;
  if (!cls || !ts.isClassDeclaration(cls)) return false;
  const inMemory = cls.members.some((m) => {
    if (!ts.isPropertyDeclaration(m)) return false;
    const value = m.initializer ? unwrap(m.initializer) : undefined;
    return (!!value && (ts.isArrayLiteralExpression(value) || ts.isObjectLiteralExpression(value) || (ts.isNewExpression(value) && /^(Map|Set|WeakMap)$/.test(calleeName(value) ?? '')))) || /^(Map|Set|Record)\b|\[\]$|^\{/.test(m.type?.getText() ?? '');
  });
  const ctor = cls.members.find(ts.isConstructorDeclaration);
  const backend = [...cls.members.filter(ts.isPropertyDeclaration), ...(ctor?.parameters ?? [])].some((m) => SHARED_BACKEND.test(m.name.getText()) || SHARED_BACKEND.test(m.type?.getText() ?? ''));
  return !inMemory && backend;
}

/** What a map's finding says when nothing fills it (neverFilled, the `never-filled` reason). */
const NEVER_FILLED = 'but nothing in this file fills it, so it stays empty';
/** The same, of an exported map that no module importing it fills either. */
const NEVER_FILLED_ANYWHERE = 'but nothing in this file or the modules that import it fills it, so it stays empty';

/** Members that read, iterate or empty a Map, a Set or a plain object's entries, and never add one. */
const READING_MEMBERS = new Set(['get', 'has', 'keys', 'values', 'entries', 'forEach', 'size', 'delete', 'clear', 'length']);

/**
 * A map declared here, empty (`{}`, `new Map()`), not exported, that no code of the file fills:
 * every use reads, iterates, deletes or clears it (`for (const id in transports) await
 * transports[id].close()` in a shutdown hook, left once the transports are made per request, trial
 * 38C). It holds nothing, so no instance can miss an entry in it.
 */
function neverFilled(c: Collection, facts: SessionFacts): boolean {
  const decl = c.decl;
  const init = c.origin === 'declared' && (ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl)) && decl.initializer ? unwrap(decl.initializer) : undefined;
  const empty = !!init && ((ts.isObjectLiteralExpression(init) && init.properties.length === 0) || (ts.isNewExpression(init) && /^(Map|Set)$/.test(calleeName(init) ?? '') && (init.arguments?.length ?? 0) === 0));
  if (!empty) return false;
  // A private field of a class (`private sessions = new Map()`, `#sessions`): its uses are the class's
  // own (ayansasmal/mcp-streamable-example, trial 55C: the bookkeeping fix removed left it empty).
  if (ts.isPropertyDeclaration(decl)) {
    const uses = privateFieldUses(decl);
    return !!uses && uses.length > 0 && uses.every(onlyReads);
  }
  if (!ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return false;
  const uses = referencesTo(decl.getSourceFile(), decl as Declaration & { name: TS.Identifier });
  if (!uses.every(onlyReads)) return false;
  if (!isExported(decl.parent.parent)) return uses.length > 0;
  // Exported: nor fills any module of the run that imports it (trial 40C: the map's own module,
  // left once fix made the dispatch that filled it per request), where the run lists them all and
  // there is one: a run over the map's module alone (check --changed-since) cannot tell.
  const source = facts.modules?.source;
  const users = source?.users(facts.modules!.path);
  return !!source && !!users && users.length > 0 && users.every((user) => importedUses(user.sourceFile, decl.name.getText(), (specifier) => source.names(user.path, specifier, facts.modules!.path))?.every(onlyReads) ?? false);
}

/**
 * The uses in a file of what it imports by name (`exported`) from a module `fromModule` accepts;
 * undefined where it reaches it otherwise (a namespace import, a re-export), which may fill it.
 */
function importedUses(sf: TS.SourceFile, exported: string, fromModule: (specifier: string) => boolean): TS.Identifier[] | undefined {
  const uses: TS.Identifier[] = [];
  let imports = false;
  for (const s of sf.statements) {
    const specifier = ts.isImportDeclaration(s) || ts.isExportDeclaration(s) ? s.moduleSpecifier : undefined;
    if (!specifier || !ts.isStringLiteral(specifier) || !fromModule(specifier.text)) continue;
    if (ts.isExportDeclaration(s)) return undefined;
    for (const binding of importedBindings(s as TS.ImportDeclaration)) {
      if (binding.exported === '*') return undefined;
      imports = true;
      if (binding.exported === exported) uses.push(...referencesTo(sf, localBinding(s as TS.ImportDeclaration, binding.local)));
    }
  }
  // Reached otherwise (`require('./sessions')`, `await import(...)`): not followed, so not known.
  return imports ? uses : undefined;
}

/** The node of an import that binds `local` (its default name or a named import), for referencesTo. */
function localBinding(statement: TS.ImportDeclaration, local: string): Declaration & { name: TS.Identifier } {
  const clause = statement.importClause!;
  const named = clause.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements.find((e) => e.name.text === local) : undefined;
  return (named ?? clause) as Declaration & { name: TS.Identifier };
}

/** Every `this.<field>` of the class that declares a private field, or undefined where the field is not private (other code may fill it). */
function privateFieldUses(field: TS.PropertyDeclaration): TS.PropertyAccessExpression[] | undefined {
  const name = field.name;
  const hidden = ts.isPrivateIdentifier(name) || (ts.getModifiers(field)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword) ?? false);
  if (!hidden || isStaticMember(field)) return undefined;
  const text = name.getText();
  const uses: TS.PropertyAccessExpression[] = [];
  // Unknown where the object is reached otherwise: `this` taken whole (`const { sessions } = this`,
  // `const self = this`, `this['sessions']`, handed on), or the field of another instance (review 71).
  let aliased = false;
  walk(field.parent, (n) => {
    if (aliased) return false;
    if (n.kind === ts.SyntaxKind.ThisKeyword && !(ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n)) aliased = true;
    else if (ts.isPropertyAccessExpression(n) && n.name.getText() === text) {
      // (Another instance's: `into.transports.set(...)` in a static method, review 72; not a
      // member of this object's own, `this.opts.sessions`, review 73.)
      if (n.expression.kind === ts.SyntaxKind.ThisKeyword) uses.push(n);
      else if (accessRoot(n.expression).kind !== ts.SyntaxKind.ThisKeyword) aliased = true;
    }
    return undefined;
  });
  return aliased ? undefined : uses;
}

/** A use of a map that adds nothing to it (see neverFilled). */
function onlyReads(use: TS.Expression): boolean {
  const outer = outermost(use);
  const parent = outer.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === outer) return READING_MEMBERS.has(parent.name.text);
  if (ts.isElementAccessExpression(parent) && parent.expression === outer) {
    const up = parent.parent;
    if (isAssignment(up) && up.left === parent) return false;
    return !isStep(up);
  }
  if ((ts.isForInStatement(parent) || ts.isForOfStatement(parent)) && parent.expression === outer) return true;
  return ts.isCallExpression(parent) && /^Object\.(keys|values|entries)$/.test(parent.expression.getText()) && parent.arguments[0] === outer;
}

/** Calls that read a request header by its name: `req.header(name)`, `req.get(name)`, `headers.get(name)`, Hono's `c.req.header(name)`. */
const HEADER_READ = /^(header|get|getHeader)$/;
/** Calls that set a response header by its name: `res.setHeader(name, v)`, `res.set(name, v)`, `res.header(name, v)`, Hono's `c.header(name, v)`. */
const HEADER_WRITE = /^(setHeader|set|header|append)$/;

/** The header name a value reads from the request (`req.header('x-conversation-id')`, `req.headers['x-conversation-id']`), lower-cased. */
function headerReadIn(value: TS.Node): string | undefined {
  let found: string | undefined;
  walk(value, (n) => {
    if (found) return false;
    const name = ts.isCallExpression(n) && HEADER_READ.test(calleeName(n) ?? '') ? n.arguments[0] : ts.isElementAccessExpression(n) && /headers$/.test(n.expression.getText()) ? n.argumentExpression : undefined;
    const text = name && constantString(name);
    if (text && /^x-[\w-]+$/i.test(text)) found = text.toLowerCase();
    return undefined;
  });
  return found;
}

/**
 * The header through which the key of a collection of servers or transports comes and goes when
 * the code makes that key itself: read from a request header of its own, minted when the request
 * has none, and sent back in the same header of the response (`x-conversation-id`, trial 61B B3):
 * a session of its own making. A 2026-07-28 client sends none of it back, and no other instance
 * holds what the id names.
 */
export function homeMadeSession(c: Collection): string | undefined {
  for (const access of c.accesses) {
    const key = accessKey(access);
    const k = key && unwrap(key);
    const decl = k && ts.isIdentifier(k) ? resolveIdentifier(k) : undefined;
    if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) continue;
    // (Not an entry the request removes when it ends, a request id echoed for tracing: review 80 point 3.)
    const fn = enclosingFunction(decl);
    if (fn && removedIn(c, fn)) continue;
    const refs = referencesTo(enclosingFunction(decl) ?? decl.getSourceFile(), decl as Declaration & { name: TS.Identifier });
    const values = [...(decl.initializer ? [decl.initializer] : []), ...refs.filter(isAssignmentTarget).map((ref) => (ref.parent as TS.BinaryExpression).right)];
    const header = values.map(headerReadIn).find((h) => h !== undefined);
    const minted = values.some((v) => someNode(v, (n) => ts.isCallExpression(n) && /^(randomUUID|uuid|v4|uuidv4|nanoid|randomBytes)$/.test(calleeName(n) ?? '')));
    const sent = refs.some((ref) => {
      const call = outermost(ref).parent;
      return ts.isCallExpression(call) && call.arguments[1] === outermost(ref) && HEADER_WRITE.test(calleeName(call) ?? '') && constantString(call.arguments[0])?.toLowerCase() === header;
    });
    if (header && minted && sent) return header;
  }
  return undefined;
}

/** Whether a function removes entries of a collection (`pool.delete(id)` on the response's close): what it adds there lasts one request. */
export function removedIn(c: Collection, fn: TS.Node): boolean {
  return c.accesses.some((a) => a.pos >= fn.pos && a.end <= fn.end && ts.isCallExpression(a) && calleeName(a) === 'delete');
}

/** Transports, servers or session objects kept in memory and looked up by session id. One finding at the declaration. */
export const sessionMap: CodeRule = {
  target: 'code',
  id: 'session-map',
  category: 'session-map',
  severity: 'error',
  title: 'Transports or servers kept in a map keyed by session id',
  why:
    'A map from session id to transport (or server, or session object) lives in one process. Under 2026-07-28 any request may ' +
    'land on any instance behind a plain round-robin load balancer and carries no session id at all, so the lookup misses and ' +
    'the client is stranded. Stateless serving creates the transport per request and needs no map, nor the data kept ' +
    'beside it only to run the sessions (last-activity times, keep-alive timers), which this rule reports with it.',
  fix: {
    codemod: 'stateless-transport',
    manual:
      'Create a transport (and server) per request with `sessionIdGenerator: undefined`, then delete the map (a map of legacy SSE transports goes once its endpoints serve Streamable HTTP). ' +
      'What a server kept for its session (a browser it launched, a connection it opened, closed when the server closes) then lasts one request: keep it in a shared store under a handle the tools take first.',
    // Session bookkeeping (sessionBookkeeping): no handle, it goes with the map it serves.
    advice: ({ message, reasons }) =>
      message.includes(BOOKKEEPING)
        ? 'Delete it together with the session map it serves and the code that fills, sweeps or clears it (timers started per session are then never started); no tool reads it, so it needs no handle or shared store.'
        : reasons?.includes('never-filled')
          ? 'Delete it and the code that still reads or empties it (a shutdown loop that closes what it holds): it holds nothing.'
          : undefined,
  },
  docs: `${SPEC}/basic/transports/streamable-http`,
  keywords: ['session', 'transport'],
  check(file, report) {
    for (const c of file.facts.collections) {
      // Servers or transports kept under an id the code mints and hands out in a header of its own (trial 61B B3).
      const header = !isSessionMap(c) && (c.valueKind === 'server' || c.valueKind === 'transport') && c.origin === 'declared' ? homeMadeSession(c) : undefined;
      if (header) {
        report({
          node: c.reportNode,
          manual: true,
          subject: c.name,
          reasons: holds(c),
          message: `${c.name} holds ${KIND_TEXT[c.valueKind]} keyed by an id this code mints and sends back in a header of its own (${header}): a session of its own making, which 2026-07-28 clients do not send back. Each of their requests makes a new entry (the map grows), another instance cannot find the ones kept here, and one entry served again while its last request runs fails ("Already connected"). Build the server and transport per request, and carry what a conversation needs in explicit handles the tools take`,
        });
        continue;
      }
      if (!isSessionMap(c)) {
        const served = sessionBookkeeping(c, file.facts);
        if (served) reportBookkeeping(c, served, report);
        continue;
      }
      // A map handed in as a parameter that this code only iterates or clears (`for (const t of
      // transports.values()) t.close()`) proves nothing by its type; one it looks up by a key does.
      if (ts.isParameter(c.decl) && !c.sessionKeyed && !c.accesses.some(keyedByVariable)) continue;
      if (sharedStoreInstance(c)) continue;
      const what = KIND_TEXT[c.valueKind];
      const shown = c.valueType ? shownType(c.valueType) : undefined;
      const how = c.sessionKeyed ? 'keyed by the MCP session id' : `keyed by a string${shown ? `, each ${shown}` : ''}`;
      // A member of an object of this class (`this.transports.streamable`) is declared here, in a shape not followed.
      const where = c.origin === 'external' ? (c.viaParameter ? ' (passed in as a parameter)' : c.name.startsWith('this.') || c.declaredHere ? '' : ' (declared in another module)') : '';
      // A map of legacy SSE transports only is sse-transport's to delete, with the endpoints it serves.
      const sse = isSseOnlyMap(c);
      // Used only on the 2025 path of code that speaks both eras: the sessions it keeps for 2025 clients on purpose.
      const legacy = usedOnlyOnLegacyPath(c);
      if (legacy) {
        report({ node: c.reportNode, subject: c.name, message: `${c.name} holds ${what} ${how}, used only on the 2025 path of code that speaks both eras (${guardText(legacy.test, legacy.earlyReturn)}): the sessions of 2025 clients, who still need to reach the instance that holds theirs; keep it behind that test`, ...keptOnLegacyPath(holds(c)) });
        continue;
      }
      if (neverFilled(c, file.facts)) {
        const exported = ts.isVariableDeclaration(c.decl) && isExported(c.decl.parent.parent);
        report({ node: c.reportNode, subject: c.name, reasons: ['never-filled'], message: `${c.name} would hold ${what} ${how}, ${exported ? NEVER_FILLED_ANYWHERE : NEVER_FILLED}`, severity: 'info' });
        continue;
      }
      report({ node: c.reportNode, subject: c.name, reasons: holds(c), message: `${c.name} holds ${what} ${how}${where}; another instance cannot find them`, ...(sse ? { codemod: 'sse-transport' } : {}) });
    }
  },
};

/** Session bookkeeping (sessionBookkeeping), with the session maps it serves: it goes with them, by the codemod that removes them. */
function reportBookkeeping(c: Collection, served: readonly Collection[], report: Reporter): void {
  const what = holdsTimers(c) ? 'timers' : 'session bookkeeping';
  const names = served.map((m) => m.name).join(' and ');
  const maps = `the session map${served.length > 1 ? 's' : ''} ${names}`;
  const legacy = usedOnlyOnLegacyPath(c);
  if (legacy) {
    report({ node: c.reportNode, subject: c.name, message: `${c.name} holds ${what} keyed by the MCP session id, used only with ${maps} on the 2025 path of code that speaks both eras (${guardText(legacy.test, legacy.earlyReturn)}): 2026-07-28 requests never reach it; keep it behind that test`, ...keptOnLegacyPath() });
    return;
  }
  // Maps of legacy SSE transports only: the bookkeeping goes with the SSE endpoint, as they do.
  const sse = served.every(isSseOnlyMap);
  const goes = sse ? `it goes with the legacy SSE endpoint, as ${served.length > 1 ? 'they go' : 'that map goes'}` : `it goes with ${served.length > 1 ? 'those maps' : 'that map'} once transports are made per request`;
  report({ node: c.reportNode, subject: c.name, message: `${c.name} holds ${what} keyed by the MCP session id, used only with ${maps} (${BOOKKEEPING}): ${goes}`, ...(sse ? { codemod: 'sse-transport' } : {}) });
}
