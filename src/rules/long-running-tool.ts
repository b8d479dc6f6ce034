import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { accessChain, accessName, calleeName, calleeReceiver, constantString, enclosingFunction, importOf, inLogCall, isAssignmentTarget, isEqualityTest, isFallback, moduleExportOf, outermost, propertyNameText, referencesTo, resolveIdentifier, resolveInitializer, sourceModuleOf, unwrap, walk } from '../analysis/ast.js';
import { toolAt } from '../analysis/registrations.js';
import { MINTS_ID, type SessionFacts } from '../analysis/session.js';
import type { CodeRule } from './types.js';
import { kinds } from '../analysis/nodes.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression, ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.PropertyAccessExpression);

const TASK_APIS = new Set(['registerToolTask', 'InMemoryTaskStore', 'InMemoryTaskMessageQueue', 'callToolStream', 'getTaskResult']);
const TASK_CLASSES = new Set(['InMemoryTaskStore', 'InMemoryTaskMessageQueue']);
const TASK_OPTIONS = new Set(['taskStore', 'taskMessageQueue']);
/** The SDK's own module of them, by a relative path (its examples, code vendored with the SDK's layout). */
const SDK_TASKS_PATH = /(^|\/)experimental\/tasks\/stores\/in-memory(\.js)?$/;
const TASK_CLIENT_CALLS = new Set(['callToolStream', 'getTaskResult']);

/**
 * `server.notification({ method: 'notifications/progress', ... })`: sent through the server with no
 * `relatedRequestId` option, so the transport cannot tie it to the request being served.
 */
function sentThroughServer(facts: SessionFacts, method: TS.PropertyAssignment): boolean {
  const message = method.parent;
  const call = message.parent;
  if (!ts.isObjectLiteralExpression(message) || !ts.isCallExpression(call) || call.arguments[0] !== message) return false;
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !/^(notification|sendNotification)$/.test(callee.name.text) || facts.receiverKind(callee.expression) !== 'server') return false;
  const options = call.arguments[1] ? unwrap(call.arguments[1]) : undefined;
  if (!options) return true;
  // Options built elsewhere, or spread in, may carry relatedRequestId: not said to lack it.
  if (!ts.isObjectLiteralExpression(options) || options.properties.some((p) => ts.isSpreadAssignment(p))) return false;
  return !options.properties.some((p) => propertyNameText(p.name as TS.PropertyName) === 'relatedRequestId');
}

/** A value written into the `_meta` of a message the handler builds (`_meta: { progressToken: token }`): passed on, not used. */
function intoForwardedMeta(use: TS.Node): boolean {
  const n = outermost(use);
  const member = n.parent;
  const copied = (ts.isPropertyAssignment(member) && member.initializer === n) || ts.isShorthandPropertyAssignment(member);
  const meta = copied ? member.parent.parent : undefined;
  return !!meta && ts.isPropertyAssignment(meta) && propertyNameText(meta.name) === '_meta';
}

/**
 * A progress token the handler sends no progress with: one it only passes on, copied into the
 * `_meta` of a request it forwards (a proxy's `_meta: { progressToken: request.params._meta?.progressToken }`),
 * or reads as an id for the call with a fresh one as fallback (`progressToken ?? randomUUID()`,
 * trial 47B: a correlation id for logs); itself or through a local used only so (or tested).
 */
function sendsNoProgress(read: TS.Node): boolean {
  if (passedOnOrNamed(read)) return true;
  // `const token = ...progressToken` or `const { progressToken } = ...`: every use of the local.
  const decl = ts.isBindingElement(read) ? read : outermost(read).parent;
  if (!decl || !(ts.isVariableDeclaration(decl) || ts.isBindingElement(decl)) || !ts.isIdentifier(decl.name)) return false;
  if (ts.isVariableDeclaration(decl) && decl.initializer !== outermost(read)) return false;
  const scope = enclosingFunction(decl);
  const uses = scope ? referencesTo(scope, decl as (TS.VariableDeclaration | TS.BindingElement) & { name: TS.Identifier }) : [];
  // (A test of whether there is one, `if (token)` or `token !== undefined`, uses nothing either.)
  return uses.length > 0 && uses.every((use) => passedOnOrNamed(use) || ts.isIfStatement(outermost(use).parent) || isEqualityTest(outermost(use).parent));
}

/**
 * A use of a progress token that sends nothing with it: copied into a forwarded `_meta`, an id
 * with a fresh one as fallback (`token ?? randomUUID()`, MINTS_ID), or shown in a text
 * (`` `progressToken=${token ?? 'none'}` ``: a tool that reports what the request carried).
 */
