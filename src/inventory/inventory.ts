/**
 * The migration inventory: what the Markdown and HTML reports show, computed once from a scan
 * result and the project analysis. Reporters only lay it out.
 */
import { CATEGORIES, CATEGORY_IDS, type CategoryId, type Finding, type ScanResult, type Severity } from '../model.js';
import { normaliseCode } from '../fingerprint.js';
import { adviceFor } from '../rules/index.js';
import { stateKind, takesHandle } from '../analysis/state-kind.js';
import { handleNameFor, mintingToolFor } from './handles.js';
import { compareVersions, floorOf, type ProjectInfo } from './project.js';

export type Status = 'done' | 'todo' | 'partial' | 'n/a';

export interface ChecklistItem {
  week: string;
  step: string;
  status: Status;
  detail: string;
}

export interface ToolRow {
  tool: string;
  file: string;
  line: number;
  dependsOn: string;
  handle?: string;
  mintedBy?: string;
  /** How `fix` treats it: rewritten, marked for a person, or not touched. */
  fix: 'explicit-handles' | 'marker' | 'manual';
  /** With a fix preview, the state explicit-handles moves under the handle where the tool is still left for the rest (a counter beside a cart). */
  rewritten?: string[];
}

export interface CategoryCount {
  id: CategoryId;
  title: string;
  summary: string;
  counts: Record<Severity, number>;
  total: number;
  fixable: number;
}

export interface Inventory {
  result: ScanResult;
  project: ProjectInfo;
  date: string;
  /** The checklist's heading, which depends on the date (see checklistTitle). */
  checklistTitle: string;
  categories: CategoryCount[];
  tools: ToolRow[];
  checklist: ChecklistItem[];
  fixable: number;
  availableCodemods: ReadonlySet<string>;
  preview?: FixPreview;
}

/** The date shown in reports: today, or SOURCE_DATE_EPOCH for reproducible output. */
export function reportDate(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const date = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  return date.toISOString().slice(0, 10);
}

/** The day revision 2026-07-28 went GA. */
const GA = '2026-07-28';

/** Whether a report's date (YYYY-MM-DD) is before GA. */
function beforeGa(date: string): boolean {
  return date < GA;
}

/**
 * What the report means by the kill test, said under its checklist where the server is served over
 * HTTP (trial 64C: the report named it and never said; review 82: not for stdio only).
 */
export const KILL_TEST = 'The kill test: run two or more instances behind a plain round-robin load balancer (no stickiness), drive a multi-step flow with a client that sends no Mcp-Session-Id (a 2026-07-28 client), and stop one instance in the middle of it: every step must still succeed.';

/** The checklist's heading: the weeks left before GA, or, from GA on, a plain title (a plan, not a countdown). */
export function checklistTitle(date: string): string {
  if (!beforeGa(date)) return 'Migration checklist';
  const weeks = Math.ceil((Date.parse(GA) - Date.parse(date)) / (7 * 86_400_000));
  return `Checklist: ${weeks === 1 ? 'one week' : `${weeks} weeks`} to GA (${GA})`;
}

/**
 * What `fix` would do, measured by running it as a dry run: the findings left afterwards and the
 * files it would mark. Reports use it instead of guessing from rule metadata.
 */
export interface FixPreview {
  remaining: Finding[];
  /** Files (relative to the root) in which the run would leave a TODO(mcp-migrate) marker. */
  markedFiles: Set<string>;
  /** The tool that mints each handle once the run is done, by file and handle (mintingToolKey): what the tools table names (review 91 point 7). */
  mintingTools?: Map<string, string>;
}

/** mintingTools' key: the file (relative to the root) and the handle. */
function mintingToolKey(file: string, handle: string): string {
  return `${file}\0${handle}`;
}

