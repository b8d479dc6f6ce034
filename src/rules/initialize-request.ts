import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { speaksAcpOnly } from '../analysis/mcp.js';
import { accessRoot, calleeName, isPrimitiveLiteral, someNode, enclosingFunction, importOf, inDeadInitializeBranch, isLogStatement, isEqualityTest, referenceName, referencesTo, switchHasCase, constantString, dispatchTableMethod, tableHasMethod, handlerObjectMethod, handlerObjectsAnswer, isFunctionLike, isLogCall, propertyNameText, resolveFunction, resolveIdentifier, unwrap, walk } from '../analysis/ast.js';
import { endsByLeaving, guardText, keptOnLegacyPath, modernTest } from '../analysis/eras.js';
import { MINTS_ID, namesSessionHeader, type SessionFacts } from '../analysis/session.js';
import { servesStdioOnly } from '../analysis/transports.js';
import { SPEC, type CodeRule, adviceByMessage } from './types.js';
import { kinds } from '../analysis/nodes.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.VariableDeclaration, ts.SyntaxKind.CallExpression, ts.SyntaxKind.BinaryExpression, ts.SyntaxKind.CaseClause, ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.PropertyDeclaration, ts.SyntaxKind.MethodDeclaration);

/** LSP's initialize params: `processId`, `rootUri`, `rootPath` or `workspaceFolders`. */
const LSP_PARAMS = new Set(['processId', 'rootUri', 'rootPath', 'workspaceFolders']);

/** Whether a `{ method: 'initialize', params }` object is a Language Server Protocol request. */
function isLspInitialize(request: TS.Node): boolean {
  if (!ts.isObjectLiteralExpression(request)) return false;
  return request.properties.some((prop) => ts.isPropertyAssignment(prop) && propertyNameText(prop.name) === 'params' && isLspParams(prop.initializer));
}

/** Whether an initialize request's params are LSP's (`{ processId, rootUri, ... }`). */
function isLspParams(params: TS.Node): boolean {
  const p = unwrap(params);
  return ts.isObjectLiteralExpression(p) && p.properties.some((m) => LSP_PARAMS.has(propertyNameText(m.name as TS.PropertyName) ?? ''));
}

/** The finding on an initialize request a client builds by hand: written out, or handed to its own wrapper (`through`). */
function sendsInitialize(through?: string): string {
  return `Sends an initialize request${through ? ` through ${through}()` : ''}; 2026-07-28 servers answer it with 400/404 unless they keep a legacy path (send server/discover, or the _meta envelope on each request)`;
}

/** `function isInitializeRequest(...)` or `const isInitializeRequest = (...) => ...` written in this file. */
function isHandRolledGate(node: TS.Node): boolean {
  if (ts.isFunctionDeclaration(node)) return !!node.name && /^isInitializeRequest/.test(node.name.text);
  if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && /^isInitializeRequest/.test(node.name.text) && node.initializer) {
    const init = unwrap(node.initializer);
    return ts.isArrowFunction(init) || ts.isFunctionExpression(init);
  }
  return false;
}

/**
 * Whether the call is the whole condition of an `if` without `else` whose branch only declares
 * locals and writes log lines: the request is observed, not served differently.
 */
function onlyLogsWhen(call: TS.CallExpression): boolean {
  const statement = call.parent;
  if (!ts.isIfStatement(statement) || statement.expression !== call || statement.elseStatement) return false;
  const body = ts.isBlock(statement.thenStatement) ? statement.thenStatement.statements : [statement.thenStatement];
  // Locals only read from the request (`const info = body.params?.clientInfo`), and log lines.
  return body.length > 0 && body.every((s) => (ts.isVariableStatement(s) && onlyReads(s)) || isLogStatement(s));
}

/**
 * What an `if` without `else` whose condition is (a conjunction holding) the call only records:
 * its branch only assigns plain values (`pendingInitId = msg.id`, no call, no answer), the text of
 * the first assignment; else undefined.
 */
function onlyRecordsWhen(call: TS.CallExpression): string | undefined {
  let test: TS.Node = call;
  while (ts.isParenthesizedExpression(test.parent) || (ts.isBinaryExpression(test.parent) && test.parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)) test = test.parent;
  const statement = test.parent;
  if (!ts.isIfStatement(statement) || statement.expression !== test || statement.elseStatement) return undefined;
  const body = ts.isBlock(statement.thenStatement) ? statement.thenStatement.statements : [statement.thenStatement];
  const plain = (e: TS.Node): boolean => {
    let ok = true;
    walk(e, (n) => {
      if (ts.isCallExpression(n) || ts.isNewExpression(n) || ts.isAwaitExpression(n) || isFunctionLike(n)) ok = false;
      return ok ? undefined : false;
    });
    return ok;
  };
  const assigns = body.every((s) => {
    const e = ts.isExpressionStatement(s) ? unwrap(s.expression) : undefined;
    return !!e && ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && plain(e);
  });
  if (body.length === 0 || !assigns) return undefined;
  // A flag a later test decides by (`isNew = true`, then `if (isNew) ...`) is a gate after all.
  // Not one put back to the value it was declared with (`let auto = false`, then `auto = false`):
  // a request that skips the branch keeps that value, so clients that send no initialize are
  // served as they would be without it (trial 59B B5: a bridge resetting its own auto-initialize flag).
  for (const s of body) {
    const assignment = (s as TS.ExpressionStatement).expression as TS.BinaryExpression;
    const target = unwrap(assignment.left);
    const decl = ts.isIdentifier(target) ? resolveIdentifier(target) : undefined;
    if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) continue;
    if (decl.initializer && isPrimitiveLiteral(decl.initializer) && unwrap(decl.initializer).getText() === unwrap(assignment.right).getText()) continue;
    // A value of the message tested (`initId = msg.id`), not a constant (`mode = FRESH`, `phase = Phase.Fresh`: review 76).
    const recordsMessage = readsMessage(assignment.right, call);
    const tested = referencesTo(decl.getSourceFile(), decl as TS.VariableDeclaration & { name: TS.Identifier }).some((ref) => {
      // Such a value matched against another value of the run (`reply.id === initId`: which reply
      // is the handshake's), not against a constant: a correlation, which serves no request differently.
      const compared = ref.parent;
      if (recordsMessage && isEqualityTest(compared) && !isPrimitiveLiteral(compared.left === ref ? compared.right : compared.left)) return false;
      for (let n: TS.Node = ref; n.parent && !ts.isStatement(n.parent); n = n.parent) {
        const p = n.parent;
        if ((ts.isConditionalExpression(p) && p.condition === n) || (ts.isBinaryExpression(p) && p.left === n && /^(&&|\|\||\?\?)$/.test(p.operatorToken.getText())) || ts.isPrefixUnaryExpression(p) || isEqualityTest(p)) return true;
      }
      const statement = ts.isStatement(ref.parent) ? ref.parent : findStatement(ref);
      return !!statement && (ts.isIfStatement(statement) || ts.isWhileStatement(statement)) && statement.expression.pos <= ref.pos && ref.end <= statement.expression.end;
    });
    if (tested) return undefined;
  }
  return (body[0] as TS.ExpressionStatement).expression.getText().slice(0, 60);
}

