/**
 * What a call into another module of the run does to that module's own state.
 *
 * A tool file often keeps no state of its own: it calls a store module (`addTodo(title)`,
 * `todoStorage.create(todo)`, `TodoService.list()`) that keeps a module-level list or a Map in a
 * field of its one exported object. Such state lasts as long as the process, as the same code in
 * the tool's file would: behind a round-robin load balancer one instance holds the todo another
 * instance's list lacks. `moduleCall` follows the call to the function it runs and says which of
 * that module's collections and settings it changes and which it reads, following the module's
 * own functions two levels down. stateful-tool then tells whether two tools meet there.
 *
 * Followed: named, default and namespace imports and `require` of a relative module; exported
 * functions, an exported object literal's methods, an exported instance of a class of that module
 * (`export const store = new Store()`, `module.exports = new Store()`), and a module-level
 * instance the tool file makes of an imported class; the object of functions a factory returns to
 * a module-level variable (`export const store = createStore()`, Closure); `export { x } from
 * './y'` and `export *`.
 * State: a module-level array, Map, Set or object, a module-level `let` set from the function's
 * parameters (a setting), the fields of the class the object is made of and the properties of an
 * exported object literal; also imported as it is (`importedState`: `todos.push(x)` in the tool).
 * A change of an entry a call picks (`carts.get(id).push(item)`, `bucket(id).push(t)` where the
 * module's `bucket` returns one) changes the collection. A counter stepped (`nextId++`), a value
 * made lazily (`client ??= connect()`, `if (!b) { b = []; map.set(id, b) }`), a figure counted
 * (`hits.size`), a cache or memo are the instance's own; but not in the fields of an object made
 * with each session's server whose tools step them (ownClassTouches, trial 71A B1).
 */
import { isBuiltin } from 'node:module';
import type { ts as TS } from 'ts-morph';
import { ts } from './typescript.js';
import { accessRoot, calleeName, enclosingClass, enclosingFunction, isLogCall, findAncestor, someNode, importedBindings, importOf, isAssignment, sourceModuleOf, isFallback, isFunctionLike, isModuleVariable, isNullish, isPropertyName, isStaticMember, moduleExportOf, propertyNameText, resolveFunction, resolveIdentifier, resolveInitializer, returnedExpressions, unwrap, walk } from './ast.js';
import { type Change, changesIn, collectionKind, fromParameters, membersOfThis, namedOwnState, namedRecord, startsAfresh, storedKey, storedValue } from './changes.js';
import { findExport, isRunSpecifier, type LoadedModule, type ModuleSource } from './modules.js';
import { isToolName } from './registrations.js';
import { escapeRegExp } from '../scan/prefilter.js';

export type StateNoun = 'list' | 'Map' | 'Set' | 'object' | 'setting';

export interface ModuleState {
  /** Names one piece of state across the calls of a file: the module and where it is declared. */
  key: string;
  /** How a message names it: `todos`, `TodoStorage.todos`. */
  name: string;
  noun: StateNoun;
  /** The module that keeps it, as findings name files. */
  module: string;
  /** A field of a class's object (`NoteTools.notes`), not a module-level variable or a property of an object literal. */
  field?: boolean;
  /** What it holds that lives in this process and no shared store can keep (liveObjects). */
  live?: LiveObjects;
  /** A field or property that starts as a number (`calls = 0`): a message names it a counter, not a setting (trial 89 point 4). */
  counter?: boolean;
}

export type LiveObjects = 'browser pages' | 'running processes' | 'database connections' | 'open sockets';

/** Database drivers and ORMs: a connection or transaction they hand out is open in this process only. */
const DATABASE_PACKAGES = /^(pg|pg-pool|postgres|@neondatabase\/serverless|mysql|mysql2(\/promise)?|mariadb|mssql|tedious|oracledb|mongodb|mongoose|typeorm|knex|sequelize|@mikro-orm\/\w+|better-sqlite3|sqlite3?|kysely|drizzle-orm(\/.*)?)$/;
/**
 * What one call opens and the next one goes on using: a connection checked out of a pool, a
 * transaction or a database session (a pool itself is shared like a Browser: each call checks out its own).
 */
const CONNECTION_TYPES = new Set(['PoolClient', 'PoolConnection', 'ClientSession', 'QueryRunner', 'Transaction', 'TransactionSql', 'ReservedSql', 'Connection']);

/** Browser automation packages: a Browser or Page they hand out lives in this process only. */
export const BROWSER_PACKAGES = /^(puppeteer|puppeteer-core|playwright|playwright-core|playwright-chromium|@playwright\/test)$/;
/**
 * What a call leaves behind for the next one: a page (or a context, frame or element) it navigated.
 * A Browser alone is a shared resource like a connection pool: each call can open its own page.
 */
export const BROWSER_TYPES = new Set(['Page', 'BrowserContext', 'Frame', 'ElementHandle']);

/** A type that names a running process or a worker (`ChildProcess`, `ChildProcessWithoutNullStreams`, `Worker`). */
export const PROCESS_TYPE = /\b(ChildProcess\w*|Worker)\b/;

/**
 * What a collection's declared type says it holds that lives in this process only: browser pages
 * or contexts of a browser automation package, child processes or workers, connections of a
 * database package, sockets of node:net, node:tls or ws; also through a type
 * of its module (`Map<string, Session>` with `interface Session { browser: Browser; tabs:
 * Map<string, Page> }`).
 */
export function liveObjects(decl: TS.VariableDeclaration | TS.PropertyDeclaration | TS.PropertyAssignment): LiveObjects | undefined {
  let known = liveMemo.get(decl);
  if (known === undefined) liveMemo.set(decl, (known = liveObjectsOf(decl) ?? null));
  return known ?? undefined;
}

/** Per declaration, liveObjects' answer (asked at every read of the state). */
const liveMemo = new WeakMap<TS.Node, LiveObjects | null>();

/**
 * The types a declaration is written with: its annotation, and the type arguments of what it is
 * made with (`new Map<string, Page>()`). A member of an object literal (`{ shots: new Map<string,
 * Page>() }`, a store of its own: trial 63B B1) has no annotation, only what it is made with.
 */
export function typesOf(decl: TS.VariableDeclaration | TS.PropertyDeclaration | TS.ParameterDeclaration | TS.PropertyAssignment): TS.TypeNode[] {
  const init = decl.initializer ? unwrap(decl.initializer) : undefined;
  const declared = ts.isPropertyAssignment(decl) ? undefined : decl.type;
  return [...(declared ? [declared] : []), ...(init && ts.isNewExpression(init) ? (init.typeArguments ?? []) : [])];
}

/** typesOf's types as text, for a test of the names in them. */
export function typeTextOf(decl: TS.VariableDeclaration | TS.PropertyDeclaration | TS.PropertyAssignment): string {
  return typesOf(decl)
    .map((t) => t.getText())
    .join(' ');
}

function liveObjectsOf(decl: TS.VariableDeclaration | TS.PropertyDeclaration | TS.PropertyAssignment): LiveObjects | undefined {
  let text = typeTextOf(decl);
  if (!text.trim()) return undefined;
  const sf = decl.getSourceFile();
  const names = new Set(text.match(/\b[A-Z]\w*/g) ?? []);
  for (const statement of sf.statements) {
    if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && names.has(statement.name.text)) text += ` ${statement.getText(sf)}`;
  }
  if (PROCESS_TYPE.test(text)) return 'running processes';
  const imports = (packages: RegExp) => sf.statements.some((st) => ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && packages.test(st.moduleSpecifier.text));
  const typeNames = text.match(/\b[A-Z]\w*/g) ?? [];
  if (imports(BROWSER_PACKAGES) && typeNames.some((name) => BROWSER_TYPES.has(name))) return 'browser pages';
  if (databaseConnectionIn(text, sf)) return 'database connections';
  // A socket of node's net or tls modules, or of the ws package (trial 47A: telnet connections a tool opens and the next one writes to).
  return imports(SOCKET_PACKAGES) && typeNames.some((name) => SOCKET_TYPES.has(name)) ? 'open sockets' : undefined;
}

/** The modules whose sockets a collection may hold open (liveObjects). */
const SOCKET_PACKAGES = /^(node:)?(net|tls|dgram)$|^ws$/;
const SOCKET_TYPES = new Set(['Socket', 'TLSSocket', 'WebSocket']);

/**
 * Whether a type's text names a connection type of a database package the file imports: the name
 * imported from it (`import { PoolClient } from 'pg'`), or qualified by what it is imported as
 * (`pg.PoolClient`). A type of the file's own named so (`interface Transaction { payee }`) is not one.
 */
function databaseConnectionIn(text: string, sf: TS.SourceFile): boolean {
  const named = new Set<string>();
  const qualifiers = new Set<string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !DATABASE_PACKAGES.test(st.moduleSpecifier.text)) continue;
    for (const { local, exported } of importedBindings(st)) {
      if (exported === 'default' || exported === '*') qualifiers.add(local);
      else if (CONNECTION_TYPES.has(exported)) named.add(local);
    }
  }
  for (const m of text.matchAll(/\b(?:(\w+)\.)?([A-Z]\w*)\b/g)) {
    if (m[1] !== undefined ? qualifiers.has(m[1]) && CONNECTION_TYPES.has(m[2]) : named.has(m[2])) return true;
  }
  return false;
}

