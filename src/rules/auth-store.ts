import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { calleeName, declaringVariable, isFallback, enclosingClass, globalsValue, enclosingFunction, isAssignment, isExported, isFunctionLike, isModuleVariable, isStep, outermost, propertyNameText, referencesTo, resolveFunction, resolveIdentifier, resolveInitializer, returnedExpressions, unwrap, walk } from '../analysis/ast.js';
import { fieldStart, importedFunctionAt, importedMemberOf, importedMethodAt, moduleCall, ownModuleCall, type StateTouch } from '../analysis/module-state.js';
import { isMcpCode } from '../analysis/mcp.js';
import type { ModuleSource } from '../analysis/modules.js';
import { appRoutePath, comparedPath, exportedRouteHandler, routePath } from '../analysis/routes.js';
import { kinds } from '../analysis/nodes.js';
import { isCollectionInitializer, MINTS_ID, type SessionFacts } from '../analysis/session.js';
import { SPEC, type CodeRule, type Reporter } from './types.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.MethodDeclaration, ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.VariableDeclaration, ts.SyntaxKind.CallExpression, ts.SyntaxKind.IfStatement);

/**
 * A branch of a hand-written router for the token endpoint or the OAuth callback (`if
 * (url.pathname === '/token')` in a node:http callback, trial 32A): its path, as the comparison
 * names it, and the step.
 */
function oauthBranch(condition: TS.Expression, stepOf: (path: string) => OAuthStep | undefined): { path: string; step: OAuthStep } | undefined {
  for (const path of comparedPath(condition)) {
    const step = stepOf(path);
    if (step) return { path, step };
  }
  return undefined;
}

/** An OAuth token endpoint's path (`/token`, `/oauth/token`, `/oauth2/token`), as a route registers it. */
const TOKEN_PATH = /\/token$/;
/** The redirect URI an upstream identity provider sends the browser back to (`/callback`, `/oauth/callback`). */
const CALLBACK_PATH = /\/callback$/;

/**
 * The two steps of a hand-written OAuth flow that look up what an earlier request stored: the
 * token endpoint (a code, a PKCE challenge), and the callback from an upstream identity provider
 * (the state /authorize stored with its PKCE verifier and the client's redirect, trial 34A).
 */
type OAuthStep = 'token' | 'callback';

/** The step a path is, in a server (`clientOnly`: an MCP client's own loopback /callback listener is no server's step). */
function stepOf(path: string, clientOnly: boolean): OAuthStep | undefined {
  return TOKEN_PATH.test(path) ? 'token' : CALLBACK_PATH.test(path) && !clientOnly ? 'callback' : undefined;
}

/** The methods a step's route is registered with: a token request is a POST, the callback a GET redirect. */
const STEP_METHODS: Record<OAuthStep, RegExp> = { token: /^(post|all)$/, callback: /^(get|all)$/ };
/** What a request brought: its body, query or parameters (`req.body.code`, `c.req.query('state')`). */
const FROM_REQUEST = /\b(body|query|params|searchParams|formData|parseBody|json)\b/;

/**
 * Whether a local holds the request's form, body or query itself (`const form = await
 * req.formData()`, `const data = await req.json()`, `const { searchParams } = new URL(req.url)`,
 * `new URLSearchParams(await req.text())`),
 * not what some call made of a field of it (`await db.accounts.findByName(req.body.username)`).
 */
function requestPart(local: TS.Identifier, depth = 3): boolean {
  const holder = declaringVariable(local);
  let init = holder?.initializer && unwrap(holder.initializer);
  if (init && ts.isAwaitExpression(init)) init = unwrap(init.expression);
  if (!init) return false;
  if (ts.isCallExpression(init)) return /^(formData|json|text|parseBody)$/.test(calleeName(init) ?? '');
  // The form parsed from the body or the query (`const p = new URLSearchParams(await req.text())`),
  // whatever the local's name (trial 38C: `params` was found, `p` and `form` were not).
  if (ts.isNewExpression(init) && calleeName(init) === 'URLSearchParams') {
    // `new URLSearchParams(raw)`, where `const raw = await req.text()`: the local that holds the body.
    const from = init.arguments?.[0] && unwrap(init.arguments[0]);
    if (from && ts.isIdentifier(from) && depth > 0 && requestPart(from, depth - 1)) return true;
    return /\b(text|formData|body|query|url|search)\b/.test(from?.getText() ?? '');
  }
  return ts.isPropertyAccessExpression(init) && /^(body|query|params|searchParams)$/.test(init.name.text);
}

/**
 * Whether a key is what the request brought, written there or in a local taken from it (`const {
 * code } = req.body`). On the callback, only its `state` (`req.query.state`, `const { state } =
 * req.query`): what a callback looks up by anything else (a job, a webhook's delivery) is not
 * the OAuth flow's.
 */
function fromRequest(key: TS.Node | undefined, step: OAuthStep, depth = 1): boolean {
  if (!key) return false;
  const text = key.getText();
  if (FROM_REQUEST.test(text) && (step === 'token' || /\bstate\b/.test(text))) return true;
  const k = unwrap(key);
  // `form.get('code') ?? ''`: the value, or a fallback when the request brought none.
  if (isFallback(k)) return fromRequest(k.left, step, depth);
  // `String(state)`, `Number(id)`: the value converted.
  if (ts.isCallExpression(k) && ts.isIdentifier(k.expression) && /^(String|Number)$/.test(k.expression.text) && k.arguments.length === 1) return fromRequest(k.arguments[0], step, depth);
  // `form.get('code')`, `data.code`: read from a local that holds the request's form or body
  // (`const form = await req.formData()`, `const data = await req.json()`, trial 36C).
  const field = ts.isCallExpression(k) && calleeName(k) === 'get' && ts.isPropertyAccessExpression(unwrap(k.expression)) ? k : ts.isPropertyAccessExpression(k) ? k : undefined;
  if (field) {
    const name = ts.isCallExpression(field) ? field.arguments[0]?.getText() : field.name.text;
    const base = ts.isCallExpression(field) ? (unwrap(field.expression) as TS.PropertyAccessExpression).expression : field.expression;
    if (step === 'callback' && !(name && /\bstate\b/.test(name))) return false;
    return ts.isIdentifier(unwrap(base)) && requestPart(unwrap(base) as TS.Identifier);
  }
  const decl = ts.isIdentifier(k) ? resolveIdentifier(k) : undefined;
  const holder = declaringVariable(k);
  // `const { state } = req.query`: the binding names the state; its initializer need only be the request's.
  const bound = decl && ts.isBindingElement(decl) ? (decl.propertyName ?? decl.name) : undefined;
  if (step === 'callback' && bound && !(ts.isIdentifier(bound) && bound.text === 'state')) return false;
  return depth > 0 && !!holder?.initializer && fromRequest(holder.initializer, bound ? 'token' : step, depth - 1);
}

