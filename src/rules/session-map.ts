import type { Collection } from '../analysis/session.js';
import { ts } from '../analysis/typescript.js';
import { SPEC, type CodeRule } from './types.js';

const KIND_TEXT: Record<string, string> = {
  transport: 'transports',
  server: 'server instances',
  'session-object': 'session objects',
};

export function isSessionMap(c: Collection): boolean {
  return c.valueKind !== 'data' && (c.sessionKeyed || c.typeEvidence);
}

/** Transports, servers or session objects kept in memory and looked up by session id. One finding at the declaration. */
export const sessionMap: CodeRule = {
  target: 'code',
  id: 'session-map',
  category: 'session-map',
  severity: 'error',
  title: 'Transports or servers kept in a map keyed by session id',
  why:
    'A map from session id to transport (or server, or session object) lives in one process. Under 2026-07-28 any request may ' +
    'land on any instance behind a plain round-robin load balancer and carries no session id at all, so the lookup misses and ' +
    'the client is stranded. Stateless serving creates the transport per request and needs no map.',
  fix: { codemod: 'stateless-transport', manual: 'Create a transport (and server) per request with `sessionIdGenerator: undefined`; delete the map.' },
  docs: `${SPEC}/basic/transports/streamable-http`,
  keywords: ['session', 'transport'],
  check(file, report) {
    for (const c of file.facts.collections) {
      if (!isSessionMap(c)) continue;
      // A map handed in as a parameter counts only when this code keys it by the session id: its
      // type alone (`transports: Map<string, Transport>` iterated to close them all) proves nothing
      // here, and the caller's map is reported where it is declared.
      if (ts.isParameter(c.decl) && !c.sessionKeyed) continue;
      const what = KIND_TEXT[c.valueKind];
      const how = c.sessionKeyed ? 'keyed by the MCP session id' : `typed as string → ${c.valueType ?? what}`;
      const where = c.origin === 'external' ? (c.viaParameter ? ' (passed in as a parameter)' : ' (declared in another module)') : '';
      report({ node: c.reportNode, message: `${c.name} holds ${what} ${how}${where}; another instance cannot find them` });
    }
  },
};
