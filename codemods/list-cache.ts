/**
 * list-cache (target 2026-07-28): a cache hint for `tools/list` when the tool list is static.
 *
 * 2026-07-28 requires `ttlMs` and `cacheScope` on every tools/list result; the v2 SDK emits
 * `ttlMs: 0, cacheScope: 'private'` unless the server says otherwise, so every client re-fetches
 * the list on every use. When every tool of a v2 `new McpServer(info, options?)` is registered
 * unconditionally while the server is built, the list is the same for every caller:
 *
 *   new McpServer(info, { cacheHints: { 'tools/list': { ttlMs: 300_000, cacheScope: 'public' } } })
 *
 * merged into an existing options object or cacheHints object; an existing 'tools/list' hint is
 * never overridden. The scope is 'public' (shared caches and gateways may reuse it across users),
 * or 'private' when the file handles auth or registers some tools only for some callers (by auth,
 * which 2026-07-28 allows). Both are tagged `review`: a person confirms the list really is fixed.
 *
 * Static means: registrations are statements of the block that builds the server (or of a local
 * helper it calls with the server, or of a local function it calls or hands to a synchronous
 * `list.forEach`), not inside callbacks, handlers, timers, loops over runtime data or conditionals;
 * no registered tool is enabled, disabled, removed or updated; nothing sends `sendToolListChanged`.
 * A list changed at run time (after the server serves: code a tool's call runs, as scan's
 * stateful-tool decides it, or a callback handed to a timer, a listener, a route) gets a marker
 * instead (2026-07-28: list results must not vary per connection or as a side effect of other
 * requests). Anything the codemod cannot
 * follow (the server escaping to unknown code, tools registered on a server it did not see, a
 * custom tools/list handler, a spread options object) is left alone, and so is a server the file
 * returns where another file of the package registers tools on a server it is handed (the
 * runner's toolsAddedElsewhere). v1 files are left alone.
 */
import type { ts as TS } from 'ts-morph';
import { ts } from '../src/analysis/typescript.js';
import { calleeName, constantString, enclosingFunction, functionDeclarationOf, isExported, isFunctionLike, isModuleVariable, isPropertyName, propertyNameText, referencesTo, resolveFunction, resolveIdentifier, unwrap, walk } from '../src/analysis/ast.js';
import type { SessionFacts } from '../src/analysis/session.js';
import { withoutComments } from '../src/analysis/mcp.js';
import { reachedFromTool } from '../src/rules/stateful-tool.js';
import { appendPropertyEdits, applyEdits, lineOf } from './lib/edits.js';
import type { Change, CodeCodemod, Marker, TextEdit } from './types.js';

const V2_SERVER = '@modelcontextprotocol/server';
const SPEC_TOOLS = 'https://modelcontextprotocol.io/specification/2026-07-28/server/tools';
const TTL = '300_000';
const TOOL_REGISTRATIONS = new Set(['registerTool', 'tool']);
const TOOL_HANDLE_METHODS = new Set(['enable', 'disable', 'remove', 'update']);
const ITERATIONS = new Set(['forEach', 'map', 'flatMap']);
/** Signs that requests carry auth: the cached list must not be shared across auth contexts then. */
const AUTH_SIGNS = /\bauthInfo\b|requireBearerAuth|\bbearer\b|\bauthorization\b|verifyAccessToken|\bjwt\b|\bpassport\b/i;
/** Conditions on the caller's auth: the list may vary by auth (2026-07-28 allows that), privately. */
const AUTH_CONDITION = /\bauth(Info)?\b|\bscopes?\b|\broles?\b|\bclaims\b|\bpermissions?\b/i;

/** How a registration is reached from the block that builds the server, worst first. */
type Reach = 'dynamic' | 'unknown' | 'conditional' | 'loop' | 'auth' | 'static';
const RANK: Record<Reach, number> = { dynamic: 5, unknown: 4, conditional: 3, loop: 2, auth: 1, static: 0 };

function worst(a: Reach, b: Reach): Reach {
  return RANK[a] >= RANK[b] ? a : b;
}