/**
 * In the handler of a hand-written token route (`app.post('/oauth/token', ...)`), the first lookup
 * by what the request brought in a store of this process's memory: one of this file's (`codes.get(
 * req.body.code)`, `this.pkce.get(state)`), or one another module of the run keeps, reached
 * through its function (`takeCode(req.body.code)` over a module-level Map). What /authorize put
 * there on one instance, the token request may look for on another (trial 25A, 25B).
 */
function stepLookup(scope: TS.Node, step: OAuthStep, facts: SessionFacts): { node: TS.Node; store: string } | undefined {
  let found: { node: TS.Node; store: string } | undefined;
  walk(scope, (n) => {
    if (found || (isFunctionLike(n) && n !== scope)) return false;
    const collection = lookedUp(n);
    const key = collection && (ts.isCallExpression(n) ? n.arguments[0] : (n as TS.ElementAccessExpression).argumentExpression);
    const store = collection && fromRequest(key, step) ? inMemoryStore(collection) : undefined;
    if (store) found = { node: outermost(n), store: store.name };
    else if (ts.isCallExpression(n) && n.arguments.some((a) => fromRequest(a, step))) {
      const helper = facts.callTarget(n);
      const call = helper ? ownModuleCall(n, helper, facts.ownModule) : facts.modules && moduleCall(n, facts.modules.path, facts.modules.source);
      const kept = call?.touches.find((t) => t.reads && t.state.noun !== 'setting' && t.state.noun !== 'list' && !fixedRecord(t, call.fn.getSourceFile()));
      if (kept) found = { node: n, store: helper ? `${kept.state.name} (through ${call!.label})` : `${kept.state.name} (through ${call!.label}, in the memory of ${kept.state.module})` };
    }
    return undefined;
  });
  return found;
}

/**
 * Whether a module-level object a called function reads is a record of fixed fields (`const
 * FETCH_HEADERS = { Accept: 'application/json', 'User-Agent': 'as/0.1' }`, handed to fetch): the
 * same on every instance, and nothing is looked up in it by a key a request brings (trial 68B B2:
 * a Worker's /token branch was an error for the headers it fetches a client's metadata with).
 * Not an object that starts with a collection among its fields (`{ codes: {} }`), nor one the
 * file writes entries into (`grants[code] = ...`, `delete grants[code]`).
 */
function fixedRecord(touch: StateTouch, sourceFile: TS.SourceFile): boolean {
  const at = touch.state.noun === 'object' ? /#(\d+)$/.exec(touch.state.key) : undefined;
  if (!at) return false;
  const decl = sourceFile.statements
    .flatMap((st) => (ts.isVariableStatement(st) ? [...st.declarationList.declarations] : []))
    .find((d) => d.pos === Number(at[1]));
  const record = decl?.initializer && unwrap(decl.initializer);
  if (!decl || !ts.isIdentifier(decl.name) || !record || !ts.isObjectLiteralExpression(record) || record.properties.length === 0) return false;
  if (!record.properties.every((p) => (ts.isPropertyAssignment(p) && !isCollectionInitializer(p.initializer)) || ts.isShorthandPropertyAssignment(p))) return false;
  return !referencesTo(sourceFile, decl as TS.VariableDeclaration & { name: TS.Identifier }).some((use) => {
    const u = outermost(use);
    const entry = ts.isElementAccessExpression(u.parent) && u.parent.expression === u ? outermost(u.parent) : undefined;
    return !!entry && ((isAssignment(entry.parent) && entry.parent.left === entry) || ts.isDeleteExpression(entry.parent));
  });
}

/** What a token endpoint's or callback's lookup in this process's memory does behind round-robin. */
function stepLookupMessage(where: string, step: OAuthStep, store: string): string {
  return step === 'token'
    ? `${where} looks up what the request brings in ${store}, kept in this process's memory: what the authorize step stored there on one instance (a code, a state, a PKCE verifier), a token request that reaches another instance does not find (invalid_grant); keep it in a store every instance reaches (Redis, a database)`
    : `${where} looks up the request's OAuth state in ${store}, kept in this process's memory: what the authorize step stored under it on one instance (the PKCE verifier, the client's redirect), a callback that reaches another instance does not find, and the login fails; keep it in a store every instance reaches (Redis, a database), or carry it in a signed, encrypted state or cookie`;
}

/**
 * What an OAuth token verifier or provider looks up per request, by the SDK's names
 * (OAuthTokenVerifier, OAuthServerProvider, OAuthRegisteredClientsStore): an access token, an
 * authorization code, a refresh token, a registered client.
 */
const LOOKUPS: Record<string, string> = {
  verifyAccessToken: 'access tokens',
  exchangeAuthorizationCode: 'authorization codes',
  challengeForAuthorizationCode: 'authorization codes',
  exchangeRefreshToken: 'refresh tokens',
  getClient: 'registered clients',
};

/** The collection a lookup reads (`issued.get(token)`, `this.codes.get(code)`, `tokens[token]`), if it is a Map or object held in memory. */
function lookedUp(node: TS.Node): TS.Expression | undefined {
  if (ts.isCallExpression(node) && /^(get|has)$/.test(calleeName(node) ?? '') && ts.isPropertyAccessExpression(unwrap(node.expression))) return (unwrap(node.expression) as TS.PropertyAccessExpression).expression;
  if (ts.isElementAccessExpression(node) && !(isAssignment(node.parent) && node.parent.left === node)) return node.expression;
  return undefined;
}

/** A property of the process's globals (`globalThis.authCodes`), where Next.js code keeps a Map across hot reloads. */
const GLOBAL_OBJECT = /^(globalThis|global)$/;

