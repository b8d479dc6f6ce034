/**
 * Output of `mcp-migrate fix`: a coloured unified diff for --dry-run, then the summary of what was
 * applied (safe / review), what was marked for a person, and what is left.
 */
import path from 'node:path';
import type { ChalkInstance } from 'chalk';
import { leavesBase, toPosix } from '../io.js';
import { createTwoFilesPatch } from 'diff';
import { commentableSpan, EXPLAINED_STATEMENT_LINES, linesOnDisk, type FixResult } from '../fix/runner.js';
import { parseFile } from '../analysis/parse.js';
import { codemods as registry } from '../../codemods/index.js';
import { CODE_COMMENT_LINE, findingAsMarked, findingSubject, MARKER_TAG, namesFindingCode, namesState, ownMarkerRule, writtenMarkers } from '../fix/markers.js';
import { legacyTransportOf } from '../rules/protocol-pin.js';
import { importedModules } from '../fix/manifest.js';
import { SDK_MODULE } from '../../codemods/lib/import-layout.js';
import { compareFindings, severityRank, type Finding } from '../model.js';
import { classifyFile } from '../scan/files.js';

/**
 * The dry run's unified diff. Its paths are relative to `cwd`, the folder the command ran in, so
 * `git apply` takes it there also when a folder below was fixed (`fix --dry-run libs/mcp`, whose
 * summary names files from libs/mcp; trial 18A); a file outside `cwd` keeps the summary's name.
 */
export function formatDiff(result: FixResult, c: ChalkInstance, cwd = process.cwd()): string {
  const out: string[] = [];
  for (const f of result.files) {
    if (f.before === f.after) continue;
    const fromCwd = toPosix(path.relative(cwd, f.absolute));
    const name = fromCwd && !leavesBase(fromCwd) ? fromCwd : f.file;
    const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, f.before, f.after, '', '', { context: 3 });
    for (const line of patch.split('\n')) {
      if (line.startsWith('===')) continue;
      if (line.startsWith('+++') || line.startsWith('---')) out.push(c.bold(line));
      else if (line.startsWith('+')) out.push(c.green(line));
      else if (line.startsWith('-')) out.push(c.red(line));
      else if (line.startsWith('@@')) out.push(c.cyan(line));
      else out.push(line);
    }
  }
  return out.join('\n');
}

/** How many findings of each list of those left unmarked the summary names (scan lists them all). */
const UNMARKED_SHOWN = 8;

/**
 * Whether a marker speaks of a finding left after the run: one that carries the finding's message
 * or names what it is about, or one standing right above its line (only comment lines between
 * them) in the rewritten file.
 */
function markedBy(result: FixResult): (f: Finding) => boolean {
  const files = new Map(result.files.map((f) => [f.file, f]));
  const trees = new Map<string, ReturnType<typeof parseFile>>();
  const split = new Map<string, string[]>();
  return (f) => {
    const file = files.get(f.file);
    if (!file) return false;
    // What a file's type could not hold (a wrangler.json) marks nothing.
    const markers = writtenMarkers(file.markers);
    if (markers.some((m) => m.message.includes(findingAsMarked(f.message)))) return true;
    // Or one that names what the finding is about, its closing parenthesis (`(sendToolListChanged)`:
    // the list-cache marker at that call, in the handler the finding names).
    const about = findingSubject(f.message, f.reasons);
    if (about && markers.some((m) => m.message.includes(about))) return true;
    // Or, for a tool's finding about per-session state only, markers that name each piece of that
    // state (`requestCounts counts per session`, at the map's declaration; `sessionManager binds credentials`).
    const state = f.state ?? [];
    if (state.length > 0 && f.reasons?.every((r) => r === 'session-state') && state.every((s) => markers.some((m) => namesState(m.message, s)))) return true;
    let lines = split.get(f.file);
    if (!lines) split.set(f.file, (lines = file.after.split('\n')));
    // A marker right above the finding's line, or above the short statement around it, when it is
    // about the finding's rule: its codemod works on that rule, or it is the run's own marker for it.
    const speaks = (line: number | undefined) => {
      if (line === undefined) return false;
      const m = markers.find((p) => p.line === line);
      if (!m) return true;
      // The run's own marker for a finding (this run's or an earlier one's): only that rule's.
      const own = ownMarkerRule(m.message);
      if (m.codemod === 'fix' || own) return own === f.ruleId;
      // Or it names the code the finding names (`StdioServerTransport`, `getClientCapabilities()`),
      // or, as code, what the finding opens with (stateless-transport's "`server` is one server
      // shared by every request" above shared-server's "server is one server handed to ...").
      return (registry.find((c) => c.id === m.codemod)?.resolves.includes(f.ruleId) ?? true) || codeTerms(f.message).some((t) => mentionsCode(m.message, t)) || namesFindingCode(m.message, f);
    };
    const config = classifyFile(f.file)?.type !== 'code';
    if (speaks(markerAbove(lines, f.line, config))) return true;
    if (config) return false;
    // Or right above the short statement around it (`const t = init\n ? new A()\n : new B()`).
    let tree = trees.get(f.file);
    if (!tree) trees.set(f.file, (tree = parseFile(file.after, file.file)));
    const { statement } = commentableSpan(tree, f.line);
    return statement.start < f.line && statement.end - statement.start < EXPLAINED_STATEMENT_LINES && speaks(markerAbove(lines, statement.start));
  };
}