/** Whether `value` reads the message the initialize test is handed (`msg.id` for `isInitializeRequest(msg)`). */
function readsMessage(value: TS.Node, call: TS.CallExpression): boolean {
  const tested = call.arguments[0] && accessRoot(unwrap(call.arguments[0]));
  const decl = tested && ts.isIdentifier(tested) ? resolveIdentifier(tested) : undefined;
  if (!decl) return false;
  let reads = false;
  walk(value, (n) => {
    if (ts.isIdentifier(n) && resolveIdentifier(n) === decl) reads = true;
    return reads ? false : undefined;
  });
  return reads;
}

/** The statement a node sits in. */
function findStatement(node: TS.Node): TS.Statement | undefined {
  for (let n: TS.Node | undefined = node.parent; n; n = n.parent) if (ts.isStatement(n)) return n;
  return undefined;
}

/** A call that is (part of) an argument of a log call: `console.error('isInit:', isInitializeRequest(body))`. */
function insideLogCall(call: TS.CallExpression): boolean {
  for (let n: TS.Node = call, parent = call.parent; parent && !ts.isStatement(parent) && !isFunctionLike(parent); n = parent, parent = parent.parent) {
    if (ts.isCallExpression(parent) && parent.arguments.includes(n as TS.Expression) && isLogCall(parent)) return true;
  }
  return false;
}

/**
 * `InitializeRequestSchema.safeParse(body)` (or `.parse`): the SDK's initialize schema used as the
 * test isInitializeRequest() is; its text for a message, else undefined.
 */
function initializeSchemaCall(call: TS.CallExpression): string | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !/^(safeParse|parse|safeParseAsync|parseAsync)$/.test(callee.name.text)) return undefined;
  const schema = unwrap(callee.expression);
  return ts.isIdentifier(schema) && schema.text === 'InitializeRequestSchema' && importOf(schema) ? `InitializeRequestSchema.${callee.name.text}` : undefined;
}

/**
 * The SDK's initialize test a call makes under another name (`import { isInitializeRequest as isInit }`,
 * trial 69B B1: such a gate passed check): the name it is exported by.
 */
function sdkInitializeTest(call: TS.CallExpression): string | undefined {
  const imported = ts.isIdentifier(call.expression) ? importOf(call.expression) : undefined;
  return imported && /^@modelcontextprotocol\//.test(imported.module) && /^isInitializeRequest(Message)?$/.test(imported.exported) ? imported.exported : undefined;
}

/** Such a test the rule reports where it is: not the body of a gate named for what it is (a class's `isInitializeRequest` method), reported where that is called. */
function initializeSchemaTest(call: TS.CallExpression): string | undefined {
  const test = initializeSchemaCall(call);
  const fn = test && enclosingFunction(call);
  const own = fn && (ts.isMethodDeclaration(fn) || ts.isFunctionDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name) ? fn.name.text : undefined;
  return own && /^isInitializeRequest/.test(own) ? undefined : test;
}

/**
 * Whether a call tests for an initialize request: `isInitializeRequest(body)` (the SDK's or one
 * named so), or a call of a short local function whose body is such a test
 * (`startsSession(body)` returning `InitializeRequestSchema.safeParse(body).success`). For the
 * codemod that removes the gates the test guards.
 */
export function isInitializeTestCall(call: TS.CallExpression): boolean {
  if (/^isInitializeRequest/.test(calleeName(call) ?? '') || sdkInitializeTest(call)) return true;
  const fn = resolveFunction(call.expression);
  if (!fn?.body) return false;
  if (ts.isBlock(fn.body) && fn.body.statements.length > 3) return false;
  let tests = false;
  walk(fn.body, (n) => {
    if (tests) return false;
    if (ts.isCallExpression(n) && (/^isInitializeRequest/.test(calleeName(n) ?? '') || initializeSchemaCall(n) !== undefined)) tests = true;
    return undefined;
  });
  return tests;
}

/**
 * The name of the function a call sits in (a declaration, or a const holding an arrow or function
 * expression) when nothing in the file calls it, else undefined.
 */
function uncalledFunctionAround(call: TS.Node): string | undefined {
  const fn = enclosingFunction(call);
  const named = fn && ts.isFunctionDeclaration(fn) && fn.name ? fn : fn?.parent && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) ? fn.parent : undefined;
  if (!named) return undefined;
  const decl = named as (TS.FunctionDeclaration | TS.VariableDeclaration) & { name: TS.Identifier };
  return referencesTo(call.getSourceFile(), decl).length === 0 ? decl.name.text : undefined;
}