/**
 * `globalThis.authCodes` where the file makes it a collection (`globalThis.authCodes = new Map()`,
 * `?? new Map()`, or declares it `var authCodes: Map<...>`): process memory, one instance's (trial
 * 38C). Not any global (`globalThis.redis.get(code)` is a client).
 */
function globalCollection(e: TS.Node): boolean {
  if (!ts.isPropertyAccessExpression(e) || !GLOBAL_OBJECT.test(unwrap(e.expression).getText())) return false;
  const name = e.name.text.replace(/\$/g, '\\$');
  const text = e.getSourceFile().text;
  return new RegExp(`\\b(?:globalThis|global)\\.${name}\\s*(?:\\?\\?=|\\|\\|=|=|\\?\\?|\\|\\|)\\s*new\\s+(?:Map|Set)\\b|\\bvar\\s+${name}\\s*:\\s*(?:Map|Set)\\b`).test(text);
}

/** Where a store of this process's memory is held: a module-level variable or a class field, itself (`issued`) or as a property of one (`state.tokens`). */
interface MemoryStore {
  /** What is reported once: the variable, the field's start, or the object literal's property. */
  decl: TS.Node;
  /** The store as the lookup names it (`issued`, `this.codes`, `state.tokens`). */
  name: string;
  /** Held by a module-level variable (not a field, not the globals). */
  module: boolean;
  /** What the message calls it. */
  kind: string;
}

/**
 * The module-level variable or class field (`issued`, `this.tokens`) a collection expression
 * names, when it starts as an empty collection (a Map, a Set, `{}`: isCollectionInitializer): a
 * store in this process's memory; or a local or a global property kept on the process's globals
 * (globalsValue, globalCollection); or a property of a module-level object or of a field that
 * starts as one (`state.tokens`, where `const state = { tokens: {} }`, heldProperty). Not a list
 * every instance builds the same way and never writes (constantList).
 */
function inMemoryStore(expression: TS.Expression): MemoryStore | undefined {
  const e = unwrap(expression);
  let decl: TS.Node | undefined;
  let init: TS.Expression | undefined;
  let module = false;
  let nested = false;
  let loaded = false;
  if (ts.isIdentifier(e)) {
    const d = resolveIdentifier(e);
    // A module's, or a local taken from the process's globals (`const codes = globalThis.authCodes || new Map()`:
    // isCollectionInitializer judges what is kept there).
    if (!d || !ts.isVariableDeclaration(d)) return undefined;
    if (!(d.initializer && globalsValue(d.initializer)) && !isModuleVariable(d)) return undefined;
    decl = d;
    init = d.initializer;
    module = true;
  } else if (globalCollection(e)) {
    return { decl: e, name: e.getText(), module: false, kind: 'field' };
  } else if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) {
    // Its initializer, or what the constructor sets it to (`this.codes = new Map()`, as compiled JavaScript has it).
    const cls = enclosingClass(e);
    init = cls && fieldStart(cls, e.name.text).start;
    decl = init?.parent;
  } else if (ts.isPropertyAccessExpression(e)) {
    const held = heldProperty(e);
    decl = held?.property;
    init = held?.init;
    module = !!held?.module;
    loaded = !!held?.loaded;
    nested = true;
  }
  if (!decl || !isCollectionInitializer(init) || constantList(e, init!, loaded) || replacedByAdapter(e)) return undefined;
  const kind = nested ? (module ? 'collection held in a module-level object' : 'collection held in a field') : ts.isVariableDeclaration(decl) ? 'module-level collection' : 'field';
  return { decl, name: e.getText(), module, kind };
}

/**
 * The property of an object literal a value of the file starts as, when it is a collection
 * (`{ tokens: {} }`): the value itself, either branch of a condition or a fallback (`existsSync(f)
 * ? JSON.parse(...) : { tokens: {} }`, a state loaded from a file once at start), or what a
 * function of the file returns (`const state = loadState()`), up to two calls deep.
 */