/**
 * The tools that mint handles once a fix run is done, by file and handle, read from its changes as
 * explicit-handles words them (`added tool new_basket, which mints basket_id`, or `create_cart
 * mints basket_id (it already created carts)` for a tool of the file's own): the name fix took
 * where `create_basket` was registered already (freeMintingToolName), which the report must name
 * too (review 91 point 7: it planned `create_basket`, and fix added `new_basket`).
 */
export function mintingToolsOf(files: ReadonlyArray<{ file: string; changes: ReadonlyArray<{ description: string }> }>): Map<string, string> {
  const found = new Map<string, string>();
  for (const f of files) {
    for (const change of f.changes) {
      const minted = /^added tool (\S+), which mints (\S+)$/.exec(change.description) ?? /^(\S+) mints (\S+) \(it already created /.exec(change.description);
      if (minted && !found.has(mintingToolKey(f.file, minted[2]))) found.set(mintingToolKey(f.file, minted[2]), minted[1]);
    }
  }
  return found;
}

/**
 * What the tools table calls a finding's handler: the tool, or a low-level handler by its method
 * (`(tools/call handler)`), or the helper every tool may reach that asks the client
 * (`(in Elicitation.confirm)`, also for a request sent by hand: `request(roots/list) sends ...`);
 * undefined for a finding that names none of them (it gets no row).
 */
function toolLabel(finding: Finding): string | undefined {
  if (finding.tool !== undefined) return finding.tool;
  const method = /^The (\S+) handler /.exec(finding.message)?.[1];
  if (method) return `(${method} handler)`;
  const helper = /^\w+\([^)]*\) sends a server→client request mid-call in ([\w$.]+)/.exec(finding.message)?.[1];
  return helper ? `(in ${helper})` : undefined;
}

