import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { accessName, calleeName, calleeReceiver, constantString, enclosingFunction, functionDeclarationOf, isExported, isFunctionLike, isLogCall, isValueReference, LISTENS, listenerLabel, parameterOfMember, propertyNameText, referencesTo, resolveIdentifier, unwrap } from '../analysis/ast.js';
import type { Registration } from '../analysis/registrations.js';
import type { SessionFacts } from '../analysis/session.js';
import { FASTMCP_IMPORT } from './stateful-mode-option.js';
import { SPEC, type CodeRule, adviceByMessage } from './types.js';
import { routesLogsBySession } from './session-logging.js';
import { kinds } from '../analysis/nodes.js';
import { capabilitiesMember, capabilitiesSide, objectLiteralOf, typedCapabilities } from '../analysis/capabilities.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.BinaryExpression, ts.SyntaxKind.CallExpression, ts.SyntaxKind.Identifier, ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.ShorthandPropertyAssignment, ts.SyntaxKind.VariableDeclaration);

const REMOVAL = 'earliest removal: the first revision released on or after 2027-07-28';

/** A deprecated API, what replaces it, and whether it is a request to the client (see FAILS). */
interface Deprecated {
  feature: string;
  instead: string;
  request?: true;
}

/** Data, not traversal code: each deprecated API and what replaces it (SEP-2577). */
const DEPRECATED_CALLS: Record<string, Deprecated> = {
  createMessage: { feature: 'Sampling', instead: 'call your LLM provider directly', request: true },
  requestSampling: { feature: 'Sampling', instead: 'call your LLM provider directly', request: true },
  listRoots: { feature: 'Roots', instead: 'take directories as tool arguments, resource URIs or server config', request: true },
  sendRootsListChanged: { feature: 'Roots', instead: 'take directories as tool arguments, resource URIs or server config' },
  sendLoggingMessage: { feature: 'Logging', instead: 'log to stderr (stdio) or OpenTelemetry' },
};

/**
 * What the deprecated features' requests to the client also are: on a 2026-07-28 request they
 * fail (no stream carries them; the v2 packages refuse them there), wherever the call is made
 * (stateful-tool names the tools it can see reaching one).
 */
const FAILS = 'as a request to the client it also fails on 2026-07-28 requests: a tool that needs it returns input_required';

/** What to do instead, with what a request to the client also does. */
function instead(entry: Deprecated): string {
  return entry.request ? `${entry.instead}; ${FAILS}` : entry.instead;
}

/**
 * Names that other APIs share (a chat SDK's `createMessage`, a file system's `listRoots`): these
 * only count when called on an MCP server, client or handler context.
 */
const SHARED_NAMES = new Set(['createMessage', 'listRoots']);

/** Requests of the deprecated features, by JSON-RPC method. */
const DEPRECATED_METHODS: Record<string, Deprecated> = {
  'sampling/createMessage': DEPRECATED_CALLS.createMessage,
  'roots/list': DEPRECATED_CALLS.listRoots,
  'notifications/message': DEPRECATED_CALLS.sendLoggingMessage,
};

const DEPRECATED_IDENTIFIERS: Record<string, Deprecated> = {
  ListRootsRequestSchema: { feature: 'Roots', instead: 'take directories as tool arguments' },
  CreateMessageRequestSchema: { feature: 'Sampling', instead: 'call your LLM provider directly' },
  LoggingMessageNotificationSchema: { feature: 'Logging', instead: 'stderr or OpenTelemetry' },
};

/**
 * The same features' handlers by method string, as v2 registers them (`setNotificationHandler(
 * 'notifications/message', ...)`, the official codemod's rewrite of LoggingMessageNotificationSchema):
 * the finding the schema had.
 */
const DEPRECATED_HANDLED_METHODS: Record<string, Deprecated> = {
  'roots/list': DEPRECATED_IDENTIFIERS.ListRootsRequestSchema,
  'sampling/createMessage': DEPRECATED_IDENTIFIERS.CreateMessageRequestSchema,
  'notifications/message': DEPRECATED_IDENTIFIERS.LoggingMessageNotificationSchema,
};