function passedOnOrNamed(use: TS.Node): boolean {
  if (intoForwardedMeta(use)) return true;
  const n = outermost(use);
  if (ts.isTemplateSpan(n.parent)) return true;
  const fallback = n.parent;
  if (!isFallback(fallback) || fallback.left !== n) return false;
  const fresh = unwrap(fallback.right);
  if (ts.isStringLiteralLike(fresh)) return ts.isTemplateSpan(outermost(fallback).parent);
  return ts.isCallExpression(fresh) && MINTS_ID.test(calleeName(fresh) ?? '');
}

/** Tools that stream progress, and the v1 experimental core tasks that 2026-07-28 moved to an extension. */
export const longRunningTool: CodeRule = {
  target: 'code',
  id: 'long-running-tool',
  category: 'long-running-tool',
  severity: 'warning',
  title: 'Long-running tool: progress streaming or core tasks',
  why:
    'Progress on a request\'s own response stream is still valid in 2026-07-28, but a tool that streams it holds that request ' +
    'open on one instance for its whole run: if the instance goes away mid-run, the work is lost and the client must start ' +
    'again (and `responseMode: \'json\'` drops the progress). Work that can outlive an instance belongs on the ' +
    '`io.modelcontextprotocol/tasks` extension (durably created tasks polled with tasks/get), which 2026-07-28 moved out of the ' +
    'core; the v1 experimental task API has no v2 drop-in.',
  fix: {
    manual: 'Move long work onto the Tasks extension (durable task records in shared storage) or make the tool short.',
    // Progress sent through the server: its route is what changes, not the tool's length.
    advice: ({ message }) => (/ sends progress through the server, not its request/.test(message) ? "Send progress with the handler's extra.sendNotification (or pass { relatedRequestId: extra.requestId }), so it goes on the request's own response." : undefined),
  },
  docs: 'https://modelcontextprotocol.io/extensions/tasks/overview',
  keywords: ['progresstoken', 'notifications/progress', 'registertooltask', 'taskstore', 'taskmessagequeue', 'experimental.tasks', 'calltoolstream', 'gettaskresult', 'gettaskrequestschema', 'canceltaskrequestschema', 'params.task', 'params?.task'],
  check(file, report) {
    for (const registration of file.facts.registrations) {
      if (!registration.handler?.body) continue;
      // Per tool (a low-level handler's `case`): where it first shows progress, and whether it
      // sends progress through the server instead of the request.
      const sites = new Map<string | undefined, { site: ReturnType<typeof toolAt>; misrouted: boolean }>();
      walk(registration.handler.body, (node) => {
        const sent = ts.isPropertyAssignment(node) && propertyNameText(node.name) === 'method' && constantString(node.initializer) === 'notifications/progress';
        const progress =
          sent ||
          (ts.isPropertyAccessExpression(node) && node.name.text === 'progressToken') ||
          // `const { progressToken } = request.params._meta ?? {}`
          (ts.isBindingElement(node) && (propertyNameText(node.propertyName) ?? (ts.isIdentifier(node.name) ? node.name.text : '')) === 'progressToken');
        // A token only passed on to the request it forwards, or read as the call's id: no progress of its own.
        if (!progress || (!sent && sendsNoProgress(node))) return;
        const site = toolAt(node, registration);
        const entry = sites.get(site?.name) ?? { site, misrouted: false };
        if (sent && sentThroughServer(file.facts, node as TS.PropertyAssignment)) entry.misrouted = true;
        sites.set(site?.name, entry);
      });
      for (const { site, misrouted } of sites.values()) {
        const label = site ? `Tool "${site.name}"` : 'This handler';
        const message = misrouted
          ? `${label} sends progress through the server, not its request (no relatedRequestId): over Streamable HTTP that goes to the standalone GET stream, which 2026-07-28 removes; send it with the handler's extra.sendNotification (or pass { relatedRequestId: extra.requestId })`
          : `${label} streams progress on its request (still valid); if its work can outlive an instance, move it to the Tasks extension`;
        // Progress on the request's own stream is valid 2026-07-28: said (info), not held against a
        // CI gate, since nothing here shows the work outlives an instance (trial 46B B4).
        report({ node: site?.node ?? registration.nameNode, tool: site?.name, message, ...(misrouted ? {} : { severity: 'info' as const }) });
      }
    }
    file.facts.nodes.visit(VISITED, (node) => {
      if (ts.isCallExpression(node) && TASK_APIS.has(calleeName(node) ?? '')) {
        // getTaskResult / callToolStream are generic names: only the SDK's `experimental.tasks` ones count.
        if (TASK_CLIENT_CALLS.has(calleeName(node)!) && !/(^|\.)(experimental|tasks)(\.|$)/.test(accessChain(calleeReceiver(node) ?? node) ?? '')) return;
        report({ node, message: `${calleeName(node)}: v1 experimental core tasks were removed; move to the io.modelcontextprotocol/tasks extension` });
      } else if (ts.isNewExpression(node)) {
        const built = taskClass(node);
        if (built?.sdk) report({ node, message: `${built.name}: in-memory v1 task state; tasks moved to the io.modelcontextprotocol/tasks extension` });
      } else if (ts.isPropertyAssignment(node) && TASK_OPTIONS.has(propertyNameText(node.name) ?? '') && !buildsTaskStore(node.initializer)) {
        report({ node, message: `${propertyNameText(node.name)}: v1 experimental core tasks were removed in 2026-07-28` });
      } else if (ts.isCallExpression(node) && calleeName(node) === 'setRequestHandler' && node.arguments.length >= 2 && coreTaskSchema(node.arguments[0])) {
        const schema = coreTaskSchema(node.arguments[0])!;
        report({ node, message: `A ${CORE_TASK_SCHEMAS[schema]} handler of the 2025 core tasks (${schema}): the Tasks extension (io.modelcontextprotocol/tasks) redesigned them (tasks created with resultType "task", durably before the answer, polled with tasks/get from any instance); the v2 SDK has no drop-in, so this is work by hand`, manual: true });
      } else if (ts.isPropertyAccessExpression(node) && node.name.text === 'task' && accessName(node.expression) === 'params' && !isAssignmentTarget(node) && !inLogCall(node)) {
        const read = node.getText().slice(0, 40);
        // A client answering a server's request as a task of its own (client-hosted tasks).
        const message = file.facts.clientOnly
          ? `Reads the task param of a request the server sent (${read}): client-hosted tasks were removed in 2026-07-28 with the 2025 core tasks; answer the request itself`
          : `Reads the per-request task param (${read}), which 2026-07-28 removed with the 2025 core tasks: under the Tasks extension the server decides to answer with a task (resultType "task") for a client that declared the extension`;
        report({ node, message, manual: true });
      } else if (ts.isPropertyAccessExpression(node) && node.name.text === 'tasks' && accessName(node.expression) === 'experimental' && !ts.isPropertyAccessExpression(node.parent)) {
        report({ node, message: 'experimental.tasks: v1 core tasks were removed; move to the io.modelcontextprotocol/tasks extension' });
      }
    });
  },
};