export interface StateTouch {
  state: ModuleState;
  changes: boolean;
  /** Whether a change replaces it as a whole (`board = []`), not only what it holds (`board.push(cell)`). */
  sets?: boolean;
  reads: boolean;
  /** The module's functions whose own code changes or reads it (touchesOf). */
  by?: Set<TS.FunctionLikeDeclaration>;
  /**
   * Every change of it is a get-or-create's fill past a lookup that returns what it found
   * (pastHitReturn): with one function in `by`, a memo however a call reaches it.
   */
  memo?: boolean;
  /**
   * Every change of it is a tally (`votes.set(option, (votes.get(option) ?? 0) + 1)`: tallies) under
   * a key made from the function's parameters at these positions: a count of what its caller chose.
   * A call that hands it none of its own caller's data there (`stats.hit('add')`) changes nothing
   * but the instance's own figures; one that hands it a tool's argument (`poll.vote(option)`) keeps
   * what callers chose, for a tool that returns it (review 94 point 3: forCall).
   */
  tallyKeys?: number[];
}

export interface ModuleCall {
  /** The call as a message names it: `addTodo()`, `todoStorage.create()`. */
  label: string;
  /** The function it runs (in the other module). */
  fn: TS.FunctionLikeDeclaration;
  touches: StateTouch[];
  /**
   * The `new` that made the object the call runs on, where the file makes it (`new Lru()` of
   * `const users = new Lru()`, or of a field): touches name state by class and field, so calls on
   * two such objects touch two states though their keys are the same.
   */
  object?: TS.NewExpression;
}

/** How many `export ... from` hops are followed. */
const HOPS = 3;

/** What `this` is in a method: the class of an instance, or an object literal. */
type Owner = TS.ClassDeclaration | TS.ObjectLiteralExpression;

/**
 * An object of functions a factory of the module returns, made once at a module's top level
 * (`export const store = createStore()`, trial 72B B8): the locals of that call of the factory the
 * functions close over (`const items = new Map()`) last as long as the process, as a module-level
 * Map does. `made`: that call (two such objects keep two Maps); `holder`: the variable it is kept
 * in, and `at` the path of the module that declares it (which findings name as the one keeping it).
 */
interface Closure {
  factory: TS.FunctionLikeDeclaration;
  made: TS.CallExpression;
  holder: string;
  at: string;
}

/** What an export of a module is, as far as its state goes. */
type Entity =
  | { kind: 'function'; fn: TS.FunctionLikeDeclaration; module: LoadedModule; owner?: Owner; closure?: Closure }
  | { kind: 'object'; members: TS.ObjectLiteralExpression; module: LoadedModule; closure?: Closure }
  | { kind: 'instance'; cls: TS.ClassDeclaration; module: LoadedModule }
  | { kind: 'class'; cls: TS.ClassDeclaration; module: LoadedModule }
  | { kind: 'state'; decl: TS.VariableDeclaration; module: LoadedModule };

/** What a local of a module (an expression or a declaration) is. */
function entityOf(node: TS.Node | undefined, module: LoadedModule, modules: ModuleSource, hops: number): Entity | undefined {
  if (!node) return undefined;
  if (ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return node.body ? { kind: 'function', fn: node, module } : undefined;
  if (ts.isClassDeclaration(node)) return { kind: 'class', cls: node, module };
  if (ts.isImportSpecifier(node) || ts.isImportClause(node)) {
    const statement = findAncestor(node, ts.isImportDeclaration);
    const specifier = statement && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
    const next = specifier !== undefined && hops > 0 ? modules.resolve(module.path, specifier) : undefined;
    const exported = ts.isImportSpecifier(node) ? (node.propertyName ?? node.name).text : 'default';
    return next && exportOf(next, exported, modules, hops - 1);
  }
  if (ts.isVariableDeclaration(node)) {
    const init = node.initializer && unwrap(node.initializer);
    if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init) || ts.isNewExpression(init))) return entityOf(init, module, modules, hops);
    // An object a factory made at the module's top level (`export const store = createStore()`).
    const factory = init && ts.isCallExpression(init) && isModuleVariable(node) && ts.isIdentifier(node.name) ? entityOf(unwrap(init.expression), module, modules, hops) : undefined;
    if (factory?.kind === 'function' && !factory.owner) return factoryObject(factory.fn, { made: init as TS.CallExpression, holder: (node.name as TS.Identifier).text, at: module.path }, factory.module);
    if (init && ts.isObjectLiteralExpression(init) && init.properties.some((p) => ts.isMethodDeclaration(p) || (ts.isPropertyAssignment(p) && resolveFunction(p.initializer)))) return { kind: 'object', members: init, module };
    return isModuleVariable(node) && stateNoun(node) ? { kind: 'state', decl: node, module } : undefined;
  }
  const e = unwrap(node);
  if (ts.isIdentifier(e)) return entityOf(resolveIdentifier(e), module, modules, hops);
  if (ts.isObjectLiteralExpression(e)) return { kind: 'object', members: e, module };
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression)) {
    const cls = resolveIdentifier(e.expression);
    return cls && ts.isClassDeclaration(cls) ? { kind: 'instance', cls, module } : undefined;
  }
  return e !== node ? entityOf(e, module, modules, hops) : undefined;
}

/**
 * The object of functions a call of a factory (`fn`, written in `module`) gives back, kept at a
 * module's top level (Closure): the object literal it returns, written there or held in a local
 * first (`const api = { put, get }; return api`), with a function among its members.
 */
function factoryObject(fn: TS.FunctionLikeDeclaration, kept: Omit<Closure, 'factory'>, module: LoadedModule): Entity | undefined {
  const returned = returnedExpressions(fn);
  let value = returned.length === 1 ? unwrap(returned[0]) : undefined;
  const local = value && ts.isIdentifier(value) ? resolveIdentifier(value) : undefined;
  if (local && ts.isVariableDeclaration(local) && local.initializer && enclosingFunction(local) === fn) value = unwrap(local.initializer);
  if (!value || !ts.isObjectLiteralExpression(value)) return undefined;
  const functions = value.properties.some((p) => ts.isMethodDeclaration(p) || (ts.isPropertyAssignment(p) && resolveFunction(p.initializer)) || (ts.isShorthandPropertyAssignment(p) && resolveFunction(p.name)));
  return functions ? { kind: 'object', members: value, module, closure: { factory: fn, ...kept } } : undefined;
}

/** `module.exports = X` and `exports.name = X` / `module.exports.name = X`: the assigned value by name ('default' for the whole). */
export function commonJsExports(sf: TS.SourceFile): Map<string, TS.Expression> {
  const found = new Map<string, TS.Expression>();
  for (const statement of sf.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression) || statement.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const { left, right } = statement.expression;
    const target = left.getText(sf);
    if (target === 'module.exports') found.set('default', right);
    else if (ts.isPropertyAccessExpression(left) && /^(module\.)?exports$/.test(left.expression.getText(sf))) found.set(left.name.text, right);
  }
  return found;
}

/** What a module exports under `name` ('default' for the default export). */
function exportOf(module: LoadedModule, name: string, modules: ModuleSource, hops = HOPS): Entity | undefined {
  return findExport(
    module,
    name,
    modules,
    hops,
    (site, at, left) => entityOf(site.kind === 'local' ? resolveIdentifier(site.node) : site.node, at, modules, left),
    (at, left) => {
      const cjs = commonJsExports(at.sourceFile);
      const assigned = cjs.get(name);
      if (assigned) return entityOf(assigned, at, modules, left);
      const whole = cjs.get('default');
      if (!whole || name === 'default') return undefined;
      const entity = entityOf(whole, at, modules, left);
      return entity && entity.kind !== 'function' && entity.kind !== 'state' ? memberEntity(entity, name) : undefined;
    },
  );
}

/** A method of an object or of an instance's class, as a function of that object. */
function memberEntity(owner: Entity, member: string): Entity | undefined {
  if (owner.kind === 'object') {
    const property = owner.members.properties.find((p) => p.name !== undefined && propertyNameText(p.name) === member);
    if (!property) return undefined;
    const fn = ts.isMethodDeclaration(property) ? property : ts.isPropertyAssignment(property) ? resolveFunction(property.initializer) : ts.isShorthandPropertyAssignment(property) ? resolveFunction(property.name) : undefined;
    return fn?.body ? { kind: 'function', fn, module: owner.module, owner: owner.members, ...(owner.closure ? { closure: owner.closure } : {}) } : undefined;
  }
  if (owner.kind === 'instance') {
    const fn = classMethod(owner.cls, member);
    return fn ? { kind: 'function', fn, module: owner.module, owner: owner.cls } : undefined;
  }
  return undefined;
}

/** What a module-level variable is as state: a collection, or a `let` (a setting, when set from a caller). */
function stateNoun(decl: TS.VariableDeclaration): StateNoun | undefined {
  const kind = collectionKind(decl);
  if (kind) return kind === 'array' ? 'list' : kind;
  return ts.isIdentifier(decl.name) && (decl.parent.flags & ts.NodeFlags.Let) !== 0 ? 'setting' : undefined;
}

/** What a field of a class is as state, by what it starts as (fieldStart); none for one it does not declare. */
function fieldNoun(cls: TS.ClassDeclaration, field: string): StateNoun | undefined {
  const { declared, start } = fieldStart(cls, field);
  return declared ? nounOfStart(start) : undefined;
}