/** Names of code in a message: camelCase or PascalCase words and calls (`StdioServerTransport`, `elicitInput()`). */
function codeTerms(message: string): string[] {
  return message.match(/\b[A-Za-z_$][\w$]*\(\)|\b[a-z]+[A-Z][\w$]*|\b[A-Z][a-z]+[A-Z][\w$]*/g) ?? [];
}

/** Whether a marker names a piece of code, a call with or without its parentheses (`sendToolListChanged()` in "sendToolListChanged announces ..."). */
function mentionsCode(marker: string, term: string): boolean {
  const name = term.endsWith('()') ? term.slice(0, -2) : term;
  return marker.includes(term) || new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(marker);
}

/** The line (1-based) where the marker right above a line starts, only comment lines between them (`#` ones in config). */
function markerAbove(lines: readonly string[], line: number, config = false): number | undefined {
  for (let i = line - 2; i >= 0; i--) {
    const text = lines[i].trim();
    if (!(config ? text.startsWith('#') : CODE_COMMENT_LINE.test(text))) return undefined;
    if (text.includes(MARKER_TAG)) return i + 1;
  }
  return undefined;
}

/**
 * The errors and warnings left after the run that no marker speaks of, most severe first, split by
 * whether a codemod offers to fix them: those it takes but did not rewrite this run (a refused
 * file, a codemod left out by --codemods or --safe-only) and those none takes. The summary names both.
 */
function unmarkedLeft(result: FixResult, marked: (f: Finding) => boolean): { waiting: Finding[]; untaken: Finding[] } {
  const open = result.remaining.filter((f) => f.severity !== 'info' && !marked(f)).sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || compareFindings(a, b));
  return { waiting: open.filter((f) => f.fix !== undefined), untaken: open.filter((f) => f.fix === undefined) };
}

/** A package's folder, by its package.json (relative): `b` of `b/package.json`, `.` of the root's. */
function packageDir(manifest: string): string {
  return manifest.replace(/(^|\/)package\.json$/, '') || '.';
}

/**
 * What a 2026-07-28 run left serving 2025 requests only: the v2 packages' 2025 transports, and
 * legacy HTTP+SSE still served in a package that moved (one kept on v1 is said apart, one on
 * sdk-v1 by its default is not to move). Not one kept behind a test of the era for 2025 clients
 * (info). The summary names them, and the exit code is 1 while there are any.
 */
