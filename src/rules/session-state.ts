import { usesSseTransport } from '../analysis/sse.js';
import { ts } from '../analysis/typescript.js';
import type { ts as TS } from 'ts-morph';
import { accessRoot, calleeName, codeSnippet, constantString, enclosingFunction, isAssignment, isFallback, isModuleVariable, isStep, referencesTo, resolveIdentifier, unwrap, walk } from '../analysis/ast.js';
import { changesIn } from '../analysis/changes.js';
import { accessKey, entryMembers, lookupResultMembers, moduleFacts, requestScopedKey, runsOncePerProcess, setOfSessionIds, stateName, type Collection, type SessionFacts } from '../analysis/session.js';
import { importedFunctionAt } from '../analysis/module-state.js';
import { identityKey, unlimitedStep } from './stateful-tool.js';
import { endsByLeaving, guardText, keptOnLegacyPath, usedOnlyOnLegacyPath } from '../analysis/eras.js';
import { STATE_KIND_ADVICE, STATE_KIND_TEXT, stateKind, type StateKind } from '../analysis/state-kind.js';
import { isSessionMap, sessionBookkeeping } from './session-map.js';
import { SPEC, type CodeRule } from './types.js';
import type { ReasonId } from '../model.js';
import { XMCP_MODULE } from '../analysis/mcp.js';
import { onlyStatelessTransports, servesStdioOnly } from '../analysis/transports.js';
import { takesHandleArgument } from '../analysis/registrations.js';
import { DISK_ADVICE, DISK_FIX, DISK_LOSS, diskPaths, localDiskPaths } from '../analysis/disk-state.js';

/** Data keyed by the session id, but not the sessions' own bookkeeping (session-map reports that, with the maps it serves). */
export function isSessionState(c: Collection, facts: SessionFacts): boolean {
  return c.valueKind === 'data' && c.sessionKeyed && !sessionBookkeeping(c, facts) && !perCallLocal(c);
}

/**
 * A collection a function makes for its own call and only uses there (`const pairs = []` filled
 * with keys made of the session id, iterated and dropped: a rate limiter's checks, the mirror run
 * on mcp-rate-guard): each call has its own, so it keeps nothing across calls. Not one a nested
 * function (a handler) reaches, nor one that leaves the function: returned, handed to a call,
 * stored or put in another value.
 */
function perCallLocal(c: Collection): boolean {
  const decl = c.decl;
  if (c.origin !== 'declared' || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return false;
  const fn = enclosingFunction(decl);
  // (Not in a function that runs once per process: its one call may serve every request, in a
  // `for await` loop over them, review 74.)
  if (!fn?.body || runsOncePerProcess(fn)) return false;
  // (Nor one changed inside a loop it is declared outside of: each turn of it, a request say,
  // finds what the last left. Read there, `pairs[i]`, it is only gone through.)
  const inLoopApart = (node: TS.Node) => {
    for (let n: TS.Node = node; n !== fn; n = n.parent) if (ts.isIterationStatement(n.parent, false) && n === n.parent.statement && !(decl.pos >= n.parent.pos && decl.end <= n.parent.end)) return true;
    return false;
  };
  if (changesIn(fn.body).some((change) => { const root = accessRoot(change.target); return inLoopApart(change.at) && ts.isIdentifier(root) && resolveIdentifier(root) === decl; })) return false;
  return referencesTo(fn.body, decl as TS.VariableDeclaration & { name: TS.Identifier }).every((ref) => {
    if (enclosingFunction(ref) !== fn) return false;
    const parent = ref.parent;
    // Its own members and entries (`pairs.push(...)`, `pairs.length`, `pairs[0]`), or iterated (`for (const p of pairs)`).
    if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === ref) return true;
    return (ts.isForOfStatement(parent) || ts.isForInStatement(parent)) && parent.expression === ref;
  });
}

/**
 * State no handler explicit-handles can give a handle argument uses (takesHandleArgument): only tools
 * registered through a framework's own API (mcp-use's `tool({ name }, cb)`, mcp-lite's `tool(name,
 * { handler })`, FastMCP's `addTool()`; an xmcp tool file's default export), or only prompts and
 * resources, which take none. explicit-handles marks such state instead of rewriting it.
 */
function noHandleTaker(c: Collection, facts: SessionFacts): boolean {
  const users = facts.registrations.filter((r) => r.handler?.body && facts.usesOf(r.handler).collections.has(c));
  return users.length > 0 ? !users.some(takesHandleArgument) : XMCP_MODULE.test(facts.sourceFile.text);
}

