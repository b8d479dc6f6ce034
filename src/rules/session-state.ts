import { ts } from '../analysis/typescript.js';
import { calleeName } from '../analysis/ast.js';
import { requestScopedKey, type Collection, type SessionFacts } from '../analysis/session.js';
import { guardText, keptOnLegacyPath, usedOnlyOnLegacyPath } from '../analysis/eras.js';
import { STATE_KIND_ADVICE, STATE_KIND_TEXT, stateKind, type StateKind } from '../analysis/state-kind.js';
import { sessionBookkeeping } from './session-map.js';
import { SPEC, type CodeRule } from './types.js';

/** Data keyed by the session id, but not the sessions' own bookkeeping (session-map reports that, with the maps it serves). */
export function isSessionState(c: Collection, facts: SessionFacts): boolean {
  return c.valueKind === 'data' && c.sessionKeyed && !sessionBookkeeping(c, facts);
}

/** Application state (carts, handles, counters, subscriptions) keyed by the MCP session id. */
/** Calls that only read or clear what a store keeps under a key (`getSession(id)`, `deleteSession(id)`). */
const LOOKS_UP_OR_CLEARS = /^(get|has|load|fetch|find|read|lookup|exists|delete|remove|clear|destroy|drop|evict|invalidate|expire)([A-Z]\w*)?$/;

export const sessionState: CodeRule = {
  target: 'code',
  id: 'session-state',
  category: 'session-state',
  severity: 'error',
  title: 'Application state keyed by the MCP session id',
  why:
    '2026-07-28 clients send no session id (`extra.sessionId` is undefined) and consecutive calls may reach different instances. ' +
    'State keyed by the session id is lost between calls and mixed up between clients. Cross-call state must be referenced by an ' +
    'explicit handle the client passes in each call (for example `basket_id` returned by `create_basket`) and kept in a store every ' +
    'instance can reach; counters and rate limits should be keyed by the authenticated principal.',
  fix: {
    codemod: 'explicit-handles',
    manual: 'Mint an explicit handle, require it in the tool schema, and key the state by it in a shared store.',
    // Credentials get no handle (whoever learns it would act with them): each request carries its own.
    // By the kind of state the message names (see state-kind.ts); a handle for the rest.
    advice: ({ message, reasons }) => {
      if (reasons?.includes('request-state')) return 'Key the entries by an id unique to each call (a UUID made when the call starts); no handle is needed, the call does not outlive its request.';
      const kind = (Object.keys(STATE_KIND_TEXT) as StateKind[]).find((k) => message.includes(STATE_KIND_TEXT[k]));
      return kind && STATE_KIND_ADVICE[kind];
    },
  },
  docs: `${SPEC}/basic`,
  keywords: ['session'],
  check(file, report) {
    for (const c of file.facts.collections) {
      if (!isSessionState(c, file.facts)) continue;
      const scoped = requestScopedKey(c);
      if (scoped) {
        // Entries of one call (a pending answer, a gate's result): the session only told clients' equal request ids apart.
        report({ node: c.reportNode, message: `${c.name} keeps entries for one call under the MCP session id with its request id (${scoped}); 2026-07-28 requests carry no session id, so two clients' calls with the same JSON-RPC id would share an entry: key it by an id unique to each call (a UUID made when the call starts)`, reasons: ['request-state'] });
        continue;
      }
      const kind = STATE_KIND_TEXT[stateKind(c.name)];
      // Used only on the 2025 path of code that speaks both eras: what it keeps for 2025 clients' sessions on purpose.
      const legacy = usedOnlyOnLegacyPath(c);
      if (legacy) {
        report({ node: c.reportNode, message: `${c.name} holds ${kind} keyed by the MCP session id, used only on the 2025 path of code that speaks both eras (${guardText(legacy.test, legacy.earlyReturn)}): 2026-07-28 requests never reach it; keep it behind that test`, ...keptOnLegacyPath(['session-state']) });
        continue;
      }
      // An imported helper handed the id (`setSessionOwner()`): what it keeps is behind it.
      // A store this code only looks up or clears by the id (a DELETE handler's cleanup, `delete store[sid]`) does not store here.
      const stores = c.origin !== 'external' || c.accesses.some((a) => (ts.isCallExpression(a) ? !LOOKS_UP_OR_CLEARS.test(calleeName(a) ?? '') : !ts.isDeleteExpression(a.parent)));
      const where = c.helper ? `hands the MCP session id to ${c.name}, which keeps ${kind} under it` : c.origin === 'external' ? `${stores ? 'stores' : 'looks up or clears'} ${kind} under the MCP session id in ${c.name}` : `${c.name} holds ${kind} keyed by the MCP session id`;
      // A store every instance reaches (Redis) is not lost across instances: the key is what goes.
      const consequence = c.origin === 'external' ? '2026-07-28 requests carry no session id, so no call finds it again (or every client shares one entry)' : 'it is lost or shared wrongly when calls reach other instances';
      report({ node: c.reportNode, message: `${where}; ${consequence}`, reasons: ['session-state'] });
    }
  },
};