function toolRow(finding: Finding, tool: string, availableCodemods: ReadonlySet<string>, preview?: FixPreview): ToolRow {
  const state = finding.state ?? [];
  // Only state that takes a handle gets one proposed (not counters, credentials, the client's identity, an OAuth flow).
  // A list handler takes no argument of the application's: its list must not vary per session at all.
  const reasons = finding.reasons ?? [];
  const listHandler = reasons.includes('list-handler');
  const handles = listHandler ? [] : state.filter((s) => takesHandle(stateKind(s))).map(handleNameFor);
  const handle = handles[0];
  const serverRequest = reasons.includes('server-request');
  const dynamic = reasons.includes('dynamic-list') || reasons.includes('timer-push');
  const counters = state.length > 0 && state.every((s) => stateKind(s) === 'counter');
  const dependsOn = finding.message.replace(/^(Tool|Prompt|Resource|Handler) ("[^"]*"|for \S+) |^The \S+ handler /, '');
  // Left after the run for part of its state only: the rest was moved (trial 19C, the sample's add_item).
  const left = preview?.remaining.find((r) => r.category === 'stateful-tool' && r.file === finding.file && r.tool === finding.tool);
  const rewritten = left ? state.filter((s) => !(left.state ?? []).includes(s) && takesHandle(stateKind(s))) : [];
  return {
    // A low-level handler has no tool name: its method says which (`(tools/call handler)`).
    tool,
    file: finding.file,
    line: finding.line,
    dependsOn,
    ...(rewritten.length > 0 && left?.state?.length ? { rewritten } : {}),
    handle,
    mintedBy: handle ? (preview?.mintingTools?.get(mintingToolKey(finding.file, handle)) ?? mintingToolFor(handle)) : undefined,
    fix: preview
      ? !preview.remaining.some((r) => r.category === 'stateful-tool' && r.file === finding.file && r.tool === finding.tool)
        ? 'explicit-handles'
        : preview.markedFiles.has(finding.file)
          ? 'marker'
          : 'manual'
      : !availableCodemods.has('explicit-handles')
        ? 'manual'
        : handle && !serverRequest && !dynamic
          ? 'explicit-handles'
          : serverRequest || dynamic || counters
            ? 'marker'
            : 'manual',
  };
}

/** State a tool keeps in this instance's memory with no session key: a browser page, state made with the server, a module-level setting (or a Map's entry as one). */
function inMemoryState(finding: Finding): boolean {
  return !finding.state?.length && !!finding.reasons?.some((r) => r === 'browser-state' || r === 'server-state');
}

/** Web frameworks a project may use for other things than MCP (a Socket.IO bridge, an admin page). */
const GENERIC_WEB_STYLES = new Set(['express', 'hono', 'fastify', 'koa', 'node:http', 'Next.js', 'NestJS', 'Workers / web-standard']);

/**
 * MCP served over stdio alone: every MCP transport found is stdio, and nothing that serves MCP
 * over HTTP (FastMCP, mcp-handler, McpAgent, ...) is among the styles; a web framework beside it
 * serves something else. One process per client: no gateway, no load balancer.
 */
export function servedOverStdioOnly(project: ProjectInfo): boolean {
  return project.transports.length > 0 && project.transports.every((t) => t === 'stdio') && project.serverStyles.every((style) => GENERIC_WEB_STYLES.has(style));
}

/** The findings of a category (`info: false`: less its info findings, which ask for no change). */
function count(findings: Finding[], category: CategoryId, options: { info?: boolean } = {}): number {
  return findings.filter((f) => f.category === category && (options.info !== false || f.severity !== 'info')).length;
}

/**
 * Whether what stands between a client and the server lets the 2026-07-28 headers through: a CORS
 * list or proxy config that names them (outside comments), or a CORS wildcard, which admits any
 * header on a request without credentials (not `Authorization`, which must be listed by name).
 */
function routingHeaders(project: ProjectInfo, stdioOnly: boolean): Pick<ChecklistItem, 'status' | 'detail'> {
  if (project.mentionsRoutingHeaders) return { status: 'done', detail: 'Mcp-Method and Mcp-Name appear in code or config' };
  if (stdioOnly) return { status: 'n/a', detail: 'served over stdio only: no HTTP gateway or browser in between' };
  switch (project.headerFilters) {
    case 'none':
      return { status: 'n/a', detail: 'no CORS headers or proxy config found: nothing in the project filters request headers (a gateway configured elsewhere must pass Mcp-Method and Mcp-Name)' };
    case 'wildcard':
      return { status: 'done', detail: 'Access-Control-Allow-Headers: * admits Mcp-Method and Mcp-Name on requests without credentials (not Authorization, which a wildcard never covers)' };
    case 'reflected':
      return { status: 'done', detail: 'a CORS middleware with no header list answers each preflight with the headers the browser asks for, Mcp-Method and Mcp-Name among them' };
    case 'wildcard-with-credentials':
      return { status: 'todo', detail: 'Access-Control-Allow-Headers: * with credentials allowed: browsers then admit no header by the wildcard; list Mcp-Method, Mcp-Name and MCP-Protocol-Version by name' };
    default:
      return { status: 'todo', detail: 'no CORS list or proxy config mentions Mcp-Method and Mcp-Name yet' };
  }
}

/** Rules of other categories whose findings are the transport's: McpAgent's routing, an event store. */
const TRANSPORT_RULES: readonly string[] = ['mcp-agent-serve', 'event-store'];

/** Session-keyed application state: what the handles row counts. */
function isStateFinding(x: Finding): boolean {
  return x.category === 'session-state' && x.severity !== 'info' && !TRANSPORT_RULES.includes(x.ruleId);
}

/** The handles row's detail for session-keyed state: credentials and counters take no handle, they say so. */
function stateDetail(state: readonly Finding[]): string {
  const kinds = state.map((x) => x.stateKind);
  const handles = kinds.filter((k) => k === undefined || takesHandle(k)).length;
  const other = state.length - handles;
  const rest = other > 0 ? `${handles > 0 ? '; ' : ''}${other} piece(s) of credentials, counters or client identity kept by session, which take no handle: read them from each request or key them by the principal` : '';
  return `${handles > 0 ? `${handles} piece(s) of session-keyed state to give explicit handles` : ''}${rest}; see "Findings by category"`;
}

function checklist(result: ScanResult, project: ProjectInfo, tools: ToolRow[], date: string): ChecklistItem[] {
  // Served over stdio only (no HTTP transport, no web server style seen): nothing sits between the client and the process.
  const stdioOnly = servedOverStdioOnly(project);
  const f = result.findings;
  const items: ChecklistItem[] = [];
  items.push({ week: 'Week 1', step: 'Inventory of stateful assumptions', status: 'done', detail: `${f.length} finding(s) in ${result.summary.filesScanned} scanned file(s)` });
  const stateTools = tools.filter((t) => t.handle);
  // Information (an McpAgent that keeps nothing of its own) is no state to give a handle, nor is an
  // event store (the transport's replay buffer, which goes with the transport: its row below).
  const stateFindings = f.filter(isStateFinding).length;
  // Tools that keep state in this instance's memory with no session key (a module-level browser
  // page, state made with the server): a handle is their fix too.
  const memoryTools = f.filter((x) => x.category === 'stateful-tool' && inMemoryState(x));
  items.push({
    week: 'Week 2',
    step: 'Explicit handles minted and documented in tool schemas',
    status: stateFindings === 0 && stateTools.length === 0 && memoryTools.length === 0 ? 'done' : 'todo',
    detail:
      stateFindings === 0 && stateTools.length === 0 && memoryTools.length === 0
        ? // Not a proof: what the scan does not follow is in the README's limits.
          `no session-keyed or in-memory application state found (not followed: state in a module the run leaves out, behind a package's store or in objects of the application's own classes made with each server${stdioOnly ? '' : '; the kill test proves it'})`
        : stateTools.length > 0
          ? `${stateTools.length} tool(s) need a handle (${[...new Set(stateTools.map((t) => t.handle))].join(', ')}); see "Stateful tools" above`
          : stateFindings > 0
            ? stateDetail(f.filter(isStateFinding))
            : `${memoryTools.length} finding(s) of state kept in this instance's memory across calls (a browser page, state made with the server, a module-level setting or map entry): keep it in a shared store under a handle the tools take; see "Stateful tools" above`,
  });
  // Handlers that ask the client mid-call (on the 2025 path only: info, nothing to do).
  const asking = f.filter((x) => x.category === 'stateful-tool' && x.severity !== 'info' && x.reasons?.includes('server-request')).length;
  items.push({
    week: 'Week 2',
    step: 'Requests to the client mid-call (elicitation, sampling, roots) turned into input_required results',
    status: asking === 0 ? 'done' : 'todo',
    detail: asking === 0 ? 'no handler asks the client mid-call' : `${asking} handler(s) still ask the client mid-call, which 2026-07-28 has no stream for; see "Stateful tools" above`,
  });
  let sdkStatus: Status;
  let sdkDetail: string;
  if (project.sdk === 'v2') {
    sdkStatus = 'done';
    sdkDetail = 'on the v2 packages, whose createMcpHandler serves 2026-07-28';
  } else if (project.sdk === 'v1' || project.sdk === 'v1+v2') {
    // What serves 2026-07-28 on the v2 packages: serveStdio for a server on stdio alone.
    const v2Entry = stdioOnly ? 'serveStdio' : 'createMcpHandler';
    // 1.10.0 and 1.10.1 have stateless mode, and answer every request but initialize 400 in it (trial 36C B2).
    const statelessCapable = project.v1Floor ? compareVersions(project.v1Floor, '1.10.2') >= 0 : false;
    const brokenStateless = !!project.v1Floor && !statelessCapable && compareVersions(project.v1Floor, '1.10.0') >= 0;
    // Only the v2 packages speak 2026-07-28: a project on v1 alone has none of this step done, whatever its v1 serves.
    sdkStatus = project.sdk === 'v1+v2' ? 'partial' : 'todo';
    // Only through a host (FastMCP): its own version, not the SDK's, decides what it can serve.
    const hosted = project.v1Floor === undefined && project.packages.some((p) => p.v1Hosts.length > 0);
    // A caret range of 1.x below 1.10 may install a later 1.x: the floor is what it promises. A 0.x
    // range never reaches 1.x (^0.5.0 is below 0.6.0).
    const floors = project.packages.flatMap((p) => {
      const range = p.mcp['@modelcontextprotocol/sdk'];
      const floor = range === undefined ? undefined : floorOf(range);
      return floor === undefined ? [] : [{ range, floor }];
    });
    const belowTen = floors.filter((f) => compareVersions(f.floor, '1.10.0') < 0);
    const belowOne = belowTen.filter((f) => compareVersions(f.floor, '1.0.0') < 0);
    const caret = belowTen.some((f) => /^\^1\./.test(f.range));
    const v1Says = stdioOnly
      ? 'v1 serves 2025 clients over stdio'
      : statelessCapable
        ? 'v1 can serve 2025 clients statelessly'
        : brokenStateless
          ? 'v1 1.10.0 and 1.10.1 answer every stateless request but initialize 400 "Server not initialized", even on one instance: raise the SDK to ^1.10.2 or later (fix does where the code builds stateless transports)'
          : belowOne.length > 0
          ? `The SDK below 1.0 (${belowOne.map((f) => f.range).join(', ')}) has no Streamable HTTP at all: upgrade to 1.10 or later first${caret ? ' (and raise the ^1.x floors below 1.10 to ^1.10.2)' : ''}`
          : caret
            ? `v1 below 1.10 has no stateless Streamable HTTP (the caret range may install a later 1.x: raise its floor to ^1.10.2 to be sure)`
            : 'v1 below 1.10 has no stateless Streamable HTTP';
    sdkDetail = hosted
      ? `${project.sdkSummary}. It serves 2025 clients only; only the v2 packages (${v2Entry}) speak 2026-07-28`
      : `${project.sdkSummary}. ${v1Says}; only the v2 packages (${v2Entry}) speak 2026-07-28`;
  } else {
    const untold = project.packages.flatMap((p) => p.untold ?? []);
    // A framework named for MCP that is not installed may bring the SDK: install, then report again.
    sdkStatus = untold.length > 0 ? 'todo' : 'n/a';
    sdkDetail = untold.length > 0 ? `${project.sdkSummary}: install the dependencies and run report again to tell the SDK` : 'no MCP SDK dependency found in package.json files';
  }
  items.push({ week: 'Week 2', step: 'SDK on a stateless-capable version', status: sdkStatus, detail: sdkDetail });
  // Errors only: a warning there (an analytics hook, a handshake read) asks for care, not for the transport's rewrite.
  // The detail counts both, so that its numbers add up to the table's per category.
  // McpAgent's serve() is a transport too: a Durable Object per session (filed with sticky routing).
  const transportCategories: readonly string[] = ['session-map', 'initialize-gate', 'session-header', 'sse-legacy', 'shared-server'];
  const ofTransport = f.filter((x) => transportCategories.includes(x.category) || TRANSPORT_RULES.includes(x.ruleId));
  // The categories (and those rules) some of them are in, in the order above.
  const order = (name: string) => (transportCategories.includes(name) ? transportCategories.indexOf(name) : transportCategories.length);
  const where = (findings: Finding[]) => [...new Set(findings.map((x) => (TRANSPORT_RULES.includes(x.ruleId) ? x.ruleId : x.category)))].sort((a, b) => order(a) - order(b)).join(', ');
  const errors = ofTransport.filter((x) => x.severity === 'error');
  const others = ofTransport.filter((x) => x.severity !== 'error');
  const warnings = others.filter((x) => x.severity === 'warning').length;
  const infos = others.length - warnings;
  const care = others.length === 0 ? '' : `${[warnings > 0 ? `${warnings} warning(s)` : '', infos > 0 ? `${infos} info` : ''].filter(Boolean).join(' and ')} in ${where(others)} (not blocking)`;
  items.push({
    week: 'Week 3',
    step: 'Transports stateless: no session maps, initialize gates, session header or SSE; a server per request',
    status: errors.length === 0 ? 'done' : 'todo',
    detail:
      errors.length === 0
        ? care
          ? `no error; ${care}`
          : 'none found'
        : `${errors.length} error(s) in ${where(errors)}${care ? `; besides, ${care}` : ''}`,
  });
  items.push({ week: 'Week 3', step: 'Gateway routing and CORS on Mcp-Method / Mcp-Name', ...routingHeaders(project, stdioOnly) });
  // Info findings of the category (a service capped at one instance for its in-memory sessions,
  // single-instance) are no sticky routing: to scale out afterwards.
  const sticky = count(f, 'sticky-lb-config', { info: false });
  const caps = count(f, 'sticky-lb-config') - sticky;
  const scaleOut = caps > 0 ? `; ${caps} service(s) kept on one instance for in-memory sessions, to scale out once the servers keep no per-instance state` : '';
  items.push({ week: 'Week 3', step: 'Sticky load-balancer config removed', status: sticky === 0 ? 'done' : 'todo', detail: `${sticky === 0 ? 'no sticky routing found' : `${sticky} sticky setting(s) left`}${scaleOut}` });
  const iss = count(f, 'oauth-iss');
  items.push({
    week: 'Week 4',
    step: 'OAuth callbacks validate iss (RFC 9207)',
    status: iss > 0 ? 'todo' : project.hasOAuth ? 'done' : 'n/a',
    detail: iss > 0 ? `${iss} callback(s) redeem a code without checking iss` : project.hasOAuth ? 'no unchecked callback found' : 'no OAuth client code found',
  });
  const deprecated = count(f, 'deprecated-feature');
  items.push({
    week: 'Week 4',
    step: 'Deprecated Roots / Sampling / Logging replaced (earliest removal: first revision on or after 2027-07-28)',
    status: deprecated === 0 ? 'done' : 'todo',
    detail: deprecated === 0 ? 'none used' : `${deprecated} use(s) left`,
  });
  // Progress a tool streams on its own request is info: valid 2026-07-28, nothing to move.
  const longTools = count(f, 'long-running-tool', { info: false });
  items.push({ week: 'Week 4', step: 'Long-running tools on the Tasks extension', status: longTools === 0 ? 'done' : 'todo', detail: longTools === 0 ? 'none found' : `${longTools} finding(s)` });
  // What fix left for a person, marked in the code (a Host/Origin guard to add, a tool to move by
  // hand): the scan may find nothing there, and the checklist must not look complete (trial 69C B1).
  const marked = project.openMarkers ?? [];
  if (marked.length > 0) {
    const total = marked.reduce((n, m) => n + m.count, 0);
    const files = marked.slice(0, 3).map((m) => m.file).join(', ') + (marked.length > 3 ? ` and ${marked.length - 3} more` : '');
    items.push({ week: 'Week 4', step: 'Markers fix left for a person (TODO(mcp-migrate)) resolved', status: 'todo', detail: `${total} marker(s) in ${marked.length} file(s) (${files}): each says what is left and why; \`grep -rn "TODO(mcp-migrate)"\` lists them` });
  }
  const blocking = f.filter((x) => x.severity === 'error').length;
  items.push({
    // From GA on the plan's last step, not a date.
    week: beforeGa(date) ? 'GA' : 'Finally',
    step: 'Kill test passes behind a round-robin load balancer',
    status: stdioOnly ? 'n/a' : blocking === 0 ? 'partial' : 'todo',
    detail: stdioOnly ? 'served over stdio only: one process per client, no load balancer' : blocking === 0 ? 'no blocking findings; prove it by killing an instance mid-flow' : `${blocking} blocking finding(s) first`,
  });
  return items;
}

export function buildInventory(result: ScanResult, project: ProjectInfo, availableCodemods: ReadonlySet<string>, preview?: FixPreview): Inventory {
  if (preview) SURVIVORS.set(preview, survivors(result.findings, preview.remaining));
  const isFixable = (finding: Finding) => !!finding.fix && availableCodemods.has(finding.fix);
  // With a dry-run preview, "fix can rewrite" is what disappears when fix runs, per category.
  const fixableIn = (id: CategoryId, inCategory: Finding[]) =>
    preview ? Math.max(0, inCategory.length - preview.remaining.filter((r) => r.category === id).length) : inCategory.filter(isFixable).length;
  const categories: CategoryCount[] = [];
  for (const id of CATEGORY_IDS) {
    const inCategory = result.findings.filter((x) => x.category === id);
    if (inCategory.length === 0) continue;
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const x of inCategory) counts[x.severity]++;
    categories.push({ id, title: CATEGORIES[id].title, summary: CATEGORIES[id].summary, counts, total: inCategory.length, fixable: fixableIn(id, inCategory) });
  }
  // Handlers only (a tool, a low-level handler, a helper tools reach): a timer or a listener pushing
  // outside any request, or a browser kept at module level, is no tool a handle fixes (findings by category list them).
  const tools = result.findings.flatMap((x) => {
    const tool = x.category === 'stateful-tool' ? toolLabel(x) : undefined;
    return tool === undefined ? [] : [toolRow(x, tool, availableCodemods, preview)];
  });
  const date = reportDate();
  return {
    result,
    project,
    date,
    checklistTitle: checklistTitle(date),
    categories,
    tools,
    checklist: checklist(result, project, tools, date),
    fixable: categories.reduce((n, c) => n + c.fixable, 0),
    availableCodemods,
    preview,
  };
}