/**
 * The kind of state a collection keeps, by its name; for a store of another module named for
 * nothing in particular (`host`), by the methods this code calls on it (`host.setSessionLevel(sid,
 * level)`: log levels; trial 30B).
 */
function collectionKind(c: Collection, holder: string | undefined): StateKind {
  const named = stateKind(holder ?? stateName(c));
  if (named !== 'data' || c.origin !== 'external') return named;
  for (const access of c.accesses) {
    const kind = ts.isCallExpression(access) ? stateKind(calleeName(access) ?? '') : 'data';
    if (kind !== 'data') return kind;
  }
  return named;
}

/**
 * Where every transport of the file is stateless (onlyStatelessTransports, and no SSE one): the
 * first read of the session id that falls back to a constant (`extra?.sessionId || 'default'`,
 * trial 40A). Such a transport gives no request a session id, so every caller gets the
 * constant as its key, and state kept under it is every caller's, on one instance too.
 */
function sharedFallbackKey(facts: SessionFacts): TS.BinaryExpression | undefined {
  const text = facts.sourceFile.text;
  // (A legacy SSE or WebSocket server transport beside it gives its clients a session id; a client's does not.)
  if (!onlyStatelessTransports(text) || !/(\|\||\?\?)\s*['"`]/.test(text) || usesSseTransport(text) || /\b\w*(SSE|WebSocket)\w*ServerTransport\b/.test(text)) return undefined;
  let found: TS.BinaryExpression | undefined;
  walk(facts.sourceFile, (n) => {
    if (found) return false;
    if (isFallback(n) && constantString(n.right) !== undefined && (facts.isSessionIdRead(n.left) || (ts.isIdentifier(unwrap(n.left)) && facts.isSessionId(n.left)))) found = n;
    return undefined;
  });
  return found;
}

/** Calls that only read or clear what a store keeps under a key (`getSession(id)`, `deleteSession(id)`). */
const LOOKS_UP_OR_CLEARS = /^(get|has|load|fetch|find|read|lookup|exists|delete|remove|clear|destroy|drop|evict|invalidate|expire)([A-Z]\w*)?$/;

/** Application state (carts, handles, counters, subscriptions) keyed by the MCP session id. */
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
    advice: ({ reasons, stateKind }) => {
      if (reasons?.includes('disk-state')) return DISK_FIX;
      if (reasons?.includes('instance-limit')) return INSTANCE_LIMIT_FIX;
      if (reasons?.includes('request-state')) return 'Key the entries by an id unique to each call (a UUID made when the call starts); no handle is needed, the call does not outlive its request.';
      return stateKind && STATE_KIND_ADVICE[stateKind];
    },
  },
  docs: `${SPEC}/basic`,
  // (And who the caller is, for a rate limit kept in memory under it: instanceLimits.)
  keywords: ['session', 'authinfo', 'requestinfo'],
  check(file, report) {
    // (No stateKind: STATE_KIND_TEXT's counter is a per-session one.)
    for (const { c, identity, at, module } of instanceLimits(file.facts)) {
      const who = `who the caller is (${codeSnippet(identity, 50)})`;
      const where = module ? `hands ${who} to ${calleeName(at as TS.CallExpression) ?? 'a function'}() of ${module}, which keeps a rate limit (${c.name}) under it in this process's memory` : `${c.name} is a rate limit kept in this process's memory under ${who}`;
      report({
        node: at,
        ...(module ? {} : { subject: c.name }),
        severity: 'warning',
        manual: true,
        reasons: ['instance-limit'],
        message: `${where}: the count is per instance, so behind N round-robin instances each caller gets N times the limit; keep the count in a shared store (Redis INCR with EXPIRE) under the caller's identity`,
      });
    }
    let fallback: TS.BinaryExpression | undefined | null;
    for (const c of file.facts.collections) {
      if (!isSessionState(c, file.facts)) continue;
      const scoped = requestScopedKey(c);
      if (scoped) {
        // Entries of one call (a pending answer, a gate's result): the session only told clients' equal request ids apart.
        report({ node: c.reportNode, subject: c.name, message: `${c.name} keeps entries for one call under the MCP session id with its request id (${scoped}); 2026-07-28 requests carry no session id, so two clients' calls with the same JSON-RPC id would share an entry: key it by an id unique to each call (a UUID made when the call starts)`, reasons: ['request-state'] });
        continue;
      }
      // A set of session ids taken from another collection (`watchersByUri.get(uri)`): that one names what it keeps.
      const ids = c.origin === 'declared' ? setOfSessionIds(c) : undefined;
      const kindId = collectionKind(c, ids?.holder);
      const kind = STATE_KIND_TEXT[kindId];
      // The credential a store of sessions is read for (`sessionManager.getSession(sid).accessToken`).
      const read = c.credentials ? ` (its ${c.credentials.join(', ')})` : '';
      // Used only on the 2025 path of code that speaks both eras: what it keeps for 2025 clients' sessions on purpose.
      const legacy = usedOnlyOnLegacyPath(c);
      if (legacy) {
        report({ node: c.reportNode, subject: c.name, stateKind: kindId, message: `${c.name} holds ${kind} keyed by the MCP session id, used only on the 2025 path of code that speaks both eras (${guardText(legacy.test, legacy.earlyReturn)}): 2026-07-28 requests never reach it; keep it behind that test`, ...keptOnLegacyPath(['session-state']) });
        continue;
      }
      // An imported helper handed the id (`setSessionOwner()`): what it keeps is behind it.
      // A store this code only looks up or clears by the id (a DELETE handler's cleanup, `delete store[sid]`) does not store here.
      const stores = c.origin !== 'external' || c.accesses.some((a) => (ts.isCallExpression(a) ? !LOOKS_UP_OR_CLEARS.test(calleeName(a) ?? '') : !ts.isDeleteExpression(a.parent)));
      const where = ids?.holder
        ? `the sets ${ids.holder} keeps under its own keys hold MCP session ids (${kind}), taken out here as ${c.name}`
        : ids?.sets
          ? `${c.name} keeps a set of MCP session ids under each ${ids.sets.key ?? 'of its own keys'} (${kind}), not keyed by them`
          : ids
          ? `${c.name} holds MCP session ids (which sessions are in${stateKind(c.name) === 'data' ? '' : `: ${kind}`})`
          : c.helper ? `hands the MCP session id to ${c.name}, which keeps ${kind} under it` : c.origin === 'external' ? `${stores ? 'stores' : 'looks up or clears'} ${kind}${read} under the MCP session id in ${c.name}` : c.keyedByTransport ? `${c.name} holds ${kind} keyed by the session's transport object (${codeSnippet(c.keyExpression ?? c.keyEvidence!, 40)}) rather than its id` : `${c.name} holds ${kind} keyed by the MCP session id`;
      // What the finding is about as its message opens with it (none where it opens with what the code does), and what it keeps.
      const judged = { ...(ids?.holder || c.helper || (!ids && c.origin === 'external') ? {} : { subject: c.name }), stateKind: kindId, reasons: ids && (ids.holder || !ids.sets) ? (['session-state', 'holds-session-ids'] as ReasonId[]) : c.keyedByTransport ? (['session-state', 'transport-keyed'] as ReasonId[]) : (['session-state'] as ReasonId[]) };
      // A store every instance reaches (Redis) is not lost across instances: the key is what goes.
      // The session's transport lives on one instance, and a per-request one is a new object on every request.
      const byTransport = c.keyedByTransport && (onlyStatelessTransports(file.facts.sourceFile.text) ? 'the transport here is made for each request, so no call finds what an earlier one left, even on one instance' : 'that object lives on one instance and, once transports are made per request (as 2026-07-28 needs), is a new one on every request, so no call finds what an earlier one left, even on one instance');
      const consequence = byTransport || (ids ? '2026-07-28 requests carry no session id to record, and what is recorded is lost or shared wrongly when calls reach other instances' : c.origin === 'external' ? '2026-07-28 requests carry no session id, so no call finds it again (or every client shares one entry)' : 'it is lost or shared wrongly when calls reach other instances');
      // A level set with logging/setLevel (which removed-feature reports): 2026-07-28 clients ask per request, and lose no state of theirs here.
      if (kindId === 'log-levels') {
        report({ node: c.reportNode, message: `${where}; 2026-07-28 removed logging/setLevel: each request asks for its own level in _meta["io.modelcontextprotocol/logLevel"] (no level, no logs), so nothing here is ever set for 2026-07-28 clients`, ...judged, severity: 'warning', manual: true });
        continue;
      }
      if (fallback === undefined) fallback = sharedFallbackKey(file.facts) ?? null;
      // (Not state keyed by the transport: no fallback key gives it one entry every caller shares.)
      const shared = !ids && c.origin === 'declared' && !c.keyedByTransport ? fallback : undefined;
      const today = shared && `every transport here is stateless (sessionIdGenerator: undefined), so no request has a session id, and ${codeSnippet(shared, 50)} gives every caller the same key: all callers share one entry today, even on one instance`;
      // Paths of files the server makes on this instance's disk (a directory per session, trial 77A B1): a store of the paths shares no file.
      const disk = ids ? undefined : localDiskPaths(c);
      if (disk) {
        report({ node: c.reportNode, message: `${where}: ${diskPaths(disk)}, so ${DISK_ADVICE} (${DISK_LOSS})${today ? `; ${today}` : ''}`, ...judged, reasons: ['session-state', 'disk-state'], ...(noHandleTaker(c, file.facts) ? { manual: true } : {}) });
        continue;
      }
      report({ node: c.reportNode, message: `${where}; ${today || consequence}`, ...judged, ...(noHandleTaker(c, file.facts) ? { manual: true } : {}) });
    }
    // What a map of session objects keeps beside the transport, read back by a later request.
    for (const c of file.facts.collections) {
      if (c.valueKind !== 'session-object' || !c.sessionKeyed || !isSessionMap(c) || usedOnlyOnLegacyPath(c)) continue;
      for (const { read, field } of keptFieldReads(c)) {
        const kindId = stateKind(field);
        const kind = STATE_KIND_TEXT[kindId];
        report({
          node: read,
          subject: read.getText(),
          stateKind: kindId,
          entryRead: { map: c.name, member: field },
          message: `${read.getText()} (${kind}) is read back from the session entry ${c.name} keeps under the MCP session id: a later request relies on what an earlier one left there, and 2026-07-28 requests carry no session id and may reach another instance, so a request has only what it brings`,
          reasons: ['session-state'],
        });
      }
    }
  },
};

