import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { calleeName, constantString, type Declaration, findAncestor, importOf, isEqualityTest, isFunctionLike, inLogCall, propertyNameText, referencesTo, resolveIdentifier, resolveInitializer, unwrap, walk } from '../analysis/ast.js';
import { SPEC, type CodeRule } from './types.js';
import { FASTMCP_IMPORT, frameworkTransport, MCP_FRAMEWORK_IMPORT, startCallOf } from './stateful-mode-option.js';
import { kinds } from '../analysis/nodes.js';
import { MCP_NEST_MODULE, mcpNestRoot, sseRemovable } from '../analysis/mcp-nest.js';
import { appRoutePath } from '../analysis/routes.js';
import { isTelemetryUse } from '../analysis/session.js';
import { agentServeReceiver } from './mcp-agent-serve.js';
import { deliversToSseTransport, HAND_WRITTEN_ENDPOINT_EVENT, isEndpointEventObject, readsSessionIdQuery, sessionIdQueryOf, usesSseTransport } from '../analysis/sse.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.CallExpression, ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.TemplateHead, ts.SyntaxKind.PropertyAssignment);
/** In a hand-written HTTP+SSE server (rare) also the accesses, one of which reads the POST's ?sessionId= query. */
const VISITED_HAND_WRITTEN = kinds(ts.SyntaxKind.CallExpression, ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.TemplateHead, ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.PropertyAccessExpression, ts.SyntaxKind.ElementAccessExpression);

const SSE_TRANSPORT_TYPES = new Set(['sse', 'SSE', 'http+sse']);

const ENDPOINT_EVENT = /^event: ?endpoint\s*(\n|\\n)data:/;
const SSE_ENDPOINT = /(^|\/)(messages?|sse|mcp)\/?[?&]sessionId=|^[?&]sessionId=/;

/**
 * Text that names the endpoint in a sentence (`'Endpoint format: /message?sessionId=...'`, a check
 * script's message, trial 53C B3): words before the path, where a URL has none. Not an SSE
 * event's lines (`data: ...`, `id: 0`, `event: endpoint`), an absolute URL (`http://host/messages?...`),
 * an HTTP request line (`POST /message?sessionId=...`), nor one the code appends the id to: review 69.
 */