function collectionProperty(value: TS.Expression | undefined, member: string, depth = 0): TS.PropertyAssignment | undefined {
  const v = value && unwrap(value);
  if (!v) return undefined;
  if (ts.isObjectLiteralExpression(v)) {
    const property = v.properties.find((p): p is TS.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === member);
    return property && isCollectionInitializer(property.initializer) ? property : undefined;
  }
  if (ts.isAwaitExpression(v)) return collectionProperty(v.expression, member, depth);
  if (ts.isConditionalExpression(v)) return collectionProperty(v.whenTrue, member, depth) ?? collectionProperty(v.whenFalse, member, depth);
  if (isFallback(v)) return collectionProperty(v.left, member, depth) ?? collectionProperty(v.right, member, depth);
  if (ts.isCallExpression(v) && depth < 2) {
    const fn = resolveFunction(v.expression);
    for (const returned of fn ? returnedExpressions(fn) : []) {
      const found = collectionProperty(returned, member, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * A store held as a property of a module-level object or of a field (`state.tokens`,
 * `this.state.tokens`), where that object starts with the property as a collection: issued tokens
 * kept there are as much one instance's as in a top-level Map (trial 67B B2: clickup's
 * `state.clients/authCodes/tokens/refreshTokens`, loaded from a JSON file once at start).
 */
function heldProperty(e: TS.PropertyAccessExpression): { property: TS.PropertyAssignment; init: TS.Expression; module: boolean; loaded: boolean } | undefined {
  const base = unwrap(e.expression);
  let start: TS.Expression | undefined;
  let module = false;
  if (ts.isIdentifier(base)) {
    const d = resolveIdentifier(base);
    if (!isModuleVariable(d)) return undefined;
    start = d.initializer;
    module = true;
  } else if (ts.isPropertyAccessExpression(base) && base.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const cls = enclosingClass(base);
    start = cls && fieldStart(cls, base.name.text).start;
  }
  const property = collectionProperty(start, e.name.text);
  // (`loaded`: the literal is only what it falls back to, or what a function returns.)
  return property ? { property, init: property.initializer, module, loaded: unwrap(start!) !== property.parent } : undefined;
}

/** Calls that make plain data of what they are given (a file's text, entries): a collection again, not a client. */
const MAKES_DATA = /^(JSON\.parse|structuredClone|Object\.fromEntries|Object\.assign)$/;

/**
 * Whether the file replaces the collection with something that only stands for a store (review
 * 86 point 2: `state.tokens = { get: (k) => redis.get(k) }` in init(), a Redis-backed getter in
 * place of the empty Map it started as): an object with members, an instance of another class,
 * what a call makes. Lookups there reach what it wraps. Not a collection again, nor data loaded
 * into it (`state.tokens = saved.tokens`, `= JSON.parse(text)`).
 */
function replacedByAdapter(e: TS.Node): boolean {
  return (storeUses(e) ?? []).some((use) => {
    const u = outermost(use);
    const assignment = u.parent;
    if (!ts.isBinaryExpression(assignment) || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken || assignment.left !== u) return false;
    let value = unwrap(assignment.right);
    if (ts.isAwaitExpression(value)) value = unwrap(value.expression);
    if (isCollectionInitializer(value as TS.Expression)) return false;
    if (ts.isObjectLiteralExpression(value)) return value.properties.length > 0;
    return ts.isNewExpression(value) || (ts.isCallExpression(value) && !MAKES_DATA.test(value.expression.getText()));
  });
}

/** Members that read a Map, Set, array or object without changing what it holds. */
const READS = /^(get|has|size|length|forEach|keys|values|entries|includes|indexOf|find|some|every)$/;

/**
 * Whether a use of a collection only reads it: `API_KEYS.has(token)`, `keys.size`, `tokens[t]`
 * read, `for (const k of keys)`, `[...keys]`. Anything else may change what it holds: `add`,
 * `set`, `delete`, an entry assigned or deleted, the collection handed to a call, aliased or
 * reassigned.
 */
function onlyReads(use: TS.Node): boolean {
  const u = outermost(use);
  const parent = u.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === u) return READS.test(parent.name.text);
  if (ts.isElementAccessExpression(parent) && parent.expression === u) {
    const entry = outermost(parent);
    const holder = entry.parent;
    return !(isAssignment(holder) && holder.left === entry) && !ts.isDeleteExpression(holder) && !isStep(holder);
  }
  return ts.isSpreadElement(parent) || (ts.isForOfStatement(parent) && parent.expression === u);
}

/**
 * The places the file names a store (`API_KEYS`, `this.keys`, `state.keys`), but for where it
 * starts; undefined when what holds it leaves the file's sight (exported, handed to a call,
 * reassigned), so that another module or function may write to it.
 */
function storeUses(e: TS.Node): TS.Node[] | undefined {
  // (Asked twice of each lookup, by replacedByAdapter and constantList: a field's uses walk the file.)
  if (storeUsesMemo.has(e)) return storeUsesMemo.get(e) ?? undefined;
  const found = storeUsesOf(e);
  storeUsesMemo.set(e, found ?? null);
  return found;
}

const storeUsesMemo = new WeakMap<TS.Node, TS.Node[] | null>();

/** storeUses' answer, worked out. */
function storeUsesOf(e: TS.Node): TS.Node[] | undefined {
  const sf = e.getSourceFile();
  // `this.keys` in its class, or any other instance's (`provider.keys`), but not the constructor's
  // `this.keys = ...` it starts from, nor another class's own `this.keys`.
  const fieldUses = (field: TS.PropertyAccessExpression): TS.Node[] => {
    const cls = enclosingClass(field);
    const start = cls && fieldStart(cls, field.name.text).start;
    const found: TS.Node[] = [];
    walk(sf, (n) => {
      if (!ts.isPropertyAccessExpression(n) || n.name.text !== field.name.text) return undefined;
      if (n.expression.kind === ts.SyntaxKind.ThisKeyword && enclosingClass(n) !== cls) return undefined;
      if (!(isAssignment(n.parent) && n.parent.left === n && n.parent.right === start)) found.push(n);
      return undefined;
    });
    return found;
  };
  const variableUses = (name: TS.Identifier): TS.Node[] | undefined => {
    const d = resolveIdentifier(name);
    if (!isModuleVariable(d) || !ts.isIdentifier(d.name) || isExported(d.parent.parent)) return undefined;
    return referencesTo(sf, d as TS.VariableDeclaration & { name: TS.Identifier });
  };
  if (ts.isIdentifier(e)) return variableUses(e);
  if (!ts.isPropertyAccessExpression(e)) return undefined;
  if (e.expression.kind === ts.SyntaxKind.ThisKeyword) return fieldUses(e);
  // `state.keys`: what the file does with `state`, each use a read of another of its properties or a use of this one.
  const base = unwrap(e.expression);
  const holders = ts.isIdentifier(base) ? variableUses(base) : ts.isPropertyAccessExpression(base) && base.expression.kind === ts.SyntaxKind.ThisKeyword ? fieldUses(base) : undefined;
  const uses: TS.Node[] = [];
  for (const holder of holders ?? []) {
    const h = outermost(holder);
    const parent = h.parent;
    if (!ts.isPropertyAccessExpression(parent) || parent.expression !== h) return undefined;
    if (parent.name.text === e.name.text) uses.push(parent);
  }
  return holders && uses;
}

/**
 * Whether a use of a collection writes it in the module's top-level code, not in any function
 * (`for (const t of list) allowed.add(t)`, `if (process.env.EXTRA) KEYS.set(...)`): part of
 * building it, which every instance runs alike at start (review 86 point 3: the same list as
 * `new Set(list)`). Not an entry under a key the module mints there (`tokens.set(randomUUID(),
 * ...)`: each instance's own), nor the collection handed to a call, which may keep it and write later.
 */
function builtAtStart(use: TS.Node): boolean {
  const fn = enclosingFunction(use);
  if (fn && !runsAtStart(fn)) return false;
  const u = outermost(use);
  const parent = u.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === u && /^(add|set|delete)$/.test(parent.name.text)) {
    const call = parent.parent;
    return ts.isCallExpression(call) && call.expression === parent && !call.arguments.some((a) => mintedToken(a));
  }
  if (ts.isElementAccessExpression(parent) && parent.expression === u) {
    const entry = outermost(parent);
    const holder = entry.parent;
    return ((isAssignment(holder) && holder.left === entry) || ts.isDeleteExpression(holder)) && !mintedToken(parent.argumentExpression);
  }
  return false;
}

/**
 * Whether a function runs once at start-up: every call of it in its file is in the module's
 * top-level code (`await loadKeys()`, `loadKeys().then(listen)`), or, exported for another module
 * to run, it is named for that (`loadKeys`, `initTokens`, `seedKeys`): each instance loads the same
 * (review 92 point 4: API keys read from a file at start were taken for tokens one instance issued).
 */
function runsAtStart(fn: TS.FunctionLikeDeclaration): boolean {
  const name = ts.isFunctionDeclaration(fn) ? fn.name : ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) ? fn.parent.name : undefined;
  if (!name) return false;
  const decl = ts.isFunctionDeclaration(fn) ? fn : fn.parent;
  const calls = referencesTo(fn.getSourceFile(), decl as (TS.FunctionDeclaration | TS.VariableDeclaration) & { name: TS.Identifier });
  if (calls.length > 0) return calls.every((ref) => !enclosingFunction(ref) && !ts.isExportSpecifier(ref.parent));
  return /^(load|init|initiali[sz]e|seed|bootstrap|setup)[A-Z_]/.test(name.text);
}

