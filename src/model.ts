/**
 * The one data model shared by `scan`, `report`, `check` and `fix`.
 *
 * A `Finding` is language-neutral: TypeScript rules, deployment-config rules and (later) Python
 * rules all produce the same shape, and every reporter and the baseline consume only this shape.
 */

import type { StateKind } from './analysis/state-kind.js';

export type Severity = 'error' | 'warning' | 'info';

/** Ordered from least to most severe; index comparisons implement `--fail-on`. */
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'error'];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** JSON `category` values. Stable ids: they are part of the versioned output schema. */
export const CATEGORY_IDS = [
  'session-header',
  'initialize-gate',
  'session-map',
  'session-state',
  'shared-server',
  'sse-legacy',
  'stateful-tool',
  'sticky-lb-config',
  'long-running-tool',
  'deprecated-feature',
  'removed-feature',
  'oauth-iss',
  'custom-capability',
  'protocol-pin',
] as const;

export type CategoryId = (typeof CATEGORY_IDS)[number];

export interface CategoryInfo {
  id: CategoryId;
  title: string;
  /** What a finding in this category means for a 2026-07-28 deployment. */
  summary: string;
}

export const CATEGORIES: Record<CategoryId, CategoryInfo> = {
  'session-header': {
    id: 'session-header',
    title: 'Mcp-Session-Id header',
    summary: 'Reads, writes, echoes or CORS-lists the Mcp-Session-Id header, which 2026-07-28 removed.',
  },
  'initialize-gate': {
    id: 'initialize-gate',
    title: 'Initialize handshake',
    summary: 'Depends on the initialize handshake or on a sessionful transport; 2026-07-28 has no handshake.',
  },
  'session-map': {
    id: 'session-map',
    title: 'Session-keyed transport/server maps',
    summary: 'Keeps transports, servers or session objects in memory keyed by session id; another instance cannot see them.',
  },
  'session-state': {
    id: 'session-state',
    title: 'Session-keyed application state',
    summary: 'Keeps application state (carts, handles, counters, subscriptions) keyed by the MCP session id.',
  },
  'shared-server': {
    id: 'shared-server',
    title: 'Server shared across requests',
    summary: 'Serves every request through one server or one transport built once: a server holds one connection at a time, and a transport serves one session or, stateless, one request.',
  },
  'sse-legacy': {
    id: 'sse-legacy',
    title: 'Legacy HTTP+SSE transport',
    summary: 'Uses the deprecated HTTP+SSE transport, which is sessionful by design and cannot serve 2026-07-28.',
  },
  'stateful-tool': {
    id: 'stateful-tool',
    title: 'Stateful tools',
    summary: 'Tool, prompt or resource handlers that need the same instance across calls.',
  },
  'sticky-lb-config': {
    id: 'sticky-lb-config',
    title: 'Sticky load balancing',
    summary: 'Load-balancer or platform configuration that pins a client to one instance.',
  },
  'long-running-tool': {
    id: 'long-running-tool',
    title: 'Long-running tools and tasks',
    summary: 'Streams progress or uses the removed core tasks; long work belongs on the Tasks extension.',
  },
  'deprecated-feature': {
    id: 'deprecated-feature',
    title: 'Deprecated Roots, Sampling, Logging',
    summary: 'Uses a feature deprecated in 2026-07-28 (earliest removal in the first revision on or after 2027-07-28).',
  },
  'removed-feature': {
    id: 'removed-feature',
    title: 'Removed protocol features',
    summary: 'Uses a method or mechanism that 2026-07-28 removed outright (ping, logging/setLevel, resources/subscribe, resumability).',
  },
  'oauth-iss': {
    id: 'oauth-iss',
    title: 'OAuth issuer validation',
    summary: 'Redeems an OAuth authorization code without validating the callback `iss` (RFC 9207, SEP-2468).',
  },
  'custom-capability': {
    id: 'custom-capability',
    title: 'Custom capabilities',
    summary: 'Declares custom capability keys outside `capabilities.extensions`.',
  },
  'protocol-pin': {
    id: 'protocol-pin',
    title: '2025-only protocol pins',
    summary: 'Pins or compares protocol versions to 2025-era revisions only.',
  },
};

/**
 * Why a finding holds, as stable ids (JSON `reasons`), where one rule reports several kinds of
 * thing that call for different next steps: reports and fix advice tell them apart by these.
 * stateful-tool, session-state and session-map give them, and any finding kept on purpose on the 2025 path of
 * code that speaks both eras carries `legacy-path` (keptOnLegacyPath). Rules that give none
 * choose their advice from their own messages (RuleFix.advice).
 */
