/**
 * Marker texts shared by several codemods: the same text for the same problem means the runner
 * inserts one marker, whichever codemods notice it.
 */
import type { FixTarget } from '../types.js';

export const SPEC_TRANSPORT = 'https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http';
export const SPEC_MRTR = 'https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr';

/**
 * The marker at a request a tool makes to the client mid-call (elicitInput, createMessage,
 * listRoots, sendRequest), which a server built per request breaks. It says plainly that the call
 * fails on every request from then on, and why: the SDK's own error blames the client ("Client does
 * not support form elicitation" to a client that declared elicitation, trial 76A B3). Behind a test
 * of what the handshake said (`unasked`), the question is skipped instead. `target`: the run's.
 */
const REWRITE_ON_V2 = 'Rewrite it to the 2026-07-28 multi-round-trip shape on the v2 packages (fix --target 2026-07-28): return inputRequired({ inputRequests: { ... } }), read the answer from ctx.mcpReq.inputResponses when the client calls again, and keep what the call needs to resume in requestState';
/** On --target 2026-07-28 the run is already the one REWRITE_ON_V2 points to, and it leaves the call: the rewrite is by hand (trial 78A B4). */
const REWRITE_BY_HAND = 'Rewrite it by hand (fix does not rewrite it, on this target either) to the 2026-07-28 multi-round-trip shape: return inputRequired({ inputRequests: { ... }, requestState }) instead of asking, and when the client calls again with its answers read them from ctx.mcpReq.inputResponses (acceptedContent(...) for an elicitation), resuming from requestState';

/** A marker's text as serverToClientMessage words it for `target` (v2-handler runs stateless-transport as for sdk-v1, in a run for 2026-07-28). */
export function forTarget(message: string, target: FixTarget): string {
  return target === '2026-07-28' && /^\S+\(\) asks the client mid-call[:,] /.test(message) ? message.replace(REWRITE_ON_V2, REWRITE_BY_HAND) : message;
}

export function serverToClientMessage(call: string, unasked?: { guard: string; yes: string }, target?: FixTarget): string {
  const why = 'a server built per request (a stateless transport) never sees initialize, so it knows no client capabilities';
  const stream = 'and it keeps no stream for the answer';
  const rewrite = target === '2026-07-28' ? REWRITE_BY_HAND : REWRITE_ON_V2;
  if (unasked) return `${call}() asks the client mid-call: ${why}, ${stream}; behind ${unasked.guard} it is skipped, and the caller goes on with \`${unasked.yes}\` as if it had agreed, so nothing is confirmed. ${rewrite}`;
  return `${call}() asks the client mid-call, and fails on every request until rewritten: ${why} (the SDK's error says the client does not support the request, whatever it declared), ${stream}. ${rewrite}`;
}

/**
 * The rule whose finding a codemod's marker speaks of, where its text says (a request to the client
 * mid-call: stateful-tool), so that a marker about a rule the configuration turns off is left out.
 */
export function markerRule(message: string): string | undefined {
  return /^\S+\(\) asks the client mid-call[:,] /.test(message) ? 'stateful-tool' : undefined;
}

/** Why a server set up after the handshake is not built per request (stateless-transport and v2-handler). */
export function afterHandshakeMessage(setup: { factory?: string; where: string }): string {
  const who = setup.factory ? `the server ${setup.factory}() builds` : 'this server';
  return `${who} is set up in oninitialized (in ${setup.where}), once the initialize handshake is over: built per request, it would get that setup only on the request that carries initialize, and every later request would miss it (tools registered there would not be found). Do that setup when the server is built (2026-07-28 clients never send initialize; read their capabilities from each request), then run fix again`;
}

/**
 * Code quoted in a marker as a Markdown code span: fenced with one backtick more than the longest
 * run it holds (`` l.debug(`ready ${sid}`) ``), so a template literal does not end the span;
 * cut to `max` characters with `...` when given.
 */
export function codeSpan(code: string, max?: number): string {
  const text = max !== undefined && code.length > max ? `${code.slice(0, max - 3)}...` : code;
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  if (longest === 0) return `\`${text}\``;
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${text} ${fence}`;
}
