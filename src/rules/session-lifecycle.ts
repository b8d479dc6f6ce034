import { ts } from '../analysis/typescript.js';
import type { ts as TS } from 'ts-morph';
import { calleeName, isLogCall, propertyNameText, resolveFunction, resolveIdentifier, unwrap, walk } from '../analysis/ast.js';
import { servesBothEras } from '../analysis/mcp.js';
import { TELEMETRY_CALLS } from '../analysis/session.js';
import { SPEC, type CodeRule } from './types.js';
import { kinds } from '../analysis/nodes.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.MethodDeclaration, ts.SyntaxKind.ShorthandPropertyAssignment, ts.SyntaxKind.BinaryExpression);

const HOOKS: Record<string, string> = {
  onsessioninitialized: 'runs when a session is minted; 2026-07-28 has no sessions, so per-session bookkeeping here never happens',
  onsessionclosed: 'runs when a client DELETEs its session; 2026-07-28 has no sessions or DELETE',
  oninitialized: 'fires after the initialize handshake, which modern clients never perform',
};

/** What reads who the client is (the handshake's results). */
const CLIENT_GETTERS = /^(getClientVersion|getClientCapabilities)$/;
/** Calls that record for product analytics or metrics; logs and traces are TELEMETRY_CALLS' (session.ts). */
const ANALYTICS_CALLS = /^(identify|track|capture|page|group|alias|setUser|increment|record)$/;
const RECORDER = /analytics|telemetry|metrics|tracker|posthog|segment|mixpanel|amplitude|sentry|span/i;

/** The function an `oninitialized` hook runs: `x.oninitialized = fn`, `{ oninitialized: fn }`, a method `oninitialized() {}`. */
export function initializedHook(node: TS.Node): TS.FunctionLikeDeclaration | undefined {
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const left = unwrap(node.left);
    return ts.isPropertyAccessExpression(left) && left.name.text === 'oninitialized' ? resolveFunction(node.right) : undefined;
  }
  if (ts.isPropertyAssignment(node) && propertyNameText(node.name) === 'oninitialized') return resolveFunction(node.initializer);
  if (ts.isMethodDeclaration(node) && propertyNameText(node.name) === 'oninitialized') return node;
  return undefined;
}

/**
 * An `oninitialized` hook whose function only records who the client is (read the client's name
 * or capabilities, log or send them to analytics, keep them in a variable): no tool registered,
 * nothing set up that later requests need.
 */
function onlyRecordsClient(node: TS.Node): boolean {
  const fn = initializedHook(node);
  return !!fn && recordsClientOnly(fn);
}

/** Whether a hook's function only records who the client is (see onlyRecordsClient); shared-server asks it too. */
export function recordsClientOnly(fn: TS.FunctionLikeDeclaration): boolean {
  if (!fn.body) return false;
  let calls = 0;
  let other = false;
  walk(fn.body, (n) => {
    if (other) return false;
    // Kept for later (`clientSupportsSampling = ...`): tools may branch on it, so it is set-up.
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment && !declaredIn(n.left, fn)) {
      other = true;
      return false;
    }
    if (ts.isCallExpression(n)) {
      calls++;
      const name = calleeName(n) ?? '';
      const callee = unwrap(n.expression);
      const receiver = ts.isPropertyAccessExpression(callee) ? callee.expression.getText() : '';
      if (!(isLogCall(n) || CLIENT_GETTERS.test(name) || TELEMETRY_CALLS.test(name) || ANALYTICS_CALLS.test(name) || RECORDER.test(receiver))) other = true;
    }
    return undefined;
  });
  return !other && calls > 0;
}

/** Whether what an assignment writes is a local of `fn` (a variable it declares), not state kept beyond it. */
function declaredIn(target: TS.Expression, fn: TS.Node): boolean {
  const t = unwrap(target);
  if (!ts.isIdentifier(t)) return false;
  const decl = resolveIdentifier(t);
  return !!decl && decl.pos >= fn.pos && decl.end <= fn.end;
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
  fix: { codemod: 'stateless-transport', manual: 'Delete the hook; move any state it created behind an explicit handle in a shared store (an oninitialized the v2 packages keep for 2025 clients may stay, holding nothing later requests need).' },
  docs: `${SPEC}/basic`,
  legacyPathIsInfo: true,
  keywords: ['onsessioninitialized', 'onsessionclosed', 'oninitialized'],
  check(file, report) {
    // On the v2 packages an oninitialized kept for 2025 clients is their fallback (servesBothEras).
    const dualEra = servesBothEras(file.text);
    file.facts.nodes.visit(VISITED, (node) => {
      let name: string | undefined;
      if (ts.isPropertyAssignment(node) || ts.isMethodDeclaration(node) || ts.isShorthandPropertyAssignment(node)) name = propertyNameText(node.name);
      else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) name = node.left.name.text;
      // `oninitialized` is also a common widget/editor hook name: like every code rule, this one only
      // sees files that mention MCP (the scanner's gate), where it is the SDK's hook.
      if (name && Object.hasOwn(HOOKS, name)) {
        const at = ts.isBinaryExpression(node) ? node.left : node;
        if (dualEra && name === 'oninitialized') {
          report({ node: at, message: 'oninitialized only fires for 2025 clients on the legacy path; keep it as their fallback, and read ctx.mcpReq.envelope for modern requests', severity: 'info', manual: true });
        } else if (name === 'oninitialized' && onlyRecordsClient(node)) {
          // Analytics of who connected: lost for 2026-07-28 clients, but nothing is served differently.
          report({ node: at, message: `${name} ${HOOKS[name]}; here it only records who the client is (logs, analytics), so 2026-07-28 clients go unrecorded: read clientInfo from each request's _meta envelope instead (ctx.mcpReq.envelope on the v2 packages)`, severity: 'warning', manual: true });
        } else if (name === 'oninitialized' && !file.lower.includes('sessionidgenerator')) {
          // No sessionful transport here (stdio, or one built elsewhere): nothing for stateless-transport to rewrite.
          report({ node: at, message: `${name} ${HOOKS[name]}: read what it remembers (client info, capabilities) from each request's _meta envelope instead (ctx.mcpReq.envelope on the v2 packages)`, manual: true });
        } else report({ node: at, message: `${name} ${HOOKS[name]}` });
      }
    });
  },
};