/** Local names under which `McpServer` is imported from the v2 server package (`mcp.McpServer` for namespaces). */
function v2ServerNames(sf: TS.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) && constantString(s.moduleSpecifier) === V2_SERVER && s.importClause?.namedBindings) {
      const b = s.importClause.namedBindings;
      if (ts.isNamedImports(b)) for (const e of b.elements) if ((e.propertyName ?? e.name).text === 'McpServer') names.add(e.name.text);
      if (ts.isNamespaceImport(b)) names.add(`${b.name.text}.McpServer`);
    }
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const init = d.initializer && unwrap(d.initializer);
        if (!init || !ts.isCallExpression(init) || calleeName(init) !== 'require' || constantString(init.arguments[0]) !== V2_SERVER) continue;
        if (ts.isObjectBindingPattern(d.name)) for (const e of d.name.elements) if ((propertyNameText(e.propertyName as TS.PropertyName) ?? e.name.getText()) === 'McpServer') names.add(e.name.getText());
        if (ts.isIdentifier(d.name)) names.add(`${d.name.text}.McpServer`);
      }
    }
  }
  return names;
}

/** A literal list of tool definitions: `[...]`, or a module constant holding one. */
function isLiteralList(expr: TS.Expression): boolean {
  const e = unwrap(expr);
  if (ts.isArrayLiteralExpression(e)) return true;
  if (!ts.isIdentifier(e)) return false;
  const decl = resolveIdentifier(e);
  return (
    isModuleVariable(decl) &&
    !!decl.initializer &&
    ts.isArrayLiteralExpression(unwrap(decl.initializer)) &&
    !!(decl.parent.flags & ts.NodeFlags.Const)
  );
}

/** `list.forEach(fn)`, `list.map(fn)`: the iteration `fn` is handed to, run before the call returns. */
function iterationOf(fn: TS.Node): TS.CallExpression | undefined {
  const call = fn.parent;
  return ts.isCallExpression(call) && call.arguments.includes(fn as TS.Expression) && ITERATIONS.has(calleeName(call) ?? '') && ts.isPropertyAccessExpression(unwrap(call.expression)) ? call : undefined;
}

/** How an iteration over `call`'s list reaches what it runs: a literal list is static, another is a loop. */
function iterated(call: TS.CallExpression): Reach {
  return isLiteralList((unwrap(call.expression) as TS.PropertyAccessExpression).expression) ? 'static' : 'loop';
}

/**
 * How `call` (a registration, or the call of a helper handed the server) is reached from `block`
 * (the block that builds the server). Run time, where the list changes after the server serves,
 * is code a tool's call runs (stateful-tool's reachedFromTool: what scan reports) or a callback
 * handed to something that runs it later (a timer, a listener, a route). A local helper
 * (`const registerOne = (c) => server.registerTool(...)`) runs where it is called: called
 * directly, or handed to a synchronous `list.forEach(registerOne)`, it is reached as its calls are.
 */
function reach(call: TS.CallExpression, block: TS.Node, facts: SessionFacts, helpers = new Set<TS.Node>()): Reach {
  if (reachedFromTool(facts, call)) return 'dynamic';
  let result: Reach = 'static';
  for (let current = call.parent; current && current !== block; current = current.parent) {
    if (isFunctionLike(current)) {
      // `TOOLS.forEach((t) => server.registerTool(...))` is a loop; any other function runs later.
      const iteration = iterationOf(current);
      if (iteration) {
        result = worst(result, iterated(iteration));
        continue;
      }
      // `tryCatch(() => { server.registerTool(...) })`: handed to a local function that calls it
      // at once (an error wrapper), it runs where that call is.
      const invoker = callsAtOnce(current);
      if (invoker) {
        current = invoker;
        continue;
      }
      const helper = functionDeclarationOf(current);
      if (!helper) return 'dynamic';
      // A helper that calls itself (a tree of tools): what its other calls say.
      if (helpers.has(current)) return result;
      helpers.add(current);
      const uses = referencesTo(block, helper);
      if (uses.length === 0) return 'unknown'; // not called in the block that builds the server
      for (const use of uses) {
        const called = ts.isCallExpression(use.parent) && unwrap(use.parent.expression) === use ? use.parent : undefined;
        const each = called ? undefined : iterationOf(use);
        if (called) result = worst(result, reach(called, block, facts, helpers));
        else if (each) result = worst(result, worst(iterated(each), reach(each, block, facts, helpers)));
        // Handed to a timer, a listener, a route: it runs later.
        else if (ts.isCallExpression(use.parent) || ts.isNewExpression(use.parent)) return 'dynamic';
        else result = worst(result, 'unknown');
      }
      return result;
    }
    if (ts.isForOfStatement(current)) result = worst(result, isLiteralList(current.expression) ? 'static' : 'loop');
    else if (ts.isForStatement(current) || ts.isForInStatement(current) || ts.isWhileStatement(current) || ts.isDoStatement(current)) result = worst(result, 'loop');
    else if (ts.isIfStatement(current) || ts.isConditionalExpression(current) || ts.isSwitchStatement(current)) {
      const condition = ts.isIfStatement(current) || ts.isSwitchStatement(current) ? current.expression : current.condition;
      result = worst(result, AUTH_CONDITION.test(condition.getText()) ? 'auth' : 'conditional');
    } else if (ts.isBinaryExpression(current) && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(current.operatorToken.kind)) {
      result = worst(result, AUTH_CONDITION.test(current.left.getText()) ? 'auth' : 'conditional');
    } else if (ts.isClassLike(current)) return 'unknown';
  }
  return result;
}