/**
 * Whether a field of a class holds a client a package makes (madeByPackage): its calls
 * (`this.client.set(key, value)`) write outside the process, not to the field.
 */
export function clientField(cls: TS.ClassDeclaration, field: string): boolean {
  const { start } = fieldStart(cls, field);
  return !!start && madeByPackage(start);
}

/** What a field of a class starts as: its initializer, a parameter property's default, or what the constructor sets it to (`this.pool = new Pool()`). */
export function fieldStart(cls: TS.ClassLikeDeclaration, field: string): { declared: boolean; start?: TS.Expression } {
  let start: TS.Expression | undefined;
  let declared = false;
  for (const member of cls.members) {
    if (ts.isPropertyDeclaration(member) && member.name && propertyNameText(member.name) === field && !isStaticMember(member)) {
      declared = true;
      // (A declaration without one, written after the constructor that sets it, keeps what the constructor set.)
      start = member.initializer ?? start;
    }
    // A parameter property with a default (`constructor(private settings = new Settings())`).
    if (ts.isConstructorDeclaration(member) && !start) {
      const property = member.parameters.find((p) => ts.isParameterPropertyDeclaration(p, member) && p.name.text === field && p.initializer);
      if (property) {
        declared = true;
        start = property.initializer;
      }
    }
    if (ts.isConstructorDeclaration(member) && member.body && !start) {
      for (const s of member.body.statements) {
        const e = ts.isExpressionStatement(s) ? s.expression : undefined;
        if (e && ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && membersOfThis(e.left)?.join('.') === field) {
          declared = true;
          start = e.right;
        }
      }
    }
  }
  return { declared, start };
}

/**
 * Whether a field starts as an object a package makes (`new Redis(url)`, `createClient({ url })`,
 * `await new pg.Pool().connect()`): a client of a store or a service outside this process, whose
 * calls (`this.client.set(key, value)`) write there, not to the field (review 49: a Redis-backed
 * store, the very advice of the rule, was taken for a setting). Node's own modules are not such.
 */
function madeByPackage(start: TS.Expression): boolean {
  let init = unwrap(start);
  // Through an await, and a call on what a call made (`.connect()` of `new pg.Pool()`), a few steps in.
  for (let i = 0; i < 4; i++) {
    const callee = ts.isCallExpression(init) || ts.isNewExpression(init) ? unwrap(init.expression) : undefined;
    const made = callee && ts.isPropertyAccessExpression(callee) ? unwrap(callee.expression) : undefined;
    if (ts.isAwaitExpression(init)) init = unwrap(init.expression);
    else if (made && ts.isCallLikeExpression(made)) init = made;
    else break;
  }
  if (!ts.isNewExpression(init) && !ts.isCallExpression(init)) return false;
  const root = accessRoot(init.expression);
  const module = ts.isIdentifier(root) ? sourceModuleOf(root) : undefined;
  return !!module && !/^(\.|#)/.test(module) && !isBuiltin(module);
}

/**
 * A store of the mcp-state module explicit-handles writes beside the code (`private carts =
 * handleState<string[]>('carts')`, imported from './mcp-state.js'): its entries live in the shared
 * store every instance reaches, under the handle a tool takes, not in the field (trial 57A B4: fix
 * marked its own rewrite of a class's field as state).
 */
export function sharedStateStore(start: TS.Expression): boolean {
  const init = unwrap(start);
  const callee = ts.isCallExpression(init) ? unwrap(init.expression) : undefined;
  // (handleState by the name the module exports: a module of the application's own named mcp-state may hold anything, review 74.)
  const imported = callee && ts.isIdentifier(callee) ? importOf(callee) : undefined;
  return imported?.exported === 'handleState' && /^\.{1,2}\/(?:.*\/)?mcp-state(?:\.[cm]?[jt]s)?$/.test(imported.module);
}

/** What a field or property is as state, by what it starts as: a collection, or else a setting; none for a package's client (madeByPackage). */
function nounOfStart(start: TS.Expression | undefined): StateNoun | undefined {
  if (start && (madeByPackage(start) || sharedStateStore(start))) return undefined;
  const init = start && unwrap(start);
  if (init && ts.isArrayLiteralExpression(init)) return 'list';
  if (init && ts.isObjectLiteralExpression(init)) return 'object';
  if (init && ts.isNewExpression(init) && ts.isIdentifier(init.expression) && /^(Map|Set)$/.test(init.expression.text)) return init.expression.text as 'Map' | 'Set';
  return 'setting';
}

/** What a property of an object literal starts as (`todos: []`); none for a method. */
function propertyNoun(object: TS.ObjectLiteralExpression, name: string): StateNoun | undefined {
  const property = object.properties.find((p) => p.name !== undefined && propertyNameText(p.name) === name);
  return property && ts.isPropertyAssignment(property) && !resolveFunction(property.initializer) ? nounOfStart(property.initializer) : undefined;
}

interface Scope {
  module: LoadedModule;
  /** What `this.x` names a field of, in a method of an instance or of an object. */
  owner?: Owner;
  /** For the functions of an object a factory made at a module's top level: the factory call whose locals they close over. */
  closure?: Closure;
  /**
   * For the object a tool handler runs on (ownClassTouches): 'caller' where a field stepped by
   * what the caller handed (`this.acc += n`) is a change, as `this.acc = this.acc + n` is; 'all'
   * where that object lasts one session (made with each session's server), so that a counter it
   * steps (`this.n++`, `this.score += 1`) and the count of a list it keeps (`this.tasks.length`)
   * are what one call leaves for the next too, as they are in a closure of the server's factory
   * (trial 71A B1). A module's counters stay its own figures (trial 25A).
   */
  steps?: 'caller' | 'all';
}

/** A field of a class's object or a property of an object literal, as state (none for a method, or one named as the instance's own). */
function fieldState(owner: Owner, field: string, module: LoadedModule): ModuleState | undefined {
  const noun = ts.isClassDeclaration(owner) ? fieldNoun(owner, field) : propertyNoun(owner, field);
  if (!noun || (noun === 'list' ? namedRecord : namedOwnState)(field)) return undefined;
  const holder = ts.isClassDeclaration(owner) ? owner.name?.text : ts.isVariableDeclaration(owner.parent) && ts.isIdentifier(owner.parent.name) ? owner.parent.name.text : undefined;
  // What a class's field holds that lives in this process only (`active = new Map<string, ChildProcess>()`, trial 29C).
  const declared = ts.isClassDeclaration(owner) ? owner.members.find((m): m is TS.PropertyDeclaration => ts.isPropertyDeclaration(m) && propertyNameText(m.name) === field) : undefined;
  const live = declared && liveObjects(declared);
  const start = ts.isClassDeclaration(owner) ? fieldStart(owner, field).start : undefined;
  const counter = noun === 'setting' && !!start && ts.isNumericLiteral(unwrap(start));
  return { key: `${module.path}#${owner.pos}.${field}`, name: `${holder ?? 'this'}.${field}`, noun, module: module.path, ...(ts.isClassDeclaration(owner) ? { field: true } : {}), ...(live ? { live } : {}), ...(counter ? { counter } : {}) };
}

/** Calls that pick an entry of a collection: a change of what they return changes the collection. */
const ENTRY_PICKS = /^(get|find|findLast|at)$/;

/** The object an access starts from, also through the picking of an entry (`carts.get(id).push(item)` → carts). */
function entryRoot(node: TS.Node): TS.Node {
  let root = unwrap(node);
  for (;;) {
    if (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root) || ts.isNonNullExpression(root)) root = unwrap(root.expression);
    else if (ts.isCallExpression(root) && ts.isPropertyAccessExpression(unwrap(root.expression)) && ENTRY_PICKS.test((unwrap(root.expression) as TS.PropertyAccessExpression).name.text)) root = unwrap((unwrap(root.expression) as TS.PropertyAccessExpression).expression);
    else return root;
  }
}

/**
 * A change made only when what it changes is missing (`if (!b) { b = []; map.set(id, b) }`, `if
 * (!cache.has(url)) cache.set(...)`): an entry made the first time it is asked for, by the module.
 */
function madeWhenMissing(at: TS.Node, fn: TS.FunctionLikeDeclaration): boolean {
  for (let n: TS.Node = at; n.parent && n !== fn; n = n.parent) {
    const branch = n.parent;
    if (!ts.isIfStatement(branch) || branch.thenStatement !== n) continue;
    const test = unwrap(branch.expression);
    if ((ts.isPrefixUnaryExpression(test) && test.operator === ts.SyntaxKind.ExclamationToken) || (ts.isBinaryExpression(test) && (isNullish(test.left) || isNullish(test.right)))) return true;
  }
  return false;
}

/**
 * A get-or-create's fill: a change made only past a lookup of the state that returns what it
 * found (`if (url in upstreams) return upstreams[url]; ... upstreams[url] = made`, `const hit =
 * cache.get(k); if (hit) return hit;`, or in the else of such an if). Not past a limit's early
 * return (`if (notes.length >= 100) return 'full'`): what it returns is not the state's. A getter
 * whose only changes are such fills is a memo (StateTouch.memo).
 */