export function notYetOn2026(result: FixResult): { legacy: Finding[]; legacyOf: (f: Finding) => string | undefined; moved: (f: Finding) => boolean } {
  const onSdkV1 = Object.entries(result.targets ?? {}).filter(([, target]) => target === 'sdk-v1').map(([manifest]) => manifest);
  const heldDirs = [...(result.stayedOnV1 ?? []), ...onSdkV1].map(packageDir);
  const moved = (f: Finding) => !heldDirs.some((dir) => dir === '.' || f.file.startsWith(`${dir}/`));
  const legacyOf = (f: Finding) => (f.severity === 'info' ? undefined : (legacyTransportOf(f) ?? (f.category === 'sse-legacy' && f.severity === 'error' && moved(f) ? 'legacy HTTP+SSE' : undefined)));
  return { legacy: result.target === '2026-07-28' ? result.remaining.filter((f) => legacyOf(f)) : [], legacyOf, moved };
}

/**
 * The sessionful transports a run that could make them stateless left as they were: the error
 * session-id-generator findings stateless-transport takes that remain (not one kept on purpose on
 * a 2025 path: info). Whatever the reason it gave (state every caller would share, a close handler
 * that does more than forget the session, a dispatch it does not follow), the server still needs
 * sticky sessions, and the exit code is 1 (trial 77A B6: exit 1 for one such refusal, 0 for another).
 */
export function leftSessionful(result: FixResult): Finding[] {
  if (!result.codemods.includes('stateless-transport')) return [];
  return result.remaining.filter((f) => f.ruleId === 'session-id-generator' && f.severity === 'error' && f.fix === 'stateless-transport');
}

/**
 * One line per tool this run left asking the client mid-call on a server it made per request
 * (result.askingBroken): what stops working, and what to do before deploying (trial 78A B3: the
 * only signal was a marker in a long diff, and fix exited 0). The exit code is 1 while there are any.
 */