/** Per preview: the findings of the scan it was made for that are still there after the dry run (see survivors). */
const SURVIVORS = new WeakMap<FixPreview, Set<Finding>>();

/** Findings grouped by a key, each group in the order given. */
function pool(findings: Iterable<Finding>, key: (f: Finding) => string): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const group = groups.get(key(f));
    if (group) group.push(f);
    else groups.set(key(f), [f]);
  }
  return groups;
}

/**
 * For each finding, in the order given, the candidate `pick` chooses from its group (an index, or
 * -1 for none): the finding is kept and the candidate leaves the pool. Returns the findings left
 * unmatched, in the same order.
 */
function takeMatches(findings: readonly Finding[], groups: Map<string, Finding[]>, key: (f: Finding) => string, pick: (candidates: readonly Finding[], f: Finding) => number, kept: Set<Finding>): Finding[] {
  const unmatched: Finding[] = [];
  for (const f of findings) {
    const candidates = groups.get(key(f)) ?? [];
    const at = pick(candidates, f);
    if (at === -1) unmatched.push(f);
    else {
      kept.add(f);
      candidates.splice(at, 1);
    }
  }
  return unmatched;
}

/** The first candidate, if any. */
const first = (candidates: readonly Finding[]) => (candidates.length > 0 ? 0 : -1);