function pastHitReturn(at: TS.Node, fn: TS.FunctionLikeDeclaration, name: string): boolean {
  const mentions = new RegExp(`\\b${escapeRegExp(name)}\\b`);
  // The state itself, or a local taken from it, anywhere in the expression (`if (known !== undefined) return known`).
  const readsState = (e: TS.Expression) =>
    mentions.test(e.getText()) ||
    someNode(e, (n) => {
      const init = ts.isIdentifier(n) ? resolveInitializer(n) : undefined;
      return !!init && mentions.test(init.getText());
    });
  const returnsHit = (st: TS.Statement) => {
    if (!ts.isIfStatement(st)) return false;
    const then = ts.isBlock(st.thenStatement) && st.thenStatement.statements.length === 1 ? st.thenStatement.statements[0] : st.thenStatement;
    return ts.isReturnStatement(then) && !!then.expression && readsState(st.expression) && readsState(then.expression);
  };
  for (let n: TS.Node = at; n.parent && n !== fn; n = n.parent) {
    const holder = n.parent;
    if (ts.isIfStatement(holder) && holder.elseStatement === n && returnsHit(holder)) return true;
    if (ts.isBlock(holder) || ts.isSourceFile(holder)) {
      const before = holder.statements.slice(0, holder.statements.indexOf(n as TS.Statement));
      if (before.some(returnsHit)) return true;
    }
  }
  return false;
}

/** Whether a use of a whole collection only counts it (`todos.length`, `hits.size`): a figure of this process, not what a call left. */
export function countsOnly(n: TS.Node): boolean {
  const parent = n.parent;
  return ts.isPropertyAccessExpression(parent) && parent.expression === n && /^(size|length)$/.test(parent.name.text);
}

/** The state an access names in `scope`: a module-level variable of the module, or a field of the class. */
function stateAt(target: TS.Node, scope: Scope): { state: ModuleState; whole: boolean; decl: TS.Node } | undefined {
  const owner = scope.owner;
  const fields = owner ? membersOfThis(target) : undefined;
  if (fields && fields.length > 0 && owner) {
    const state = fieldState(owner, fields[0], scope.module);
    return state && { state, whole: fields.length === 1, decl: owner };
  }
  const root = entryRoot(target);
  const decl = ts.isIdentifier(root) ? resolveIdentifier(root) : undefined;
  const closed = scope.closure && closureState(decl, scope.closure, scope.module);
  if (closed) return { ...closed, whole: unwrap(target) === root };
  if (!isModuleVariable(decl) || decl.getSourceFile() !== scope.module.sourceFile || !ts.isIdentifier(decl.name)) return undefined;
  const noun = stateNoun(decl);
  const name = decl.name.text;
  if (!noun || (noun === 'list' ? namedRecord : namedOwnState)(name)) return undefined;
  const live = liveObjects(decl);
  return { state: { key: `${scope.module.path}#${decl.pos}`, name, noun, module: scope.module.path, ...(live ? { live } : {}) }, whole: unwrap(target) === root, decl };
}

/**
 * A local of a factory the functions of its object close over (`items` of `createStore()`,
 * Closure), as state: one per call that made the object, named by the variable that holds it
 * (`store.items`). What a module-level variable would be (stateNoun), and not a cache by its name
 * or its object's.
 */
function closureState(decl: TS.Node | undefined, closure: Closure, module: LoadedModule): { state: ModuleState; decl: TS.Node } | undefined {
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || enclosingFunction(decl) !== closure.factory) return undefined;
  const noun = stateNoun(decl);
  const name = decl.name.text;
  // (Nor the locals of an object named a cache, `const pageCache = createStore()`: its get and set
  // say nothing of where what it keeps comes from, so the name is all there is, as for a field.)
  if (!noun || (noun === 'list' ? namedRecord : namedOwnState)(name) || namedOwnState(closure.holder)) return undefined;
  const live = liveObjects(decl);
  const key = `${module.path}#${decl.pos}@${closure.at}:${closure.made.pos}`;
  return { state: { key, name: `${closure.holder}.${name}`, noun, module: closure.at, ...(live ? { live } : {}) }, decl };
}

/**
 * A change of what a function of the module returns, when that is an entry of its state
 * (`bucket(id).push(t)`, `bucket` returning `sessions.get(id)` or the entry it made for it).
 */
function returnedEntry(target: TS.Node, scope: Scope): ReturnType<typeof stateAt> {
  const call = entryRoot(target);
  const fn = ts.isCallExpression(call) ? moduleFunction(call, scope) : undefined;
  if (!fn) return undefined;
  for (const returned of returnedExpressions(fn)) {
    const value = unwrap(returned);
    const local = ts.isIdentifier(value) ? resolveIdentifier(value) : undefined;
    const start = local && ts.isVariableDeclaration(local) && local.initializer ? local.initializer : value;
    const found = stateAt(start, scope);
    if (found && !found.whole) return { ...found, whole: false };
  }
  return undefined;
}

/** The functions of the module a body calls (by name, or `this.method()` of the class). */
function calledInModule(body: TS.Node, scope: Scope): TS.FunctionLikeDeclaration[] {
  const found: TS.FunctionLikeDeclaration[] = [];
  walk(body, (n) => {
    const fn = ts.isCallExpression(n) ? moduleFunction(n, scope) : undefined;
    if (fn) found.push(fn);
    return undefined;
  });
  return found;
}

/** The function of the module a call runs: one by name, or `this.method()` of the class or object. */
function moduleFunction(call: TS.CallExpression, scope: Scope): TS.FunctionLikeDeclaration | undefined {
  const callee = unwrap(call.expression);
  let fn: TS.FunctionLikeDeclaration | undefined;
  if (ts.isIdentifier(callee)) {
    const decl = resolveIdentifier(callee);
    if (decl && decl.getSourceFile() === scope.module.sourceFile) fn = ts.isFunctionDeclaration(decl) ? decl : ts.isVariableDeclaration(decl) ? resolveFunction(decl.initializer) : undefined;
  } else if (scope.owner && ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const owner: Entity = ts.isClassDeclaration(scope.owner) ? { kind: 'instance', cls: scope.owner, module: scope.module } : { kind: 'object', members: scope.owner, module: scope.module };
    const entity = memberEntity(owner, callee.name.text);
    fn = entity?.kind === 'function' ? entity.fn : undefined;
  }
  return fn?.body ? fn : undefined;
}