/**
 * The call a callback is handed to, when the callee is a function of this file that calls that
 * parameter directly in its own body (not in a function of its own, nor after an await): the
 * callback runs synchronously, where the call is.
 */
function callsAtOnce(callback: TS.Node): TS.CallExpression | undefined {
  const call = callback.parent;
  if (!ts.isCallExpression(call)) return undefined;
  const index = call.arguments.indexOf(callback as TS.Expression);
  const callee = resolveFunction(call.expression);
  const param = index >= 0 ? callee?.parameters[index] : undefined;
  if (!callee?.body || !param || !ts.isIdentifier(param.name)) return undefined;
  const name = param.name.text;
  let calledAtOnce = false;
  let deferred = false;
  const visit = (n: TS.Node): void => {
    if (isFunctionLike(n) && n !== callee) return;
    if (ts.isAwaitExpression(n)) deferred = true;
    if (ts.isCallExpression(n) && ts.isIdentifier(unwrap(n.expression)) && (unwrap(n.expression) as TS.Identifier).text === name && !deferred) calledAtOnce = true;
    ts.forEachChild(n, visit);
  };
  visit(callee.body);
  return calledAtOnce ? call : undefined;
}

/** A registration whose tool name is a parameter of the function around it: a registration helper. */
function forwardsRegistration(call: TS.CallExpression): boolean {
  const first = call.arguments[0] && unwrap(call.arguments[0]);
  if (!first || !ts.isIdentifier(first)) return false;
  const decl = resolveIdentifier(first);
  return !!decl && ts.isParameter(decl) && decl.parent === enclosingFunction(call);
}

/**
 * Whether what a registration declares (its name, description, schemas: every argument but the
 * handler) is computed from a parameter of the function that builds the server (`construction`:
 * the server's declaration) or of one around it, directly or through locals initialised from one:
 * the tool list then depends on what the builder was called with.
 */
function definedFromArguments(call: TS.CallExpression, construction: TS.Node): boolean {
  const handler = call.arguments.length > 0 ? call.arguments[call.arguments.length - 1] : undefined;
  const seen = new Set<TS.Node>();
  const fromParameter = (node: TS.Node, depth: number): boolean => {
    let found = false;
    walk(node, (n) => {
      if (found) return false;
      if (!ts.isIdentifier(n) || isPropertyName(n)) return undefined;
      const decl = resolveIdentifier(n);
      if (!decl || seen.has(decl)) return undefined;
      seen.add(decl);
      // A parameter of a function around the server's construction (not a helper's, nor a callback's inside the definition).
      if (ts.isParameter(decl)) found = decl.parent.pos <= construction.pos && construction.end <= decl.parent.end;
      else if (ts.isVariableDeclaration(decl) && enclosingFunction(decl) && decl.initializer && depth < 3) found = fromParameter(decl.initializer, depth + 1);
      return undefined;
    });
    return found;
  };
  return call.arguments.some((a) => a !== handler && fromParameter(a, 0));
}

function isToolRegistration(call: TS.CallExpression): boolean {
  return TOOL_REGISTRATIONS.has(calleeName(call) ?? '') && ts.isPropertyAccessExpression(unwrap(call.expression)) && call.arguments.length >= 2;
}

function receiverDecl(call: TS.CallExpression): TS.Node | undefined {
  const receiver = unwrap((unwrap(call.expression) as TS.PropertyAccessExpression).expression);
  return ts.isIdentifier(receiver) ? resolveIdentifier(receiver) : undefined;
}

interface Site {
  node: TS.Node;
  message: string;
}

interface Verdict {
  reach: Reach;
  tools: number;
  dynamic: Site[];
  /** The server is returned to the caller (who may register more tools on it). */
  returned?: boolean;
}