/**
 * `caps.logging = {}`: the capabilities object a declaration is added to after it was built, a
 * `capabilities` member (`options.capabilities.logging = {}`) or a variable of this file typed
 * ServerCapabilities or handed to a server as its capabilities (`{ capabilities }`, `capabilities: caps`).
 */
function capabilityAssigned(node: TS.BinaryExpression, name: string): boolean {
  if (node.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isObjectLiteralExpression(unwrap(node.right))) return false;
  const target = unwrap(node.left);
  if ((!ts.isPropertyAccessExpression(target) && !ts.isElementAccessExpression(target)) || accessName(target) !== name) return false;
  const holder = unwrap(target.expression);
  if (accessName(holder) === 'capabilities') return true;
  const decl = ts.isIdentifier(holder) ? resolveIdentifier(holder) : undefined;
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return false;
  if (capabilitiesSide(decl) === 'server') return true;
  return referencesTo(node.getSourceFile(), decl as TS.VariableDeclaration & { name: TS.Identifier }).some((ref) => {
    const member = ref.parent;
    return (ts.isShorthandPropertyAssignment(member) || ts.isPropertyAssignment(member)) && capabilitiesMember(member) === ref && !insideLogCall(member);
  });
}

/**
 * What a client does with each deprecated feature, by feature, when it registers a handler for it
 * (by schema, or by method string on v2): it receives servers' log messages, or answers their
 * sampling and roots requests.
 */
const CLIENT_HANDLERS: Record<string, string> = {
  Logging: `a client's handler for the log messages servers send; Logging is deprecated (${REMOVAL}): 2026-07-28 servers send them only on requests that ask for them with _meta["io.modelcontextprotocol/logLevel"]`,
  Sampling: `a client's handler for servers' sampling requests; Sampling is deprecated (${REMOVAL}): 2026-07-28 servers ask for it in input_required results instead`,
  Roots: `a client's handler for servers' roots requests; Roots is deprecated (${REMOVAL}): 2026-07-28 servers ask for them in input_required results instead`,
};

/** Whether a schema or method is what a client's `setNotificationHandler` / `setRequestHandler` is registered for (in client-only code, any one's). */
function clientHandlerFor(first: TS.Node, facts: SessionFacts): boolean {
  const call = first.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== first || !/^set(Notification|Request)Handler$/.test(calleeName(call) ?? '')) return false;
  const receiver = calleeReceiver(call);
  return facts.clientOnly || (!!receiver && facts.receiverKind(receiver) === 'client');
}

/** What a tool that sends log messages while it runs does instead (they may be its user's only progress). */
const TOOL_LOG_INSTEAD = "where they report the tool's progress, send notifications/progress with the request's progress token (for work that outlives a request, the Tasks extension); otherwise log to stderr or OpenTelemetry";

/** Advice by what a finding says (the rule's own wording): a client's handler, else the one feature it is about. */
const DEPRECATED_ADVICE: ReadonlyArray<readonly [RegExp, string]> = [
  [/sends notifications\/message by hand (while it runs|after its call returned)/, "Where the messages report the tool's progress, send notifications/progress with the request's progress token (the Tasks extension for work that outlives a request); log the rest to stderr (stdio) or OpenTelemetry."],
  [/a client's handler for the log messages/, 'Keep it for the servers that still log: ask for logs per request with _meta["io.modelcontextprotocol/logLevel"] (2026-07-28 servers send none otherwise), and expect servers to move their logs to stderr or OpenTelemetry.'],
  [/a client's handler for servers' (sampling|roots) requests/, 'Keep it for 2025 servers; a 2026-07-28 server asks inside an input_required result instead (inputRequests of sampling/createMessage or roots/list): answer those and retry the call with inputResponses.'],
  [/Logging is deprecated|logging capability/, 'Log to stderr (stdio) or OpenTelemetry instead.'],
  [/Sampling is deprecated|deprecated with Sampling/, 'Call your LLM provider directly instead.'],
  [/Roots is deprecated/, 'Take directories as tool arguments, resource URIs or server config instead.'],
];

/**
 * The FastMCP tool whose context log a call writes to (`log.info(...)` with `{ log }` taken from
 * its handler's context parameter, or `context.log.warn(...)`): each such call sends the client a
 * notifications/message. The handler is the registration's, inline or named (`execute: runSearch`).
 */
function fastmcpContextLog(call: TS.CallExpression, facts: SessionFacts): Registration | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !/^(debug|info|warn|error)$/.test(callee.name.text)) return undefined;
  // `context.log.info(...)`, or `log.info(...)` with `{ log }` destructured from the context parameter.
  const param = parameterOfMember(callee.expression, 'log');
  return param && facts.registrations.find((r) => r.contextParam === param);
}