/** What a function (and the module's functions it calls, two levels down) changes and reads of the module's state. */
function touchesOf(fn: TS.FunctionLikeDeclaration, scope: Scope): StateTouch[] {
  const byKey = new Map<string, StateTouch>();
  const touch = (state: ModuleState, f: TS.FunctionLikeDeclaration) => {
    let t = byKey.get(state.key);
    if (!t) byKey.set(state.key, (t = { state, changes: false, reads: false, by: new Set() }));
    t.by!.add(f);
    return t;
  };
  const seen = new Set<TS.Node>([fn]);
  /** The states some change of which is no tally keyed by the function's parameters (StateTouch.tallyKeys). */
  const untallied = new Set<string>();
  /** Per function the handler reaches, the calls of the functions visited before that run it. */
  const callsOf = new Map<TS.FunctionLikeDeclaration, { call: TS.CallExpression; from: TS.FunctionLikeDeclaration }[]>();
  /** The parameters of `fn` that the parameters `at` of `g` are handed from, through the calls that reach `g`. */
  const keyParameters = (g: TS.FunctionLikeDeclaration, at: number[], depth = 3): number[] => {
    if (g === fn) return at;
    const handed = (callsOf.get(g) ?? []).flatMap(({ call, from }) => at.flatMap((i) => (i < call.arguments.length && callersKey(call.arguments[i], from) && depth > 0 ? keyParameters(from, parametersIn(call.arguments[i], from), depth - 1) : [])));
    return [...new Set(handed)];
  };
  // (Every function the handler reaches, where a step up finds its step down: countedStep.)
  // (Only a scope that counts steps asks: countedStep.)
  const reached = scope.steps ? reachedFrom(fn, scope) : [];
  const undoneIn = new Set(reached.flatMap((g) => finallyBlocks(g.body!).flatMap((block) => calledInModule(block, scope))));
  let frontier = [fn];
  for (let level = 0; level < 3 && frontier.length > 0; level++) {
    const next: TS.FunctionLikeDeclaration[] = [];
    for (const f of frontier) {
      const changes = changesIn(f.body!).flatMap((change) => {
        const found = change.how === 'step' && !countedStep(change, f, scope, reached, undoneIn) ? undefined : (stateAt(change.target, scope) ?? returnedEntry(change.target, scope));
        return found ? [{ ...change, found }] : [];
      });
      const written = new Set(changes.map((c) => unwrap(c.target)));
      /** Per state, where the function first reads it. */
      const firstRead = new Map<string, number>();
      walk(f.body!, (n) => {
        const access = ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword ? n : undefined;
        if (!access && !(ts.isIdentifier(n) && !isPropertyName(n))) return undefined;
        if (written.has(n) || (ts.isBinaryExpression(n.parent) && n.parent.left === n && n.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken)) return undefined;
        // A write-only call as a statement of its own (`todos.push(todo);`) reads nothing.
        const found = stateAt(n, scope);
        // A field of the tools' object read only in a log line (`console.error(`${this.calls} echoes`)`)
        // changes no answer: a diagnostic, not a read one call makes of what another left (trial 89 point 4).
        if (found && scope.steps && inLogLine(n)) return access ? false : undefined;
        if (found && !writeOnly(n) && !(found.whole && countsOnly(n) && scope.steps !== 'all') && !keepsItself(n)) {
          touch(found.state, f).reads = true;
          if (!firstRead.has(found.state.key)) firstRead.set(found.state.key, n.pos);
        }
        return access ? false : undefined;
      });
      for (const { at, how, found } of changes) {
        // (A step's value is its right side: `n` of `this.acc += n`; none for `this.n++`.)
        const value = how === 'step' ? steppedBy(at) : storedValue(at, how);
        // A counter stepped where the object lasts one session: what the calls leave, whatever the step (countedStep).
        const counted = how === 'step' && scope.steps === 'all';
        // A setting is the caller's choice (`currentProject = name`, also kept in what it holds:
        // `board.push(cell)`), or what a tool itself starts afresh (`board = []` in new_game,
        // `phase = 'playing'`, trial 39A); a token fetched, a flag raised by a helper is not.
        if (found.state.noun === 'setting' && !(counted || (value && fromParameters(value, f)) || (level === 0 && how === 'set' && found.whole && value && ts.isVariableDeclaration(found.decl) && startsAfresh(value, found.decl, at, f.body!)))) continue;
        // An entry made the first time it is asked for (`map.get(k) ?? map.set(k, fresh)`, a
        // budget or a memo): made by the module, from nothing the caller chose.
        if (found.state.noun !== 'setting' && !counted && ((value && !fromParameters(value, f) && (firstRead.get(found.state.key) ?? Infinity) < at.pos) || madeWhenMissing(at, f))) continue;
        // An entry stepped by a constant (`counts.set(k, (counts.get(k) ?? 0) + 1)`): a count of
        // calls, the instance's own figure as a stepped counter is, unless the object lasts one
        // session (review 92 point 7: a closure's per-tool call counter). Under a key made from
        // what the function is handed (`votes.set(option, ...)`, review 94 point 3), it counts what
        // its callers chose: a change, which a call judges by what it hands there (tallyKeys, forCall).
        let keyedBy: number[] | undefined;
        if (found.state.noun !== 'setting' && scope.steps !== 'all' && value && tallies(value, found.state.key, scope)) {
          const key = storedKey(at, how);
          keyedBy = key && callersKey(key, f) ? keyParameters(f, parametersIn(key, f)) : [];
          if (keyedBy.length === 0) continue;
        }
        const t = touch(found.state, f);
        if (!keyedBy) untallied.add(found.state.key);
        else t.tallyKeys = [...new Set([...(t.tallyKeys ?? []), ...keyedBy])];
        t.changes = true;
        // (A memo while every change is a get-or-create's fill.)
        t.memo = t.memo !== false && pastHitReturn(at, f, found.state.name.slice(found.state.name.lastIndexOf('.') + 1));
        if (how === 'set' && found.whole) t.sets = true;
      }
      walk(f.body!, (n) => {
        const g = ts.isCallExpression(n) ? moduleFunction(n, scope) : undefined;
        if (!g) return undefined;
        (callsOf.get(g) ?? callsOf.set(g, []).get(g)!).push({ call: n as TS.CallExpression, from: f });
        if (!seen.has(g)) {
          seen.add(g);
          next.push(g);
        }
        return undefined;
      });
    }
    frontier = next;
  }
  for (const t of byKey.values()) if (t.tallyKeys && untallied.has(t.state.key)) delete t.tallyKeys;
  return [...byKey.values()].filter((t) => t.changes || t.reads);
}

/**
 * Whether a stored value steps, by a constant, what the state holds under the same entry (`(counts.get(k)
 * ?? 0) + 1`, `(hits[k] || 0) - 1`, `this.counts.get(k)! + 1`): a tally of calls, no data of the
 * caller's, as stateful-tool judges the same write in a tool of the file (callerData).
 */
function tallies(value: TS.Node, key: string, scope: Scope): boolean {
  const v = unwrap(value);
  if (!ts.isBinaryExpression(v) || (v.operatorToken.kind !== ts.SyntaxKind.PlusToken && v.operatorToken.kind !== ts.SyntaxKind.MinusToken)) return false;
  const [read, by] = ts.isNumericLiteral(unwrap(v.right)) ? [unwrap(v.left), v.right] : [unwrap(v.right), v.left];
  if (!ts.isNumericLiteral(unwrap(by))) return false;
  const entry = isFallback(read) && ts.isNumericLiteral(unwrap(read.right)) ? read.left : read;
  const found = stateAt(entry, scope);
  return !!found && !found.whole && found.state.key === key;
}

/** Whether a tally's key is made from what a function's caller handed it, other than the name of the tool a request calls (isToolName). */
function callersKey(key: TS.Expression, fn: TS.FunctionLikeDeclaration): boolean {
  return fromParameters(key, fn) && !isToolName(key, fn);
}

/** The positions of the parameters of `fn` a value names; all of them where it is made from them through a local. */
function parametersIn(value: TS.Node, fn: TS.FunctionLikeDeclaration): number[] {
  const parameterOf = (n: TS.Node) => {
    const decl = ts.isIdentifier(n) && !isPropertyName(n) ? resolveIdentifier(n) : undefined;
    return decl && (ts.isParameter(decl) ? decl : findAncestor(decl, ts.isParameter));
  };
  const named = fn.parameters.flatMap((p, i) => (someNode(value, (n) => parameterOf(n) === p) ? [i] : []));
  return named.length > 0 ? named : fn.parameters.map((_, i) => i);
}

/**
 * A call's own view of what the function it runs touches: a tally keyed by the function's
 * parameters (StateTouch.tallyKeys) is no change where the call hands none of its own caller's
 * data there (`stats.hit('add')`, `hit(toolName)` in a wrapper's handler), a count of what callers
 * chose where it does (`poll.vote(option)` in a tool, review 94 point 3).
 */
function forCall(found: ModuleCall, call: TS.CallExpression): ModuleCall {
  if (!found.touches.some((t) => t.tallyKeys)) return found;
  const within = enclosingFunction(call);
  const callers = (t: StateTouch) => !!within && t.tallyKeys!.some((i) => i < call.arguments.length && callersKey(call.arguments[i], within));
  return { ...found, touches: found.touches.flatMap((t) => (!t.tallyKeys || callers(t) ? [t] : t.reads ? [{ ...t, changes: false }] : [])) };
}

/** The function and the module's functions it calls, two levels down (the functions touchesOf visits). */
function reachedFrom(fn: TS.FunctionLikeDeclaration, scope: Scope): TS.FunctionLikeDeclaration[] {
  const reached = [fn];
  let frontier = [fn];
  for (let level = 1; level < 3 && frontier.length > 0; level++) {
    frontier = frontier.flatMap((f) => calledInModule(f.body!, scope)).filter((g) => !reached.includes(g));
    reached.push(...new Set(frontier));
  }
  return reached;
}

/** Whether a read only feeds a log line: an argument of console.*, a logger's call, or `sendLoggingMessage`. */
function inLogLine(n: TS.Node): boolean {
  for (let at: TS.Node = n; at.parent && !isFunctionLike(at.parent) && !ts.isStatement(at.parent); at = at.parent) {
    const call = at.parent;
    if (ts.isCallExpression(call) && call.arguments.includes(at as TS.Expression)) return isLogCall(call) || calleeName(call) === 'sendLoggingMessage';
  }
  return false;
}

/** What a step adds: `n` of `this.acc += n`; none for `this.n++`. */
function steppedBy(at: TS.Node): TS.Expression | undefined {
  return ts.isBinaryExpression(at) ? at.right : undefined;
}

/**
 * Whether a step of a field of the object a handler runs on is a change of it (Scope.steps): by
 * what the caller handed (`this.acc += n`), or any step where the object lasts one session. Not a
 * value made the first time it is needed (`this.page ??= await browser.newPage()`, the object's
 * own, as `client ??= connect()` is a module's), nor one stepped back in what the handler reaches
 * (`this.inFlight++` ... `this.inFlight--`, a count of calls running, which no later call finds
 * changed): in the same function, or in helpers it calls (`acquire()` ... `release()`, trial 89
 * point 3).
 */
function countedStep(change: Change, fn: TS.FunctionLikeDeclaration, scope: Scope, reached: readonly TS.FunctionLikeDeclaration[], undoneIn: ReadonlySet<TS.FunctionLikeDeclaration>): boolean {
  if (!scope.steps || !membersOfThis(change.target)?.length || madeLazily(change.at)) return false;
  const value = steppedBy(change.at);
  if (scope.steps === 'caller' && !(value && fromParameters(value, fn))) return false;
  const direction = stepDirection(change.at);
  const target = unwrap(change.target).getText();
  // Stepped back on every path of the same call (review 90 point 2: a score a vote raises in
  // upvote() and lowers in downvote() is no count of calls running): in a `finally` block, in a
  // helper called from one (`finally { this.release(); }`), or later in the same block.
  // (`undoneIn`: the functions called from a `finally` block of those reached, made once by touchesOf.)
  // (Either of the two may be the one judged: `x++` before a `finally { x-- }`, or that `x--`.)
  // Also a helper that steps back, called later in the same block as the call or the step that
  // raised (`this.enter(); ...; this.leave();`, review 91 point 1).
  const undoes = (c: Change, g: TS.FunctionLikeDeclaration) =>
    inFinally(c.at) || inFinally(change.at) || undoneIn.has(g) || undoneIn.has(fn) || (g === fn && (laterInBlock(change.at, c.at) || laterInBlock(c.at, change.at))) || calledInOrder(reached, scope, [fn, change.at], [g, c.at]) || calledInOrder(reached, scope, [g, c.at], [fn, change.at]);
  return !reached.some((g) => changesIn(g.body!).some((c) => c.how === 'step' && c !== change && stepDirection(c.at) === -direction && direction !== 0 && unwrap(c.target).getText() === target && undoes(c, g)));
}