const INSTANCE_LIMIT_FIX = "Keep the count in a shared store every instance reaches (Redis INCR with EXPIRE under the caller's identity), or let the gateway in front of the instances enforce the limit.";

/**
 * A module-level count or bucket tested against a limit (a rate limiter), not keyed by the MCP
 * session id: a count raised and tested (Collection.limits), or a member of an entry stepped and
 * tested (`b.tokens -= 1` after `if (b.tokens < 1) return false`: a token bucket, unlimitedStep's
 * other side).
 */
function instanceLimiter(c: Collection): boolean {
  if (c.origin !== 'declared' || c.sessionKeyed || c.valueKind !== 'data' || !isModuleVariable(c.decl)) return false;
  if (c.limits) return true;
  return c.accesses.some((a) => {
    const fn = enclosingFunction(a);
    return !!fn && lookupResultMembers(a).some(({ node }) => {
      const put = node.parent;
      const stepped = isStep(put) || (isAssignment(put) && put.left === node && put.operatorToken.kind !== ts.SyntaxKind.EqualsToken);
      return stepped && !unlimitedStep(put as TS.Expression, fn);
    });
  });
}

/** The parameter of `fn` a collection of `limiters` is keyed by in it, with that collection. */
function limiterKeyedBy(limiters: readonly Collection[], fn: TS.FunctionLikeDeclaration): Array<{ c: Collection; index: number }> {
  const found: Array<{ c: Collection; index: number }> = [];
  for (const c of limiters) {
    for (const a of c.accesses) {
      const key = accessKey(a);
      const named = key && ts.isIdentifier(unwrap(key)) ? resolveIdentifier(unwrap(key) as TS.Identifier) : undefined;
      const index = named && ts.isParameter(named) && named.parent === fn && enclosingFunction(a) === fn ? fn.parameters.indexOf(named) : -1;
      if (index >= 0) {
        found.push({ c, index });
        break;
      }
    }
  }
  return found;
}