/**
 * The findings still there after the dry run. Each finding left is matched to one of the scan's,
 * in four passes: the same rule, file and message, and the same code; then, in line order, the
 * same rule, file and message whatever the code (cors-headers adds Mcp-Method to a list that
 * keeps Mcp-Session-Id while the file issues sessions: ref-tools' report said fix rewrites it);
 * then the same rule and file with the message alike up to its first `;` (fix changed both);
 * last, the nearest of the same rule, file and tool however it now reads. Two alike findings of
 * which fix removed one leave one survivor, not two.
 */
function survivors(findings: readonly Finding[], remaining: readonly Finding[]): Set<Finding> {
  const kept = new Set<Finding>();
  const key = (f: Finding) => `${f.ruleId}\u0000${f.file}\u0000${f.message}`;
  const left = pool(remaining, key);
  const code = (f: Finding) => normaliseCode(f.snippet);
  const unmatched = takeMatches(findings, left, key, (candidates, f) => candidates.findIndex((r) => code(r) === code(f)), kept);
  const still = takeMatches([...unmatched].sort((a, b) => a.line - b.line), left, key, first, kept);
  // Then one whose message fix changed with its code, what it is about the same (the CORS list
  // cors-headers gave Mcp-Method while Mcp-Session-Id stays: "CORS ... lists Mcp-Session-Id; ...").
  const what = (f: Finding) => `${f.ruleId}\u0000${f.file}\u0000${f.message.split(';')[0]}`;
  const rest = pool([...left.values()].flat(), what);
  const last = takeMatches(still, rest, what, first, kept);
  // Last, one of the same rule in the same file fix left however it now reads (a map fix marked:
  // its dispatch gone, it is "keyed by a string" now), as the table's counts per category have it.
  // Of the same tool, where it names one (another tool's finding left is not this one's), the nearest.
  const byRule = (f: Finding) => `${f.ruleId}\u0000${f.file}`;
  const nearest = (candidates: readonly Finding[], f: Finding) => {
    let best = -1;
    candidates.forEach((r, i) => {
      if (r.tool === f.tool && (best === -1 || Math.abs(r.line - f.line) < Math.abs(candidates[best].line - f.line))) best = i;
    });
    return best;
  };
  takeMatches(last, pool([...rest.values()].flat(), byRule), byRule, nearest, kept);
  return kept;
}

