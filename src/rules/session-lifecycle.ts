import { ts } from '../analysis/typescript.js';
import type { ts as TS } from 'ts-morph';
import { calleeName, calleeReceiver, codeSnippet, constantString, enclosingClass, extendsClause, isAssignment, isAssignmentTarget, inLogCall, isEqualityTest, isLogCall, moduleExportOf, outermost, propertyNameText, referencesTo, resolveFunction, resolveIdentifier, resolveInitializer, stringValue, unwrap, walk, type Declaration } from '../analysis/ast.js';
import { MCP_HANDLER_IMPORT } from './sse-routing.js';
import { isRegistrationCall, type Registration } from '../analysis/registrations.js';
import type { SessionFacts } from '../analysis/session.js';
import { boundFunction, initializedHook, recordsClientOnly, setUpCall } from '../analysis/hooks.js';
import { SERVER_NAME, servesBothEras, TMCP_MODULE } from '../analysis/mcp.js';
import { knownNotServer, sdkClassKind } from '../analysis/receivers.js';
import { adviceByMessage, SPEC, type CodeRule } from './types.js';
import { kinds } from '../analysis/nodes.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.MethodDeclaration, ts.SyntaxKind.ShorthandPropertyAssignment, ts.SyntaxKind.BinaryExpression, ts.SyntaxKind.CaseClause);
/** And the calls, in a file that imports tmcp (its `server.on('initialize', ...)`). */
const VISITED_WITH_CALLS = kinds(ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.MethodDeclaration, ts.SyntaxKind.ShorthandPropertyAssignment, ts.SyntaxKind.BinaryExpression, ts.SyntaxKind.CaseClause, ts.SyntaxKind.CallExpression);

/** The calls, for the registration calls whose handler is a bound method (handlerReadsHookState). */
const CALLS = kinds(ts.SyntaxKind.CallExpression);

const HOOKS: Record<string, string> = {
  onsessioninitialized: 'runs when a session is minted; 2026-07-28 has no sessions, so per-session bookkeeping here never happens',
  onsessionclosed: 'runs when a client DELETEs its session; 2026-07-28 has no sessions or DELETE',
  oninitialized: 'fires after the initialize handshake, which modern clients never perform',
};

/** Whether `receiver` is a server of tmcp's (`new McpServer(...)` with McpServer taken from 'tmcp'). */
function tmcpServer(receiver: TS.Expression | undefined): boolean {
  const init = receiver && resolveInitializer(receiver);
  return !!init && ts.isNewExpression(init) && moduleExportOf(init.expression)?.module === 'tmcp';
}

/** The MCP Apps packages (`@modelcontextprotocol/ext-apps`): a host↔iframe bridge over postMessage. */
const EXT_APPS = /^@modelcontextprotocol\/ext-apps(\/|$)/;

/** The names a file imports from the MCP Apps packages (`AppBridge`, `App`). */
function appsNames(sf: TS.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const s of sf.statements) {
    if (!ts.isImportDeclaration(s) || !EXT_APPS.test(constantString(s.moduleSpecifier) ?? '')) continue;
    const bindings = s.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) names.add(e.name.text);
  }
  return names;
}

/**
 * Whether `receiver` is an object of a class of the MCP Apps packages: declared with its type
 * (`bridge: AppBridge`, a field, a parameter), built with it (`new AppBridge(...)`, also into a
 * field: `this.bridge = new AppBridge(...)`), or returned by a function typed to return it (`make:
 * () => AppBridge`) (trials 20A, 21A).
 */
