/**
 * What a per-request server loses, found once for the codemods that make one (stateless-transport
 * for sessionful Streamable HTTP, sse-transport for the legacy HTTP+SSE endpoints).
 */
import type { ts as TS } from 'ts-morph';
import { ts } from '../../src/analysis/typescript.js';
import { accessRoot, calleeName, codeSnippet, enclosingFunction, isModuleVariable, referencesTo, resolveIdentifier, someNode, unwrap, walk } from '../../src/analysis/ast.js';
import { guardText, legacyTest, modernYes } from '../../src/analysis/eras.js';
import type { SessionFacts } from '../../src/analysis/session.js';
import { isSetupHook, SERVER_CLASS } from '../../src/rules/shared-server.js';
import { sendsClientRequestMethod } from '../../src/rules/stateful-tool.js';
import type { FixTarget } from '../types.js';
import { SPEC_MRTR, SPEC_TRANSPORT, serverToClientMessage } from './messages.js';
import { connectsStdio } from './stdio.js';

/** Server→client requests a tool makes mid-call (FastMCP's session spells sampling requestSampling). */
const SERVER_TO_CLIENT = new Set(['elicitInput', 'createMessage', 'listRoots', 'requestSampling']);

/** A server→client request: one of SERVER_TO_CLIENT called on a receiver, or a request sent by its method (`extra.sendRequest({ method: 'sampling/createMessage' })`, trial 34B). */
export function isClientRequest(node: TS.Node): node is TS.CallExpression {
  return ts.isCallExpression(node) && ((SERVER_TO_CLIENT.has(calleeName(node) ?? '') && ts.isPropertyAccessExpression(unwrap(node.expression))) || sendsClientRequestMethod(node));
}

/** Whether the file makes server→client requests. */
export function asksClientMidCall(sf: TS.SourceFile): boolean {
  return someNode(sf, isClientRequest);
}

/**
 * Whether the server a call goes through (`stdioServer.server.sendLoggingMessage(...)`) is a
 * variable of the file connected to a stdio transport and to nothing else: stdio keeps its one
 * connection, no per-request transport takes its messages away (trial 18A, nx-console's logger).
 */
function connectedToStdioOnly(callee: TS.PropertyAccessExpression): boolean {
  const root = accessRoot(callee.expression);
  const decl = ts.isIdentifier(root) ? resolveIdentifier(root) : undefined;
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return false;
  const connects = referencesTo(decl.getSourceFile(), decl as TS.VariableDeclaration & { name: TS.Identifier }).flatMap((ref) => {
    const access = ref.parent;
    return ts.isPropertyAccessExpression(access) && access.expression === ref && access.name.text === 'connect' && ts.isCallExpression(access.parent) ? [access.parent] : [];
  });
  return connects.length > 0 && connects.every(connectsStdio);
}

/** A marker to place at an offset of the text a codemod was given. */
export interface PlacedMarker {
  pos: number;
  message: string;
  link: string;
}

/** Whether the file adds each server it builds to a module-level collection it never empties (see keptServer). */
export function keepsBuiltServers(sf: TS.SourceFile): boolean {
  let found = false;
  walk(sf, (node) => {
    if (found) return false;
    found = keptServer(node) !== undefined;
    return undefined;
  });
  return found;
}

/**
 * `servers.add(server)` (or `push`, `set(key, server)`) where `servers` is a module-level collection
 * and `server` a new McpServer or Server the same function builds, in a file that never deletes
 * from the collection: its name, else undefined.
 */
function keptServer(node: TS.Node): string | undefined {
  if (!ts.isCallExpression(node) || !/^(add|push|set)$/.test(calleeName(node) ?? '') || node.arguments.length === 0) return undefined;
  const callee = unwrap(node.expression);
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(unwrap(callee.expression))) return undefined;
  const collection = resolveIdentifier(unwrap(callee.expression) as TS.Identifier);
  if (!isModuleVariable(collection) || !ts.isIdentifier(collection.name)) return undefined;
  const value = unwrap(node.arguments[node.arguments.length - 1]);
  const decl = ts.isIdentifier(value) ? resolveIdentifier(value) : undefined;
  const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
  if (!init || !ts.isNewExpression(init) || !SERVER_CLASS.test(calleeName(init) ?? '') || enclosingFunction(decl!) !== enclosingFunction(node) || !enclosingFunction(node)) return undefined;
  const name = collection.name.text;
  const emptied = referencesTo(node.getSourceFile(), collection as TS.VariableDeclaration & { name: TS.Identifier }).some((ref) => {
    const access = ref.parent;
    return ts.isPropertyAccessExpression(access) && access.expression === ref && /^(delete|clear|splice|pop|shift)$/.test(access.name.text);
  });
  return emptied ? undefined : name;
}