/** A request handed to a transport (`transport.handleRequest(req, res)`): code that serves MCP, wherever its transport is built. */
const HANDS_TO_TRANSPORT = /\.handle(Request|PostMessage)\s*\(/;

/** `isInitializeRequest` as a value (not called here), from the SDK rather than a local function. */
function isGateReference(node: TS.Node): boolean {
  return ts.isIdentifier(node) && (node.text === 'isInitializeRequest' || node.text === 'isInitializeRequestMessage') && !resolveFunction(node);
}

/** `response.headers.get('mcp-session-id')`: code that reads the id a server minted is a client. */
function readsResponseSessionId(text: string): boolean {
  // Any word ending in response or resp (`initResponse.headers.get(...)`).
  return /resp(?:onse)?\.headers\.get\(\s*['"`]mcp-session-id['"`]/i.test(text);
}

/** Whether a node does nothing but read values: no call (but a log line), await, construction or assignment. */
function onlyReads(node: TS.Node): boolean {
  let does = false;
  walk(node, (n) => {
    if ((ts.isCallExpression(n) && !isLogCall(n)) || ts.isAwaitExpression(n) || ts.isNewExpression(n) || (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken)) does = true;
    return does ? false : undefined;
  });
  return !does;
}

/**
 * A comparison with 'initialize' that only picks the request out to read its params: the whole
 * condition, or a conjunct of it, of an `if` without `else` whose branch only reads and returns
 * (`if (body.method === 'initialize') return body.params.clientInfo`). Nothing is gated on it.
 */
function onlyReadsInitialize(comparison: TS.Node): boolean {
  let n: TS.Node = comparison;
  while (ts.isParenthesizedExpression(n.parent) || (ts.isBinaryExpression(n.parent) && n.parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)) n = n.parent;
  const statement = n.parent;
  return ts.isIfStatement(statement) && statement.expression === n && !statement.elseStatement && onlyReads(statement.thenStatement);
}

/** Calls that write an HTTP response (`res.json(...)`, `reply.send(...)`, `c.json(...)`). */
const WRITES_RESPONSE = 'writeHead|write|status|sendStatus|json|send|end';
/** Calls and constructions that serve a request, or turn it away: what a gate controls. */
const SERVES = new RegExp(`^(handleRequest|handlePostMessage|connect|createMcpHandler|${WRITES_RESPONSE})$`);
const RESPONDS = new RegExp(`^(${WRITES_RESPONSE})$`);

/**
 * Whether code serves a request or turns it away: a transport or Response built, a serving call, a
 * throw, or a call of a helper of the file that does one of those (`await openUpstream()`).
 */
function serves(node: TS.Node, facts?: SessionFacts, depth = 2): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (ts.isThrowStatement(n)) found = true;
    else if (ts.isNewExpression(n) && /(Transport|Response|Server)$/.test(calleeName(n) ?? '')) found = true;
    else if (ts.isCallExpression(n) && SERVES.test(calleeName(n) ?? '')) found = true;
    else if (ts.isCallExpression(n) && facts && depth > 0) {
      const helper = facts.callTarget(n);
      if (helper?.body && serves(helper.body, facts, depth - 1)) found = true;
    }
    return found ? false : undefined;
  });
  return found;
}

/**
 * Whether a test for 'initialize' only picks how to connect upstream: its `if` connects (a
 * `connect()` call, or a call of a local helper that makes one) in the branch for initialize and in
 * its `else` too (a fallback client for a first request of any other method). What differs is what
 * the connection carries of initialize (the client's identity), not whether it is made.
 */
function connectsEitherWay(test: TS.BinaryExpression, facts: SessionFacts): boolean {
  if (/^!==?$/.test(test.operatorToken.getText())) return false;
  const whole = wholeTest(test);
  const statement = whole.parent;
  if (!ts.isIfStatement(statement) || statement.expression !== whole || !statement.elseStatement) return false;
  const connects = (branch: TS.Node, depth: number): boolean => {
    let found = false;
    walk(branch, (n) => {
      if (found) return false;
      if (ts.isCallExpression(n)) {
        if (calleeName(n) === 'connect') found = true;
        else if (depth > 0) {
          const helper = facts.callTarget(n);
          if (helper?.body && connects(helper.body, depth - 1)) found = true;
        }
      }
      return found ? false : undefined;
    });
    return found;
  };
  if (!connects(statement.thenStatement, 1)) return false;
  // The else connects for a request of another method: not a branch that tests for initialize too
  // (`else if (!sid && method === 'initialize')`, a chain of gates for a new session, trial 43A).
  let other: TS.Statement | undefined = statement.elseStatement;
  for (; other && ts.isIfStatement(other); other = other.elseStatement) {
    if (!asksForInitialize(other.expression) && connects(other.thenStatement, 1)) return true;
  }
  return !!other && connects(other, 1);
}

/**
 * Whether a test asks that a request is initialize: a value compared equal to 'initialize', or an
 * initialize test call (isInitializeTestCall, the schema's safeParse); not where it is negated
 * (`!isInitializeRequest(body)`, `method !== 'initialize'`: a test for another method).
 */
function asksForInitialize(test: TS.Expression): boolean {
  let asks = false;
  walk(test, (n) => {
    if (asks || (ts.isPrefixUnaryExpression(n) && n.operator === ts.SyntaxKind.ExclamationToken)) return false;
    if (ts.isCallExpression(n)) asks = isInitializeTestCall(n) || initializeSchemaCall(n) !== undefined;
    else if (isEqualityTest(n) && (n.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || n.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken)) asks = constantString(n.left) === 'initialize' || constantString(n.right) === 'initialize';
    return asks ? false : undefined;
  });
  return asks;
}

/**
 * Whether a test of the method for 'initialize' picks the branch that answers it by hand: an if
 * (or a conditional) whose branch for initialize writes the result itself (`protocolVersion:`,
 * `serverInfo`), with no transport to hand it to. A gate refuses or routes; this serves.
 */
function answersInitialize(test: TS.BinaryExpression): boolean {
  if (/^!==?$/.test(test.operatorToken.getText())) return false;
  const whole = wholeTest(test);
  const holder = whole.parent;
  const branch = ts.isIfStatement(holder) && holder.expression === whole ? holder.thenStatement : ts.isConditionalExpression(holder) && holder.condition === whole ? holder.whenTrue : undefined;
  return !!branch && writesInitializeResult(branch) && !/handleRequest|Transport\b|\.connect\(/.test(branch.getText());
}

/** Whether code builds an initialize result: an object literal with `serverInfo`, or with `protocolVersion` and `capabilities`. */
function writesInitializeResult(code: TS.Node): boolean {
  return someNode(code, (n) => {
    if (!ts.isObjectLiteralExpression(n)) return false;
    const keys = new Set(n.properties.map((p) => (p.name === undefined ? undefined : propertyNameText(p.name))));
    return keys.has('serverInfo') || (keys.has('protocolVersion') && keys.has('capabilities'));
  });
}

/** Whether code answers a request: a response written (`res.json(...)`, `reply.send(...)`, `c.json(...)`), or a JSON-RPC reply built (`{ jsonrpc, id, result }`). */
function responds(code: TS.Node): boolean {
  return someNode(code, (n) =>
    ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)
      ? RESPONDS.test(n.expression.name.text)
      : ts.isObjectLiteralExpression(n) && n.properties.some((p) => p.name !== undefined && /^(jsonrpc|result)$/.test(propertyNameText(p.name) ?? '')),
  );
}