export const REASON_IDS = [
  /** Reads or writes state keyed by the MCP session id. */
  'session-state',
  /** Keeps entries for one call under the session id and the request id. */
  'request-state',
  /** Depends on the MCP session id itself. */
  'session-id',
  /** Compares the session id with a recorded owner. */
  'session-owner',
  /** Records the session id (as an owner, say). */
  'session-record',
  /** Looks up who the caller is (a user, their scopes) by the session id. */
  'session-identity',
  /** Keeps a browser page in this instance's memory across calls. */
  'browser-state',
  /** State made with the server, or a module-level setting tools share: it lasts as long as this instance. */
  'server-state',
  /** Keeps a running process (a child process, a worker) one call starts and another uses: no shared store can hold it. */
  'process-state',
  /** Keeps an open database connection or transaction one call opens and another uses: no shared store can hold it. */
  'connection-state',
  /** Beside session-state: paths of files or directories the server makes on this instance's disk (mkdtemp, mkdir): a shared store of the paths does not share the files. */
  'disk-state',
  /** Beside session-state: keyed by the session's transport object rather than its id: a transport made per request is a new object on every request, so nothing would be found again, even on one instance. */
  'transport-keyed',
  /** A rate limit kept in this instance's memory under who the caller is (its authInfo, an API-key header): each instance counts apart, so behind N instances the limit is N times what it says. */
  'instance-limit',
  /** Sends a server→client request mid-call (elicitation, sampling, roots). */
  'server-request',
  /** Beside server-request: asks only where the handshake said the client may be asked, and elsewhere goes on as if it had agreed (a confirmation skipped). */
  'unasked',
  /** Changes the tool, prompt or resource lists at run time. */
  'dynamic-list',
  /** Pushes to the client from a timer. */
  'timer-push',
  /** Pushes to the client from an event listener. */
  'listener-push',
  /** Pushes a notification from a handler, not on the call's own stream: through the server (a resource update, a log message), or to other sessions' transports. */
  'server-push',
  /** Uses an McpAgent's per-session Durable Object state. */
  'agent-state',
  /** Reads the props an McpAgent bound when its session started (this.props: its auth, say). */
  'agent-props',
  /** A tools/prompts/resources list handler (its result must not vary per session). */
  'list-handler',
  /** A handler that reads one resource or prompt (resources/read, prompts/get, a resource's or prompt's callback): it takes no handle, its URI or name is the key. */
  'read-handler',
  /** Kept on purpose on the 2025 path of code that speaks both eras: nothing to do for 2026-07-28 clients. */
  'legacy-path',
  /** One server connected to a new transport in every request (shared-server). */
  'connect-per-request',
  /** One server connected to the new transport of every client stream (an SSE stream, shared-server). */
  'connect-per-stream',
  /** One stateless transport every request goes through, or every request of one key (shared-server): the v2 packages refuse to reuse it. */
  'reused-transport',
  /** Beside a session-map finding: the map holds what serves the sessions (transports, servers or server instances), not their data. Not on a map nothing fills (never-filled). */
  'holds-transports',
  /** Beside a session-map finding: the map holds session objects (a transport with what the application keeps beside it). Not on a map nothing fills (never-filled). */
  'holds-session-objects',
  /** Beside a session-state finding: what it keeps is the MCP session ids themselves (which sessions are in), not data under them. */
  'holds-session-ids',
  /** Beside a session-map finding: nothing fills the map (in its file, or the modules that import it), so it holds nothing. */
  'never-filled',
  /** Beside server-state or browser-state (stateful-tool): the state lasts as long as the server the tool is registered on (made with it, kept under it or on it), one request once servers are built per request. */
  'lasts-with-server',
  /** Beside session-id (stateful-tool): the handler keeps or looks something up by the session id (a store's entry, a file), which every caller shares once requests carry none. */
  'kept-by-id',
] as const;

export type ReasonId = (typeof REASON_IDS)[number];

/**
 * Reasons that say more of another reason a finding has, or of what its rule found (what a session
 * map holds, how long a tool's state lasts), not a kind of thing to do of their own: a baseline that
 * accepted the finding accepts them, and they are not counted as one more reason.
 */
export const DETAIL_REASONS: ReadonlySet<ReasonId> = new Set<ReasonId>(['holds-transports', 'holds-session-objects', 'holds-session-ids', 'never-filled', 'lasts-with-server', 'kept-by-id']);