function appsBridge(receiver: TS.Expression): boolean {
  const names = appsNames(receiver.getSourceFile());
  if (names.size === 0) return false;
  const named = (text: string | undefined) => !!text && [...names].some((n) => new RegExp(`(^|[^\\w$])${n}([^\\w$]|$)`).test(text));
  const builtOrTyped = (decl: TS.Node | undefined): boolean => {
    if (!decl || !(ts.isVariableDeclaration(decl) || ts.isParameter(decl) || ts.isPropertyDeclaration(decl))) return false;
    if (named(decl.type?.getText())) return true;
    const init = decl.initializer ? unwrap(decl.initializer) : undefined;
    if (!init) return false;
    if (ts.isNewExpression(init)) return named(init.expression.getText());
    // `const b = make()`, where `make` is typed to return one.
    if (ts.isCallExpression(init) && ts.isIdentifier(unwrap(init.expression))) {
      const callee = resolveIdentifier(unwrap(init.expression) as TS.Identifier);
      return !!callee && (ts.isParameter(callee) || ts.isVariableDeclaration(callee) || ts.isFunctionDeclaration(callee)) && named(callee.type?.getText());
    }
    return false;
  };
  const r = unwrap(receiver);
  if (ts.isIdentifier(r)) return builtOrTyped(resolveIdentifier(r));
  if (ts.isPropertyAccessExpression(r) && r.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const cls = enclosingClass(r);
    const field = cls?.members.find((m) => ts.isPropertyDeclaration(m) && propertyNameText(m.name) === r.name.text);
    if (builtOrTyped(field)) return true;
    // Assigned one in a method (`this.bridge = new AppBridge(...)`).
    let built = false;
    if (cls) {
      walk(cls, (n) => {
        if (built) return false;
        if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && n.left.expression.kind === ts.SyntaxKind.ThisKeyword && n.left.name.text === r.name.text) {
          const value = unwrap(n.right);
          built = ts.isNewExpression(value) && named(value.expression.getText());
        }
        return undefined;
      });
    }
    return built;
  }
  return false;
}

/**
 * Whether an `oninitialized` hook is an MCP server's (trial 74B B1): set on an object of this MCP
 * code not known to be something else (`server.oninitialized = ...`, `mcp.server.oninitialized`,
 * also an untyped server another module's factory made: knownNotServer, review 94 point 12), a
 * method of a class that extends one, or written in an object handed to one (`Object.assign(server,
 * { oninitialized })`) or to the constructor of a server or of its transport. Not a product
 * analytics SDK's option (`analytics.init({ api_key, oninitialized })`) or client
 * (`analytics.client()`), nor a widget's (`grid.oninitialized` of `new Grid()`), in a file of MCP code or not.
 */
function serverHook(node: TS.Node, facts: SessionFacts): boolean {
  if (ts.isBinaryExpression(node)) return !knownNotServer((node.left as TS.PropertyAccessExpression).expression, (p) => facts.isContextParam(p));
  const holder = node.parent;
  if (ts.isClassLike(holder)) {
    const base = extendsClause(holder)?.expression;
    return !!base && sdkClassKind(unwrap(base)) === 'server';
  }
  if (!ts.isObjectLiteralExpression(holder)) return false;
  const given = outermost(holder).parent;
  if (ts.isCallExpression(given) && unwrap(given.expression).getText() === 'Object.assign') return given.arguments[0] !== outermost(holder) && facts.receiverKind(given.arguments[0]) === 'server';
  if (!ts.isNewExpression(given)) return false;
  const made = unwrap(given.expression);
  return sdkClassKind(made) === 'server' || (ts.isIdentifier(made) && SERVER_NAME.test(made.text));
}

/** The set-up call an `oninitialized` hook's function makes (see setUpCall), if any. */
function hookSetUp(node: TS.Node): TS.CallExpression | undefined {
  const fn = initializedHook(node);
  return fn && setUpCall(fn);
}

/** An `oninitialized` hook whose function only records who the client is (see recordsClientOnly). */
function onlyRecordsClient(node: TS.Node): boolean {
  const fn = initializedHook(node);
  return !!fn && recordsClientOnly(fn);
}

/**
 * What an `oninitialized` hook registers tools, prompts or resources through: a registration call
 * in it, or a call of a function named for registering (`registerSamplingTools(server)`) or of a
 * local one that registers; its text, else undefined.
 */