/**
 * Whether code reads an initialize result's server info (`result.serverInfo?.name`): where it
 * also answers nothing (responds), it looks at an answer, it does not give one (a proxy that
 * forwards the upstream's result after logging its name does).
 */
function readsInitializeResult(code: TS.Node): boolean {
  return someNode(code, (n) => ts.isPropertyAccessExpression(n) && n.name.text === 'serverInfo');
}

/** The whole condition a test is part of: through parentheses, `!`, `&&` and `||`. */
function wholeTest(test: TS.Node): TS.Node {
  let n = test;
  while (
    ts.isParenthesizedExpression(n.parent) ||
    (ts.isPrefixUnaryExpression(n.parent) && n.parent.operator === ts.SyntaxKind.ExclamationToken) ||
    (ts.isBinaryExpression(n.parent) && (n.parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || n.parent.operatorToken.kind === ts.SyntaxKind.BarBarToken)) ||
    // `req.body ? req.body.method === 'initialize' : false`: the value of the conditional is the test.
    (ts.isConditionalExpression(n.parent) && n.parent.condition !== n)
  ) n = n.parent;
  return n;
}

/** The function whose result a whole test is: `return body.method === 'initialize'`, or an arrow's body. */
function predicateOf(whole: TS.Node): TS.FunctionLikeDeclaration | undefined {
  const holder = whole.parent;
  if (ts.isReturnStatement(holder)) return enclosingFunction(holder);
  return ts.isArrowFunction(holder) && holder.body === whole ? holder : undefined;
}

/**
 * Whether a test that picks out initialize requests (a method comparison) only decides what is
 * read or recorded from them, never how a request is served: the `if` it decides neither serves
 * nor turns away in its branches, nor after an early return in its block (an extractor's
 * `if (body.method !== 'initialize') return undefined`), and a predicate that returns it, or a
 * const that holds it, is used only so. Unknown uses count as gating.
 */
function onlyObserves(test: TS.Node, facts: SessionFacts, depth = 0): boolean {
  if (depth > 2) return false;
  const n = wholeTest(test);
  const holder = n.parent;
  if (ts.isIfStatement(holder) && holder.expression === n) {
    if (serves(holder.thenStatement, facts) || (holder.elseStatement && serves(holder.elseStatement, facts))) return false;
    // A branch that mints the session the requests after it are looked up by (trial 53B B3: a
    // bridge's child process stored under a new id sent back as Mcp-Session-Id; every other
    // request without one is turned away later): the handshake gates serving.
    if (mintsSession(holder.thenStatement) || (holder.elseStatement && mintsSession(holder.elseStatement))) return false;
    // After an early return, the rest of the block runs only for the requests the test let through.
    const block = holder.parent;
    if (holder.elseStatement || !endsByLeaving(holder.thenStatement) || (!ts.isBlock(block) && !ts.isSourceFile(block))) return true;
    return !block.statements.slice(block.statements.indexOf(holder) + 1).some((s) => serves(s, facts));
  }
  if (ts.isConditionalExpression(holder) && holder.condition === n) return !serves(holder.whenTrue, facts) && !serves(holder.whenFalse, facts);
  // A predicate is judged where it is called, a const where it is tested.
  const fn = predicateOf(n);
  if (fn) {
    const calls = facts.callSitesOf(fn);
    return calls.length > 0 && calls.every((c) => onlyObserves(c, facts, depth + 1));
  }
  if (ts.isVariableDeclaration(holder) && holder.initializer === n && ts.isIdentifier(holder.name)) {
    const uses = referencesTo(holder.parent.parent.parent ?? holder.getSourceFile(), holder as TS.VariableDeclaration & { name: TS.Identifier });
    return uses.length > 0 && uses.every((u) => onlyObserves(u, facts, depth + 1));
  }
  return false;
}

/** Calls that set a response header (`res.setHeader(name, v)`, `reply.header(name, v)`, `c.header(name, v)`, `headers.set(name, v)`). */
const SETS_HEADER = /^(setHeader|header|set|append)$/;

/**
 * Whether code mints a session: it sends the Mcp-Session-Id header, or stores something under an
 * id it makes there in a variable of the code around it (`sid = randomUUID(); children.set(sid,
 * spawn(...))`) in a collection that code also looks up: the requests after it are served by that
 * id. Not a record keyed by an id nothing keeps (`handshakes.set(randomUUID(), ...)`, review 69).
 */
function mintsSession(branch: TS.Node): boolean {
  const made = new Set<string>();
  walk(branch, (n) => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(unwrap(n.left)) && madeId(n.right)) {
      const decl = resolveIdentifier(unwrap(n.left) as TS.Identifier);
      // (Declared outside the branch: the id outlives it.)
      if (decl && !(decl.pos >= branch.pos && decl.end <= branch.end)) made.add((unwrap(n.left) as TS.Identifier).text);
    }
    return undefined;
  });
  const around = enclosingFunction(branch) ?? branch.getSourceFile();
  return someNode(branch, (n) => {
    if (!ts.isCallExpression(n) || n.arguments.length < 2) return false;
    const name = calleeName(n) ?? '';
    if (SETS_HEADER.test(name) && namesSessionHeader(n.arguments[0])) return true;
    const key = unwrap(n.arguments[0]);
    const store = ts.isPropertyAccessExpression(unwrap(n.expression)) ? (unwrap(n.expression) as TS.PropertyAccessExpression).expression.getText() : undefined;
    return name === 'set' && ts.isIdentifier(key) && made.has(key.text) && !!store && looksUpOutside(around, branch, store);
  });
}

/** Whether code outside `branch` (in `around`) looks entries of `store` up: `store.get(...)`, `store.has(...)`, `store[...]`. */
function looksUpOutside(around: TS.Node, branch: TS.Node, store: string): boolean {
  return someNode(around, (n) => {
    if (n.pos >= branch.pos && n.end <= branch.end) return false;
    if (ts.isCallExpression(n) && /^(get|has)$/.test(calleeName(n) ?? '') && ts.isPropertyAccessExpression(unwrap(n.expression))) return (unwrap(n.expression) as TS.PropertyAccessExpression).expression.getText() === store;
    return ts.isElementAccessExpression(n) && n.expression.getText() === store;
  });
}