/**
 * Rate limits an MCP server keeps in its own memory under who the caller is (trial 77B B8: a
 * token bucket per API key): a module-level limiter (instanceLimiter) a tool handler keys by the
 * caller's identity (identityKey: its authInfo, a header of the request other than the session's),
 * itself or through a function it hands the identity to, of this file or of another module of the
 * run (`take(apiKey)` of ratelimit.ts, reported at the call: that module is no MCP code). Each
 * instance counts apart; a count kept by the session id is session-state's own finding.
 */
function instanceLimits(facts: SessionFacts): Array<{ c: Collection; identity: TS.Node; at: TS.Node; module?: string }> {
  const found = new Map<Collection, { c: Collection; identity: TS.Node; at: TS.Node; module?: string }>();
  // (A stdio server is one process per client: there is no round robin to multiply the limit.)
  const handlers = servesStdioOnly(facts.sourceFile.text) ? [] : facts.registrations.flatMap((r) => (r.handler?.body && r.kind === 'tool' ? [r.handler] : []));
  if (handlers.length === 0) return [];
  const own = facts.collections.filter(instanceLimiter);
  const handlerAround = (n: TS.Node) => handlers.find((h) => n.pos >= h.pos && n.end <= h.end);
  // Keyed in a handler itself: `hits.set(extra.authInfo.clientId, used)`.
  for (const c of own) {
    for (const a of c.accesses) {
      const key = accessKey(a);
      const handler = key && handlerAround(a);
      const identity = handler && identityKey(key, handler);
      if (identity && !found.has(c)) found.set(c, { c, identity, at: c.reportNode });
    }
  }
  // Through a function a handler calls with the caller's identity: of this file, or imported.
  for (const handler of handlers) {
    walk(handler.body!, (n) => {
      if (!ts.isCallExpression(n) || n.arguments.length === 0) return undefined;
      const local = facts.callTarget(n);
      const imported = local || !facts.modules ? undefined : importedFunctionAt(n.expression, facts.modules.path, facts.modules.source);
      const fn = local ?? imported?.fn;
      if (!fn?.body || fn === handler) return undefined;
      const limiters = imported ? (facts.siblings?.get(imported.module.sourceFile) ?? moduleFacts(imported.module, facts.modules!.source)).collections.filter(instanceLimiter) : own;
      for (const { c, index } of limiterKeyedBy(limiters, fn)) {
        const identity = n.arguments[index] && identityKey(n.arguments[index], handler);
        if (identity && !found.has(c)) found.set(c, imported ? { c, identity, at: n, module: imported.module.path } : { c, identity, at: c.reportNode });
      }
      return undefined;
    });
  }
  return [...found.values()];
}