function registersIn(node: TS.Node, facts: SessionFacts): string | undefined {
  const fn = initializedHook(node);
  if (!fn?.body) return undefined;
  let found: string | undefined;
  walk(fn.body, (n) => {
    if (found) return false;
    if (!ts.isCallExpression(n)) return undefined;
    const name = calleeName(n) ?? '';
    const helper = facts.callTarget(n);
    let registers = isRegistrationCall(n) || /^register\w*(Tool|Prompt|Resource)/.test(name);
    if (!registers && helper?.body) walk(helper.body, (x) => (registers ||= ts.isCallExpression(x) && isRegistrationCall(x)) ? false : undefined);
    if (registers) found = `${codeSnippet(unwrap(n.expression), 40)}()`;
    return undefined;
  });
  return found;
}

/** Calls that keep a value in a collection (`clients.set(id, info)`, `seen.push(name)`). */
const KEEPS = /^(push|unshift|set|add)$/;
/** How far into the file's helpers the search for a write or a read goes (a helper's helper, and so on). */
const HELPER_DEPTH = 3;

/** What a hook stores into: a variable (by its declaration) or a field or collection written as a property path (`this.client`). */
interface Stored {
  name: string;
  decl?: Declaration & { name: TS.Identifier };
  path?: string;
}

/** The text of a property path without `?.` and `!` (`this.state?.client!` is `this.state.client`). */
function pathText(node: TS.Expression): string | undefined {
  const e = unwrap(node);
  if (ts.isIdentifier(e) || e.kind === ts.SyntaxKind.ThisKeyword) return e.getText();
  if (ts.isPropertyAccessExpression(e)) {
    const base = pathText(e.expression);
    return base && `${base}.${e.name.text}`;
  }
  return undefined;
}

/** `fn` and the functions of the file it calls, a few calls deep (see SessionFacts.callTarget). */
function withHelpers(fn: TS.FunctionLikeDeclaration, facts: SessionFacts): TS.FunctionLikeDeclaration[] {
  const found = [fn];
  let level = [fn];
  for (let depth = 0; depth < HELPER_DEPTH && level.length > 0; depth++) {
    const next: TS.FunctionLikeDeclaration[] = [];
    for (const f of level) {
      if (!f.body) continue;
      walk(f.body, (n) => {
        const target = ts.isCallExpression(n) ? facts.callTarget(n) : undefined;
        if (target && !found.includes(target)) {
          found.push(target);
          next.push(target);
        }
      });
    }
    level = next;
  }
  return found;
}

/** What a hook's function (and the helpers it calls) writes that outlives the call: variables declared outside it, fields, collections. */
function storedBy(fn: TS.FunctionLikeDeclaration, facts: SessionFacts): Stored[] {
  const stored: Stored[] = [];
  // A local of the hook or of the helper (or a field of one) is gone when it returns.
  const local = (decl: TS.Node | undefined, within: TS.Node) => !!decl && [within, fn].some((f) => decl.pos >= f.pos && decl.end <= f.end);
  const add = (target: TS.Expression, within: TS.Node) => {
    const t = unwrap(target);
    if (ts.isIdentifier(t)) {
      const decl = resolveIdentifier(t);
      if (!decl?.name || !ts.isIdentifier(decl.name) || local(decl, within)) return;
      if (!stored.some((s) => s.decl === decl)) stored.push({ name: t.text, decl: decl as Declaration & { name: TS.Identifier } });
    } else if (ts.isPropertyAccessExpression(t)) {
      const path = pathText(t);
      let root: TS.Node = t;
      while (ts.isPropertyAccessExpression(root)) root = unwrap(root.expression);
      if (ts.isIdentifier(root) && local(resolveIdentifier(root), within)) return;
      if (path && !stored.some((s) => s.path === path)) stored.push({ name: path, path });
    }
  };
  for (const f of withHelpers(fn, facts)) {
    if (!f.body) continue;
    walk(f.body, (n) => {
      if (isAssignment(n)) add(n.left, f);
      else if (ts.isCallExpression(n) && KEEPS.test(calleeName(n) ?? '')) {
        const callee = unwrap(n.expression);
        if (ts.isPropertyAccessExpression(callee)) add(callee.expression, f);
      }
    });
  }
  return stored;
}

