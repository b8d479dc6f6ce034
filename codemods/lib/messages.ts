/**
 * Marker texts shared by several codemods: the same text for the same problem means the runner
 * inserts one marker, whichever codemods notice it.
 */
export const SPEC_TRANSPORT = 'https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http';
export const SPEC_MRTR = 'https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr';

export function serverToClientMessage(call: string): string {
  return `${call}() asks the client mid-call: a stateless server knows no client capabilities from a handshake and holds no stream for the answer, so this fails; return an input_required result (multi-round-trip) and resume from requestState instead`;
}