/** A call that makes a new id, awaited or not. */
function madeId(value: TS.Node): boolean {
  const v = unwrap(value);
  const call = ts.isAwaitExpression(v) ? unwrap(v.expression) : v;
  return ts.isCallExpression(call) && MINTS_ID.test(calleeName(call) ?? '');
}

/** A rate limiter by its name: `strictLimiter`, `initRateLimit`, `limiters.loose`. */
const LIMITER = /limit(?:er)?$/i;

/**
 * The rate limiters a test that picks out initialize requests chooses between, when that is all it
 * does (`isInitializeRequest(body) ? strictLimiter : looseLimiter`): each lets a request through
 * or turns it away by its count alone, so a client that never sends initialize is limited by the
 * other one. Undefined for any other choice (a handler, a transport: that is serving it).
 */
function limiterChoice(test: TS.Node): [string, string] | undefined {
  const n = wholeTest(test);
  const choice = n.parent;
  if (!ts.isConditionalExpression(choice) || choice.condition !== n) return undefined;
  const names = [choice.whenTrue, choice.whenFalse].map((branch) => {
    const b = unwrap(branch);
    return (ts.isIdentifier(b) || ts.isPropertyAccessExpression(b)) && LIMITER.test(ts.isIdentifier(b) ? b.text : b.name.text) ? b.getText() : undefined;
  });
  return names[0] && names[1] ? [names[0], names[1]] : undefined;
}

/**
 * What a middleware that lets initialize requests past it does for the rest (`if (body.method ===
 * 'initialize') { next(); return; }`, then a rate limit), when its branch for initialize does
 * nothing but hand the request on (`next()`, `return next()`) and the rest of its block is not
 * about sessions (a check of the session id after the exemption is the gate, and stays one): the
 * call it hands on with, else undefined. 2026-07-28 clients send no initialize, so every request
 * of theirs goes through the rest; none is turned away for the want of a handshake (trial 39B).
 */
function exemptsFromMiddleware(test: TS.Node): string | undefined {
  const whole = wholeTest(test);
  if (whole !== test && !ts.isParenthesizedExpression(whole)) return undefined;
  const statement = whole.parent;
  if (!ts.isIfStatement(statement) || statement.expression !== whole || statement.elseStatement) return undefined;
  const body = ts.isBlock(statement.thenStatement) ? statement.thenStatement.statements : [statement.thenStatement];
  const handsOn = (e: TS.Expression | undefined) => {
    const call = e && unwrap(ts.isAwaitExpression(unwrap(e)) ? (unwrap(e) as TS.AwaitExpression).expression : e);
    return call && ts.isCallExpression(call) && ts.isIdentifier(call.expression) && call.expression.text === 'next' ? call : undefined;
  };
  const calls = body.map((s) => (ts.isExpressionStatement(s) ? handsOn(s.expression) : ts.isReturnStatement(s) ? (s.expression ? handsOn(s.expression) : null) : undefined));
  if (calls.length === 0 || calls.length > 2 || calls.some((c) => c === undefined)) return undefined;
  const next = calls.find((c): c is TS.CallExpression => !!c);
  if (!next || !endsByLeaving(statement.thenStatement)) return undefined;
  const block = statement.parent;
  if (!ts.isBlock(block)) return undefined;
  const rest = block.statements.slice(block.statements.indexOf(statement) + 1);
  const text = rest.map((s) => s.getText()).join('\n');
  // What it turns away, it turns away for another reason: too many requests (429), or no
  // credential (401, 403, beside one read). Any other refusal, or one that speaks of sessions or the
  // handshake (`!handshaken.has(ip)` then 400 "initialize first"), is the gate (review of trial 39B's fix).
  const statuses = [...text.matchAll(/\b(4\d\d)\b/g)].map((m) => m[1]);
  const otherReason = statuses.every((code) => code === '429' || (/^40[13]$/.test(code) && /auth|api[-_]?key|token/i.test(text)));
  return rest.length > 0 && otherReason && !/session|initiali[sz]|handshake/i.test(text) ? next.getText() : undefined;
}

/** What keeps a record of requests for people to read: a UI's history, a log, an audit trail. */
const RECORDER = /history|log|audit|record/i;

/**
 * A request object only written into such a record (`history.push({ request: { method: 'initialize' } })`,
 * or a const only used so): shown, not sent.
 */
function onlyRecorded(object: TS.Node): boolean {
  const into = (n: TS.Node): boolean => {
    let at: TS.Node = n;
    while (ts.isPropertyAssignment(at.parent) || ts.isShorthandPropertyAssignment(at.parent) || ts.isObjectLiteralExpression(at.parent) || ts.isArrayLiteralExpression(at.parent) || ts.isParenthesizedExpression(at.parent)) at = at.parent;
    const call = at.parent;
    if (!call || !ts.isCallExpression(call) || !call.arguments.includes(at as TS.Expression)) return false;
    const callee = unwrap(call.expression);
    return RECORDER.test(ts.isPropertyAccessExpression(callee) ? `${callee.expression.getText()}.${callee.name.text}` : callee.getText());
  };
  if (into(object)) return true;
  const holder = object.parent;
  if (!ts.isVariableDeclaration(holder) || holder.initializer !== object || !ts.isIdentifier(holder.name)) return false;
  const uses = referencesTo(enclosingFunction(holder) ?? holder.getSourceFile(), holder as TS.VariableDeclaration & { name: TS.Identifier });
  return uses.length > 0 && uses.every(into);
}

/**
 * A branch an `if` takes only for requests that are not initialize, when a test of the request is
 * (part of) its condition: `if (!isInitializeRequest(msg)) { here }`, `if (!ready && !isInitializeRequest(msg)) { here }`,
 * `if (msg.method === 'initialize') { ... } else { here }`. `negated`: the test holds for the
 * other requests (`!==`). What holds is followed up through `!`, `&&` and `||`: whether the
 * condition being true, or being false, means the request is not initialize.
 */
function branchForOthers(test: TS.Node, negated: boolean): TS.Statement | undefined {
  let n = test;
  let whenTrue = negated;
  let whenFalse = !negated;
  for (;;) {
    const parent = n.parent;
    if (ts.isParenthesizedExpression(parent)) n = parent;
    else if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) {
      [whenTrue, whenFalse] = [whenFalse, whenTrue];
      n = parent;
    } else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
      // True only if this part is true; false for other reasons too.
      whenFalse = false;
      n = parent;
    } else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.BarBarToken) {
      whenTrue = false;
      n = parent;
    } else break;
  }
  const statement = n.parent;
  if (!ts.isIfStatement(statement) || statement.expression !== n) return undefined;
  return whenTrue ? statement.thenStatement : whenFalse ? statement.elseStatement : undefined;
}