export function askingBrokenLines(result: FixResult): string[] {
  const found = result.askingBroken ?? [];
  const line = linesOnDisk(result.dryRun ? result.files : []);
  const seen = new Set<string>();
  const lines: string[] = [];
  // (A package a 2026-07-28 run kept on SDK v1 got the sdk-v1 rewrites, and their advice.)
  const { moved } = notYetOn2026(result);
  for (const f of found) {
    const tool = f.tool ?? `the tool at ${f.file}:${line(f)}`;
    // (The request as the finding names it: `mid-call (elicitInput)`, `(ask, handed to ...)`.)
    const call = /mid-call \(([^,)]+)/.exec(f.message)?.[1] ?? 'its request to the client';
    const key = `${tool}\0${call}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const rewrite =
      result.target === '2026-07-28' && moved(f)
        ? 'rewrite it by hand (fix does not) to return inputRequired({ inputRequests: { ... } }) and read the answer from ctx.mcpReq.inputResponses when the client calls again'
        : 'rewrite it by hand to the 2026-07-28 multi-round-trip shape on the v2 packages (return inputRequired, read ctx.mcpReq.inputResponses; fix does not rewrite it), or keep this server\'s transport sessionful';
    lines.push(`${tool}: ${call} no longer reaches the client once transports are per request (${f.file}:${line(f)}), so the call fails on every request: ${rewrite}, before you deploy.`);
  }
  return lines;
}

/** The targets of a run whose packages took different defaults: `2026-07-28 in b and sdk-v1 in a, c` (a count past three). */
function targetsText(targets: Record<string, string>): string {
  const byTarget = new Map<string, string[]>();
  for (const [manifest, target] of Object.entries(targets)) byTarget.set(target, [...(byTarget.get(target) ?? []), packageDir(manifest)]);
  return [...byTarget]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([target, dirs]) => `${target} in ${dirs.length > 3 ? `${dirs.length} packages` : dirs.join(', ')}`)
    .join(' and ');
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 3)}...` : text;
}

export function formatFixSummary(result: FixResult, c: ChalkInstance): string {
  const out: string[] = [];
  const verb = result.dryRun ? 'would change' : 'changed';
  for (const f of result.files) {
    if (f.changes.length === 0 && f.markers.length === 0 && !f.removedMarkers?.length) continue;
    out.push(c.underline(f.file));
    for (const ch of [...f.changes].sort((a, b) => a.line - b.line)) out.push(`  ${c.dim(String(ch.line).padStart(4))}  ${ch.safety === 'safe' ? c.green('safe  ') : c.yellow('review')}  ${ch.description}`);
    for (const m of f.markers) {
      if (m.unwritable) out.push(`  ${c.dim(String(m.line).padStart(4))}  ${c.yellow('unmarked')}  ${m.message} ${c.dim(`(${f.file}:${m.line}: not marked, a JSON file cannot hold a comment)`)}`);
      else out.push(`  ${c.dim(String(m.line).padStart(4))}  ${c.magenta('marked')}  ${m.message} ${c.dim(`(${f.file}:${m.line}${m.inserted ? '' : ', already marked'})`)}`);
    }
    // An earlier run's marker whose finding is gone: at its line in the file as it was.
    for (const m of f.removedMarkers ?? []) out.push(`  ${c.dim(String(m.line).padStart(4))}  ${c.green('removed')}  ${m.message} ${c.dim(`(${f.file}:${m.line} before this run: an earlier run's marker, its finding gone)`)}`);
    out.push('');
  }
  for (const e of result.errors) out.push(`${c.yellow('mcp-migrate:')} ${e.file}: ${e.message}`);
  for (const skipped of result.skippedCodemods ?? []) {
    out.push(`${c.yellow('mcp-migrate:')} ${skipped.id} did not run: the configuration turns off the rules it resolves (${skipped.rules.join(', ')}); name it with --codemods to run it`);
  }
  for (const state of result.unusedHandleNames ?? []) {
    // State explicit-handles looked at and left: why, as its marker says (trial 76B B3), not a hint at a typo.
    const refused = result.refusedHandleNames?.[state];
    if (refused) out.push(`${c.yellow('mcp-migrate:')} --handle-name ${state}=...: ${state} got no handle in this run, because explicit-handles left it (see its marker in ${refused.file}): ${refused.reason}`);
    else out.push(`${c.yellow('mcp-migrate:')} --handle-name ${state}=...: no state of that name got a handle in this run (name the variable that holds the state, as carts in carts=cart_id)`);
  }
  if (result.formatter) out.push(result.formatter.ok ? c.dim(result.formatter.message ? `${result.formatter.name}: ${result.formatter.message}.` : `Formatted the changed files with ${result.formatter.name}.`) : c.yellow(`mcp-migrate: ${result.formatter.message}`));
  const s = result.summary;
  // Changes are listed at their line in the file as it was, markers at their line in the file as rewritten.
  // A dry run writes nothing: a marker's line is in the file it would write (the diff shows it there), not the one on disk.
  if (result.files.some((f) => f.changes.length > 0 && f.markers.length > 0)) {
    out.push(c.dim(result.dryRun ? 'Lines: a change at its line in the file as it is, a marker at its line in the file fix would write (as the diff above shows it).' : 'Lines: a change at its line in the file as it was, a marker at its line in the rewritten file.'));
  } else if (result.dryRun && result.files.some((f) => f.markers.length > 0)) {
    out.push(c.dim('Lines: a marker at its line in the file fix would write (as the diff above shows it), below the comment lines it adds.'));
  }
  const [applied, marked] = result.dryRun ? ['to apply', 'to mark'] : ['applied', 'marked'];
  // Files whose only change is a marker comment: said so, beside "0 change(s) applied".
  const onlyMarked = s.filesChanged > 0 && s.applied === 0;
  // Packages held on v1 got the sdk-v1 codemods: the target line must not read as if all moved.
  const held = result.stayedOnV1?.length ?? 0;
  const onV2 = result.keptOnV2?.length ?? 0;
  const stayed =
    held === 0
      ? ''
      : onV2 === held
        ? ` (${held === 1 ? `${result.stayedOnV1[0]} was` : `${held} packages were`} not moved to createMcpHandler and kept ${held === 1 ? 'its' : 'their'} v2 code: see why above)`
        : ` (${held === 1 ? `${result.stayedOnV1[0]} stayed` : `${held} packages stayed`} on SDK v1${onV2 > 0 ? ` or kept their v2 code (${onV2})` : ''} and got the sdk-v1 rewrites: see why above)`;
  // Markers an earlier run left are counted, but said to be there already (a second run adds none).
  const already = result.files.reduce((n, f) => n + writtenMarkers(f.markers).filter((m) => !m.inserted).length, 0);
  // Info findings need no change, and the list below leaves them out: counted apart, so that the count and the list agree.
  const info = result.remaining.filter((f) => f.severity === 'info').length;
  const left = `${s.manual - info} finding(s) left for a person${info > 0 ? ` (and ${info} info finding(s), which need no change)` : ''}`;
  // Markers an earlier run wrote that this run took out, their findings gone.
  const removed = s.removedMarkers > 0 ? `, ${s.removedMarkers} earlier marker(s) ${result.dryRun ? 'to remove' : 'removed'} (their findings are gone)` : '';
  const markedText = already === 0 ? `${s.marked} place(s) ${marked} ${MARKER_TAG}` : already === s.marked ? `${s.marked} place(s) already marked ${MARKER_TAG}` : `${s.marked} place(s) marked ${MARKER_TAG} (${already} already were)`;
  out.push(
    `${result.dryRun ? c.cyan('Dry run:') : c.green('Done:')} ${verb} ${s.filesChanged} file(s)${onlyMarked ? ' (markers only)' : ''} for ${result.targets ? `target ${targetsText(result.targets)} (each package's own default)` : `target ${result.target}`}${stayed}: ` +
      `${s.applied} change(s) ${applied} (${s.safe} safe, ${s.review} to review), ${markedText}${removed}, ${left}.`,
  );
  // The v2 packages' 2025 transports left in place: the target is not reached while they serve.
  const speaksOf = markedBy(result);
  const { legacy, legacyOf, moved } = notYetOn2026(result);
  if (legacy.length > 0) {
    const names = [...new Set(legacy.map(legacyOf))].join(' and ');
    const files = [...new Set(legacy.map((f) => f.file))];
    const where = files.length === 1 ? files[0] : `${files.length} files`;
    // Where each is marked, the markers say how; otherwise they are named below.
    const see = legacy.every(speaksOf) ? ' (see the markers)' : '';
    // The verb agrees with the names ("StdioServerTransport still serves in 2 files").
    const one = !names.includes(' and ');
    out.push(c.yellow(`  Not yet on 2026-07-28: ${names} still serve${one ? 's' : ''} in ${where} and refuse${one ? 's' : ''} 2026-07-28 requests until moved to createMcpHandler or serveStdio${see}.`));
  }
  // Tools the run broke by making their server's transport per request (trial 78A B3).
  for (const text of askingBrokenLines(result)) out.push(c.red(`  ${text}`));
  // State moved into the mcp-state module is shared only once MCP_STATE_URL names a Redis: said
  // beside "0 left for a person", which would read as done (trial 28C ran two instances without it).
  if (result.files.some((f) => f.changes.some((ch) => /now lives in the shared mcp-state store/.test(ch.description)))) {
    out.push(c.yellow('  State now lives in the mcp-state module: shared between instances only once MCP_STATE_URL names a Redis every instance reaches. Unset, each process keeps its own in memory, which is correct for one instance only.'));
  }
  // Tools that ran without their handle's minting tool and now require the handle: a contract
  // change a client notices (trial 78B B2: checkout with no coupon applied failed after the run).
  const required = result.files.flatMap((f) => f.changes.flatMap((ch) => (ch.madeRequired ? [ch.madeRequired] : [])));
  if (required.length > 0) {
    const named = required.slice(0, 5).map((m) => `${m.tool} (${m.handle}, from ${m.mintedBy})`).join(', ') + (required.length > 5 ? `, and ${required.length - 5} more` : '');
    out.push(c.yellow(`  ${required.length} tool(s) now require a handle they used to run without: ${named}. A call that skips the minting tool now fails; where a tool must still run without it, make the handle optional for it by hand (see the review lines).`));
  }
  // One server connected to every session's transport, in a package that moved: the v2 McpServer
  // refuses a second connect() while the first transport is open (trial 29B: every client after the
  // first got 500 once moved, where SDK 1.10 had let it through).
  // (For a dry run, which writes nothing: a line of a file as rewritten, as the line on disk that scan names.)
  const line = linesOnDisk(result.dryRun ? result.files : []);
  const shared = result.target === '2026-07-28' ? result.remaining.filter((f) => f.severity === 'error' && moved(f) && !!f.reasons?.includes('connect-per-request')) : [];
  if (shared.length > 0) {
    const where = shared.length === 1 ? `${shared[0].file}:${line(shared[0])}` : `${new Set(shared.map((f) => f.file)).size} files`;
    out.push(c.yellow(`  One server is still connected to each request's or session's transport (${where}): the v2 packages refuse a second connect() while the first transport is open ("Already connected"), so every client after the first fails until the server is built per request (see the marker).`));
  }
  const { waiting, untaken } = unmarkedLeft(result, speaksOf);
  /** One finding per line, at most UNMARKED_SHOWN of them. */
  const list = (title: string, found: Finding[], label: (f: Finding) => string, width: number) => {
    if (found.length === 0) return;
    out.push(title);
    for (const f of found.slice(0, UNMARKED_SHOWN)) out.push(`    ${f.file}:${line(f)}  ${f.severity === 'error' ? c.red('error  ') : c.yellow('warning')}  ${c.dim(label(f))}  ${clip(f.message, width)}`);
    if (found.length > UNMARKED_SHOWN) out.push(c.dim(`    ... and ${found.length - UNMARKED_SHOWN} more`));
  };
  list(`  Left for a person, with no codemod and no marker (${untaken.length}):`, untaken, (f) => f.ruleId, 110);
  // Named so that the count adds up: do what the markers ask, and the next run rewrites them. A
  // file fix left as it was has no marker: its line under errors says why (read-through 48).
  const leftAsIs = new Set(result.errors.filter((e) => /^left unchanged\b/.test(e.message)).map((e) => e.file));
  const why = [s.marked > 0 && waiting.some((f) => !leftAsIs.has(f.file)) ? 'do what the markers ask' : '', waiting.some((f) => leftAsIs.has(f.file)) ? 'for a file left unchanged, see why above' : ''].filter(Boolean).join('; ');
  list(`  Not rewritten this run, though a codemod takes them (${waiting.length})${why ? `: ${why}, then run fix again` : ''}:`, waiting, (f) => `${f.ruleId} (${f.fix})`, 100);
  if (s.manual > 0) out.push(c.dim(`  Run \`mcp-migrate scan\` to list what is left${s.marked > 0 ? '; `grep -rn "TODO(mcp-migrate)"` finds the markers' : ''}.`));
  // Moved to the v2 packages: their types are stricter than v1's, whatever the changes' tags. (Code
  // that imported the v1 SDK and was rewritten, not a v2 file that only got a marker.)
  const importsV1 = (text: string) => [...importedModules(text)].some((m) => SDK_MODULE.test(m));
  const movedToV2 = result.target === '2026-07-28' && result.files.some((f) => f.after !== f.before && f.codemods.includes('v2-handler') && importsV1(f.before));
  if (movedToV2) out.push(c.dim("  The v2 packages type request params and results more strictly than v1: code that leaned on v1's loose types may need a type fix; type-check after the move."));
  // Rewritten on v1 (target sdk-v1): no session needed, but still 2025 only. Said beside "0 left
  // for a person", and before scan's "no stateful assumptions", which both read as done (trial 59A, 59C).
  const stillV1 = result.target === 'sdk-v1' && !result.targets && result.files.some((f) => f.after !== f.before && importsV1(f.after));
  // (It needs no sessions only where nothing is left for a person or a marker: review 76.)
  const done = s.marked === 0 && s.manual - info === 0;
  if (stillV1) out.push(c.dim(`  Still on SDK v1, which speaks 2025 revisions only: ${done ? 'the server no longer needs sessions or a sticky load balancer, but ' : ''}2026-07-28 clients need the v2 packages (\`mcp-migrate fix --target 2026-07-28\`).`));
  if (!result.dryRun && s.filesChanged > 0) out.push(c.dim('  Review with `git diff`, then type-check and run your tests.'));
  return `${out.join('\n')}\n`;
}