/** Whether a destructured `envelope` is the request's (`const { envelope } = ctx.mcpReq`, `{ mcpReq: { envelope } }`), not any `envelope`. */
function envelopeBinding(n: TS.BindingElement): boolean {
  if ((n.propertyName ?? n.name).getText() !== 'envelope') return false;
  const holder = n.parent.parent;
  return ts.isVariableDeclaration(holder) ? !!holder.initializer && /(^|\.)mcpReq$/.test(pathText(holder.initializer) ?? '') : ts.isBindingElement(holder) && (holder.propertyName ?? holder.name).getText() === 'mcpReq';
}

/**
 * Whether code reads the request's envelope (`ctx.mcpReq.envelope`, an `envelope` destructured from
 * the request's mcpReq): the 2026-07-28 path. Also through a local that holds such a read (`const env
 * = ctx.mcpReq.envelope`, `const { clientInfo } = ctx.mcpReq.envelope ?? {}`), a couple of locals deep.
 */
function readsEnvelope(code: TS.Node, depth = 0): boolean {
  let found = false;
  walk(code, (n) => {
    if (found) return false;
    if (ts.isPropertyAccessExpression(n) && n.name.text === 'envelope' && /(^|\.)mcpReq$/.test(pathText(n.expression) ?? '')) found = true;
    else if (ts.isBindingElement(n)) found = envelopeBinding(n);
    else if (ts.isIdentifier(n) && depth < 2 && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) {
      let decl: TS.Node | undefined = resolveIdentifier(n);
      if (decl && ts.isBindingElement(decl) && envelopeBinding(decl)) found = true;
      else {
        // Destructured from a local's initializer: the declaration that holds it.
        while (decl && ts.isBindingElement(decl)) decl = decl.parent.parent;
        found = !!decl && ts.isVariableDeclaration(decl) && !!decl.initializer && readsEnvelope(decl.initializer, depth + 1);
      }
    }
    return found ? false : undefined;
  });
  return found;
}

/** Whether a statement leaves the block it is in (`return ...`, `throw ...`, a block ending in one). */
function exits(statement: TS.Statement): boolean {
  const last = ts.isBlock(statement) ? statement.statements[statement.statements.length - 1] : statement;
  return !!last && (ts.isReturnStatement(last) || ts.isThrowStatement(last));
}

/**
 * Whether a read of what the hook stored has the request's envelope as its alternative: the fallback
 * operand of a `??` or `||` after an envelope read (`envelope?.clientInfo?.name ?? stored`), a branch
 * chosen by a test on the envelope, or code after `if (<envelope test>) return ...`. Then it answers
 * only requests the envelope does not (2025 clients'); an envelope read elsewhere in the handler, for
 * something else (`envelope?.protocolVersion`), is none (review 86 point 4).
 */
function standsIn(ref: TS.Node): boolean {
  for (let child: TS.Node = ref, n = ref.parent; n && !ts.isFunctionLike(n) && !ts.isSourceFile(n); child = n, n = n.parent) {
    if (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || n.operatorToken.kind === ts.SyntaxKind.BarBarToken) && n.right === child && readsEnvelope(n.left)) return true;
    if (ts.isConditionalExpression(n) && n.condition !== child && readsEnvelope(n.condition)) return true;
    if (ts.isIfStatement(n) && n.expression !== child && readsEnvelope(n.expression)) return true;
    if (ts.isBlock(n) || ts.isCaseClause(n) || ts.isDefaultClause(n)) {
      const before = n.statements.slice(0, n.statements.indexOf(child as TS.Statement));
      if (before.some((st) => ts.isIfStatement(st) && !st.elseStatement && exits(st.thenStatement) && readsEnvelope(st.expression))) return true;
    }
  }
  return false;
}

/** How a message names a registration: `tool "whoami"`, `the tools/call handler`. */
function registrationLabel(r: Registration): string {
  // A low-level handler (`setRequestHandler(CallToolRequestSchema, ...)`) by the method it answers.
  if (r.method) return `the ${r.method} handler`;
  if (r.kind === 'request') return 'a request handler';
  return r.name ? `${r.kind} "${r.name}"` : `a ${r.kind}`;
}