/**
 * Whether, in a block of one of the functions reached, a statement that makes `first` (holds its
 * node, or calls its function) comes before one that makes `then`: both run, in that order.
 */
function calledInOrder(reached: readonly TS.FunctionLikeDeclaration[], scope: Scope, first: [TS.FunctionLikeDeclaration, TS.Node], then: [TS.FunctionLikeDeclaration, TS.Node]): boolean {
  const makes = (statement: TS.Statement, [fn, at]: [TS.FunctionLikeDeclaration, TS.Node]) => (at.pos >= statement.pos && at.end <= statement.end) || calledInModule(statement, scope).includes(fn);
  for (const h of reached) {
    let found = false;
    walk(h.body!, (n) => {
      if (found) return false;
      if (n !== h.body && isFunctionLike(n)) return false;
      if (!ts.isBlock(n)) return undefined;
      const i = n.statements.findIndex((st) => makes(st, first));
      if (i !== -1 && n.statements.slice(i + 1).some((st) => makes(st, then))) found = true;
      return undefined;
    });
    if (found) return true;
  }
  return false;
}

/** The `finally` blocks of a function's own body (not of functions nested in it). */
function finallyBlocks(body: TS.Node): TS.Block[] {
  const found: TS.Block[] = [];
  walk(body, (n) => {
    if (n !== body && isFunctionLike(n)) return false;
    if (ts.isTryStatement(n) && n.finallyBlock) found.push(n.finallyBlock);
    return undefined;
  });
  return found;
}

/** Whether a node sits in a `finally` block of its own function. */
function inFinally(node: TS.Node): boolean {
  for (let n: TS.Node = node; n.parent && !isFunctionLike(n); n = n.parent) if (ts.isTryStatement(n.parent) && n.parent.finallyBlock === n) return true;
  return false;
}

/** Whether `later`'s statement follows `first`'s in the same block: both run, in that order, on every path through it. */
function laterInBlock(first: TS.Node, later: TS.Node): boolean {
  const statementIn = (n: TS.Node) => findAncestor(n, (a): a is TS.Statement => ts.isStatement(a) && ts.isBlock(a.parent));
  const a = statementIn(first);
  const b = statementIn(later);
  return !!a && !!b && a.parent === b.parent && a.pos < b.pos;
}

/** Whether a step is a logical assignment (`x ??= v`, `x ||= v`, `x &&= v`): a value made when missing. */
function madeLazily(at: TS.Node): boolean {
  if (!ts.isBinaryExpression(at)) return false;
  const token = at.operatorToken.kind;
  return token === ts.SyntaxKind.QuestionQuestionEqualsToken || token === ts.SyntaxKind.BarBarEqualsToken || token === ts.SyntaxKind.AmpersandAmpersandEqualsToken;
}

/** Whether a step counts up (1: `x++`, `x += v`), down (-1: `x--`, `x -= v`), or is another (0: `x *= v`). */
function stepDirection(at: TS.Node): number {
  const token = ts.isBinaryExpression(at) ? at.operatorToken.kind : (at as TS.PrefixUnaryExpression | TS.PostfixUnaryExpression).operator;
  if (token === ts.SyntaxKind.PlusPlusToken || token === ts.SyntaxKind.PlusEqualsToken) return 1;
  return token === ts.SyntaxKind.MinusMinusToken || token === ts.SyntaxKind.MinusEqualsToken ? -1 : 0;
}

/**
 * A read of a field of the state that only keeps that field in shape: its count
 * (`health.errors.length > 10`), or its value stored back into it (`health.errors =
 * health.errors.slice(-10)`), a buffer trimming itself (trial 34A). What a call returns does not
 * depend on it.
 */