/**
 * SDK v2's request log, `ctx.mcpReq.log(level, data)` (or `mcpReq.log` destructured from the
 * context): deprecated Logging, sent to the client as notifications/message when the request
 * asked for a log level. The registration whose handler holds it, when there is one.
 */
function mcpReqLog(call: TS.CallExpression, facts: SessionFacts): { registration?: Registration } | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'log') return undefined;
  const receiver = unwrap(callee.expression);
  if (accessName(receiver) !== 'mcpReq' && !(ts.isIdentifier(receiver) && receiver.text === 'mcpReq')) return undefined;
  return { registration: registrationAround(call, facts) };
}

/** The listener or timer a node runs in, set up inside `handler` (`w.on('change')`, `setTimeout()`): it runs after the handler's call returned. */
function laterCallback(node: TS.Node, handler: TS.Node): string | undefined {
  for (let n: TS.Node = node.parent; n && n !== handler; n = n.parent) {
    const call = n.parent;
    if (!isFunctionLike(n) || !call || !ts.isCallExpression(call) || !call.arguments.includes(n as TS.Expression)) continue;
    const name = calleeName(call) ?? '';
    if (/^(setTimeout|setInterval)$/.test(name)) return `${name}()`;
    if (LISTENS.test(name) && call.arguments.length >= 2) return `a ${listenerLabel(call)} listener`;
  }
  return undefined;
}

/** The registration whose handler holds a node (a call inside a tool's handler, say). */
function registrationAround(node: TS.Node, facts: SessionFacts): Registration | undefined {
  const at = node.getStart();
  return facts.registrations.find((r) => r.handler && r.handler.pos <= at && at < r.handler.end);
}

/** `server.registerCapabilities({ logging: {} })` (also on `server.server`): the logging capability declared after construction. */
function registeredLoggingCapability(call: TS.CallExpression): TS.PropertyAssignment | undefined {
  if (calleeName(call) !== 'registerCapabilities' || call.arguments.length === 0) return undefined;
  const object = unwrap(call.arguments[0]);
  if (!ts.isObjectLiteralExpression(object)) return undefined;
  return object.properties.find((p): p is TS.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'logging' && ts.isObjectLiteralExpression(unwrap(p.initializer)));
}

/** Whether a node is (inside) an argument of a log call. */
function insideLogCall(node: TS.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isCallExpression(current)) return isLogCall(current);
    if (ts.isBlock(current) || ts.isSourceFile(current)) return false;
  }
  return false;
}

/**
 * Whether a node sits in a function of the module that nothing calls or exports: a named function
 * (or a const holding one) with no reference in the file and no export.
 */
function inUncalledFunction(node: TS.Node): boolean {
  const fn = enclosingFunction(node);
  const decl = fn && functionDeclarationOf(fn);
  if (!decl) return false;
  const statement = ts.isVariableDeclaration(decl) ? decl.parent.parent : decl;
  if (!ts.isSourceFile(statement.parent) || isExported(statement)) return false;
  return referencesTo(decl.getSourceFile(), decl).length === 0;
}