/**
 * What a registered handler (a tool, prompt, resource or low-level request handler, directly or
 * through a helper of the file) reads of what an `oninitialized` hook's function stores, where that
 * read has no envelope alternative (standsIn) and answers more than a log line: on the v2 packages
 * the hook then is no fallback but the only way that value is ever set, and 2026-07-28 requests
 * never run it (reference §1.1: the server must not depend on earlier requests for who the client
 * is, on stdio too; trial 67C B2).
 */
export function handlerReadsHookState(fn: TS.FunctionLikeDeclaration, facts: SessionFacts): { handler: string; stored: string } | undefined {
  // (Asked once per hook by this rule and again by handshake-read for each handshake read in it.)
  let memo = hookStateMemo.get(facts);
  if (!memo) hookStateMemo.set(facts, (memo = new Map()));
  if (memo.has(fn)) return memo.get(fn) ?? undefined;
  const found = hookStateRead(fn, facts);
  memo.set(fn, found ?? null);
  return found;
}

const hookStateMemo = new WeakMap<SessionFacts, Map<TS.FunctionLikeDeclaration, { handler: string; stored: string } | null>>();

/** handlerReadsHookState's answer, worked out. */
function hookStateRead(fn: TS.FunctionLikeDeclaration, facts: SessionFacts): { handler: string; stored: string } | undefined {
  const stored = storedBy(fn, facts);
  if (stored.length === 0) return undefined;
  // A method handed over bound (`this.handleCaps.bind(this)`), which the registrations do not follow:
  // a low-level one has no handler, a high-level one is no registration at all (review 86 point 5).
  const handlers = facts.registrations.flatMap((r) => {
    const handler = r.method === 'initialize' ? undefined : (r.handler ?? boundHandler(r.call));
    return handler ? [{ handler, wrapper: r.wrapper?.fn, label: registrationLabel(r) }] : [];
  });
  facts.nodes.visit(CALLS, (call) => {
    if (!ts.isCallExpression(call) || !isRegistrationCall(call) || facts.registrations.some((r) => r.call === call)) return;
    const handler = boundHandler(call);
    const kind = /tool/i.test(calleeName(call) ?? '') ? 'tool' : /prompt/i.test(calleeName(call) ?? '') ? 'prompt' : 'resource';
    const name = constantString(call.arguments[0]);
    if (handler) handlers.push({ handler, wrapper: undefined, label: name === undefined ? `a ${kind}` : `${kind} "${name}"` });
  });
  for (const { handler, wrapper, label } of handlers) {
    const code = withHelpers(handler, facts);
    if (wrapper) code.push(...withHelpers(wrapper, facts));
    // The hook itself (a helper both call) is no reader.
    const readers = code.filter((f) => f !== fn);
    const read = stored.find((s) => readers.some((f) => reads(f, s)));
    if (read) return { handler: label, stored: read.name };
  }
  return undefined;
}

/** The method a registration call hands over bound, its last such argument (`registerTool('caps', {...}, this.handleCaps.bind(this))`). */
function boundHandler(call: TS.CallExpression): TS.FunctionLikeDeclaration | undefined {
  for (let i = call.arguments.length - 1; i >= 0; i--) {
    const arg = unwrap(call.arguments[i]);
    if (ts.isCallExpression(arg) && calleeName(arg) === 'bind') return boundFunction(arg);
  }
  return undefined;
}

/** Whether code only writes to what `node` names: assigns it, or keeps a value in it (`seen.add(name)`); `x ??= y` reads. */
function writesOnly(node: TS.Node): boolean {
  const parent = node.parent;
  return isAssignmentTarget(node) || (ts.isPropertyAccessExpression(parent) && parent.expression === node && KEEPS.test(parent.name.text) && ts.isCallExpression(parent.parent) && parent.parent.expression === parent);
}