function keepsItself(n: TS.Node): boolean {
  let held = n;
  while (ts.isPropertyAccessExpression(held.parent) && held.parent.expression === held) held = held.parent;
  if (held === n) return false;
  const field = (held as TS.PropertyAccessExpression).name.text;
  // The read's chain without its last member: `health.errors` of `health.errors.length` or `health.errors.slice`.
  const chain = (held as TS.PropertyAccessExpression).expression.getText();
  if (/^(length|size)$/.test(field)) {
    // `if (x.f.length > 10) x.f = ...` / `x.f.shift()`: a count tested only to trim the same field.
    const test = findAncestor(held, (a) => ts.isStatement(a) || isFunctionLike(a));
    if (!test || !ts.isIfStatement(test) || !(test.expression.pos <= held.pos && held.end <= test.expression.end)) return false;
    const escaped = escapeRegExp(chain);
    return new RegExp(`${escaped}\\s*=[^=]|${escaped}\\.(shift|splice|pop|delete|clear)\\(`).test(test.thenStatement.getText());
  }
  for (let p: TS.Node = held.parent; p && !ts.isStatement(p) && !isFunctionLike(p); p = p.parent) {
    if (isAssignment(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right.pos <= n.pos && n.end <= p.right.end) return unwrap(p.left).getText() === chain;
  }
  return false;
}

/**
 * `list.push(x);`, `map.set(k, v);` as a statement, or the same on a field of the state
 * (`health.errors.push(e);`), or an assignment to a field (`health.lastOk = now`): a write, not a
 * read. Telemetry that handlers only record into is no state a call's result depends on (trial 34A).
 */
function writeOnly(n: TS.Node): boolean {
  let held = n;
  while ((ts.isPropertyAccessExpression(held.parent) || ts.isElementAccessExpression(held.parent)) && held.parent.expression === held && (ts.isPropertyAccessExpression(held.parent.parent) || ts.isElementAccessExpression(held.parent.parent) || (isAssignment(held.parent.parent) && held.parent.parent.left === held.parent))) held = held.parent;
  if (held !== n && isAssignment(held.parent) && held.parent.left === held && held.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return true;
  const access = held.parent;
  if (!ts.isPropertyAccessExpression(access) || access.expression !== held || !ts.isCallExpression(access.parent) || access.parent.expression !== access) return false;
  return /^(push|unshift|add|set|delete|clear|splice)$/.test(access.name.text) && ts.isExpressionStatement(access.parent.parent);
}

/** What a reference of the file at `fromPath` names in another module of the run (moduleExportOf's import or require, followed there). */
function exportNamed(node: TS.Node, fromPath: string, modules: ModuleSource): Entity | undefined {
  const where = moduleExportOf(node);
  const module = where && modules.resolve(fromPath, where.module);
  return module && exportOf(module, where!.exported, modules);
}

/** The function of another module of the run a name of the file at `fromPath` is bound to (`register` of `import { register } from './registry.js'`). */
export function importedFunction(name: TS.Identifier, fromPath: string, modules: ModuleSource): TS.FunctionLikeDeclaration | undefined {
  return importedFunctionAt(name, fromPath, modules)?.fn;
}

/** The class of another module of the run a name (a value or a type) of the file at `fromPath` is bound to (`McpProvider` of `import { McpProvider } from './providers/mcp.js'`). */
export function importedClass(name: TS.Identifier, fromPath: string, modules: ModuleSource): TS.ClassDeclaration | undefined {
  return importedClassAt(name, fromPath, modules)?.cls;
}

/** importedClass's class of an expression (a name, or a namespace import's member), with the module it is written in (through re-exports). */
export function importedClassAt(e: TS.Expression, fromPath: string, modules: ModuleSource): { cls: TS.ClassDeclaration; module: LoadedModule } | undefined {
  const entity = exportNamed(e, fromPath, modules);
  return entity?.kind === 'class' ? { cls: entity.cls, module: entity.module } : undefined;
}

/**
 * What a call of a method (`store.append(id, text)`) does to the fields of an object made of a
 * class another module of the run writes (`new TodoStore()`, written in the file at `madeIn`): a
 * module-level object of the file (resolveCall), or one a tools' factory is handed (stateful-tool,
 * trial 44B).
 */
export function importedInstanceCall(call: TS.CallExpression, made: TS.NewExpression, madeIn: string, modules: ModuleSource): ModuleCall | undefined {
  const cls = ts.isPropertyAccessExpression(unwrap(call.expression)) ? importedClassAt(made.expression, madeIn, modules) : undefined;
  const found = cls && instanceCall(call, cls.cls, cls.module);
  return found && { ...found, object: made };
}

/**
 * A read of a field of an object of a class `cls` of `module` (`this.settings.folder`, named so by
 * `label`), as a call of `fn` (the handler that makes it, as moduleCalls counts calls) that reads that state; none where the field
 * is not state.
 */
export function instanceFieldRead(field: string, label: string, cls: TS.ClassDeclaration, module: LoadedModule, fn: TS.FunctionLikeDeclaration): ModuleCall | undefined {
  const state = fieldState(cls, field, module);
  return state && { label, fn, touches: [{ state, changes: false, reads: true }] };
}

/** What a call of a method (`pool.open(host)`) does to the fields of an object of a class `cls` of `module`. */
export function instanceCall(call: TS.CallExpression, cls: TS.ClassDeclaration, module: LoadedModule): ModuleCall | undefined {
  const callee = unwrap(call.expression);
  const entity = ts.isPropertyAccessExpression(callee) ? memberEntity({ kind: 'instance', cls, module }, callee.name.text) : undefined;
  return entity?.kind === 'function' ? functionCall(call, entity) : undefined;
}

const functionTouchesMemo = new WeakMap<TS.FunctionLikeDeclaration, StateTouch[]>();
/** The same per factory call, for the functions of an object a factory made (Closure): each call's locals are state of their own. */
const closureTouchesMemo = new WeakMap<TS.CallExpression, WeakMap<TS.FunctionLikeDeclaration, StateTouch[]>>();

/** A call of a function of another module as moduleCall tells it: its touches, worked out once per function (its module and owner are its own). */
function functionCall(call: TS.CallExpression, entity: Entity & { kind: 'function' }): ModuleCall {
  const closure = entity.closure;
  let memo = closure ? closureTouchesMemo.get(closure.made) : functionTouchesMemo;
  if (!memo) closureTouchesMemo.set(closure!.made, (memo = new WeakMap()));
  let touches = memo.get(entity.fn);
  if (!touches) memo.set(entity.fn, (touches = touchesOf(entity.fn, { module: entity.module, owner: entity.owner, ...(closure ? { closure } : {}) })));
  return forCall({ label: callLabel(call), fn: entity.fn, touches }, call);
}

/**
 * The exported `const`/`let` of another module of the run a name of the file at `fromPath` is
 * bound to (`transport` of `import { transport } from './transport.js'`, declared there as
 * `export const transport = new ...`): its declaration, else undefined.
 */
export function importedVariable(name: TS.Identifier, fromPath: string, modules: ModuleSource): TS.VariableDeclaration | undefined {
  return importedDeclaration(name, fromPath, modules)?.decl;
}

/** importedVariable's declaration, with the module it is written in (through re-exports, not the one imported); also of a namespace's member (`store.todos`). */
export function importedDeclaration(name: TS.Identifier | TS.PropertyAccessExpression, fromPath: string, modules: ModuleSource): { decl: TS.VariableDeclaration; module: LoadedModule } | undefined {
  const where = moduleExportOf(name);
  const module = where && modules.resolve(fromPath, where.module);
  if (!module) return undefined;
  return findExport(
    module,
    where!.exported,
    modules,
    HOPS,
    (site, at) => {
      const decl = site.kind === 'variable' ? site.node : site.kind === 'local' ? resolveIdentifier(site.node) : undefined;
      return decl && ts.isVariableDeclaration(decl) ? { decl, module: at } : undefined;
    },
    () => undefined,
  );
}

/**
 * The function of another module of the run an expression of the file at `fromPath` names, and
 * that module: an imported function (`navigate` of `import { navigate } from './tools.js'`) or a
 * method of an imported object (`navigate.handler`, of `export const navigate = { name, handler }`).
 */
export function importedFunctionAt(e: TS.Expression, fromPath: string, modules: ModuleSource): { fn: TS.FunctionLikeDeclaration; module: LoadedModule } | undefined {
  const node = unwrap(e);
  let entity = ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) ? exportNamed(node, fromPath, modules) : undefined;
  if (!entity && ts.isPropertyAccessExpression(node)) {
    const owner = exportNamed(unwrap(node.expression), fromPath, modules);
    entity = owner && memberEntity(owner, node.name.text);
  }
  return entity?.kind === 'function' ? { fn: entity.fn, module: entity.module } : undefined;
}

/** The method (or function-valued field) an object of a class runs by a name: not a static one. */
export function classMethod(cls: TS.ClassLikeDeclaration, member: string): TS.FunctionLikeDeclaration | undefined {
  const method = cls.members.find((m) => m.name !== undefined && propertyNameText(m.name) === member && !isStaticMember(m));
  const fn = method && (ts.isMethodDeclaration(method) ? method : ts.isPropertyDeclaration(method) ? resolveFunction(method.initializer) : undefined);
  return fn?.body ? fn : undefined;
}

/**
 * The `new` a member's object is made with, and the member (`new Commerce()` and `getTools` of
 * `commerce.getTools` where `const commerce = new Commerce()`).
 */
export function memberOfMade(e: TS.Expression): { made: TS.NewExpression; member: string } | undefined {
  const node = unwrap(e);
  const receiver = ts.isPropertyAccessExpression(node) ? unwrap(node.expression) : undefined;
  const init = receiver && ts.isIdentifier(receiver) ? resolveInitializer(receiver) : undefined;
  const made = init && unwrap(init);
  return made && ts.isNewExpression(made) ? { made, member: (node as TS.PropertyAccessExpression).name.text } : undefined;
}

/** The method of another module's class a member of a local object names (`commerce.getTools` of `const commerce = new Commerce()`, Commerce imported). */
export function importedInstanceMethod(e: TS.Expression, fromPath: string, modules: ModuleSource): { fn: TS.FunctionLikeDeclaration; module: LoadedModule } | undefined {
  const at = memberOfMade(e);
  const cls = at && exportNamed(at.made.expression, fromPath, modules);
  const entity = cls?.kind === 'class' ? memberEntity({ kind: 'instance', cls: cls.cls, module: cls.module }, at!.member) : undefined;
  return entity?.kind === 'function' ? { fn: entity.fn, module: entity.module } : undefined;
}

/**
 * The method `member` of the object an expression of the file at `fromPath` hands on, where that
 * object is another module's (trial 73B B2: `requireBearerAuth({ verifier: provider })`): one made
 * of an imported class (`new DemoProvider()`, or a local made so), or an instance or object literal
 * another module exports (`provider` of `export const provider = new DemoProvider()`).
 */
export function importedMemberOf(e: TS.Expression, member: string, fromPath: string, modules: ModuleSource): { fn: TS.FunctionLikeDeclaration; module: LoadedModule } | undefined {
  let node = unwrap(e);
  const init = ts.isIdentifier(node) ? resolveInitializer(node) : undefined;
  if (init && ts.isNewExpression(init)) node = init;
  const owner = exportNamed(ts.isNewExpression(node) ? node.expression : node, fromPath, modules);
  const entity = owner?.kind === 'class' ? (ts.isNewExpression(node) ? memberEntity({ kind: 'instance', cls: owner.cls, module: owner.module }, member) : undefined) : owner && memberEntity(owner, member);
  return entity?.kind === 'function' ? { fn: entity.fn, module: entity.module } : undefined;
}

/**
 * The method of another module's class a call runs on an object of it (trial 71B B1: a helper
 * that asks the client mid-call is as often a method as a function): a local made with `new`
 * (`confirmer.ask()` of `const confirmer = new Confirmer(s)`, importedInstanceMethod), an object
 * made on the spot (`new Confirm(ctx).yes()`), or a field of the caller's class declared as one
 * (`this.elicit.confirm()` where the constructor takes `private readonly elicit: ElicitService`,
 * a service injected the NestJS way).
 */
export function importedMethodAt(e: TS.Expression, fromPath: string, modules: ModuleSource): { fn: TS.FunctionLikeDeclaration; module: LoadedModule } | undefined {
  const node = unwrap(e);
  if (!ts.isPropertyAccessExpression(node)) return undefined;
  const receiver = unwrap(node.expression);
  let named: TS.Expression | undefined;
  if (ts.isNewExpression(receiver)) named = receiver.expression;
  else if (ts.isIdentifier(receiver)) return importedInstanceMethod(node, fromPath, modules);
  else if (ts.isPropertyAccessExpression(receiver) && receiver.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const cls = enclosingClass(node);
    named = cls && declaredClassName(cls, receiver.name.text);
  }
  const cls = named && importedClassAt(named, fromPath, modules);
  const entity = cls ? memberEntity({ kind: 'instance', cls: cls.cls, module: cls.module }, node.name.text) : undefined;
  return entity?.kind === 'function' ? { fn: entity.fn, module: entity.module } : undefined;
}

/** The class a field is made of or declared as, by name (`Confirmer` of `new Confirmer()`, or of `elicit: Confirmer`, a parameter property's type too). */
function declaredClassName(cls: TS.ClassLikeDeclaration, field: string): TS.Expression | undefined {
  const start = fieldStart(cls, field).start;
  const made = start && unwrap(start);
  if (made && ts.isNewExpression(made)) return made.expression;
  const ctor = cls.members.find(ts.isConstructorDeclaration);
  const declared = [...cls.members.filter(ts.isPropertyDeclaration), ...(ctor?.parameters.filter((p) => ts.isParameterPropertyDeclaration(p, ctor)) ?? [])].find((m) => ts.isIdentifier(m.name) && m.name.text === field);
  const type = declared?.type;
  return type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) ? type.typeName : undefined;
}