/** The 2025 core tasks' request schemas a server may answer, by the method each is. */
const CORE_TASK_SCHEMAS: Record<string, string> = { GetTaskRequestSchema: 'tasks/get', CancelTaskRequestSchema: 'tasks/cancel' };

/** The SDK's core task schema a handler is set for (`GetTaskRequestSchema`, also `types.GetTaskRequestSchema`), by its name. */
function coreTaskSchema(arg: TS.Node): string | undefined {
  const n = unwrap(arg);
  const bound = moduleExportOf(n);
  const name = bound?.exported ?? (ts.isIdentifier(n) ? n.text : ts.isPropertyAccessExpression(n) ? n.name.text : undefined);
  return name && Object.hasOwn(CORE_TASK_SCHEMAS, name) && (!bound || bound.module.startsWith('@modelcontextprotocol/')) ? name : undefined;
}

/**
 * The v1 task class a `new` builds (`new InMemoryTaskStore()`, or the SDK's class under an import
 * alias), and whether it is the SDK's. Not when it is an A2A server's or an agent framework's: a
 * class declared in this file, or bound from a module outside `@modelcontextprotocol/*`
 * (`@mastra/server/a2a/store`, `./a2a/store`). A class the file does not bind (a global) may be the SDK's.
 */
function taskClass(built: TS.NewExpression): { name: string; sdk: boolean } | undefined {
  const callee = unwrap(built.expression);
  // `new tasks.InMemoryTaskStore()`: where the namespace comes from.
  const base = ts.isPropertyAccessExpression(callee) ? unwrap(callee.expression) : callee;
  if (!ts.isIdentifier(base)) return undefined;
  const imported = base === callee ? importOf(base) : undefined;
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : imported && !/^(default|\*)$/.test(imported.exported) ? imported.exported : base.text;
  if (!TASK_CLASSES.has(name)) return undefined;
  const decl = base === callee ? resolveIdentifier(base) : undefined;
  const module = sourceModuleOf(base);
  return { name, sdk: !(decl && ts.isClassDeclaration(decl)) && (module === undefined || module.startsWith('@modelcontextprotocol/') || SDK_TASKS_PATH.test(module)) };
}

/**
 * `new InMemoryTaskStore()` inline or through a local variable: already reported at the `new`, or
 * another library's store (the option is that library's: an A2A request handler's `taskStore`).
 */
function buildsTaskStore(value: TS.Expression): boolean {
  const v = unwrap(value);
  const init = ts.isIdentifier(v) ? resolveInitializer(v) : v;
  return !!init && ts.isNewExpression(init) && taskClass(init) !== undefined;
}