/** Whether a function reads what `s` names for its answer (see answers). */
function reads(fn: TS.FunctionLikeDeclaration, s: Stored): boolean {
  if (!fn.body) return false;
  if (s.decl) return referencesTo(fn.body, s.decl).some((r) => answers(r));
  let found = false;
  walk(fn.body, (n) => {
    if (found) return false;
    if (ts.isPropertyAccessExpression(n) && pathText(n) === s.path && answers(n)) found = true;
    return found ? false : undefined;
  });
  return found;
}

/**
 * Whether a read of what the hook stored goes into what the handler answers: not a write, not an
 * argument of a log call (a shutdown tool's `console.error(`last client ${lastClient}`)` serves
 * nothing differently; review 86 point 6), not a fallback behind the envelope (standsIn); a local
 * it flows into (`const line = `... ${lastClient}``) answers if one of its reads does.
 */
function answers(ref: TS.Node, depth = 0): boolean {
  if (writesOnly(ref) || inLogCall(ref) || standsIn(ref)) return false;
  const holder = depth < HELPER_DEPTH ? valueHolder(ref) : undefined;
  return !holder || referencesTo(holder.getSourceFile(), holder).some((r) => answers(r, depth + 1));
}

/** The local a read's value goes into whole or in part (`const line = `... ${ref}``, `const name = ref ?? 'x'`), if any. */
function valueHolder(ref: TS.Node): (TS.VariableDeclaration & { name: TS.Identifier }) | undefined {
  let e = ref;
  for (;;) {
    const p = e.parent;
    const operator = ts.isBinaryExpression(p) ? p.operatorToken.kind : undefined;
    const carries =
      ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isTemplateSpan(p) || ts.isTemplateExpression(p) ||
      (ts.isPropertyAccessExpression(p) && p.expression === e) ||
      operator === ts.SyntaxKind.PlusToken || operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken ||
      (ts.isConditionalExpression(p) && p.condition !== e);
    if (!carries) break;
    e = p;
  }
  const decl = e.parent;
  return ts.isVariableDeclaration(decl) && decl.initializer === e && ts.isIdentifier(decl.name) ? (decl as TS.VariableDeclaration & { name: TS.Identifier }) : undefined;
}

/** mcp-handler's session events, which its onEvent callback receives for legacy SSE connections only. */
const HANDLER_SESSION_EVENTS = /^SESSION_(STARTED|ENDED)$/;

/**
 * The event an mcp-handler session-event test picks (`event.type === 'SESSION_STARTED'`, `case
 * 'SESSION_ENDED':` in a switch on `event.type`) and the code it runs then, in a file that uses
 * mcp-handler; undefined for anything else.
 */
function handlerSessionEvent(node: TS.Node): { event: string; branch: TS.Node[] } | undefined {
  const typeRead = (e: TS.Expression) => /(^|\.)type$/.test(unwrap(e).getText());
  if (ts.isCaseClause(node)) {
    const event = constantString(node.expression);
    const sw = node.parent.parent;
    return event && HANDLER_SESSION_EVENTS.test(event) && ts.isSwitchStatement(sw) && typeRead(sw.expression) ? { event, branch: [...node.statements] } : undefined;
  }
  if (!isEqualityTest(node) || /^!==?$/.test(node.operatorToken.getText())) return undefined;
  const [event, other] = constantString(node.right) !== undefined ? [constantString(node.right), node.left] : [constantString(node.left), node.right];
  if (!event || !HANDLER_SESSION_EVENTS.test(event) || !typeRead(other)) return undefined;
  const statement = node.parent;
  return ts.isIfStatement(statement) && statement.expression === node ? { event, branch: [statement.thenStatement] } : { event, branch: [] };
}

/** Whether code only writes log lines (no state kept, nothing else called). */
function onlyLogs(code: readonly TS.Node[]): boolean {
  let other = false;
  for (const statement of code) {
    walk(statement, (n) => {
      if (other) return false;
      if (ts.isCallExpression(n)) {
        if (isLogCall(n)) return false;
        other = true;
      } else if (isAssignment(n)) other = true;
      return other ? false : undefined;
    });
  }
  return !other && code.length > 0;
}

