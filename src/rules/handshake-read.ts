import { ts } from '../analysis/typescript.js';
import type { ts as TS } from 'ts-morph';
import { calleeName, codeSnippet, enclosingClass, enclosingFunction, inLogCall, isAssignmentTarget, parameterOfMember, propertyNameText, referenceName, referencesTo, resolveIdentifier, stringValue, unwrap, walk } from '../analysis/ast.js';
import { initializedHook } from '../analysis/hooks.js';
import type { SessionFacts } from '../analysis/session.js';
import { MCP_LITE_MODULE, MCP_USE_SERVER_MODULE, servesBothEras } from '../analysis/mcp.js';
import { SPEC, type CodeRule } from './types.js';
import { isHandshakeRead, isPrivateHandshakeRead } from '../analysis/eras.js';
import { kinds } from '../analysis/nodes.js';
import { handlerNote, handlerReadsHookState } from './session-lifecycle.js';
import { runsOnlyForInitialize } from './not-initialized-check.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.CallExpression, ts.SyntaxKind.PropertyAccessExpression);
/** Without `clientInfo` in the file, the calls only: property accesses are most of a tree. */
const CALLS = kinds(ts.SyntaxKind.CallExpression);
const ASSIGNMENTS = kinds(ts.SyntaxKind.BinaryExpression);

/** The members of an initialize request's params a server keeps, and the _meta envelope's key that carries each on every 2026-07-28 request. */
const HANDSHAKE_PARAMS: Record<string, string> = { capabilities: 'clientCapabilities', clientInfo: 'clientInfo' };

/**
 * What a server written by hand keeps of an initialize request's params for the requests after it:
 * a field or a variable of the file (`this.clientCapabilities = params.capabilities`) assigned
 * where only initialize runs (`case 'initialize': return this.handleInitialize(msg.params)`), and
 * its reads elsewhere (`this.clientCapabilities?.sampling`), log lines aside.
 */
function keptHandshakeReads(facts: SessionFacts): Array<{ read: TS.Node; kept: string; key: string }> {
  const found: Array<{ read: TS.Node; kept: string; key: string }> = [];
  facts.nodes.visit(ASSIGNMENTS, (node) => {
    if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
    // (Through a default: `params.capabilities ?? {}`.)
    let value = unwrap(node.right);
    if (ts.isBinaryExpression(value) && /^(\?\?|\|\|)$/.test(value.operatorToken.getText())) value = unwrap(value.left);
    if (!ts.isPropertyAccessExpression(value) || !Object.hasOwn(HANDSHAKE_PARAMS, value.name.text) || referenceName(value.expression) !== 'params') return;
    if (!runsOnlyForInitialize(node, facts)) return;
    const target = unwrap(node.left);
    const reads: TS.Node[] = [];
    if (ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const cls = enclosingClass(node);
      if (cls) walk(cls, (n) => void (ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword && n.name.text === target.name.text && reads.push(n)));
    } else if (ts.isIdentifier(target)) {
      const decl = resolveIdentifier(target);
      // A variable of the file (not a local of the function that assigns it).
      if (decl && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && ts.isSourceFile(decl.parent.parent.parent)) reads.push(...referencesTo(decl.getSourceFile(), decl as TS.VariableDeclaration & { name: TS.Identifier }));
    }
    for (const read of reads) {
      if (!isAssignmentTarget(read) && !inLogCall(read) && !runsOnlyForInitialize(read, facts)) found.push({ read, kept: `${target.getText()} = ${value.getText()}`, key: HANDSHAKE_PARAMS[value.name.text] });
    }
  });
  return found;
}

/**
 * `body.params.clientInfo` (also `body?.params?.clientInfo`), read: the client's identity taken from
 * the params of an initialize request, the only request that carries it there (ref-tools names
 * its tools after it).
 */