/** Roots, Sampling and Logging, deprecated by 2026-07-28 (SEP-2577), and `includeContext`. */
export const deprecatedFeature: CodeRule = {
  target: 'code',
  id: 'deprecated-feature',
  category: 'deprecated-feature',
  severity: 'warning',
  title: 'Deprecated Roots, Sampling or Logging',
  why:
    'SEP-2577 deprecated Roots, Sampling and Logging in 2026-07-28. They keep working on the wire for now, with a minimum ' +
    'twelve-month window: the earliest removal is the first revision released on or after 2027-07-28. Servers should take ' +
    'directories as arguments, call LLM providers directly and log to stderr or OpenTelemetry.',
  fix: {
    manual: 'Replace with tool arguments (Roots), direct LLM calls (Sampling) or stderr/OpenTelemetry (Logging).',
    advice: adviceByMessage(DEPRECATED_ADVICE),
  },
  docs: `${SPEC}/deprecated`,
  keywords: ['fastmcp', 'createmessage', 'requestsampling', 'listroots', 'sendrootslistchanged', 'sendloggingmessage', 'rootslistchanged', 'listrootsrequest', 'createmessagerequest', 'loggingmessagenotification', 'includecontext', 'logging:', '.logging', 'notifications/message', 'sampling/createmessage', 'roots/list', 'mcpreq.log'],
  check(file, report) {
    const fastmcp = FASTMCP_IMPORT.test(file.text);
    /** FastMCP tools whose context log was reported (once per tool, at its first log call), by registration call. */
    const logging = new Set<TS.Node>();
    /** `logging` capability properties reported. */
    const loggingCapabilities = new Set<TS.Node>();
    file.facts.nodes.visit(VISITED, (node) => {
      if (ts.isBinaryExpression(node)) {
        if (capabilityAssigned(node, 'logging')) report({ node, message: `The logging capability is deprecated (${REMOVAL}); log to stderr or OpenTelemetry` });
        return;
      }
      if (ts.isCallExpression(node)) {
        const tool = fastmcp ? fastmcpContextLog(node, file.facts) : undefined;
        if (tool && !logging.has(tool.call)) {
          logging.add(tool.call);
          const name = tool.name;
          report({ node, message: `${name ? `Tool "${name}" logs` : 'Logs'} through FastMCP's context log (${node.expression.getText()}), which sends the client notifications/message: Logging is deprecated (${REMOVAL}); log to stderr or OpenTelemetry`, ...(name ? { tool: name } : {}) });
        }
        // SDK v2's request log: once per handler, at its first call (every call of a handler says the same).
        const v2Log = mcpReqLog(node, file.facts);
        if (v2Log && !(v2Log.registration && logging.has(v2Log.registration.call))) {
          const registration = v2Log.registration;
          if (registration) logging.add(registration.call);
          const named = registration?.name && registration.kind !== undefined && !registration.method ? registration : undefined;
          const who = named ? `${named.kind === 'tool' ? 'Tool' : named.kind === 'prompt' ? 'Prompt' : 'Resource'} "${named.name}" logs` : 'Logs';
          // Info: 2026-07-28's own way to log to a client that asks (the request's log level), deprecated with Logging.
          report({ node, severity: 'info', message: `${who} through the request context (${node.expression.getText()}), which sends notifications/message to a client whose request asks for a log level: Logging is deprecated (${REMOVAL}); log to stderr or OpenTelemetry`, ...(named?.kind === 'tool' ? { tool: named.name } : {}) });
        }
        const registered = registeredLoggingCapability(node);
        if (registered && !loggingCapabilities.has(registered)) {
          loggingCapabilities.add(registered);
          report({ node: registered, message: `The logging capability is deprecated (${REMOVAL}); log to stderr or OpenTelemetry` });
        }
        const name = calleeName(node);
        const entry = name && Object.hasOwn(DEPRECATED_CALLS, name) ? DEPRECATED_CALLS[name] : undefined;
        if (entry && ts.isPropertyAccessExpression(node.expression)) {
          if (SHARED_NAMES.has(name!) && !file.facts.receiverKind(node.expression.expression)) return;
          // sendLoggingMessage(params, sessionId) is reported once, by session-logging, which says both.
          if (name === 'sendLoggingMessage' && routesLogsBySession(file.text, file.facts, node)) return;
          report({ node, message: `${name}(): ${entry.feature} is deprecated (${REMOVAL}); ${instead(entry)}` });
        }
        const handled = (name === 'setRequestHandler' || name === 'setNotificationHandler') && node.arguments.length >= 2 ? constantString(node.arguments[0]) : undefined;
        if (handled && Object.hasOwn(DEPRECATED_HANDLED_METHODS, handled)) {
          const handler = DEPRECATED_HANDLED_METHODS[handled];
          if (clientHandlerFor(node.arguments[0], file.facts)) report({ node: node.arguments[0], message: `${name}('${handled}'): ${CLIENT_HANDLERS[handler.feature]}` });
          else report({ node: node.arguments[0], message: `${name}('${handled}'): ${handler.feature} is deprecated (${REMOVAL}); ${handler.instead}` });
        }
        return;
      }
      if (ts.isIdentifier(node) && Object.hasOwn(DEPRECATED_IDENTIFIERS, node.text) && isValueReference(node)) {
        const entry = DEPRECATED_IDENTIFIERS[node.text];
        if (clientHandlerFor(node, file.facts)) report({ node, message: `${node.text}: ${CLIENT_HANDLERS[entry.feature]}` });
        else report({ node, message: `${node.text}: ${entry.feature} is deprecated (${REMOVAL}); ${entry.instead}` });
        return;
      }
      if (ts.isPropertyAssignment(node)) {
        const key = propertyNameText(node.name);
        // `{ jsonrpc: '2.0', method: 'notifications/message', params: { level, data } }`, written out,
        // and sampling or roots requests sent by method name (`server.request({ method: 'sampling/createMessage' })`).
        // (A log notification counts wherever it is built: one is often built first and sent later.)
        const method = key === 'method' ? constantString(node.initializer) : undefined;
        const sent = method === 'notifications/message' || (ts.isObjectLiteralExpression(node.parent) && ts.isCallExpression(node.parent.parent));
        // Not one built in a function nothing calls (a helper kept "for future use"; trial 20B).
        if (method && Object.hasOwn(DEPRECATED_METHODS, method) && sent && !inUncalledFunction(node)) {
          const entry = DEPRECATED_METHODS[method];
          // A log message a tool sends while it runs (a deploy's steps): often the only progress its user sees.
          const around = method === 'notifications/message' ? registrationAround(node, file.facts) : undefined;
          const tool = around?.kind === 'tool' ? around : undefined;
          if (tool) {
            // Sent from a listener or a timer the tool set up: after its call returned, not while it runs.
            const later = laterCallback(node, tool.handler!);
            report({
              node,
              message: `${tool.name ? `Tool "${tool.name}" sends` : 'Sends'} notifications/message by hand ${later ? `after its call returned (from ${later})` : 'while it runs'}: ${entry.feature} is deprecated (${REMOVAL}), and a 2026-07-28 client gets these messages only when its request asks for a log level (_meta "io.modelcontextprotocol/logLevel"); ${TOOL_LOG_INSTEAD}`,
              ...(tool.name ? { tool: tool.name } : {}),
            });
          } else report({ node, message: `Sends ${method} by hand: ${entry.feature} is deprecated (${REMOVAL}); ${instead(entry)}` });
        }
        if (key === 'includeContext' && ts.isStringLiteral(node.initializer) && node.initializer.text !== 'none') {
          report({ node, message: `includeContext: "${node.initializer.text}" is deprecated with Sampling; omit it or use "none"` });
        }
      }
      // The capabilities declared, inline or through a variable of this file (`capabilities: caps`,
      // `{ capabilities }`, `const caps: ServerCapabilities = ...`), not ones written into a log
      // line (`logger.debug('...', { capabilities })`).
      const member = ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) ? capabilitiesMember(node) : undefined;
      const declared = ts.isVariableDeclaration(node) ? typedCapabilities(node)?.object : member && !insideLogCall(node) ? objectLiteralOf(member) : undefined;
      const capability = declared?.properties.find((p): p is TS.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'logging' && ts.isObjectLiteralExpression(unwrap(p.initializer)));
      // Once, however many servers are handed the same object.
      if (capability && !loggingCapabilities.has(capability)) {
        loggingCapabilities.add(capability);
        report({ node: capability, message: `The logging capability is deprecated (${REMOVAL}); log to stderr or OpenTelemetry` });
      }
    });
  },
};