export interface Finding {
  ruleId: string;
  category: CategoryId;
  severity: Severity;
  /** Relative to the scanned root, `/`-separated. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  /** The source line(s) of the finding, trimmed. */
  snippet: string;
  /** The tool/prompt/resource the finding is about, when there is one. */
  tool?: string;
  /** Id of the `mcp-migrate fix` codemod that rewrites this finding, when this version has one. */
  fix?: string;
  /**
   * For stateful-tool findings: the per-session state the tool reads or writes; for shared-server
   * findings: the server, transport or getter shared (the name fix gives when it holds a package back).
   */
  state?: string[];
  /** Why the finding holds, where its rule tells kinds apart (stateful-tool, session-state, session-map, a 2025 path kept on purpose): see REASON_IDS. */
  reasons?: ReasonId[];
  /**
   * The code the finding is about, as its message opens with it: for session-map findings the map
   * (`transports`), for session-state findings the collection (`carts`), where the message opens
   * with it. Fix reads this, never the message's words.
   */
  subject?: string;
  /** For session-state findings: the kind of state the rule judged it to be (the message names it, STATE_KIND_TEXT). */
  stateKind?: StateKind;
  /**
   * For session-state findings on a member read back from a session map's record (`visit.picks
   * (...) is read back from the session entry visits keeps ...`): the map and the member. Fix reads
   * this, never the message's words.
   */
  entryRead?: { map: string; member: string };
  /**
   * For stateful-tool findings that depend on the session id (the kept-by-id reason): the code that
   * keeps something by it, as the message names it (`cartFor(extra.sessionId!)`). Fix reads this,
   * never the message's words.
   */
  keptBy?: string[];
}

export interface ScanError {
  /** Relative to the scanned root when inside it; absolute otherwise. */
  file: string;
  message: string;
}

/**
 * Something said of a file the scan read whole, which is no error: a file that is text but not
 * valid UTF-8, read as Latin-1 and scanned (trial 67B B3). Check does not fail for it.
 */
export interface ScanNote {
  /** Relative to the scanned root when inside it; absolute otherwise. */
  file: string;
  message: string;
}

export interface UnusedSuppression {
  file: string;
  line: number;
  /** The id the suppression names (a rule, a category or `all`). */
  ruleId: string;
  /** The id names no rule or category (a typo): nothing can ever match it. */
  unknown?: true;
}

export interface ScanSummary {
  filesMatched: number;
  filesScanned: number;
  /** Of those, TypeScript/JavaScript sources (the rest is deployment config). */
  codeFilesScanned: number;
  filesParsed: number;
  filesSkipped: number;
  findings: number;
  suppressed: number;
  bySeverity: Record<Severity, number>;
  byCategory: Partial<Record<CategoryId, number>>;
  /**
   * MCP server files on @modelcontextprotocol/sdk v1 (they import its server modules): v1 speaks
   * 2025 revisions only, so such a server needs the v2 packages for 2026-07-28 even when it is
   * stateless (`fix --target 2026-07-28`).
   */
  sdkV1ServerFiles: number;
  durationMs: number;
}

export const SCHEMA_VERSION = 1;

export interface ScanResult {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: string; version: string };
  /** Absolute path of the scanned root, `/`-separated. */
  root: string;
  findings: Finding[];
  summary: ScanSummary;
  errors: ScanError[];
  /** Notes on files scanned whole (ScanNote), in the order they were read: present only when there is one. */
  notes?: ScanNote[];
  unusedSuppressions: UnusedSuppression[];
  /** Files skipped as bundles (MCP code with very long lines, a bundler's or a compiler's output), relative to the root: counted in summary.filesSkipped. */
  skipped: string[];
  /**
   * The files summary.sdkV1ServerFiles counts, relative to the root and sorted: in a monorepo, which
   * packages still import the server API of SDK v1 (trial 28A). Set by every scan; optional for
   * results made otherwise.
   */
  sdkV1Files?: string[];
  /**
   * Set by `check` only: its verdict, and what the baseline accepted (trial 30A: the counts went to
   * stderr alone). `findings` and `summary` then hold the new findings only.
   */
  check?: CheckVerdict;
}

/** What `check` decided: `passed` is its exit code 0. */
export interface CheckVerdict {
  passed: boolean;
  failOn: Severity | 'none';
  /** New findings at or above failOn (what fails the check). */
  failing: number;
  /** Code files the check was to read and could not (over --max-file-size, unreadable): the check fails with exit 2. */
  unread?: string[];
  /** With a baseline: its file as given, and how the findings of this run compare with it. */
  baseline?: { file: string; accepted: number; new: number; stale: number; notChecked: number };
}

/** The counts a summary gives for a list of findings (categories in CATEGORY_IDS order). */
export function countFindings(findings: readonly Finding[]): Pick<ScanSummary, 'findings' | 'bySeverity' | 'byCategory'> {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const counts: ScanSummary['byCategory'] = {};
  for (const f of findings) {
    bySeverity[f.severity]++;
    counts[f.category] = (counts[f.category] ?? 0) + 1;
  }
  const byCategory: ScanSummary['byCategory'] = {};
  for (const id of CATEGORY_IDS) if (counts[id]) byCategory[id] = counts[id];
  return { findings: findings.length, bySeverity, byCategory };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

/** The tool a finding is about, when its message does not already name it (reporters append it). */
export function unnamedTool(finding: Pick<Finding, 'tool' | 'message'>): string | undefined {
  return finding.tool !== undefined && !finding.message.includes(`"${finding.tool}"`) ? finding.tool : undefined;
}