/** An import or require of a module of the package itself (`./store.js`, `../core/storage`, a `#store` subpath import): a cheap test of a file's text before following any. */
export const RELATIVE_IMPORT = /(\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)['"](\.\.?\/|#)/;

/** Whether a file's text imports another module of the run: RELATIVE_IMPORT, or one of the run's own packages by name (ModuleSource.importsWorkspace). */
export function importsRunModule(text: string, modules: ModuleSource | undefined): boolean {
  return RELATIVE_IMPORT.test(text) || (modules?.importsWorkspace?.(text) ?? false);
}

const relativeMemo = new WeakMap<TS.SourceFile, Set<string>>();

/**
 * The names a file binds from modules of its own package: relative imports and requires (`todos`
 * of `import { todos } from './store.js'`); with the run's modules, also those of its own packages
 * imported by name (`sessions` of `import { sessions } from '@acme/session-store'`).
 */
export function relativeImportNames(sf: TS.SourceFile, modules?: ModuleSource): Set<string> {
  let names = relativeMemo.get(sf);
  if (names) return names;
  relativeMemo.set(sf, (names = new Set()));
  const relative = (node: TS.Node | undefined) => !!node && ts.isStringLiteral(node) && isRunSpecifier(node.text, modules);
  for (const statement of sf.statements) {
    if (ts.isImportDeclaration(statement) && relative(statement.moduleSpecifier) && statement.importClause && !statement.importClause.isTypeOnly) {
      const { name, namedBindings } = statement.importClause;
      if (name) names.add(name.text);
      if (namedBindings && ts.isNamespaceImport(namedBindings)) names.add(namedBindings.name.text);
      if (namedBindings && ts.isNamedImports(namedBindings)) for (const el of namedBindings.elements) names.add(el.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        const init = d.initializer && unwrap(d.initializer);
        if (!init || !ts.isCallExpression(init) || init.expression.getText(sf) !== 'require' || !relative(init.arguments[0])) continue;
        if (ts.isIdentifier(d.name)) names.add(d.name.text);
        else if (ts.isObjectBindingPattern(d.name)) for (const el of d.name.elements) if (ts.isIdentifier(el.name)) names.add(el.name.text);
      }
    }
  }
  return names;
}

/**
 * The state of another module of the run a name imported from it reaches: `todos` of `import {
 * todos } from './store.js'`, `store.todos` of a namespace import or require of it, or a property
 * or field of an object it exports (`outbox.sent`). The reference is the node that names it.
 */
export function importedState(name: TS.Identifier, fromPath: string, modules: ModuleSource): { state: ModuleState; reference: TS.Node } | undefined {
  const member = ts.isPropertyAccessExpression(name.parent) && name.parent.expression === name ? name.parent : undefined;
  const load = (node: TS.Node) => exportNamed(node, fromPath, modules);
  const own = load(name);
  // A namespace's member (`store.todos`), or the export itself.
  const entity = (!own && member && load(member)) || own;
  const reference = entity === own ? name : member!;
  if (entity?.kind === 'state' && ts.isIdentifier(entity.decl.name)) {
    const noun = stateNoun(entity.decl)!;
    const named = entity.decl.name.text;
    const live = liveObjects(entity.decl);
    return (noun === 'list' ? namedRecord : namedOwnState)(named) ? undefined : { state: { key: `${entity.module.path}#${entity.decl.pos}`, name: named, noun, module: entity.module.path, ...(live ? { live } : {}) }, reference };
  }
  // A property of an exported object, a field of an exported instance (`outbox.sent`).
  const owner = entity?.kind === 'object' ? entity.members : entity?.kind === 'instance' ? entity.cls : undefined;
  const access = reference === name ? member : undefined;
  if (!owner || !access) return undefined;
  const state = fieldState(owner, access.name.text, entity!.module);
  return state && { state, reference: access };
}

const callMemo = new WeakMap<TS.CallExpression, ModuleCall | null>();

/**
 * The function of another module of the run a call of the file at `fromPath` runs, and what it does
 * to that module's state; undefined for anything else (a local function, a package's).
 */
export function moduleCall(call: TS.CallExpression, fromPath: string, modules: ModuleSource): ModuleCall | undefined {
  const known = callMemo.get(call);
  if (known !== undefined) return known ?? undefined;
  const found = resolveCall(call, fromPath, modules);
  callMemo.set(call, found ?? null);
  return found;
}

const ownMemo = new WeakMap<TS.FunctionLikeDeclaration, ModuleCall | null>();

/**
 * The same for a module-level function of the file itself a tool calls (`addTodo(title)` beside
 * `const todos = []`), `module` being the file: what it does to the file's module-level state.
 */
export function ownModuleCall(call: TS.CallExpression, fn: TS.FunctionLikeDeclaration, module: LoadedModule): ModuleCall | undefined {
  const known = ownMemo.get(fn);
  if (known !== undefined) return known ? forCall(known, call) : undefined;
  const holder = ts.isFunctionDeclaration(fn) ? fn : fn.parent;
  const topLevel = !!fn.body && (ts.isFunctionDeclaration(holder) ? ts.isSourceFile(holder.parent) : isModuleVariable(holder));
  const found = topLevel ? { label: callLabel(call), fn, touches: touchesOf(fn, { module }) } : undefined;
  ownMemo.set(fn, found ?? null);
  return found && forCall(found, call);
}

/**
 * The same for a call of a function of an object a factory of the file made at its top level
 * (`store.put(key, text)` beside `const store = createStore()`, trial 72B B8; Closure), `module`
 * being the file: what it does to the locals of the factory that call made, and to the module's
 * own state. A factory of another module is resolveCall's.
 */
export function ownFactoryCall(call: TS.CallExpression, module: LoadedModule): ModuleCall | undefined {
  const callee = unwrap(call.expression);
  const receiver = ts.isPropertyAccessExpression(callee) ? unwrap(callee.expression) : undefined;
  const decl = receiver && ts.isIdentifier(receiver) ? resolveIdentifier(receiver) : undefined;
  if (!isModuleVariable(decl) || decl.getSourceFile() !== module.sourceFile || !decl.initializer) return undefined;
  const made = unwrap(decl.initializer);
  const factory = ts.isCallExpression(made) ? resolveFunction(made.expression) : undefined;
  const object = factory?.body && factory.getSourceFile() === module.sourceFile ? factoryObject(factory, { made: made as TS.CallExpression, holder: (receiver as TS.Identifier).text, at: module.path }, module) : undefined;
  const entity = object && memberEntity(object, (callee as TS.PropertyAccessExpression).name.text);
  return entity?.kind === 'function' ? functionCall(call, entity) : undefined;
}

/**
 * What a tool handler written in a class of the file (registered by its `register(server)` method,
 * say) does to the fields of the object it runs on, directly (`this.notes.set(id, text)`) or
 * through the class's methods (`this.add(text)`, trial 26A): the fields of the class only, the
 * module's own state being found as such. `perSession`: the object lasts one session, so its
 * counters and the counts of its lists are state too (Scope.steps, trial 71A B1).
 */
export function ownClassTouches(handler: TS.FunctionLikeDeclaration, cls: TS.ClassDeclaration, module: LoadedModule, perSession = false): StateTouch[] {
  const prefix = `${module.path}#${cls.pos}.`;
  return touchesOf(handler, { module, owner: cls, steps: perSession ? 'all' : 'caller' }).filter((t) => t.state.key.startsWith(prefix));
}

function resolveCall(call: TS.CallExpression, fromPath: string, modules: ModuleSource): ModuleCall | undefined {
  const callee = unwrap(call.expression);
  const load = (node: TS.Node) => exportNamed(node, fromPath, modules);
  let entity: Entity | undefined;
  let owner: Entity | undefined;
  if (ts.isIdentifier(callee) || ts.isPropertyAccessExpression(callee)) entity = load(callee);
  if (!entity && ts.isPropertyAccessExpression(callee)) {
    const receiver = unwrap(callee.expression);
    owner = load(receiver);
    // A module-level object of this file made of an imported class (`const store = new TodoStore()`),
    // also as a property of a module-level object (`const ctx = { txManager: new TxManager(pool) }`).
    const init = owner ? undefined : moduleValue(receiver);
    if (init && ts.isNewExpression(init)) return importedInstanceCall(call, init, fromPath, modules);
    // Or made by a factory another module writes (`const store = createStore()`, trial 72B B8).
    const factory = init && ts.isCallExpression(init) && ts.isIdentifier(receiver) ? load(unwrap(init.expression)) : undefined;
    if (factory?.kind === 'function' && !factory.owner) owner = factoryObject(factory.fn, { made: init as TS.CallExpression, holder: (receiver as TS.Identifier).text, at: fromPath }, factory.module);
    entity = owner && memberEntity(owner, callee.name.text);
  }
  // (A function entity always has a body: entityOf and memberEntity see to it.)
  return entity?.kind === 'function' ? functionCall(call, entity) : undefined;
}

/**
 * What a module-level variable of the file was made as (`store` in `const store = new Store()`), or a
 * property of one holding an object literal (`ctx.txManager` in `const ctx = { txManager: new TxManager() }`).
 */
function moduleValue(node: TS.Node, depth = 0): TS.Node | undefined {
  if (ts.isIdentifier(node)) {
    const decl = resolveIdentifier(node);
    return isModuleVariable(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
  }
  if (!ts.isPropertyAccessExpression(node) || depth > 1) return undefined;
  const holder = moduleValue(unwrap(node.expression), depth + 1);
  if (!holder || !ts.isObjectLiteralExpression(holder)) return undefined;
  const property = holder.properties.find((p): p is TS.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === node.name.text);
  return property && unwrap(property.initializer);
}

/** A call as a message names it: `todoStorage.create()`. */
function callLabel(call: TS.CallExpression): string {
  return `${unwrap(call.expression).getText().replace(/\s+/g, '').slice(0, 60)}()`;
}