function prose(text: string, at: number): boolean {
  const before = text.slice(0, at);
  // (A value the code appends, `...?sessionId=${id}`, makes it a URL whatever words come before.)
  if (!/\s/.test(before) || /sessionId=$/.test(text)) return false;
  // The token holding the path, from the whitespace before it.
  const token = text.slice(before.search(/\S*$/));
  if (/^[a-z][\w+.-]*:\/\//i.test(token)) return false;
  if (/(^|\n|\\n)\s*(data|id|event|retry)\s*:/.test(before) || HAND_WRITTEN_ENDPOINT_EVENT.test(text)) return false;
  return !/^\s*(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+$/.test(before);
}

/**
 * A string a value is checked against (`data.startsWith('/message?sessionId=')`, `url === '...'`):
 * a client's check of the endpoint event it received, not a URL built or routed here.
 */
function onlyTested(literal: TS.Node): boolean {
  const parent = literal.parent;
  if (ts.isCallExpression(parent) && parent.arguments.includes(literal as TS.Expression)) return /^(startsWith|endsWith|includes|indexOf|match|test)$/.test(calleeName(parent) ?? '');
  return isEqualityTest(parent);
}

/** Calls that file a record away (a list's, a map's, a set's), not options handed to something that serves. */
const FILES_RECORD = /^(push|unshift|set|add|splice|concat)$/;

/**
 * An object literal that is a record the application keeps, not options: an element of an array
 * literal, filed into a collection (`list.push({...})`, `map.set(id, {...})`) or into an entry
 * (`sessions[id] = {...}`).
 */
function keptRecord(object: TS.Node): boolean {
  let at: TS.Node = object;
  while (ts.isParenthesizedExpression(at.parent) || ts.isAsExpression(at.parent) || ts.isSatisfiesExpression(at.parent)) at = at.parent;
  const parent = at.parent;
  // (An element of a list of options to choose from, `[{ transportType: 'sse', sse: {...} }]`, is options: a record names what it is.)
  if (ts.isArrayLiteralExpression(parent)) return ts.isObjectLiteralExpression(object) && object.properties.some((p) => !ts.isSpreadAssignment(p) && /^(name|id|sessionId|label|key|at|createdAt|url)$/.test(propertyNameText(p.name) ?? ''));
  if (ts.isCallExpression(parent) && parent.arguments.includes(at as TS.Expression)) return FILES_RECORD.test(calleeName(parent) ?? '');
  return ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === at && ts.isElementAccessExpression(unwrap(parent.left));
}

/** A file using Vercel's mcp-handler (or its former name, @vercel/mcp-adapter). */
export const MCP_HANDLER_IMPORT = /['"](mcp-handler|@vercel\/mcp-adapter)['"]/;

/** `createMcpHandler` imported from mcp-handler or @vercel/mcp-adapter. */
function mcpHandlerCall(call: TS.CallExpression): boolean {
  if (!ts.isIdentifier(call.expression) || call.expression.text !== 'createMcpHandler') return false;
  const module = importOf(call.expression)?.module;
  return module === 'mcp-handler' || module === '@vercel/mcp-adapter';
}

/**
 * The `disableSse: false` of an mcp-handler config (the third argument of its createMcpHandler,
 * written there or in a variable of this file): the one `fix` turns to true. Not another library's
 * option of the same name, nor the words in a comment or a string.
 */
export function handlerSseKeptOn(sourceFile: TS.SourceFile): TS.PropertyAssignment[] {
  const found: TS.PropertyAssignment[] = [];
  walk(sourceFile, (node) => {
    if (!ts.isCallExpression(node) || !mcpHandlerCall(node) || !node.arguments[2]) return undefined;
    const arg = unwrap(node.arguments[2]);
    const config = ts.isIdentifier(arg) ? resolveInitializer(arg) : arg;
    const object = config && unwrap(config);
    if (!object || !ts.isObjectLiteralExpression(object)) return undefined;
    for (const p of object.properties) {
      if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'disableSse' && unwrap(p.initializer).kind === ts.SyntaxKind.FalseKeyword && !found.includes(p)) found.push(p);
    }
    return undefined;
  });
  return found;
}

/** An options object that turns the SSE endpoints off (`disableSse: true`). */
function disablesSse(options: TS.Node): boolean {
  return ts.isObjectLiteralExpression(options) && options.properties.some((p) => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'disableSse' && unwrap(p.initializer).kind === ts.SyntaxKind.TrueKeyword);
}

/**
 * mcp-handler 1.x's `createMcpHandler(initialize, serverOptions, config)` (three arguments; 2.x takes
 * two and has no SSE), or any call of @vercel/mcp-adapter's, that leaves the SSE endpoints on:
 * they are on unless `disableSse: true`. A config that sets disableSse or names the SSE
 * endpoints is reported at those options instead.
 */
export function leavesMcpHandlerSseOn(call: TS.CallExpression): boolean {
  if (!mcpHandlerCall(call)) return false;
  if (importOf(call.expression as TS.Identifier)?.module === 'mcp-handler' && call.arguments.length < 3) return false;
  const config = call.arguments[2] ? unwrap(call.arguments[2]) : undefined;
  if (!config) return true;
  if (!ts.isObjectLiteralExpression(config)) return false;
  return !config.properties.some((p) => /^(disableSse|sseEndpoint|sseMessageEndpoint)$/.test(propertyNameText(p.name as TS.PropertyName) ?? ''));
}

/**
 * The variable a delivery's transport comes from when it is one slot (`let transport` outside the
 * route, assigned a new SSE transport by another): not a map's entry, so every POST reaches the
 * stream put there last.
 */
function singleSlot(call: TS.CallExpression): string | undefined {
  const receiver = ts.isPropertyAccessExpression(unwrap(call.expression)) ? unwrap((unwrap(call.expression) as TS.PropertyAccessExpression).expression) : undefined;
  if (!receiver || !ts.isIdentifier(receiver)) return undefined;
  const decl = resolveIdentifier(receiver);
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || !(decl.parent.flags & ts.NodeFlags.Let)) return undefined;
  const route = findAncestor(call, isFunctionLike);
  if (!route || (decl.pos >= route.pos && decl.end <= route.end)) return undefined;
  const scope = findAncestor(decl, isFunctionLike) ?? decl.getSourceFile();
  const fills = referencesTo(scope, decl as Declaration & { name: TS.Identifier }).some((r) => {
    const parent = r.parent;
    if (!ts.isBinaryExpression(parent) || parent.left !== r || parent.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
    const value = unwrap(parent.right);
    return ts.isNewExpression(value) && /SSE\w*Transport$/.test(calleeName(value) ?? '');
  });
  return fills ? decl.name.text : undefined;
}

/** Calls that hand a message on to other instances (Redis pub/sub, a queue). */
const RELAYS = /^(publish|xadd|lpush|rpush)$/;
/** Calls that register a callback for relayed messages (`.subscribe(channel, cb)`, `.on('message', cb)`; not a request's `on('end')`). */
function subscribes(call: TS.CallExpression): boolean {
  const name = calleeName(call) ?? '';
  return /^p?subscribe$/.test(name) || (name === 'on' && /^p?message$/.test(constantString(call.arguments[0]) ?? ''));
}

/** The subscription a call sits in the callback of (`sub.subscribe(channel, (json) => ...)`), as written there. */
function relayCallback(node: TS.Node): string | undefined {
  for (let n: TS.Node | undefined = node.parent; n; n = n.parent) {
    if (isFunctionLike(n) && ts.isCallExpression(n.parent) && n.parent.arguments.includes(n as TS.Expression) && subscribes(n.parent)) {
      const head = n.parent.expression.getText();
      return head.length <= 40 ? `${head}()` : `${calleeName(n.parent)}()`;
    }
  }
  return undefined;
}


/** Calls that write to a stream: `res.write(...)`, `controller.enqueue(...)`. */
const STREAM_WRITES = /^(write|enqueue|send|push)$/;
/** The event line alone: `event: endpoint\n`, its data written by the next statement. */
const ENDPOINT_EVENT_LINE = /^event: ?endpoint\s*(\n|\\n)?$/;

/**
 * `res.write('event: endpoint\n'); res.write(`data: ${url}\n\n`)`: the endpoint event written in two
 * pieces, the line handed to a write (through an encoder too) and the next statement writing its
 * data (trial 24B). A client comparing a line it read writes nothing.
 */
function splitEndpointEvent(node: TS.Node, text: string): boolean {
  if (!ENDPOINT_EVENT_LINE.test(text)) return false;
  let at: TS.Node = node;
  let written = false;
  while (ts.isCallExpression(at.parent) && at.parent.arguments.includes(at as TS.Expression)) {
    at = at.parent;
    written ||= STREAM_WRITES.test(calleeName(at as TS.CallExpression) ?? '');
  }
  if (!written) return false;
  let statement = at.parent;
  if (statement && ts.isAwaitExpression(statement)) statement = statement.parent;
  if (!statement || !ts.isExpressionStatement(statement) || !(ts.isBlock(statement.parent) || ts.isSourceFile(statement.parent))) return false;
  const siblings = statement.parent.statements;
  const next = siblings[siblings.indexOf(statement) + 1];
  return !!next && /['"`]data: ?/.test(next.getText());
}

/** Why @rekog/mcp-nest's SSE transport is a finding, said after what switches it on. */
const MCP_NEST_SSE = "its sessions live in this instance's memory, so a message POST must reach the instance holding its stream, and 2026-07-28 clients do not use it";

const ENDPOINT_EVENT_MESSAGE = "Sends the legacy HTTP+SSE 'endpoint' event: a hand-written SSE transport that routes POSTs to this stream";

/** `?sessionId=` message routing (`handlePostMessage`, `handleMessage`) and adapter options that switch SSE on. */
export const sseRouting: CodeRule = {
  target: 'code',
  id: 'sse-routing',
  category: 'sse-legacy',
  severity: 'error',
  title: 'Legacy SSE message routing or SSE switched on',
  why:
    'The legacy SSE transport routes each POST to the stream that owns `?sessionId=`; only the instance holding that stream can ' +
    'answer. Adapter options that enable SSE endpoints keep that sessionful path alive beside Streamable HTTP.',
  fix: { codemod: 'sse-transport', manual: 'Remove the SSE endpoints and serve Streamable HTTP only.' },
  docs: `${SPEC}/basic/transports`,
  // `transport: 'sse' | 'auto'` by its quoted values ('transport' alone is in nearly every MCP file);
  // `handleMessage` only counts in a file that names an SSE transport.
  keywords: ['@rekog/mcp-nest', 'handlepostmessage', 'sseservertransport', 'hono-mcp-server-sse-transport', 'mcp-handler', 'mcp-adapter', 'disablesse', 'sseendpoint', 'ssemessageendpoint', 'transporttype', 'enablesse', 'sessionid=', 'idfromname', 'servesse', '.mount(', "'sse'", '"sse"', '`sse`', "'auto'", '"auto"', '`auto`', 'event: endpoint', 'event:endpoint', "'endpoint'", '"endpoint"', '`endpoint`'],
  check(file, report) {
    const framework = MCP_FRAMEWORK_IMPORT.test(file.text);
    const mcpHandler = MCP_HANDLER_IMPORT.test(file.text);
    const fastmcp = FASTMCP_IMPORT.test(file.text);
    const mcpNest = MCP_NEST_MODULE.test(file.text);
    const usesSse = usesSseTransport(file.text);
    // A hand-written HTTP+SSE server: the 'endpoint' event it sends names the POST endpoint, and
    // the POST finds its stream by the ?sessionId= query (reported once the event is seen).
    const handWritten = HAND_WRITTEN_ENDPOINT_EVENT.test(file.text);
    let sendsEndpointEvent = false;
    const sessionQueryReads: TS.Node[] = [];
    file.facts.nodes.visit(handWritten ? VISITED_HAND_WRITTEN : VISITED, (node) => {
      if (handWritten && (ts.isCallExpression(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && readsSessionIdQuery(node) && !inLogCall(node)) sessionQueryReads.push(node);
      if (mcpHandler && ts.isCallExpression(node) && leavesMcpHandlerSseOn(node)) {
        // @vercel/mcp-adapter, mcp-handler's old name: disableSse came with its 0.8 (trial 20B: 0.3.1 has no switch).
        const adapter = importOf(node.expression as TS.Identifier)?.module === '@vercel/mcp-adapter';
        const message = adapter
          ? 'createMcpHandler (@vercel/mcp-adapter, renamed mcp-handler) serves legacy HTTP+SSE at <basePath>/sse unless disableSse: true: a sessionful transport, which 2026-07-28 clients cannot use; set disableSse: true (an option since @vercel/mcp-adapter 0.8: on an older release, move to mcp-handler 1.x first, whose createMcpHandler takes the same arguments)'
          : 'createMcpHandler (mcp-handler 1.x) serves legacy HTTP+SSE at <basePath>/sse unless disableSse: true: a sessionful transport, which 2026-07-28 clients cannot use (mcp-handler relays its message POSTs to the stream\'s instance through Redis); set disableSse: true';
        // A Next.js route file whose folders hold no dynamic segment (`app/api/mcp/route.ts`, not
        // `app/api/[transport]/route.ts`) gets its own path only: no /sse request reaches it (trial 25B).
        const fixedRoute = appRoutePath(file.path) !== undefined && !/\[/.test(file.path);
        report({
          node: node.expression,
          message: fixedRoute ? `${message}. Here it is not reached: ${file.path} is a Next.js route of one fixed path (no [transport] segment), which no /sse request reaches; set it all the same, so that it stays so if the route moves` : message,
          manual: true,
          ...(fixedRoute ? { severity: 'info' as const } : {}),
        });
      }
      // The SSE transport's method (`transport.handlePostMessage(...)`, `transport.handleMessage(body)`),
      // not a helper or a class of the code's own named after it.
      if (ts.isCallExpression(node) && deliversToSseTransport(node, usesSse)) {
        // Inside a pub/sub subscription's callback: messages another instance took in are relayed here.
        const relayed = relayCallback(node);
        const slot = relayed ? undefined : singleSlot(node);
        report({
          node,
          message: relayed
            ? `${calleeName(node)} delivers the messages relayed to this instance (${relayed}) to one session's SSE stream: the stream stays on the instance that holds it, and the transport is sessionful`
            : slot
              ? `${calleeName(node)} routes every POST to the SSE stream in ${slot}, one slot each new stream overwrites: the messages of every client on this instance go to the client that connected last`
              : `${calleeName(node)} routes a POST to the SSE stream of one session on this instance`,
        });
      }
      // The message POST of a legacy SSE server that takes its session from the query and relays it
      // (`pub.publish(\`mcp:${req.query.sessionId}\`, body)`): the half of the transport every instance serves.
      if (usesSse && ts.isCallExpression(node) && RELAYS.test(calleeName(node) ?? '') && node.arguments.some((a) => file.facts.isSessionId(a))) {
        report({ node, message: `Relays a legacy HTTP+SSE message POST by its ?sessionId= (${calleeName(node)}) to the instance holding that session's stream: sessionful, which 2026-07-28 clients cannot use` });
      }
      // @rekog/mcp-nest's `McpModule.forRoot({ ... })`: SSE is among its default transports.
      if (mcpNest && ts.isCallExpression(node)) {
        const root = mcpNestRoot(node);
        const sse = root?.transports?.find((t) => t.name === 'sse');
        if (root && sse) report({
          node: sse.node,
          message: root.defaultTransports
            ? `@rekog/mcp-nest's McpModule.forRoot serves legacy HTTP+SSE at /sse and /messages unless its transport option leaves SSE out, and this one sets none (the default lists SSE, Streamable HTTP and stdio): ${MCP_NEST_SSE}; set transport: [McpTransportType.STREAMABLE_HTTP] (with STDIO where the process also serves stdio)`
            : `McpTransportType.SSE makes @rekog/mcp-nest serve legacy HTTP+SSE at /sse and /messages: ${MCP_NEST_SSE}; drop it from transport`,
          // framework-options rewrites it, not sse-transport (the rule's); by hand where it cannot tell the Streamable HTTP settings.
          ...(sseRemovable(root) ? { codemod: 'framework-options' } : { manual: true }),
        });
      }
      // A Durable Object picked by the message's ?session_id= (`ns.get(ns.idFromName(c.req.query('session_id')))`,
      // trial 69B B2): each legacy session's stream lives in an object of its own, and the POST is routed to it.
      const routedBy = ts.isCallExpression(node) && calleeName(node) === 'idFromName' && node.arguments[0] ? sessionIdQueryOf(node.arguments[0]) : undefined;
      if (routedBy) {
        report({ node, message: `idFromName routes this request by its ?${routedBy}= query to the Durable Object of one legacy HTTP+SSE session (the object that holds its stream): sessionful routing, which 2026-07-28 clients cannot use; serve Streamable HTTP statelessly (createMcpHandler) and keep what a session's object held under handles the tools take, in storage every request reaches`, manual: true });
      }
      // McpAgent's legacy endpoint: `MyMcp.serveSSE('/sse')`.
      if (ts.isCallExpression(node) && calleeName(node) === 'serveSSE' && ts.isPropertyAccessExpression(unwrap(node.expression)) && node.arguments.length > 0) {
        report({ node, message: 'serveSSE() serves the legacy HTTP+SSE transport, which 2026-07-28 clients cannot use' });
      }
      // `MyMcp.mount('/sse')`: agents' older name for serveSSE (not Hono's `app.mount()`).
      if (ts.isCallExpression(node) && calleeName(node) === 'mount' && node.arguments.length > 0 && agentServeReceiver(node, file.lower.includes('agents/mcp'), file.facts.modules)) {
        report({ node, message: "mount() is agents' older name for serveSSE(): it serves the legacy HTTP+SSE transport, which 2026-07-28 clients cannot use" });
      }
      // The endpoint the SSE transport announces: `/messages?sessionId=...` (or /message, /sse, /mcp).
      // Other URLs that carry some session id (a chat history link) are not MCP routing.
      const text = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) ? node.text : undefined;
      const endpoint = text === undefined ? null : SSE_ENDPOINT.exec(text);
      if (text !== undefined && endpoint && !inLogCall(node) && !onlyTested(node) && !prose(text, endpoint.index)) {
        report({ node, message: 'Builds a ?sessionId= message endpoint URL for the legacy SSE transport' });
        if (ENDPOINT_EVENT.test(text)) sendsEndpointEvent = true;
      } else if (text !== undefined && (ENDPOINT_EVENT.test(text) || splitEndpointEvent(node, text))) {
        // A hand-written HTTP+SSE server: the first event of its stream names the POST endpoint.
        report({ node, message: ENDPOINT_EVENT_MESSAGE });
        sendsEndpointEvent = true;
      }
      // The same event handed to an SSE writer (`stream.writeSSE({ event: 'endpoint', data })`, VoltAgent's bridge).
      if (handWritten && isEndpointEventObject(node)) {
        report({ node, message: ENDPOINT_EVENT_MESSAGE });
        sendsEndpointEvent = true;
      }
      if (ts.isPropertyAssignment(node)) {
        const key = propertyNameText(node.name);
        const value = unwrap(node.initializer);
        if (key === 'disableSse' && value.kind === ts.SyntaxKind.FalseKeyword) report({ node, message: 'disableSse: false keeps the legacy SSE endpoints on' });
        if (/^enableSse$/i.test(key ?? '') && value.kind === ts.SyntaxKind.TrueKeyword) {
          // @platformatic/mcp's option: sessions on Streamable HTTP (its session store, GET streams), not the legacy transport.
          if (/['"]@platformatic\/mcp['"]/.test(file.text)) report({ node, message: `${key}: true makes @platformatic/mcp sessionful: it mints Mcp-Session-Id on each POST, keeps the session in its store and opens a GET stream per session, none of which 2026-07-28 clients use; drop it (the plugin answers statelessly without it) and send notifications on the request's own response`, manual: true });
          else report({ node, message: `${key}: true turns the legacy SSE endpoints on` });
        }
        // Vercel's mcp-handler (1.x) serves HTTP+SSE unless told disableSse: true; naming its endpoints says it is on.
        // One finding per options object: sseEndpoint and sseMessageEndpoint name the same transport.
        const first = () => ts.isObjectLiteralExpression(node.parent) && node.parent.properties.find((p) => ts.isPropertyAssignment(p) && /^(sseEndpoint|sseMessageEndpoint)$/.test(propertyNameText(p.name) ?? '') && constantString(unwrap(p.initializer)));
        if ((key === 'sseEndpoint' || key === 'sseMessageEndpoint') && mcpHandler && first() === node && !disablesSse(node.parent)) {
          report({ node, message: `${key} names a legacy HTTP+SSE endpoint mcp-handler serves (it does unless disableSse: true): a sessionful transport, which 2026-07-28 clients cannot use (mcp-handler relays its message POSTs to the stream's instance through Redis); set disableSse: true and drop the SSE options`, manual: true });
        }
        // (Not a label in what is logged or traced: `logger.child({ route, transportType: 'sse' })`.)
        // (Nor a field of a record the application keeps: `sessions.push({ name, transportType: 'SSE' })`, trial 34C.)
        // (Nor data a tool, prompt or resource handler builds for its reply: `meta({ tool, transportType: 'sse' })`, trial 39C.)
        if (key === 'transportType' && SSE_TRANSPORT_TYPES.has(constantString(value) ?? '') && !isTelemetryUse(node.initializer) && !keptRecord(node.parent) && !file.facts.handlerAround(node)) report({ node, message: "transportType 'sse' serves the legacy HTTP+SSE transport" });
        // FastMCP's `server.start({ transportType: 'httpStream' })`: mcp-proxy serves /sse beside it, stateless or not.
        if (fastmcp && key === 'transportType' && constantString(value) === 'httpStream' && startCallOf(node.parent)) {
          report({
            node,
            message:
              "FastMCP's httpStream also serves the legacy HTTP+SSE transport at /sse (mcp-proxy's default; FastMCP has no option to turn it off), stateless or not: its message POSTs must reach the instance holding the stream. Route only the Streamable HTTP endpoint to the instances (block /sse and /messages at the proxy), or serve it with the SDK's stateless transport",
            manual: true,
          });
        }
        if (framework && frameworkTransport(node) === 'sse') report({ node, message: "mcp-framework's sse transport serves legacy HTTP+SSE: its message POSTs must reach the instance holding the stream; serve the endpoint with a stateless Streamable HTTP transport instead", manual: true });
        // McpAgent.serve('/mcp', { transport: 'sse' | 'auto' }): 'auto' answers SSE clients too.
        const call = node.parent.parent;
        if (key === 'transport' && /^(sse|auto)$/.test(constantString(value) ?? '') && ts.isCallExpression(call) && /^(serve|mount)$/.test(calleeName(call) ?? '')) {
          report({ node, message: `transport: '${constantString(value)}' keeps the legacy HTTP+SSE transport on` });
        }
      }
    });
    // The message POST of that hand-written transport, routed by the query its endpoint event named.
    if (sendsEndpointEvent) {
      for (const node of sessionQueryReads) report({ node, message: "Routes a message POST by its ?sessionId= query to the stream of one session (the hand-written HTTP+SSE transport's 'endpoint' event names it): only the instance holding that stream can answer" });
    }
  },
};