/** Session lifecycle hooks: transport `onsessioninitialized` / `onsessionclosed`, server `oninitialized`. */
export const sessionLifecycle: CodeRule = {
  target: 'code',
  id: 'session-lifecycle',
  category: 'initialize-gate',
  severity: 'error',
  title: 'Session lifecycle hook',
  why:
    'Session lifecycle callbacks only fire for sessionful 2025 connections. State registered in them (transports, carts, auth) is ' +
    'tied to one process, and under 2026-07-28 they never fire at all, so anything that waits for them silently stops working.',
  fix: {
    codemod: 'stateless-transport',
    manual: 'Delete the hook; move any state it created behind an explicit handle in a shared store (an oninitialized the v2 packages keep for 2025 clients may stay, holding nothing later requests need).',
    // (Anything else: the manual step above.)
    advice: adviceByMessage([
      [/ it runs set-up \(/, 'Move the set-up it runs to start-up (or run it on first use, in the code that needs it) before you remove the hook: deleting it alone leaves whatever waits for that set-up waiting. What it loads stays shared by every request, or goes behind an explicit handle where it differs per caller.'],
    ]),
  },
  docs: `${SPEC}/basic`,
  legacyPathIsInfo: true,
  keywords: ['onsessioninitialized', 'onsessionclosed', 'oninitialized', 'session_started', 'session_ended', `.on('initialize'`, '.on("initialize"'],
  check(file, report) {
    // On the v2 packages an oninitialized kept for 2025 clients is their fallback (servesBothEras).
    const dualEra = servesBothEras(file.text);
    const usesMcpHandler = MCP_HANDLER_IMPORT.test(file.text);
    const tmcp = TMCP_MODULE.test(file.text);
    file.facts.nodes.visit(tmcp ? VISITED_WITH_CALLS : VISITED, (node) => {
      let name: string | undefined;
      let sessionEvent: ReturnType<typeof handlerSessionEvent>;
      if (usesMcpHandler && (sessionEvent = handlerSessionEvent(node))) {
        const at = ts.isCaseClause(node) ? node.expression : node;
        const what = `mcp-handler reports ${sessionEvent.event} to onEvent only for connections of its legacy SSE endpoints: 2026-07-28 clients open no session, so this branch never runs for them`;
        if (onlyLogs(sessionEvent.branch)) report({ node: at, message: `${what}; it only writes a log line, so they go unlogged`, severity: 'info', manual: true });
        else report({ node: at, message: `${what}; nothing a request needs may depend on what it does (count or track requests from REQUEST_RECEIVED / REQUEST_COMPLETED instead, keyed by what each request carries)`, severity: 'warning', manual: true });
        return;
      }
      if (ts.isCaseClause(node)) return;
      // tmcp's `server.on('initialize', (params) => ...)`: dispatched by its initialize method only (trial 22A).
      if (ts.isCallExpression(node)) {
        const hook = calleeName(node) === 'on' && stringValue(node.arguments[0]) === 'initialize' && tmcpServer(calleeReceiver(node)) ? resolveFunction(node.arguments[1]) : undefined;
        if (hook) {
          const what = "tmcp's 'initialize' event fires only when a client sends initialize, which 2026-07-28 clients never do";
          if (recordsClientOnly(hook)) report({ node: node.arguments[0], message: `${what}; here it only records who the client is (logs, analytics), so 2026-07-28 clients go unrecorded: read clientInfo from server.ctx.sessionInfo, which tmcp fills from each request's _meta envelope`, severity: 'warning', manual: true });
          else report({ node: node.arguments[0], message: `${what}, so what this listener sets up is never there for them: do it when the server is built, or per request from server.ctx.sessionInfo (filled from each request's _meta envelope)`, manual: true });
        }
        return;
      }
      let registered: string | undefined;
      let setUp: TS.CallExpression | undefined;
      if (ts.isPropertyAssignment(node) || ts.isMethodDeclaration(node) || ts.isShorthandPropertyAssignment(node)) name = propertyNameText(node.name);
      else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) name = node.left.name.text;
      // `oninitialized` is also a common widget/editor and analytics hook name: the SDK's is an MCP
      // server's (serverHook), in a file that mentions MCP (the scanner's gate).
      if (name && Object.hasOwn(HOOKS, name)) {
        const at = ts.isBinaryExpression(node) ? node.left : node;
        // An MCP Apps bridge's hook (`bridge.oninitialized` of ext-apps' AppBridge): the host and its
        // iframe's own postMessage handshake, no HTTP session (trial 20A, continue's app renderer).
        if (ts.isBinaryExpression(node) && appsBridge((node.left as TS.PropertyAccessExpression).expression)) return;
        if (name === 'oninitialized' && !serverHook(node, file.facts)) return;
        const hook = dualEra && name === 'oninitialized' ? initializedHook(node) : undefined;
        const read = hook && handlerReadsHookState(hook, file.facts);
        if (read) {
          // The hook is no fallback here: it is the only thing that sets what the handler reads (trial 67C B2).
          report({ node: at, message: `${capitalized(read.handler)} reads ${read.stored}, which this oninitialized sets: 2026-07-28 requests never run it${handlerNote(file.text)}; read ctx.mcpReq.envelope in the handler (the hook may stay as 2025 clients' fallback)`, manual: true });
        } else if (dualEra && name === 'oninitialized') {
          report({ node: at, message: 'oninitialized only fires for 2025 clients on the legacy path; keep it as their fallback, and read ctx.mcpReq.envelope for modern requests', severity: 'info', manual: true });
        } else if (name === 'oninitialized' && onlyRecordsClient(node)) {
          // Analytics of who connected: lost for 2026-07-28 clients, but nothing is served differently.
          report({ node: at, message: `${name} ${HOOKS[name]}; here it only records who the client is (logs, analytics), so 2026-07-28 clients go unrecorded: read clientInfo from each request's _meta envelope instead (ctx.mcpReq.envelope on the v2 packages)`, severity: 'warning', manual: true });
        } else if (name === 'oninitialized' && (registered = registersIn(node, file.facts))) {
          // Tools that exist only once a client has made the handshake (the everything server's conditional tools).
          report({ node: at, message: `${name} ${HOOKS[name]}, and it registers tools or prompts (${registered}): 2026-07-28 clients never get them, and a list must not vary per client; register them for everyone when the server is built, and have the tool answer an error when the client lacks the capability it needs (read from the request's _meta envelope)`, ...(file.lower.includes('sessionidgenerator') ? {} : { manual: true }) });
        } else if (name === 'oninitialized' && (setUp = hookSetUp(node))) {
          // Work done once the handshake is over (a profile loaded, a ready promise resolved): never
          // done for 2026-07-28 clients, and deleting the hook leaves whatever waits for it waiting (trial 30A).
          report({ node: at, message: `${name} ${HOOKS[name]}, and it runs set-up (${codeSnippet(unwrap(setUp.expression), 40)}()): for 2026-07-28 clients it never runs, so what waits for it (a tool awaiting what it loads) waits or fails; do it when the server starts, or on first use, rather than in this hook`, manual: true });
        } else if (name === 'oninitialized' && !file.lower.includes('sessionidgenerator')) {
          // No sessionful transport here (stdio, or one built elsewhere): nothing for stateless-transport to rewrite.
          report({ node: at, message: `${name} ${HOOKS[name]}: read what it remembers (client info, capabilities) from each request's _meta envelope instead (ctx.mcpReq.envelope on the v2 packages)`, manual: true });
        } else report({ node: at, message: `${name} ${HOOKS[name]}` });
      }
    });
  },
};

/** `tool "x"` as a message's first words: `Tool "x"`. */
function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Behind createMcpHandler each request is answered by a server built for it, so the instance that
 * ran a 2025 client's hook never answers its later requests either (trial 67C B2).
 */
export function handlerNote(text: string): string {
  return /\bcreateMcpHandler\b/.test(text) ? ", and behind createMcpHandler a 2025 client's later requests reach a server that never ran it either" : '';
}