/** Whether the dry run of `fix` leaves this finding: as survivors() matched it, else by the same rule, file and code. */
function survives(finding: Finding, preview: FixPreview): boolean {
  const known = SURVIVORS.get(preview);
  if (known) return known.has(finding);
  const code = normaliseCode(finding.snippet);
  return preview.remaining.some((r) => r.ruleId === finding.ruleId && r.file === finding.file && normaliseCode(r.snippet) === code);
}

export function nextStep(finding: Finding, availableCodemods: ReadonlySet<string>, preview?: FixPreview): string {
  // The part of the rule's advice that applies to this finding (a CORS entry, a client's call).
  const manual = adviceFor(finding);
  if (preview) return survives(finding, preview) ? manual : `run \`mcp-migrate fix\`, which rewrites this${finding.fix ? ` (${finding.fix})` : ''}.`;
  if (finding.fix && availableCodemods.has(finding.fix)) return `run \`mcp-migrate fix\` (${finding.fix}), or by hand: ${manual}`;
  return manual;
}

export const PRIMER: Array<{ text: string; link: string }> = [
  { text: 'No initialize handshake: every request carries its protocol version and client capabilities in `_meta`.', link: 'https://modelcontextprotocol.io/specification/2026-07-28/basic' },
  { text: 'No protocol sessions: the `Mcp-Session-Id` header is gone; servers ignore it and never mint it.', link: 'https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http' },
  { text: 'State that spans calls is referenced by an explicit handle the client passes each time (e.g. `basket_id` from `create_basket`).', link: 'https://modelcontextprotocol.io/specification/2026-07-28/server/tools' },
  { text: 'POST only: GET and DELETE on the endpoint answer 405; requests carry `MCP-Protocol-Version`, `Mcp-Method` and `Mcp-Name` headers.', link: 'https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http' },
  { text: 'Server→client requests (elicitation, sampling, roots) become `input_required` results the client answers by retrying.', link: 'https://modelcontextprotocol.io/specification/2026-07-28/changelog' },
  { text: 'Removed: ping, logging/setLevel, resources/subscribe, SSE resumability. Deprecated: Roots, Sampling, Logging (earliest removal on or after 2027-07-28).', link: 'https://modelcontextprotocol.io/specification/2026-07-28/deprecated' },
  { text: 'Tasks moved to the `io.modelcontextprotocol/tasks` extension; list results carry `ttlMs` and `cacheScope`.', link: 'https://modelcontextprotocol.io/specification/2026-07-28/changelog' },
];