/**
 * Whether what a write leaves is there for a later request's read rather than this one's: the
 * write is in another function, or after the read (a history the read extends), or in a branch
 * that ends its request before the read (`if (tool === 'set_project') { session.projectId = ...;
 * return ... }`). A write on the read's own path (each branch of an if/else before it) is not.
 */
function leftForLater(write: TS.Node, read: TS.Node): boolean {
  const fn = enclosingFunction(write);
  if (fn !== enclosingFunction(read) || write.pos > read.pos) return true;
  for (let n: TS.Node | undefined = write.parent; n && n !== fn; n = n.parent) {
    const branch = n.parent && ts.isIfStatement(n.parent) && (n.parent.thenStatement === n || n.parent.elseStatement === n) ? n : ts.isCaseClause(n) ? n : undefined;
    if (!branch || (read.pos >= branch.pos && read.end <= branch.end)) continue;
    const last = ts.isCaseClause(branch) ? branch.statements[branch.statements.length - 1] : (branch as TS.Statement);
    if (last && endsByLeaving(last)) return true;
  }
  return false;
}

/** Members of a session entry that run the session, not application state: its transport and server, ids, times, timers. */
const ENTRY_BOOKKEEPING = /^(transports?|servers?|mcpServer|mcp|sessionId|id|eventStore|created|\w*(At|Time)|timer|timeout|interval|idleTimer|expires\w*|last\w*|(is)?(closed|closing|initialized|connected|active)|res|response|stream)$/;
/** The members that make an entry the session's own record: its transport or server. */
const ENTRY_TRANSPORT = /^(transports?|servers?|mcpServer)$/;

/**
 * The members a request reads from a session entry (`context.apiKey` after `context =
 * sessions[sid]`, `sessions.get(sid).cart`), other than the session's own running: one per member,
 * at its first read. Only for entries that are the session's record (a transport or server is read
 * from them too): a map of session data alone is the session-map finding's.
 */
function keptFieldReads(c: Collection): Array<{ read: TS.Node; field: string }> {
  const members = entryMembers(c);
  const record = members.some((m) => ENTRY_TRANSPORT.test(m.field));
  // An entry of the application's own, without the transport (a hand-written endpoint's session
  // object): a field one request sets after the lookup (`session.projectId = ...`) and another
  // reads, in another branch or function (trial 31A: SOLARIA's project scope).
  const writes = members.filter((m) => !m.read && isAssignment(m.node.parent) && (m.node.parent as TS.BinaryExpression).left === m.node);
  const setElsewhere = (m: { node: TS.Node; field: string }) => writes.some((w) => w.field === m.field && leftForLater(w.node, m.node));
  if (!record && writes.length === 0) return [];
  const found = new Map<string, TS.Node>();
  for (const m of members) if (m.read && !ENTRY_BOOKKEEPING.test(m.field) && !found.has(m.field) && (record || setElsewhere(m))) found.set(m.field, m.node);
  return [...found].map(([field, read]) => ({ read, field })).sort((a, b) => a.read.pos - b.read.pos);
}