const REGISTERED_LATE =
  'registers a tool at run time (inside a handler, callback or timer): under 2026-07-28 tools/list must not vary per connection or as a side effect of other requests (it may vary by auth only), so register every tool when the server is built and take a handle argument (e.g. connection_id) instead; a fixed list can then be cached (cacheHints)';
const TOGGLED =
  'enables, disables, removes or updates a registered tool at run time: under 2026-07-28 tools/list must not vary per connection or as a side effect of other requests (it may vary by auth only); keep the tool registered and have it answer with an error while it does not apply';
const ANNOUNCED =
  'sendToolListChanged announces a tool list that changes at run time: under 2026-07-28 it reaches only subscriptions/listen streams, and tools/list must not vary per connection or as a side effect of other requests (it may vary by auth only); make the list fixed, or make sure the change is global';

/** What happens to the tool list of the server declared by `decl` (or the helper parameter `decl`). */
function judge(decl: TS.Node, block: TS.Node, facts: SessionFacts, seen: Set<TS.Node>, depth: number, construction: TS.Node = decl): Verdict {
  const sf = facts.sourceFile;
  const verdict: Verdict = { reach: 'static', tools: 0, dynamic: [] };
  if (seen.has(decl)) return verdict;
  seen.add(decl);
  const name = (decl as TS.VariableDeclaration | TS.ParameterDeclaration).name;
  if (!ts.isIdentifier(name)) return { ...verdict, reach: 'unknown' };
  for (const node of referencesTo(sf, decl as TS.VariableDeclaration & { name: TS.Identifier })) {
    const parent = node.parent;
    // server.registerTool(...), server.connect(...), server.server...
    if (ts.isPropertyAccessExpression(parent) && parent.expression === node) {
      const member = parent.name.text;
      const call = parent.parent;
      if (TOOL_REGISTRATIONS.has(member) && ts.isCallExpression(call) && isToolRegistration(call)) {
        verdict.tools++;
        // A helper that registers the tool it is handed (`const registerTool = (name, config, cb) =>
        // server.registerTool(name, ...)`) runs when its caller does, which this file does not show.
        // A definition built from what the builder is handed (`build(tenant)`: a description naming
        // the tenant) differs from caller to caller: no shared hint (trial 20B).
        const how = forwardsRegistration(call) || definedFromArguments(call, construction) ? 'unknown' : reach(call, block, facts);
        if (how === 'dynamic') verdict.dynamic.push({ node: call, message: REGISTERED_LATE });
        verdict.reach = worst(verdict.reach, how);
        if (!resultDiscarded(call)) verdict.reach = worst(verdict.reach, handleUse(call, verdict));
      } else if (member === 'server' && /ListToolsRequestSchema|['"]tools\/list['"]/.test(outermostAccess(parent).parent.getText())) {
        verdict.reach = worst(verdict.reach, 'unknown'); // a hand-written tools/list
      }
      continue;
    }
    // `return server`, `() => server`: the caller gets the built server.
    if (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === node)) {
      verdict.returned = true;
      continue;
    }
    // registerTools(server): follow a local helper once.
    if (ts.isCallExpression(parent) && parent.arguments.includes(node) && depth < 2) {
      const helper = resolveFunction(parent.expression);
      const param = helper?.parameters[parent.arguments.indexOf(node)];
      if (helper?.body && param && ts.isIdentifier(param.name)) {
        const inner = judge(param, helper.body, facts, seen, depth + 1, construction);
        const how = reach(parent, block, facts);
        verdict.tools += inner.tools;
        verdict.dynamic.push(...inner.dynamic);
        verdict.reach = worst(worst(verdict.reach, inner.reach), inner.tools > 0 ? how : 'static');
        continue;
      }
    }
    verdict.reach = worst(verdict.reach, 'unknown');
  }
  return verdict;
}

/** `server.server.setRequestHandler` for the `server.server` access: the whole chain. */
function outermostAccess(node: TS.Node): TS.Node {
  let current = node;
  while (ts.isPropertyAccessExpression(current.parent) && current.parent.expression === current) current = current.parent;
  return current;
}

function resultDiscarded(call: TS.CallExpression): boolean {
  let p: TS.Node = call.parent;
  while (ts.isAwaitExpression(p) || ts.isParenthesizedExpression(p) || ts.isVoidExpression(p)) p = p.parent;
  return ts.isExpressionStatement(p);
}