/**
 * A question kept behind a test of what the handshake said (`if (caps?.elicitation)`) whose other
 * side answers yes for the caller (modernYes): the guard and that yes, for the marker (trial 32B).
 */
export function unaskedYes(node: TS.Node): { guard: string; yes: string } | undefined {
  const guard = legacyTest(node);
  const yes = guard && modernYes(guard, node);
  return guard && yes ? { guard: guardText(guard.test, guard.earlyReturn), yes: codeSnippet(yes, 40) } : undefined;
}

/**
 * What stops working once every request gets a fresh server and no handshake: setup done in
 * `oninitialized`, server→client requests in the middle of a call, log messages sent through the
 * server. Marked, never rewritten: stateless-transport and sse-transport both mark them when they
 * make a server per request.
 */
export function statelessConsequences(sf: TS.SourceFile, target?: FixTarget): PlacedMarker[] {
  const markers: PlacedMarker[] = [];
  walk(sf, (node) => {
    // One that only logs loses nothing.
    if (isSetupHook(node)) {
      markers.push({
        pos: node.getStart(sf),
        message: 'oninitialized never runs for a per-request server (2026-07-28 clients send no initialize): move this setup, such as registering tools, into the server factory so every request sees it',
        link: SPEC_TRANSPORT,
      });
    }
    if (isClientRequest(node)) {
      markers.push({
        pos: node.getStart(sf),
        message: serverToClientMessage(calleeName(node)!, unaskedYes(node), target),
        link: SPEC_MRTR,
      });
    }
    // `servers.add(server)` in the function that builds the server: one entry per request once servers are built per request (trial 21A).
    const kept = keptServer(node);
    if (kept) {
      markers.push({
        pos: node.getStart(sf),
        message: `every server built here is added to ${kept}, and nothing in this file takes it out: with a server built per request, ${kept} grows by one on every request, and whatever goes through it reaches closed servers. Drop ${kept} (announce changes through subscriptions/listen instead), or remove the server when its request ends`,
        link: SPEC_TRANSPORT,
      });
    }
    // A log message sent through the server, not the request: it went out on the session's GET
    // stream, which a per-request transport does not have (the messages are dropped). The advice
    // names no context parameter: a later codemod of the same run renames `extra` to `ctx` (trial 66C).
    if (ts.isCallExpression(node) && calleeName(node) === 'sendLoggingMessage' && ts.isPropertyAccessExpression(unwrap(node.expression)) && !connectedToStdioOnly(unwrap(node.expression) as TS.PropertyAccessExpression)) {
      markers.push({
        pos: node.getStart(sf),
        message: 'sendLoggingMessage() sends through the server, on the session\'s GET stream, which a per-request transport does not have: its messages are dropped once the transport is per request. Send them on the request: on the v2 packages with ctx.mcpReq.log(level, data), which goes out only when the request asks for a log level; on v1 with the handler context\'s sendNotification({ method: \'notifications/message\', params }). Or log to stderr',
        link: SPEC_TRANSPORT,
      });
    }
  });
  return markers;
}

/** The tools (by name) whose handlers make a server→client request: they fail once the server is built per request. */
export function toolsAskingClient(facts: SessionFacts): string[] {
  const names = new Set<string>();
  for (const r of facts.registrations) {
    if (r.kind !== 'tool' || r.name === undefined || !r.handler?.body) continue;
    let asks = false;
    walk(r.handler.body, (n) => {
      if (asks) return false;
      asks = isClientRequest(n);
      return undefined;
    });
    if (asks) names.add(r.name);
  }
  return [...names];
}

/** What a change that builds servers per request says of the tools that ask the client mid-call (`; "confirm_order" asks ...`), or '' when none does. */
export function askingNote(tools: readonly string[]): string {
  if (tools.length === 0) return '';
  const one = tools.length === 1;
  return `; ${tools.map((t) => `"${t}"`).join(', ')} ask${one ? 's' : ''} the client mid-call and stop${one ? 's' : ''} working until ported to input_required (marked)`;
}
