import type { Collection } from '../analysis/session.js';
import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { calleeName, constantString, resolveIdentifier, unwrap } from '../analysis/ast.js';
import { guardText, keptOnLegacyPath, usedOnlyOnLegacyPath } from '../analysis/eras.js';
import { SPEC, type CodeRule } from './types.js';

const KIND_TEXT: Record<string, string> = {
  transport: 'transports',
  server: 'server instances',
  'session-object': 'session objects',
};

/** A map of legacy SSE transports only: sse-transport's to delete, with the endpoints that fill it. */
export function isSseOnlyMap(c: Collection): boolean {
  return !!c.valueType && /\bSSEServerTransport\b/.test(c.valueType) && !/StreamableHTTP/.test(c.valueType);
}

export function isSessionMap(c: Collection): boolean {
  return c.valueKind !== 'data' && (c.sessionKeyed || c.typeEvidence);
}

/** `map.get(id)`, `map.set(id, v)`, `map[id]`: an access by a key that is not a constant. */
function keyedByVariable(access: TS.Node): boolean {
  const key = ts.isCallExpression(access) && /^(get|set|has|delete)$/.test(calleeName(access) ?? '') ? access.arguments[0] : ts.isElementAccessExpression(access) ? access.argumentExpression : undefined;
  return !!key && constantString(key) === undefined && !iteratedKey(key, access);
}

/**
 * A key the code took from the same map it walks (`for (const id of transports.keys())
 * transports.get(id)?.close()`): closing everything at shutdown, not a lookup.
 */
function iteratedKey(key: TS.Node, access: TS.Node): boolean {
  const k = unwrap(key);
  const decl = ts.isIdentifier(k) ? resolveIdentifier(k) : undefined;
  const list = decl && ts.isVariableDeclaration(decl) ? decl.parent : undefined;
  const loop = list && ts.isVariableDeclarationList(list) ? list.parent : undefined;
  if (!loop || !ts.isForOfStatement(loop) && !ts.isForInStatement(loop)) return false;
  const map = ts.isCallExpression(access) ? (unwrap(access.expression) as TS.PropertyAccessExpression).expression : (access as TS.ElementAccessExpression).expression;
  const walked = unwrap(loop.expression);
  const source = ts.isCallExpression(walked) && /^(keys|entries)$/.test(calleeName(walked) ?? '') && ts.isPropertyAccessExpression(unwrap(walked.expression)) ? (unwrap(walked.expression) as TS.PropertyAccessExpression).expression : walked;
  return unwrap(source).getText() === unwrap(map).getText();
}

/**
 * A value type as a message shows it: an object type by its members' names (`an object with
 * transport and abortTimeout`), another one whole when short; never cut in the middle of a name.
 */
export function shownType(type: string): string {
  const flat = type.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '').replace(/\s+/g, ' ').trim();
  if (flat.startsWith('{')) {
    const names: string[] = [];
    let depth = 0;
    let start = true;
    for (let i = 0; i < flat.length; i++) {
      const ch = flat[i];
      if ('{[(<'.includes(ch)) depth++;
      else if ('}])>'.includes(ch) && !(ch === '>' && flat[i - 1] === '=')) depth--;
      else if (depth === 1 && (ch === ';' || ch === ',')) start = true;
      else if (depth === 1 && start && /[\w$]/.test(ch)) {
        const name = /^(?:readonly\s+)?([\w$]+)\??\s*:/.exec(flat.slice(i))?.[1];
        if (name) names.push(name);
        start = false;
      }
    }
    if (names.length > 6) return `an object with ${names.slice(0, 6).join(', ')} and more`;
    if (names.length > 0) return `an object with ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`}`;
  }
  if (flat.length <= 60) return `of type ${flat}`;
  // The outermost name (`Map<...>`, `SessionRecord<...>`), its arguments left out.
  const head = /^[\w$.]+/.exec(flat)?.[0];
  return head ? `of type ${head}<...>` : 'an object';
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
  fix: {
    codemod: 'stateless-transport',
    manual:
      'Create a transport (and server) per request with `sessionIdGenerator: undefined`, then delete the map (a map of legacy SSE transports goes once its endpoints serve Streamable HTTP). ' +
      'What a server kept for its session (a browser it launched, a connection it opened, closed when the server closes) then lasts one request: keep it in a shared store under a handle the tools take first.',
  },
  docs: `${SPEC}/basic/transports/streamable-http`,
  keywords: ['session', 'transport'],
  check(file, report) {
    for (const c of file.facts.collections) {
      if (!isSessionMap(c)) continue;
      // A map handed in as a parameter that this code only iterates or clears (`for (const t of
      // transports.values()) t.close()`) proves nothing by its type; one it looks up by a key does.
      if (ts.isParameter(c.decl) && !c.sessionKeyed && !c.accesses.some(keyedByVariable)) continue;
      const what = KIND_TEXT[c.valueKind];
      const shown = c.valueType ? shownType(c.valueType) : undefined;
      const how = c.sessionKeyed ? 'keyed by the MCP session id' : `keyed by a string${shown ? `, each ${shown}` : ''}`;
      // A member of an object of this class (`this.transports.streamable`) is declared here, in a shape not followed.
      const where = c.origin === 'external' ? (c.viaParameter ? ' (passed in as a parameter)' : c.name.startsWith('this.') || c.declaredHere ? '' : ' (declared in another module)') : '';
      // A map of legacy SSE transports only is sse-transport's to delete, with the endpoints it serves.
      const sse = isSseOnlyMap(c);
      // Used only on the 2025 path of code that speaks both eras: the sessions it keeps for 2025 clients on purpose.
      const legacy = usedOnlyOnLegacyPath(c);
      if (legacy) {
        report({ node: c.reportNode, message: `${c.name} holds ${what} ${how}, used only on the 2025 path of code that speaks both eras (${guardText(legacy.test, legacy.earlyReturn)}): the sessions of 2025 clients, who still need to reach the instance that holds theirs; keep it behind that test`, ...keptOnLegacyPath() });
        continue;
      }
      report({ node: c.reportNode, message: `${c.name} holds ${what} ${how}${where}; another instance cannot find them`, ...(sse ? { codemod: 'sse-transport' } : {}) });
    }
  },
};