/** `const t = server.registerTool(...)`: `t.disable()` changes the list; other uses are not followed. */
function handleUse(call: TS.CallExpression, verdict: Verdict): Reach {
  const parent = call.parent;
  const toggles = (n: TS.Node) => {
    const access = n.parent;
    if (ts.isPropertyAccessExpression(access) && access.expression === n && TOOL_HANDLE_METHODS.has(access.name.text) && ts.isCallExpression(access.parent)) {
      verdict.dynamic.push({ node: access.parent, message: TOGGLED });
      return true;
    }
    return false;
  };
  if (toggles(call)) return 'dynamic';
  if (!ts.isVariableDeclaration(parent) || !ts.isIdentifier(parent.name)) return 'unknown';
  let result: Reach = 'static';
  for (const n of referencesTo(call.getSourceFile(), parent as TS.VariableDeclaration & { name: TS.Identifier })) result = worst(result, toggles(n) ? 'dynamic' : 'unknown');
  return result;
}

function quoteOf(node: TS.Node): string {
  let quote: string | undefined;
  walk(node, (n) => {
    if (!quote && ts.isStringLiteral(n)) quote = n.getText()[0];
  });
  return quote ?? "'";
}

/** The first release of @modelcontextprotocol/server whose McpServer options take `cacheHints` known here (the reference's). */
const CACHE_HINTS_SINCE = [2, 4, 0];

/**
 * Whether the package's @modelcontextprotocol/server takes cacheHints: absent from its manifest
 * (a package this run moves to v2 gets a release that does), or a range whose lowest version is
 * that release or later. A pin below it (`2.0.0-alpha.0`), or a tarball or link whose version is
 * not in the range, gets no hint (TS2353 otherwise).
 */
function hasCacheHints(dependencies: Readonly<Record<string, string>> | undefined): boolean {
  const range = dependencies?.['@modelcontextprotocol/server'];
  if (range === undefined) return true;
  const lowest = /^\s*(?:[\^~]|>=?)?\s*v?(\d+)\.(\d+)\.(\d+)(-[\w.]+)?\s*$/.exec(range.split('||')[0]);
  if (!lowest) return false;
  const version = [Number(lowest[1]), Number(lowest[2]), Number(lowest[3])];
  const cmp = version.findIndex((n, i) => n !== CACHE_HINTS_SINCE[i]);
  // A prerelease of the first release is before it.
  if (cmp === -1) return !lowest[4];
  return version[cmp] > CACHE_HINTS_SINCE[cmp];
}

/** The edits that add the hint to `new McpServer(info, options?)`; undefined when the options are not followed (or already hint). */
function hintEdits(construction: TS.NewExpression, scope: 'public' | 'private', sf: TS.SourceFile): TextEdit[] | undefined {
  const args = construction.arguments ?? ts.factory.createNodeArray();
  const q = quoteOf(args[0] ?? construction);
  const hint = `${q}tools/list${q}: { ttlMs: ${TTL}, cacheScope: ${q}${scope}${q} }`;
  if (args.length === 0) return undefined;
  if (args.length === 1) return [{ start: args[0].getEnd(), end: args[0].getEnd(), text: `, { cacheHints: { ${hint} } }` }];
  const options = unwrap(args[1]);
  if (!ts.isObjectLiteralExpression(options) || options.properties.some((p) => ts.isSpreadAssignment(p))) return undefined;
  const existing = options.properties.find((p) => propertyNameText(p.name as TS.PropertyName) === 'cacheHints');
  if (!existing) return appendPropertyEdits(options, `cacheHints: { ${hint} }`, sf);
  if (!ts.isPropertyAssignment(existing)) return undefined;
  const hints = unwrap(existing.initializer);
  if (!ts.isObjectLiteralExpression(hints) || hints.properties.some((p) => ts.isSpreadAssignment(p))) return undefined;
  if (hints.properties.some((p) => propertyNameText(p.name as TS.PropertyName) === 'tools/list')) return undefined;
  return appendPropertyEdits(hints, hint, sf);
}