/**
 * A list every instance builds the same way and never writes (trial 67B B1): made from what the
 * code or its configuration gives (`new Set(['k1', 'k2'])`, `new Set(process.env.MCP_ALLOWED_TOKENS
 * .split(','))`, an empty Set the module's top-level code fills: builtAtStart), or loaded with
 * what holds it (`loaded`: `config.apiKeys` of a config file read at start, review 86 point 2),
 * not minted, and only read after (no add, set or delete in a function, no entry assigned there,
 * not handed to a function or another module that could). No instance lacks an entry another
 * has. A list revoked from at run time (`API_KEYS.delete(t)`) is one instance's again.
 */
function constantList(e: TS.Node, init: TS.Expression, loaded: boolean): boolean {
  const made = unwrap(init);
  if (mintedToken(made)) return false;
  const uses = storeUses(e);
  if (!uses || !uses.every((use) => onlyReads(use) || builtAtStart(use))) return false;
  // An empty collection nothing fills at start is filled out of this file's sight (the
  // authorize step of a fixture kept short, another module): a store still.
  return (ts.isNewExpression(made) && !!made.arguments?.length) || loaded || uses.some(builtAtStart);
}

/**
 * Whether a body stores into the collection it looks up, under the key it looked up
 * (`this.seen.set(key, Date.now())`, `cache[key] = info`): a cache it fills. Not one that stores
 * under another key (a refresh exchange rotating tokens issues them).
 */
function fillsItself(body: TS.Node, store: string, key: string): boolean {
  let fills = false;
  const sameKey = (k: TS.Node | undefined) => !!k && unwrap(k).getText() === key;
  walk(body, (n) => {
    if (fills || isFunctionLike(n)) return false;
    if (ts.isCallExpression(n) && calleeName(n) === 'set' && ts.isPropertyAccessExpression(unwrap(n.expression)) && (unwrap(n.expression) as TS.PropertyAccessExpression).expression.getText() === store && sameKey(n.arguments[0])) fills = true;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(unwrap(n.left)) && (unwrap(n.left) as TS.ElementAccessExpression).expression.getText() === store && sameKey((unwrap(n.left) as TS.ElementAccessExpression).argumentExpression)) fills = true;
    return undefined;
  });
  return fills;
}

/** A parameter typed as a plain value (`name: string`), not a client's information. */
const PRIMITIVE_TYPE = /^(string|number|URL)$/;

/**
 * Whether the class or object a member belongs to also registers clients
 * (OAuthRegisteredClientsStore's registerClient), as that store does: with the one client's
 * information (`registerClient(client)`), not a proxy's `registerClient(name, url)` that connects
 * an upstream MCP Client (review 86 point 2).
 */
function registersClients(member: TS.Node): boolean {
  const owner = member.parent;
  const members: readonly TS.Node[] = ts.isClassDeclaration(owner) || ts.isClassExpression(owner) ? owner.members : ts.isObjectLiteralExpression(owner) ? owner.properties : [];
  return members.some((m) => {
    if (!(ts.isMethodDeclaration(m) || ts.isPropertyAssignment(m) || ts.isPropertyDeclaration(m)) || propertyNameText(m.name) !== 'registerClient') return false;
    const fn = ts.isMethodDeclaration(m) ? m : resolveFunction(m.initializer);
    // (One whose function is out of sight is taken at its name.)
    if (!fn) return true;
    const [client, ...rest] = fn.parameters;
    return !!client && rest.every((p) => p.questionToken || p.initializer) && !PRIMITIVE_TYPE.test(client.type?.getText() ?? '');
  });
}

/**
 * A request's bearer token, read from its Authorization header (`req.headers.authorization`,
 * `headers['authorization']`, `headers.get('Authorization')`, `req.header('authorization')`) or
 * cut from a `Bearer ` prefix; not a URL that names an authorization server (trial 37's mirrors).
 */