function readsInitializeClientInfo(node: TS.PropertyAccessExpression, facts: SessionFacts): boolean {
  if (node.name.text !== 'clientInfo') return false;
  const params = unwrap(node.expression);
  if (!ts.isPropertyAccessExpression(params) || params.name.text !== 'params') return false;
  // Written (a client building its initialize request), not read.
  let top: TS.Node = node;
  while (ts.isPropertyAccessExpression(top.parent) && top.parent.expression === top) top = top.parent;
  const parent = top.parent;
  if (ts.isBinaryExpression(parent) && parent.left === top && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return false;
  // Under a test for initialize (`method === 'initialize'`, isInitializeRequest): initialize-request
  // reports that test, saying what it reads.
  // So is a function that handles initialize itself (the SDK's own `_oninitialize(request)`, a
  // `setRequestHandler(InitializeRequestSchema, ...)`).
  if (facts.registrations.some((r) => r.method === 'initialize' && r.handler && node.pos >= r.handler.pos && node.end <= r.handler.end)) return false;
  const fn = enclosingFunction(node);
  const name = fn && 'name' in fn && fn.name ? fn.name.getText() : '';
  return !(fn && (/initiali[sz]e/i.test(name) || /['"`]initialize['"`]|\bisInitializeRequest\b/.test(fn.getText())));
}

/**
 * A FastMCP session: the `session` of a tool's context (`{ session }` destructured from it, or
 * `context.session`), or `event.session` in a `server.on('connect', ...)` listener. FastMCP fills
 * its `clientCapabilities` from initialize and its `roots` with a roots/list request sent after it.
 */
function isFastmcpSession(expr: TS.Node, facts: SessionFacts): boolean {
  const param = parameterOfMember(expr, 'session');
  return !!param && (facts.isContextParam(param) || isConnectEvent(param));
}

/** The event parameter of a `x.on('connect', (event) => ...)` listener. */
function isConnectEvent(param: TS.ParameterDeclaration): boolean {
  const fn = param.parent;
  const call = fn.parent;
  return ts.isCallExpression(call) && call.arguments[1] === fn && calleeName(call) === 'on' && stringValue(call.arguments[0]) === 'connect' && fn.parameters[0] === param;
}

/** `ctx.client.<method>(...)` where `ctx` is a registered handler's context (or `{ client }` destructured from it): the method's name. */
function clientMethodOfContext(call: TS.CallExpression, facts: SessionFacts, methods: RegExp): string | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !methods.test(callee.name.text)) return undefined;
  const param = parameterOfMember(callee.expression, 'client');
  return param && facts.isContextParam(param) ? callee.name.text : undefined;
}

/** mcp-use's context reads of what the client declared at initialize: `ctx.client.can('sampling')`, `capabilities()`, `info()`. */
const MCP_USE_CLIENT_READS = /^(can|capabilities|info)$/;
/**
 * mcp-lite's `ctx.client.supports('sampling')`: it answers from the capabilities the client declared
 * at initialize, which mcp-lite keeps with the session.
 */
const MCP_LITE_CLIENT_READS = /^supports$/;

/** What a FastMCP session read gets from the handshake, by property. */
const FASTMCP_SESSION_READS: Record<string, string> = {
  clientCapabilities: 'what the client declared at initialize, which 2026-07-28 clients never send: read the capabilities each request carries in its _meta envelope (io.modelcontextprotocol/clientCapabilities)',
  roots: 'the roots FastMCP asked the client for after initialize (a roots/list request): 2026-07-28 clients send no initialize and take no such request, and Roots is deprecated; take directories as tool arguments or server config',
};

/** Reads of what the initialize handshake negotiated. */
export const handshakeRead: CodeRule = {
  target: 'code',
  id: 'handshake-read',
  category: 'initialize-gate',
  severity: 'warning',
  title: 'Reads client capabilities or version negotiated at initialize',
  why:
    '`getClientCapabilities()` and `getClientVersion()` return what the client said at initialize, remembered by one instance. ' +
    'In 2026-07-28 every request carries `io.modelcontextprotocol/clientCapabilities` and `clientInfo` in its `_meta` envelope, and ' +
    'the server must not depend on earlier requests for them. In the v2 SDK use `ctx.mcpReq.envelope`.',
  fix: {
    manual: 'Read the capabilities of the current request from its `_meta` envelope (`ctx.mcpReq.envelope` in SDK v2).',
    advice: ({ message }) =>
      message.startsWith("Reads mcp-lite's")
        ? "Read what the client supports from the request itself: a 2026-07-28 request carries it in params._meta (io.modelcontextprotocol/clientCapabilities), which mcp-lite hands the handler as ctx.request."
        : message.startsWith("Reads mcp-use's")
          ? 'Read what the client supports from the request itself: a 2026-07-28 request carries it in params._meta (io.modelcontextprotocol/clientCapabilities and clientInfo).'
          : undefined,
  },
  docs: `${SPEC}/basic`,
  legacyPathIsInfo: true,
  keywords: ['getclientcapabilities', 'getclientversion', '_clientversion', 'clientinfo', 'clientcapabilities', 'params.capabilities', 'params?.capabilities', 'session.roots', 'session?.roots', 'client.supports(', 'client.can(', 'client.capabilities(', 'client.info('],
  check(file, report) {
    const dualEra = servesBothEras(file.text);
    const mcpLite = MCP_LITE_MODULE.test(file.text);
    const mcpUse = MCP_USE_SERVER_MODULE.test(file.text);
    const properties = file.lower.includes('clientinfo') || file.lower.includes('clientcapabilities') || file.lower.includes('_clientversion') || /session\??\.roots\b/.test(file.lower);
    // A server written by hand that keeps what initialize said for later requests.
    if (/params\??\.(capabilities|clientinfo)\b/.test(file.lower) && /(['"`])initialize\1/.test(file.text)) {
      for (const { read, kept, key } of keptHandshakeReads(file.facts)) {
        report({ node: read, message: `Reads ${read.getText()}, which only the handling of initialize sets (${kept}), remembered by this process: 2026-07-28 clients send no initialize, so it stays unset for them; read it from each request's _meta envelope (io.modelcontextprotocol/${key})`, manual: true });
      }
    }
    file.facts.nodes.visit(properties ? VISITED : CALLS, (node) => {
      if (ts.isPropertyAccessExpression(node)) {
        if (readsInitializeClientInfo(node, file.facts)) {
          report({ node, message: `Reads clientInfo from the params of an initialize request (${node.getText().slice(0, 60)}): 2026-07-28 clients send no initialize; read it from each request's _meta envelope (io.modelcontextprotocol/clientInfo)` });
        } else if (isPrivateHandshakeRead(node)) {
          report({ node, message: `Reads the SDK's private ${node.name.text}, which only initialize fills, remembered by one instance: 2026-07-28 clients send no initialize, so it is undefined for them (and elsewhere another client's); use the request's _meta envelope (ctx.mcpReq.envelope on the v2 packages)` });
        } else if (Object.hasOwn(FASTMCP_SESSION_READS, node.name.text) && isFastmcpSession(node.expression, file.facts)) {
          report({ node, message: `Reads FastMCP's session.${node.name.text}, ${FASTMCP_SESSION_READS[node.name.text]}`, manual: true });
        }
        return;
      }
      if (ts.isCallExpression(node)) {
        let read: string | undefined;
        if (mcpUse && (read = clientMethodOfContext(node, file.facts, MCP_USE_CLIENT_READS))) {
          const argument = node.arguments[0] ? codeSnippet(node.arguments[0], 30) : '';
          report({ node, message: `Reads mcp-use's ctx.client.${read}(${argument}), which answers from what the client declared at initialize, kept with its session: 2026-07-28 clients send no initialize and carry their capabilities and clientInfo in each request's _meta envelope`, manual: true });
          return;
        }
        if (mcpLite && clientMethodOfContext(node, file.facts, MCP_LITE_CLIENT_READS)) {
          const feature = node.arguments[0] ? codeSnippet(node.arguments[0], 30) : '';
          report({ node, message: `Reads mcp-lite's ctx.client.supports(${feature}), which answers from the capabilities the client declared at initialize, kept with its session: 2026-07-28 clients send no initialize and carry their capabilities in each request's _meta envelope, which mcp-lite does not read, so it answers false for them`, manual: true });
          return;
        }
        // The SDK's are methods (`server.getClientCapabilities()`); a bare call is the code's own function or callback.
        if (isHandshakeRead(node)) {
          const name = calleeName(node);
          const callee = unwrap(node.expression) as TS.PropertyAccessExpression;
          // A client's own capabilities (`inspectorClient.getClientCapabilities()`): nothing a server remembered.
          if (isClient(callee.expression, file.facts)) return;
          // On the v2 packages, read inside the oninitialized kept for 2025 clients: part of their
          // fallback, unless a handler reads what the hook stores and not the envelope (trial 67C B2).
          const hook = dualEra ? onInitialized(node) : undefined;
          const read = hook && handlerReadsHookState(hook, file.facts);
          if (read) {
            report({ node, message: `${name}() in this oninitialized feeds ${read.stored}, which ${read.handler} reads: 2026-07-28 requests never run the hook${handlerNote(file.text)}, so the handler never gets it for them; read ctx.mcpReq.envelope in the handler`, manual: true });
          } else if (hook) {
            report({ node, message: `${name}() in the oninitialized kept for 2025 clients: their fallback; modern requests carry it in ctx.mcpReq.envelope`, severity: 'info', manual: true });
          } else if (dualEra) {
            // v2: createMcpHandler fills the getters from the current request's envelope; serveStdio does not.
            // A 2025 request has no envelope, and createMcpHandler serves it with a new server that never
            // saw the client's initialize: undefined after the handshake (trial 71C B1).
            report({ node, message: `${name}() is deprecated on the v2 packages: createMcpHandler fills it from the envelope of each 2026-07-28 request, but a 2025 client, which it serves with a new server per request, gets undefined on every request after initialize (code gated on it takes its fallback for them), and serveStdio returns undefined for 2026-07-28 clients; read ctx.mcpReq.envelope, and decide what a 2025 client that declared nothing here gets` });
          } else report({ node, message: `${name}() reads what one instance remembered from initialize; use the request's _meta envelope` });
        }
      }
    });
  },
};

/** A client (by what it is, or by its name: `client`, `inspectorClient`, `this.mcpClient`), not a server. */
function isClient(receiver: TS.Node, facts: SessionFacts): boolean {
  const kind = facts.receiverKind(receiver);
  return kind !== undefined ? kind === 'client' : /client$/i.test(referenceName(receiver));
}

/** The `oninitialized` hook's function `node` runs inside (`x.oninitialized = () => ...`, `{ oninitialized() {...} }`), if any. */
function onInitialized(node: TS.Node): TS.FunctionLikeDeclaration | undefined {
  for (let n: TS.Node | undefined = node.parent; n; n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    const holder = n.parent;
    const fn = n as TS.FunctionLikeDeclaration;
    if (ts.isMethodDeclaration(n) && propertyNameText(n.name) === 'oninitialized') return fn;
    if (ts.isPropertyAssignment(holder) && propertyNameText(holder.name) === 'oninitialized') return fn;
    if (ts.isBinaryExpression(holder) && holder.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(holder.left) && holder.left.name.text === 'oninitialized') return fn;
    // A method of a class-based server the hook is handed bound (`oninitialized = this.onInit.bind(this)`; review 86 point 5).
    if ((ts.isMethodDeclaration(n) || ts.isPropertyDeclaration(holder)) && boundAsHook(fn)) return fn;
  }
  return undefined;
}

/** Whether the class around a method sets it as an `oninitialized` hook (see initializedHook). */
function boundAsHook(fn: TS.FunctionLikeDeclaration): boolean {
  const cls = enclosingClass(fn);
  let found = false;
  if (cls) walk(cls, (n) => (found ||= ts.isBinaryExpression(n) && initializedHook(n) === fn) ? false : undefined);
  return found;
}