/** An `initialize` request written out in code (not LSP's): what a client sends. */
function buildsInitialize(node: TS.Node): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    found = ts.isPropertyAssignment(n) && propertyNameText(n.name) === 'method' && constantString(n.initializer) === 'initialize' && !isLspInitialize(n.parent);
    return found ? false : undefined;
  });
  return found;
}

/**
 * A test of the request whose branch for every other request sends an initialize of its own:
 * a bridge that initializes the 2025 server it forwards to (the child it spawns, say) when its
 * own client sent no handshake, in the branch or through a function of this file it calls
 * (`createInitializeRequest(id, version)`). Such code acts as that server's client; clients
 * that send no initialize, 2026-07-28 ones included, are served, not turned away.
 */
function initializesUpstream(test: TS.Node, negated: boolean): boolean {
  const branch = branchForOthers(test, negated);
  if (!branch) return false;
  if (buildsInitialize(branch)) return true;
  let found = false;
  walk(branch, (n) => {
    if (found) return false;
    if (ts.isCallExpression(n)) {
      const fn = resolveFunction(n.expression);
      found = !!fn && fn !== enclosingFunction(test) && buildsInitialize(fn);
    }
    return found ? false : undefined;
  });
  return found;
}

/** What an initialize test that initializes the upstream server itself says (the rule's advice is chosen by it). */
const INITIALIZES_UPSTREAM = 'this code then sends initialize itself, as a client, to the server it forwards to';

/** What a gate on stdio says after what it does (the rule's advice is chosen by it). */
const OVER_STDIO = '; over stdio too, a 2026-07-28 client sends no initialize (its first request may be any method), so what is done only for initialize here is never done for it';

/** Advice by what a finding says it is (the rule's own wording), the first that fits: a client, or code that reads what initialize said. */
const INITIALIZE_ADVICE: ReadonlyArray<readonly [RegExp, string]> = [
  [/called nowhere in this file/, 'Nothing to do here: its callers are reported where they call it.'],
  [new RegExp(INITIALIZES_UPSTREAM), "Nothing to change in the test: it is what serves clients that send no initialize. When the server it forwards to speaks 2026-07-28, probe it with server/discover and send the _meta envelope on each request instead of initializing it."],
  [/; over stdio too, /, "Do what is done only for initialize here (connecting upstream, say) on the first request of any method, or at start-up; read the client's protocol version and identity from each request's _meta envelope, not from initialize params."],
  [/^Client code|^Sends an initialize request/, 'Ask the server with server/discover first (the v2 client does, and sends the _meta envelope on each request); cache or replay initialize only for servers that answer with a 2025 revision.'],
  [/^Singles out initialize requests without changing|only picks initialize requests out to log|is only logged here|only picks a rate limiter|only lets initialize requests past this middleware/, 'Nothing is served differently: that branch stays idle for 2026-07-28 clients; drop it once 2025 clients are gone.'],
  [/only picks initialize requests out to record something/, "Nothing is served differently: what it records stays unset for 2026-07-28 clients; check that what reads it does without, and drop it once 2025 clients are gone."],
  [/^Answers 'initialize' (by hand|for 2025 clients)/, "Answer server/discover (supported versions, capabilities, server info) and read each request's _meta envelope; keep the initialize answer for 2025 clients only, keeping nothing from it that later requests need."],
  [/^Reads the params of an initialize request|^Custom initialize handler|^Picks out initialize only to connect upstream/, "Read the client's identity and capabilities from each request's _meta envelope (ctx.mcpReq.envelope on the v2 packages)."],
];

/** Whether a call of a hand-rolled gate is the test of an `if` (or of `&&`/`||` within one): it decides how a request goes on. */
function decidesRoute(ref: TS.Node): boolean {
  let n: TS.Node = ref.parent;
  if (ts.isCallExpression(n)) n = n.parent;
  while (ts.isParenthesizedExpression(n) || ts.isPrefixUnaryExpression(n) || (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || n.operatorToken.kind === ts.SyntaxKind.BarBarToken))) n = n.parent;
  return ts.isIfStatement(n) || ts.isWhileStatement(n) || ts.isReturnStatement(n);
}

/**
 * `isInitializeRequest(...)` gates (imported from the SDK or written by hand), comparisons of a
 * JSON-RPC method with 'initialize', and handlers registered for `InitializeRequestSchema`.
 */