const AUTHORIZATION = /\bheaders?\s*(?:\??\.\s*authorization\b|\??\.?\[\s*['"`]authorization['"`]\s*\]|\.\s*get\s*\(\s*['"`]authorization['"`]|\(\s*['"`]authorization['"`])|['"`]bearer\s/i;

/**
 * Whether a key is the request's bearer token (`req.headers.authorization?.slice(7)`, a local
 * taken from it), also as a parameter of a helper of the file that its calls hand the token
 * (`function isTokenAuthorized(token) { return issued.has(token) }`, trial 47C), up to three
 * helpers deep: what a client got from a token route, on whichever instance answered it.
 */
function bearerKey(key: TS.Node | undefined, facts: SessionFacts, depth = 0): boolean {
  if (!key) return false;
  if (AUTHORIZATION.test(key.getText())) return true;
  if (depth >= 3) return false;
  const k = unwrap(key);
  const param = ts.isIdentifier(k) ? resolveIdentifier(k) : undefined;
  if (param && ts.isParameter(param)) {
    const fn = param.parent;
    return isFunctionLike(fn) && facts.callSitesOf(fn).some((call) => bearerKey(call.arguments[fn.parameters.indexOf(param)], facts, depth + 1));
  }
  const holder = declaringVariable(key);
  return !!holder?.initializer && enclosingFunction(holder) !== undefined && bearerKey(holder.initializer, facts, depth + 1);
}

/** Per file: the `set`/`add` calls into each collection, by its name, made inside a function (found once per file). */
const fillsMemo = new WeakMap<TS.SourceFile, Map<string, TS.CallExpression[]>>();

function fillsIn(sourceFile: TS.SourceFile): Map<string, TS.CallExpression[]> {
  let fills = fillsMemo.get(sourceFile);
  if (fills) return fills;
  fills = new Map();
  const found = fills;
  walk(sourceFile, (n) => {
    if (ts.isCallExpression(n) && /^(set|add)$/.test(calleeName(n) ?? '') && ts.isPropertyAccessExpression(unwrap(n.expression)) && enclosingFunction(n)) {
      const name = (unwrap(n.expression) as TS.PropertyAccessExpression).expression.getText();
      const calls = found.get(name);
      if (calls) calls.push(n);
      else found.set(name, [n]);
    }
    return undefined;
  });
  fillsMemo.set(sourceFile, fills);
  return fills;
}

/** Calls that make a token beside those that mint an id (MINTS_ID): `jwt.sign(...)`, `issueToken()`, `generateToken()`. */
const MINTS_TOKEN = /^(sign|createToken|issue\w*|generate\w*)$/;

/** Whether a key is a token this code mints (`randomUUID()`, `randomBytes(32).toString('hex')`, `jwt.sign(...)`, a local made from one). */
function mintedToken(key: TS.Node | undefined, depth = 0): boolean {
  if (!key) return false;
  let minted = false;
  walk(key, (n) => {
    if (minted || isFunctionLike(n)) return false;
    const name = ts.isCallExpression(n) ? (calleeName(n) ?? '') : '';
    if (MINTS_ID.test(name) || MINTS_TOKEN.test(name)) minted = true;
    return undefined;
  });
  const init = minted || depth >= 2 ? undefined : declaringVariable(key)?.initializer;
  return minted || mintedToken(init, depth + 1);
}

/**
 * Whether another function of the file than `lookup`'s issues tokens into a module-level collection
 * under a key it mints (`tokens.set(randomUUID(), user)` in a /token route): what requests issue,
 * not a list loaded at startup, a rate limit by token or a cache the looking-up code fills itself.
 */
function filledByRequests(name: string, lookup: TS.Node): boolean {
  const own = enclosingFunction(lookup);
  return (fillsIn(lookup.getSourceFile()).get(name) ?? []).some((call) => enclosingFunction(call) !== own && mintedToken(call.arguments[0]));
}

/** Whether what a lookup finds falls back to a number when it finds nothing (`usage[token] ?? 0`, `(await hits.get(t)) || 0`): a count, not a record a miss rejects. */
function countedFrom(lookup: TS.Node): boolean {
  let value = outermost(lookup);
  if (ts.isAwaitExpression(value.parent)) value = outermost(value.parent);
  const fallback = value.parent;
  return isFallback(fallback) && fallback.left === value && ts.isNumericLiteral(unwrap(fallback.right));
}

/** The other modules of the run and the path of the module whose code is read among them. */
type RunModules = { path: string; source: ModuleSource };

/** Whether an argument hands on the key `keyName`: itself, or a local cut from it (`const clean = token.replace(/^Bearer\s+/i, '')`). */
function carriesKey(argument: TS.Node, keyName: string): boolean {
  const named = new RegExp(`\\b${keyName}\\b`);
  if (named.test(argument.getText())) return true;
  const init = resolveInitializer(argument);
  return !!init && named.test(init.getText());
}

/** A lookup of an OAuth key in a store of this process's memory that a verifier reaches through a call into another module of the run. */
interface FollowedLookup {
  store: MemoryStore;
  /** The call of the verifier's file that leads there (`findToken()`). */
  through: string;
  /** The module that keeps the store, as findings name files. */
  module: string;
}

/**
 * Where a call of a verifier hands the key (the token, the code) to a function of another module
 * of the run (`findToken(token)`, `tokenStore.find(token)`), the first lookup by it there in a store
 * of that module's memory (inMemoryStore, judged in that module: a Map its functions fill, not a
 * Redis client nor a list built at start), followed through that module's own functions and the
 * modules it calls in turn, two calls deep (trial 73B B2: `getAccessToken()` of lib/oauth-storage
 * behind `validateProxyToken()` of lib/proxy-token-validation). Not a cache the function fills
 * itself, nor a count.
 */
function followedLookup(call: TS.CallExpression, keyName: string, modules: RunModules, depth = 0): FollowedLookup | undefined {
  const index = call.arguments.findIndex((a) => carriesKey(a, keyName));
  const target = index < 0 ? undefined : (importedFunctionAt(call.expression, modules.path, modules.source) ?? importedMethodAt(call.expression, modules.path, modules.source));
  const param = target?.fn.parameters[index];
  if (!target?.fn.body || !param || !ts.isIdentifier(param.name) || param.dotDotDotToken) return undefined;
  const found = lookupIn(target.fn, param.name.text, { path: target.module.path, source: modules.source }, depth);
  return found && { ...found, through: `${unwrap(call.expression).getText().replace(/\s+/g, '')}()` };
}

/**
 * Where a verifier `fn` hands the key to a function of its own module (`verifyBearer(req, token)`
 * calling `validateBearer(token)` beside it), the lookup that function makes (lookupIn), in this
 * module's memory or another's.
 */
function ownLookup(call: TS.CallExpression, fn: TS.FunctionLikeDeclaration, keyName: string, modules: RunModules): FollowedLookup | undefined {
  const own = resolveFunction(call.expression);
  const index = own?.body && own !== fn ? call.arguments.findIndex((a) => carriesKey(a, keyName)) : -1;
  const param = index >= 0 ? own!.parameters[index] : undefined;
  const found = param && ts.isIdentifier(param.name) ? lookupIn(own!, param.name.text, modules, 1) : undefined;
  return found && { ...found, through: `${unwrap(call.expression).getText()}()` };
}

/** followedLookup's search in one function `fn` of the module at `modules.path`, by its parameter `keyName`. */
function lookupIn(fn: TS.FunctionLikeDeclaration, keyName: string, modules: RunModules, depth: number): FollowedLookup | undefined {
  let found: FollowedLookup | undefined;
  walk(fn.body!, (n) => {
    if (found || isFunctionLike(n)) return false;
    const collection = lookedUp(n);
    const argument = collection && (ts.isCallExpression(n) ? n.arguments[0] : (n as TS.ElementAccessExpression).argumentExpression);
    const store = argument && carriesKey(argument, keyName) ? inMemoryStore(collection!) : undefined;
    if (store && !countedFrom(n) && !fillsItself(fn.body!, store.name, keyName)) found = { store, through: '', module: modules.path };
    else if (!collection && ts.isCallExpression(n) && depth < 2) {
      // A function of the same module (`find(token)` beside `const tokens = new Map()`), or of another.
      const own = resolveFunction(n.expression);
      const index = own?.body ? n.arguments.findIndex((a) => carriesKey(a, keyName)) : -1;
      const param = index >= 0 ? own!.parameters[index] : undefined;
      found = param && ts.isIdentifier(param.name) && own !== fn ? lookupIn(own!, param.name.text, modules, depth + 1) : followedLookup(n, keyName, modules, depth + 1);
    }
    return undefined;
  });
  return found;
}

/**
 * Reports the first lookup of what a request brought (the parameter `key`: the token, the code,
 * the client id) in a store of this process's memory, in the body of an OAuth verifier or
 * provider method `fn`, once per store (`issuedOnly`: only a store a function of the file fills);
 * with `modules`, also one a function of another module of the run makes, handed the key
 * (followedLookup, trial 73B B2).
 */
function reportLookups(fn: TS.FunctionLikeDeclaration, key: TS.ParameterDeclaration | undefined, who: string, what: string, reported: Set<TS.Node>, report: Reporter, issuedOnly = false, modules?: RunModules): void {
  const keyName = key && ts.isIdentifier(key.name) ? key.name.text : undefined;
  walk(fn.body!, (n) => {
    if (isFunctionLike(n)) return false;
    const collection = lookedUp(n);
    if (!collection && modules && keyName && ts.isCallExpression(n)) {
      const followed = followedLookup(n, keyName, modules) ?? ownLookup(n, fn, keyName, modules);
      const store = followed?.store;
      // (`issuedOnly`: filled by a function of the module that keeps it.)
      if (!store || reported.has(store.decl) || (issuedOnly && !fillsIn(store.decl.getSourceFile()).has(store.name))) return undefined;
      reported.add(store.decl);
      const kept = followed!.module === modules.path ? '' : `, in the memory of ${followed!.module}`;
      report({ node: outermost(n), message: lookupMessage(who, what, `${store.name} (through ${followed!.through}${kept})`, store.kind) });
      return undefined;
    }
    if (!collection) return undefined;
    // Looked up by what the request brought (the token, the code, the client id).
    const argument = ts.isCallExpression(n) ? n.arguments[0] : (n as TS.ElementAccessExpression).argumentExpression;
    if (keyName && !(argument && new RegExp(`\\b${keyName}\\b`).test(argument.getText()))) return undefined;
    const store = inMemoryStore(collection);
    if (!store || reported.has(store.decl)) return undefined;
    // `issuedOnly`: a store no function of the file fills is a list loaded at startup (API keys from the environment).
    if (issuedOnly && !fillsIn(fn.getSourceFile()).has(store.name)) return undefined;
    // A count kept per token (`usage[token] ?? 0`, an LLM quota): a miss reads as none used, no 401 (review 86 point 2).
    if (countedFrom(n)) return undefined;
    // A cache the function fills itself after it checks a miss elsewhere (`seen.set(key, ...)`
    // after a remote check): a miss on another instance checks again, no 401 (trial 19A).
    if (keyName && fillsItself(fn.body!, store.name, keyName)) return undefined;
    reported.add(store.decl);
    report({ node: outermost(n), message: lookupMessage(who, what, store.name, store.kind) });
    return undefined;
  });
}

/** What reportLookups says of a lookup in `store`, a `kind` of this process's memory. */
function lookupMessage(who: string, what: string, store: string, kind: string): string {
  return `${who} looks up ${what} in ${store}, a ${kind} in this process's memory: behind a round-robin load balancer the next request may reach an instance that never issued them (401); keep them in a store every instance reaches, or verify tokens without a lookup`;
}

/** What the SDK's auth middleware and router are handed, by the option that names it: the verifier's or the provider's methods that look up what it issued. */
const HANDED: Record<string, string[]> = {
  verifier: ['verifyAccessToken'],
  provider: ['verifyAccessToken', 'exchangeAuthorizationCode', 'challengeForAuthorizationCode', 'exchangeRefreshToken'],
};

/**
 * `requireBearerAuth({ verifier })`, `mcpAuthRouter({ provider })` handed an object whose class
 * (or object literal) another module of the run writes (trial 73B B2: an OAuthServerProvider in
 * provider.js keeping `this.tokens = new Map()`): that module names no MCP, so it is not scanned,
 * and its lookups are reported here, at the option that hands it on. One that names MCP reports
 * them itself.
 */
function reportHanded(call: TS.CallExpression, modules: RunModules, reported: Set<TS.Node>, report: Reporter): void {
  const options = call.arguments[0] && unwrap(call.arguments[0]);
  if (!options || !ts.isObjectLiteralExpression(options)) return;
  for (const option of options.properties) {
    const role = option.name && propertyNameText(option.name);
    const value = ts.isPropertyAssignment(option) ? option.initializer : ts.isShorthandPropertyAssignment(option) ? option.name : undefined;
    if (!role || !HANDED[role] || !value) continue;
    for (const name of HANDED[role]) {
      const method = importedMemberOf(value, name, modules.path, modules.source);
      if (!method?.fn.body || isMcpCode(method.module.sourceFile.text)) continue;
      const owner = method.fn.parent;
      const ownerName = (ts.isClassDeclaration(owner) && owner.name?.text) || value.getText();
      const who = `${ownerName}.${name}() of ${method.module.path}, the ${role} ${calleeName(call)}() is handed,`;
      reportLookups(method.fn, method.fn.parameters[name === 'verifyAccessToken' ? 0 : 1], who, LOOKUPS[name], reported, (r) => report({ ...r, node: option }), false, { path: method.module.path, source: modules.source });
    }
  }
}

/**
 * An OAuth token verifier or provider of the server that looks up what it issued in this process's
 * memory: a token, code or client another instance issued is unknown here.
 */
export const authStore: CodeRule = {
  target: 'code',
  id: 'auth-store',
  category: 'session-state',
  severity: 'error',
  title: 'OAuth tokens, codes or clients kept in one instance\'s memory',
  why:
    'An OAuth provider or token verifier that keeps what it issued (access tokens, authorization codes, refresh tokens, ' +
    'registered clients) in a Map of its process works only while every request reaches the instance that issued it: the ' +
    'sticky routing 2026-07-28 deployments drop. Behind a round-robin load balancer a token issued by one instance is ' +
    'unknown to the next (401), and a code redeemed there fails. The same holds for hand-written OAuth routes: a code, state or ' +
    'PKCE verifier /authorize keeps in memory is not found by a /token request, or by the identity provider\'s redirect to /callback, ' +
    'that reaches another instance.',
  fix: { manual: 'Keep issued tokens, codes and registered clients in a store every instance reaches (Redis, a database), or verify tokens without a lookup (signed JWTs, token introspection at the authorization server).' },
  docs: `${SPEC}/basic/authorization`,
  keywords: ['authorization', 'bearer', 'withmcpauth', 'function post(', 'const post =', 'function get(', 'const get =', 'verifyaccesstoken', 'exchangeauthorizationcode', 'exchangerefreshtoken', 'challengeforauthorizationcode', 'getclient', "/token'", '/token"', '/token`', "/callback'", '/callback"', '/callback`'],
  check(file, report) {
    const reported = new Set<TS.Node>();
    const step = (path: string) => stepOf(path, file.facts.clientOnly);
    const appRoute = appRoutePath(file.path);
    const appStep = appRoute === undefined ? undefined : step(appRoute);
    file.facts.nodes.visit(VISITED, (node) => {
      // A Next.js App Router token route or callback (`app/oauth/token/route.ts`: `export async function POST`, trial 36C).
      const exported = appStep && (ts.isVariableDeclaration(node) || ts.isFunctionDeclaration(node)) ? exportedRouteHandler(node, /^(GET|POST)$/) : undefined;
      if (exported || ts.isVariableDeclaration(node)) {
        const lookup = exported?.handler.body && STEP_METHODS[appStep!].test(exported.method.toLowerCase()) ? stepLookup(exported.handler.body, appStep!, file.facts) : undefined;
        if (lookup) report({ node: lookup.node, message: stepLookupMessage(`the ${appRoute} route`, appStep!, lookup.store) });
        return;
      }
      if (ts.isIfStatement(node)) {
        const branch = oauthBranch(node.expression, step);
        const lookup = branch ? stepLookup(node.thenStatement, branch.step, file.facts) : undefined;
        if (lookup) report({ node: lookup.node, message: stepLookupMessage(`the ${branch!.path} branch`, branch!.step, lookup.store) });
        return;
      }
      if (ts.isCallExpression(node)) {
        // A route or middleware that looks the request's bearer token up among tokens a handler of
        // the file issued into this process's memory (`tokens.get(req.headers.authorization ...)`, trial 37C).
        const collection = /^(get|has)$/.test(calleeName(node) ?? '') ? lookedUp(node) : undefined;
        const store = collection ? inMemoryStore(collection) : undefined;
        if (store && !reported.has(store.decl) && store.module && filledByRequests(store.name, node) && bearerKey(node.arguments[0], file.facts)) {
          reported.add(store.decl);
          report({
            node: outermost(node),
            message: `the request's bearer token is looked up in ${store.name}, which this file's handlers fill in this process's memory: a token another instance issued is unknown here (401); keep issued tokens in a store every instance reaches, or verify tokens without a lookup (signed JWTs, token introspection)`,
          });
          return;
        }
        // The SDK's auth middleware and router handed another module's verifier or provider (trial 73B B2).
        if (/^(requireBearerAuth|mcpAuthRouter)$/.test(calleeName(node) ?? '')) {
          if (file.facts.modules) reportHanded(node, file.facts.modules, reported, report);
          return;
        }
        // mcp-handler's `withMcpAuth(handler, verify)`: verify(req, bearerToken) looks the token up (trial 36C).
        if (calleeName(node) === 'withMcpAuth') {
          const verifier = resolveFunction(node.arguments[1]);
          if (verifier?.body) reportLookups(verifier, verifier.parameters[1], 'the withMcpAuth token verifier', 'access tokens', reported, report, true, file.facts.modules);
          // One another module of the run writes (`withMcpAuth(base, verifyBearer)`, imported): its lookups, reported at the argument (trial 73B B2).
          const modules = file.facts.modules;
          const imported = !verifier && modules && node.arguments[1] ? importedFunctionAt(node.arguments[1], modules.path, modules.source) : undefined;
          if (imported?.fn.body && !isMcpCode(imported.module.sourceFile.text)) {
            const at = node.arguments[1];
            reportLookups(imported.fn, imported.fn.parameters[1], `the withMcpAuth token verifier ${at.getText()}() of ${imported.module.path}`, 'access tokens', reported, (r) => report({ ...r, node: at }), true, { path: imported.module.path, source: modules!.source });
          }
          return;
        }
        const path = /^(post|get|all)$/.test(calleeName(node) ?? '') ? routePath(node) : undefined;
        const routed = path ? step(path) : undefined;
        const handler = routed && STEP_METHODS[routed].test(calleeName(node)!) ? resolveFunction(node.arguments[node.arguments.length - 1]) : undefined;
        const lookup = handler?.body ? stepLookup(handler.body, routed!, file.facts) : undefined;
        if (lookup) report({ node: lookup.node, message: stepLookupMessage(`the ${path} route`, routed!, lookup.store) });
        return;
      }
      const name = ts.isFunctionDeclaration(node) ? node.name?.text : propertyNameText((node as TS.MethodDeclaration | TS.PropertyAssignment).name);
      const what = name !== undefined ? LOOKUPS[name] : undefined;
      if (!what) return;
      const fn = ts.isPropertyAssignment(node) ? unwrap(node.initializer) : node;
      if (!isFunctionLike(fn) || !fn.body) return;
      // `getClient(name)` is many a registry's (a proxy's upstream clients): an OAuth clients store's only beside registerClient.
      if (name === 'getClient' && !registersClients(node)) return;
      reportLookups(fn, fn.parameters[name === 'getClient' || name === 'verifyAccessToken' ? 0 : 1], `${name}()`, what, reported, report, false, file.facts.modules);
    });
  },
};
