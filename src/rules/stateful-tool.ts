import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { calleeName, enclosingClass, heritageNames, resolveFunction, resolveIdentifier, unwrap, walk } from '../analysis/ast.js';
import { isRegistrationCall, toolNameAt, type Registration } from '../analysis/registrations.js';
import type { SessionFacts } from '../analysis/session.js';
import { PER_SESSION_BASES } from './mcp-agent-state.js';
import { SPEC, type CodeRule } from './types.js';

/** Server→client requests that need the caller's open stream on this instance. */
const SERVER_TO_CLIENT = new Set(['elicitInput', 'createMessage', 'listRoots', 'sendRequest', 'requestSampling', 'elicit']);
const LIST_CHANGES = new Set(['sendToolListChanged', 'sendPromptListChanged', 'sendResourceListChanged']);
const TOOL_HANDLE_METHODS = new Set(['enable', 'disable', 'remove', 'update']);
const PUSHES = new Set(['sendNotification', 'notification', 'sendLoggingMessage', 'sendResourceUpdated', 'sendToolListChanged', 'sendResourceListChanged', 'sendPromptListChanged', 'notify']);
const AGENT_STATE = new Set(['state', 'setState', 'sql', 'ctx', 'storage']);

export interface ToolReason {
  kind: 'session-state' | 'session-id' | 'server-request' | 'dynamic-list' | 'timer-push' | 'agent-state';
  text: string;
  node: TS.Node;
  /** The per-session collection a `session-state` reason is about. */
  state?: string;
}

function containsPush(fn: TS.Node): boolean {
  let found = false;
  walk(fn, (node) => {
    if (found) return false;
    if (ts.isCallExpression(node) && PUSHES.has(calleeName(node) ?? '')) found = true;
    return undefined;
  });
  return found;
}

/** Why a registered handler needs the same instance across calls; empty when it does not. */
export function statefulReasons(facts: SessionFacts, registration: Registration): ToolReason[] {
  const handler = registration.handler;
  if (!handler?.body) return [];
  const reasons: ToolReason[] = [];
  const uses = facts.usesOf(handler);
  for (const c of uses.collections) {
    reasons.push({ kind: 'session-state', text: `reads or writes per-session state ${c.name}`, node: c.reportNode, state: c.name });
  }
  if (uses.collections.size === 0 && uses.sessionIdReads.length > 0) {
    reasons.push({ kind: 'session-id', text: `depends on the MCP session id (${uses.sessionIdReads[0].getText().slice(0, 40)})`, node: uses.sessionIdReads[0] });
  }
  const inAgent = (() => {
    const cls = enclosingClass(registration.call);
    return !!cls && heritageNames(cls).some((n) => PER_SESSION_BASES.has(n));
  })();
  let agentStateNoted = false;
  walk(handler.body, (node) => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node) ?? '';
      if (SERVER_TO_CLIENT.has(name)) {
        reasons.push({ kind: 'server-request', text: `sends a server→client request mid-call (${name})`, node });
      } else if (LIST_CHANGES.has(name) || (node !== registration.call && isRegistrationCall(node))) {
        reasons.push({ kind: 'dynamic-list', text: `changes the tool list at run time (${name})`, node });
      } else if (TOOL_HANDLE_METHODS.has(name) && node.arguments.length === 0 && ts.isPropertyAccessExpression(node.expression)) {
        const receiver = node.expression.expression;
        if (ts.isIdentifier(receiver) && isRegistrationVariable(receiver)) {
          reasons.push({ kind: 'dynamic-list', text: `changes the tool list at run time (${receiver.text}.${name}())`, node });
        }
      } else if ((name === 'setInterval' || name === 'setTimeout') && node.arguments.length > 0) {
        const callback = resolveFunction(node.arguments[0]);
        if (callback && containsPush(callback)) {
          reasons.push({ kind: 'timer-push', text: `pushes to the session from a timer after the call returns (${name})`, node });
        }
      }
    }
    if (inAgent && !agentStateNoted && ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword && AGENT_STATE.has(node.name.text)) {
      agentStateNoted = true;
      reasons.push({ kind: 'agent-state', text: `uses the McpAgent's per-session Durable Object state (this.${node.name.text})`, node });
    }
    return undefined;
  });
  return reasons;
}

/** `const t = server.tool(...)`: `t.enable()` / `t.disable()` change the list. */
function isRegistrationVariable(id: TS.Identifier): boolean {
  const decl = resolveIdentifier(id);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return false;
  const init = unwrap(decl.initializer);
  return ts.isCallExpression(init) && isRegistrationCall(init);
}

const KIND_LABEL = { tool: 'Tool', prompt: 'Prompt', resource: 'Resource', request: 'Handler' } as const;

/** Tool, prompt and resource handlers that need the same instance across calls. Each finding names the tool. */
export const statefulTool: CodeRule = {
  target: 'code',
  id: 'stateful-tool',
  category: 'stateful-tool',
  severity: 'error',
  title: 'Handler needs the same instance across calls',
  why:
    'Under 2026-07-28 consecutive calls of one client may reach different instances and carry no session. A handler that reads or ' +
    'writes per-session state, depends on the session id, sends server→client requests in the middle of a call (elicitation, ' +
    'sampling, roots: now multi-round-trip `input_required` results), pushes from timers, or adds and removes tools (lists must not ' +
    'vary per connection) only works when one instance serves the whole conversation.',
  fix: { codemod: 'explicit-handles', manual: 'Give the tool an explicit handle argument and keep its state in a shared store; return input_required instead of server→client requests.' },
  docs: `${SPEC}/server/tools`,
  keywords: [
    'session', 'elicitinput', 'createmessage', 'listroots', 'sendrequest', 'requestsampling', 'elicit',
    'sendtoollistchanged', 'sendpromptlistchanged', 'sendresourcelistchanged', 'registertool', 'registerprompt', 'registerresource',
    '.tool', '.prompt', '.resource', 'setrequesthandler', 'addtool', 'addprompt', 'addresource', '.enable(', '.disable(', '.remove(', '.update(',
    'mcpagent',
  ],
  check(file, report) {
    for (const registration of file.facts.registrations) {
      if (registration.kind === 'request' && registration.method !== 'tools/call') continue;
      const reasons = statefulReasons(file.facts, registration);
      if (reasons.length === 0) continue;
      // Low-level tools/call handlers: report once per tool named by the surrounding switch/if.
      const byTool = new Map<string | undefined, ToolReason[]>();
      for (const reason of reasons) {
        const tool = toolNameAt(reason.node, registration);
        const list = byTool.get(tool) ?? [];
        if (!list.some((r) => r.text === reason.text)) list.push(reason);
        byTool.set(tool, list);
      }
      for (const [tool, list] of byTool) {
        const label = KIND_LABEL[registration.kind];
        const who = tool !== undefined ? `${label} "${tool}"` : `${label} for ${registration.method ?? registration.kind}`;
        report({ node: registration.nameNode, tool, message: `${who} ${list.map((r) => r.text).join('; ')}` });
      }
    }
  },
};