export const initializeRequest: CodeRule = {
  target: 'code',
  id: 'initialize-request',
  category: 'initialize-gate',
  severity: 'error',
  title: 'Request handling is gated on the initialize handshake',
  why:
    'There is no initialize handshake in 2026-07-28: every request carries its protocol version and client capabilities in ' +
    '`_meta`, and a client may send tools/call as its very first request, to any instance. Code that creates a transport ' +
    'only for initialize, or rejects requests that did not follow one, turns those clients away.',
  fix: {
    codemod: 'stateless-transport',
    manual: 'Serve every POST with a fresh stateless transport; delete the initialize branch (code that speaks both eras keeps it on its 2025 path only).',
    // By what the finding says it is (the rule's own wording): a client, or code that reads what initialize said.
    advice: adviceByMessage(INITIALIZE_ADVICE),
  },
  docs: `${SPEC}/basic`,
  legacyPathIsInfo: true,
  keywords: ['initialize'],
  check(file, report) {
    // The Agent Client Protocol's own initialize (an editor and a coding agent): not MCP's.
    if (speaksAcpOnly(file.text)) return;
    // A client (a proxy's or a CLI's transport) that only talks to servers: its 'initialize' is the handshake it sends.
    // (Not a server that reads the response of the handler it wraps: exa's api/mcp.ts.)
    const clientSide = file.facts.clientOnly || (readsResponseSessionId(file.text) && file.facts.servesNothing);
    // One that probes with server/discover first: its initialize is the 2025 fallback the revision asks for.
    const fallsBack = () => file.facts.sendsDiscover;
    // A gate on stdio alone: no HTTP dispatch for stateless-transport to rewrite, and its own advice.
    const stdio = servesStdioOnly(file.text);
    /**
     * A test that gates on initialize (`node`, what it is called: `subject`; `negated`: true when it
     * holds for the other requests): an error, with advice of its own on stdio; information where
     * the branch for the other requests initializes the server the code forwards to.
     */
    const gate = (node: TS.Node, message: string, subject: string, negated: boolean) => {
      let passed: string | undefined;
      const modern = negated ? undefined : modernTest(node);
      // On the path that already serves 2026-07-28 (`era === 'modern' && method === 'initialize'`):
      // a 2025 client's handshake arriving there, answered (or refused) as such; no modern request takes it.
      if (modern) report({ node, message: `${subject} picks out a 2025 client's handshake on the path that serves 2026-07-28 (${guardText(modern.test, modern.earlyReturn)}): no 2026-07-28 request takes that branch; check it answers the 2025 client as the revision asks (an error naming the supported versions)`, ...keptOnLegacyPath() });
      else if (initializesUpstream(node, negated)) report({ node, message: `${subject} picks out requests that came without a handshake, and ${INITIALIZES_UPSTREAM}: clients that send none, 2026-07-28 ones included, are served (the initialize it sends is reported where it is built)`, severity: 'info', manual: true });
      else if (!negated && (passed = exemptsFromMiddleware(node))) report({ node, message: `${subject} only lets initialize requests past this middleware (${passed}) without the rest of it: 2026-07-28 clients send none, so every request of theirs goes through the rest (a limit counts their first request too); none is turned away for the want of a handshake`, severity: 'info', manual: true });
      else if (stdio) report({ node, message: `${message.split('; ')[0]}${OVER_STDIO}`, manual: true });
      else report({ node, message });
    };
    /** A server that answers JSON-RPC by hand (`node`: where it answers initialize): beside server/discover, initialize is the 2025 clients' fallback. */
    const answersByHand = (node: TS.Node, discover: boolean) => {
      if (inDeadInitializeBranch(node)) report({ node, message: "Answers 'initialize' in fallbackRequestHandler, which never sees it: the SDK's Server answers initialize with a handler of its own, so this branch never runs; delete it", severity: 'info', manual: true });
      else if (discover) report({ node, message: "Answers 'initialize' for 2025 clients beside server/discover: their fallback; keep nothing from it that later requests need", ...keptOnLegacyPath() });
      else report({ node, message: "Answers 'initialize' by hand and has no case for server/discover: 2026-07-28 clients never send initialize; answer server/discover and read each request's _meta envelope (keep initialize only as the 2025 fallback)", manual: true });
    };
    file.facts.nodes.visit(VISITED, (node) => {
      // A hand-rolled `isInitializeRequest` is reported once, at its name; its own comparison with
      // 'initialize' and the calls of it are the same finding.
      if (isHandRolledGate(node)) {
        const decl = node as (TS.FunctionDeclaration | TS.VariableDeclaration) & { name: TS.Identifier };
        const refs = referencesTo(file.sourceFile, decl);
        // Called nowhere in this file (exported for a dashboard, a test): its callers are reported where they call it.
        if (refs.length === 0) report({ node: decl.name, message: 'Hand-rolled isInitializeRequest, called nowhere in this file: where it is called, it singles out initialize requests, which 2026-07-28 clients never send (those calls are reported there)', severity: 'info', manual: true });
        // (A route that hands requests to a transport, one built in another module, serves them.)
        else if (file.facts.servesNothing && !HANDS_TO_TRANSPORT.test(file.text) && refs.every((r) => !decidesRoute(r))) {
          // In code that serves nothing, picking a value (a timeout for what it forwards): no request is gated.
          report({ node: decl.name, message: 'Hand-rolled isInitializeRequest in code that serves no MCP requests: it picks something for initialize messages (not an if that serves or refuses them), and 2026-07-28 peers never send one; check that what it picks still holds without it', severity: 'info', manual: true });
        } else report({ node: decl.name, message: 'Hand-rolled isInitializeRequest: requests are gated on the initialize handshake' });
        return false;
      }
      if (ts.isCallExpression(node)) {
        const schemaTest = initializeSchemaTest(node);
        const name = schemaTest ?? sdkInitializeTest(node) ?? calleeName(node);
        let limiters: ReturnType<typeof limiterChoice>;
        let recorded: string | undefined;
        let idle: string | undefined;
        if (schemaTest || ((name === 'isInitializeRequest' || name === 'isInitializeRequestMessage') && !(ts.isIdentifier(node.expression) && resolveFunction(node.expression)))) {
          if (insideLogCall(node)) {
            // Printed, not decided on: the log line says whether a request was initialize.
            report({ node, message: `${name}() is only logged here; 2026-07-28 clients never send initialize, so it logs false for them`, severity: 'info', manual: true });
          } else if (onlyLogsWhen(node)) {
            // `if (isInitializeRequest(body)) console.log(...)`: it watches the handshake, it does not gate on it.
            report({ node, message: `${name}() only picks initialize requests out to log them; 2026-07-28 clients never send one, so the log stays silent for them`, severity: 'info', manual: true });
          } else if ((recorded = onlyRecordsWhen(node))) {
            // `if (isInitializeRequest(msg)) pendingInitId = msg.id`: bookkeeping, nothing is served differently.
            report({ node, message: `${name}() only picks initialize requests out to record something of them (${recorded}): 2026-07-28 clients never send one, so it stays unset for them; check that what reads it does without`, severity: 'info', manual: true });
          } else if ((limiters = limiterChoice(node))) {
            // A stricter limit for the handshake: a client that never sends one gets the other limit.
            const [a, b] = limiters;
            report({ node, message: `${name}() only picks a rate limiter (${a} or ${b}): 2026-07-28 clients never send initialize, so they always get the one for other requests`, severity: 'info', manual: true });
          } else if (clientSide && file.facts.speaksBothEras) {
            report({ node, message: `Client code that singles out initialize with ${name}() for 2025 servers, in code that speaks both eras: keep it on the 2025 path`, ...keptOnLegacyPath() });
          } else if (clientSide) {
            // A client's own test of what it sends (a wrapper around Client.request rewriting its initialize).
            report({ node, message: `Client code that singles out initialize with ${name}() (to change, cache or replay the handshake it sends): it assumes a 2025 server; 2026-07-28 servers have no handshake`, severity: 'warning', manual: true });
          } else if (schemaTest && (idle = uncalledFunctionAround(node))) {
            // In a helper nothing here calls (what fix leaves once the gate it served is gone): no request is gated.
            report({ node, message: `${name}() in ${idle}(), which nothing in this file calls: where it is called, it singles out initialize requests, which 2026-07-28 clients never send`, severity: 'info', manual: true });
          } else {
            gate(node, `${name}() decides how a request is served; 2026-07-28 clients never send initialize`, `${name}()`, false);
          }
        } else if (node.arguments.some(isGateReference)) {
          // `messages.some(isInitializeRequest)`: the SDK's gate handed over as a callback.
          report({ node: node.arguments.find(isGateReference)!, message: `isInitializeRequest, passed to ${name ?? 'a call'}(), decides how a request is served; 2026-07-28 clients never send initialize` });
        } else if (name === 'setRequestHandler' && node.arguments.length > 0) {
          const schema = unwrap(node.arguments[0]);
          const schemaName = ts.isIdentifier(schema) ? schema.text : constantString(schema);
          if (schemaName === 'InitializeRequestSchema' || schemaName === 'initialize') {
            report({ node: node.arguments[0], message: 'Custom initialize handler: 2026-07-28 has no handshake, so this never runs for modern clients; what it records (client info, capabilities) must come from each request\'s _meta instead', manual: true });
          }
        } else {
          // A hand-written client's own wrapper (`this.request('initialize', params)`, whose body
          // writes `{ jsonrpc: '2.0', method, params }`): what it sends, as if written out (trial 23B).
          const sent = file.facts.sentThroughWrapper(node);
          if (sent?.method === 'initialize' && !node.arguments.some(isLspParams) && !file.facts.fallsBackFromDiscover(node)) {
            report({ node: sent.argument, message: sendsInitialize(name ?? 'its own wrapper'), severity: 'warning', manual: true });
          }
        }
        return;
      }
      // The Language Server Protocol has an `initialize` method too; the method-name heuristics below
      // only see MCP files (the scanner's gate), and never apply to a request whose params are LSP's.
      if (ts.isBinaryExpression(node)) {
        if (!isEqualityTest(node)) return;
        const [literal, other] = constantString(node.right) === 'initialize' ? [node.right, node.left] : constantString(node.left) === 'initialize' ? [node.left, node.right] : [undefined, undefined];
        if (!literal || !other) return;
        const bare = unwrap(other);
        const otherName = referenceName(bare);
        if (/^method$/i.test(otherName)) {
          if (clientSide && file.facts.speaksBothEras) report({ node, message: "Client code that singles out 'initialize' for 2025 servers, in code that speaks both eras: keep it on the 2025 path", ...keptOnLegacyPath() });
          else if (clientSide) report({ node, message: "Client code that singles out 'initialize' (caches or replays the handshake): it assumes a 2025 server; 2026-07-28 servers have no handshake", severity: 'warning', manual: true });
          else if (answersInitialize(node)) answersByHand(node, /(['"`])server\/discover\1/.test(file.text));
          else if (connectsEitherWay(node, file.facts)) {
            // `if (method === 'initialize') connect with its clientInfo; else connect a fallback client`.
            report({ node, message: "Picks out initialize only to connect upstream with what it carries (the client's identity), and connects for any other first request too (the else branch): 2026-07-28 clients send no initialize, so their connection never carries it; read it from each request's _meta envelope", severity: 'warning', manual: true });
          }
          else if (onlyReadsInitialize(node) || onlyObserves(node, file.facts)) {
            // What the code around reads from it: its params (client info), or nothing (a log
            // line's colour or wording). A predicate is judged by the file that uses it.
            const around = (!predicateOf(wholeTest(node)) && enclosingFunction(node)) || node.getSourceFile();
            if (/\bparams\b|clientInfo|capabilities/.test(around.getText())) report({ node, message: "Reads the params of an initialize request when one arrives (client info, capabilities): 2026-07-28 clients send none, so what is read stays empty for them; read it from each request's _meta envelope", severity: 'warning', manual: true });
            else report({ node, message: "Singles out initialize requests without changing how the request is served (a log line, a label, a notification sent then): 2026-07-28 clients send none, so that branch stays idle for them", severity: 'info', manual: true });
          }
          else gate(node, "Compares the JSON-RPC method with 'initialize' to gate requests on the handshake", "The comparison of the JSON-RPC method with 'initialize'", /^!==?$/.test(node.operatorToken.getText()));
        }
        return;
      }
      if (ts.isCaseClause(node) && constantString(node.expression) === 'initialize') {
        const sw = node.parent.parent;
        // (Not a case that reads an initialize result someone else wrote: a log viewer's summary of captured traffic, trial 50B.)
        if (ts.isSwitchStatement(sw) && /method$/i.test(sw.expression.getText()) && !fallsBack() && !(readsInitializeResult(node) && !writesInitializeResult(node) && !responds(node))) {
          answersByHand(node.expression, switchHasCase(sw.caseBlock, 'server/discover'));
        }
      }
      // A dispatch table's `initialize` member (`{ initialize: () => ({ protocolVersion, ... }), 'tools/list': ... }`).
      if ((ts.isPropertyAssignment(node) || ts.isMethodDeclaration(node)) && dispatchTableMethod(node) === 'initialize' && writesInitializeResult(node) && !fallsBack()) {
        answersByHand(node.name, tableHasMethod(node, 'server/discover'));
        return;
      }
      // A handler object's method field (`class InitializeHandler { readonly method = 'initialize'; handle() {...} }`,
      // `{ method: 'initialize', handle: () => ({ protocolVersion, ... }) }`), which a router looks up by the request's method.
      if ((ts.isPropertyDeclaration(node) || ts.isPropertyAssignment(node)) && handlerObjectMethod(node) === 'initialize') {
        if (writesInitializeResult(node.parent) && !fallsBack()) answersByHand(node.initializer!, handlerObjectsAnswer(node, 'server/discover'));
        return;
      }
      if (ts.isPropertyAssignment(node) && propertyNameText(node.name) === 'method' && constantString(node.initializer) === 'initialize' && !isLspInitialize(node.parent) && !file.facts.fallsBackFromDiscover(node) && !onlyRecorded(node.parent)) {
        // A client building an initialize request by hand (client-side handshake).
        report({ node, message: sendsInitialize(), severity: 'warning', manual: true });
      }
      return undefined;
    });
  },
};