export const listCache: CodeCodemod = {
  kind: 'code',
  id: 'list-cache',
  title: 'Cache hints for a static tools/list (2026-07-28 ttlMs / cacheScope)',
  target: '2026-07-28',
  resolves: [],
  keywords: [V2_SERVER],
  transform({ text, sourceFile: sf, facts }, ctx) {
    const names = v2ServerNames(sf);
    if (names.size === 0) return { text, changes: [], markers: [] };
    const servers: Array<{ construction: TS.NewExpression; verdict: Verdict }> = [];
    const dynamic: Site[] = [];
    /** Declarations (servers, helper parameters) whose registrations were judged. */
    const judged = new Set<TS.Node>();
    walk(sf, (node) => {
      if (!ts.isNewExpression(node) || !names.has(unwrap(node.expression).getText())) return;
      const holder = node.parent;
      if (!ts.isVariableDeclaration(holder) || unwrap(holder.initializer!) !== node || !ts.isIdentifier(holder.name)) return;
      const list = holder.parent;
      const statement = list.parent;
      const block = statement.parent;
      if (!ts.isVariableStatement(statement) || !(ts.isBlock(block) || ts.isSourceFile(block))) return;
      const seen = new Set<TS.Node>();
      const verdict = judge(holder, block, facts, seen, 0);
      // An exported server object can get more tools from other modules.
      if (isExported(statement)) verdict.reach = 'unknown';
      // So can a returned one, where another module of the package registers tools on a server it is handed.
      if (verdict.returned && ctx.toolsAddedElsewhere) verdict.reach = 'unknown';
      for (const d of seen) judged.add(d);
      servers.push({ construction: node, verdict });
      dynamic.push(...verdict.dynamic);
    });
    // Tool registrations on servers not judged here (a returned server, this.server, an exported
    // helper's parameter) block the hint; in a helper, one inside a callback is still marked.
    const unattributed: TS.CallExpression[] = [];
    walk(sf, (node) => {
      if (!ts.isCallExpression(node)) return;
      if (calleeName(node) === 'sendToolListChanged') dynamic.push({ node, message: ANNOUNCED });
      if (!isToolRegistration(node)) return;
      const decl = receiverDecl(node);
      if (decl && judged.has(decl)) return;
      const receiver = (unwrap(node.expression) as TS.PropertyAccessExpression).expression.getText();
      if (calleeName(node) !== 'registerTool' && !/server|mcp/i.test(receiver)) return;
      unattributed.push(node);
      const owner = decl && ts.isParameter(decl) && isFunctionLike(decl.parent) ? decl.parent : undefined;
      // Not a helper that registers the tool it is handed (cloudflare's registration context): it runs when its caller does.
      if (owner?.body && !forwardsRegistration(node) && reach(node, owner.body, facts) === 'dynamic') dynamic.push({ node, message: REGISTERED_LATE });
    });

    const markers: Marker[] = [];
    const placed = new Set<string>();
    for (const site of dynamic) {
      const line = lineOf(sf, site.node.getStart(sf));
      if (placed.has(`${line}:${site.message}`)) continue;
      placed.add(`${line}:${site.message}`);
      markers.push({ line, message: site.message, link: SPEC_TOOLS });
    }
    if (dynamic.length > 0 || unattributed.length > 0 || !ctx.allows('review') || !hasCacheHints(ctx.dependencies)) return { text, changes: [], markers };

    const edits: TextEdit[] = [];
    const changes: Change[] = [];
    // In code, not comments (an earlier codemod's marker names ctx.authInfo; trial 19A).
    const authInFile = AUTH_SIGNS.test(withoutComments(text));
    for (const { construction, verdict } of servers) {
      if (verdict.tools === 0 || (verdict.reach !== 'static' && verdict.reach !== 'auth')) continue;
      const scope = verdict.reach === 'auth' || authInFile ? 'private' : 'public';
      const added = hintEdits(construction, scope, sf);
      if (!added) continue;
      edits.push(...added);
      const why =
        verdict.reach === 'auth'
          ? 'some tools are registered only for some callers, by auth (2026-07-28 allows that), so the cached list must not be shared across auth contexts'
          : scope === 'private'
            ? "every tool this file registers is registered unconditionally when the server is built, but this file handles auth, so the hint stays private (not shared across auth contexts); make it 'public' if the list is the same for everybody"
            : "every tool this file registers is registered unconditionally when the server is built, so the list is the same for every caller and 'public' lets clients and gateways share it for 5 minutes; make it 'private' if the list ever depends on who calls, and drop the hint if other modules add tools to this server";
      changes.push({ line: lineOf(sf, construction.getStart(sf)), description: `tools/list cache hint (ttlMs 300000, cacheScope '${scope}'): ${why}`, safety: 'review' });
    }
    if (edits.length === 0) return { text, changes: [], markers };
    return { text: applyEdits(text, edits), changes, markers };
  },
};
