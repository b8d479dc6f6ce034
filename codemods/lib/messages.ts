/**
 * Marker texts shared by several codemods: the same text for the same problem means the runner
 * inserts one marker, whichever codemods notice it.
 */
export const SPEC_TRANSPORT = 'https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http';
export const SPEC_MRTR = 'https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr';

export function serverToClientMessage(call: string, unasked?: { guard: string; yes: string }): string {
  const skipped = unasked ? `; behind ${unasked.guard} it is skipped, and the caller goes on with \`${unasked.yes}\` as if it had agreed, so nothing is confirmed` : '';
  return `${call}() asks the client mid-call: a stateless server knows no client capabilities from a handshake and holds no stream for the answer, so this fails${skipped}; return an input_required result (multi-round-trip) and resume from requestState instead`;
}

/**
 * The rule whose finding a codemod's marker speaks of, where its text says (a request to the client
 * mid-call: stateful-tool), so that a marker about a rule the configuration turns off is left out.
 */
export function markerRule(message: string): string | undefined {
  return /^\S+\(\) asks the client mid-call: /.test(message) ? 'stateful-tool' : undefined;
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
