/**
 * Command-line wiring only: parse options, call the command functions, hand results to a
 * reporter, choose the exit code. No scanning or formatting logic lives here.
 *
 * Exit codes (stable, for CI): the program's --help says them (its "Exit codes:" text), and
 * each command's --help what they mean for it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { BaselineError, compareWithBaseline, readBaseline, updateBaseline, writeBaselineFile } from '../check/baseline.js';
import { changedFiles, filesAtRef, GitError, gitTopLevel, lastCommitOf, renamedFiles, tracksFilesUnder } from '../check/git.js';
import { ConfigError, loadConfig, type ProjectConfig } from '../config.js';
import { CATEGORY_IDS, countFindings, isSeverity, severityRank, type CheckVerdict, type ScanError, type ScanResult, type Severity } from '../model.js';
import { availableCodemodIds } from '../codemods.js';
import { FixError } from '../fix/errors.js';
import type { FixPreview } from '../inventory/inventory.js';
import type { ProjectSignals } from '../inventory/project.js';
import { allRules, projectRules } from '../rules/index.js';
import { classifyFile, nothingFoundReason, PathError, unreadCodeFile, unreadFolder } from '../scan/files.js';
import { isMcpBytes } from '../analysis/mcp.js';
import { scan, type ScanOptions } from '../scan/scanner.js';
import { formatGithub, githubSummary, writeGithubSummary } from '../report/github.js';
import { formatJson } from '../report/json.js';
import { formatPretty } from '../report/pretty.js';
import { formatSarif } from '../report/sarif.js';
import { TOOL_VERSION } from '../version.js';
import { leavesBase, toPosix, writeAccess, writeFileAtomic, WriteError } from '../io.js';
import { colorsFor } from './colors.js';
import { progressReporter } from './progress.js';
import { writtenMarkers } from '../fix/markers.js';

export type FailOn = Severity | 'none';

const FORMATS = ['pretty', 'json', 'markdown', 'html', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];

class UsageError extends Error {}

function parseFailOn(value: string): FailOn {
  if (value === 'none' || isSeverity(value)) return value;
  throw new InvalidArgumentError('expected error, warning, info or none');
}

function parseSize(value: string): number {
  const mb = Number(value);
  if (!Number.isFinite(mb) || mb <= 0) throw new InvalidArgumentError('expected a size in megabytes, e.g. 2 or 0.5');
  return Math.round(mb * 1024 * 1024);
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** How many findings reach the --fail-on threshold. */
export function failingCount(findings: ScanResult['findings'], failOn: FailOn): number {
  if (failOn === 'none') return 0;
  const threshold = severityRank(failOn);
  return findings.filter((f) => severityRank(f.severity) >= threshold).length;
}

/** Whether findings reach the --fail-on threshold. */
export function failsAt(findings: ScanResult['findings'], failOn: FailOn): boolean {
  return failingCount(findings, failOn) > 0;
}

interface CommonOptions {
  format: Format;
  output?: string;
  failOn?: FailOn;
  include?: string[];
  exclude?: string[];
  includeTests?: boolean;
  maxFileSize?: number;
  config?: string;
  color?: boolean;
  progress?: boolean;
  frames?: boolean;
  /** false with --no-cache (scan and check). */
  cache?: boolean;
}

interface CheckOptions extends CommonOptions {
  baseline?: string;
  writeBaseline?: string;
  changedSince?: string;
}

function writeOutput(text: string, output: string | undefined): void {
  if (output) writeNamed(output, (file) => (isStreamTarget(file) ? fs.writeFileSync(file, text) : writeFileAtomic(file, text)));
  else process.stdout.write(text);
}

/** A device or a pipe (`-o /dev/null`, `-o /dev/stdout`, a shell's `>(...)`): written to as a stream, never replaced by a file. */
function isStreamTarget(file: string): boolean {
  try {
    const stat = fs.statSync(file);
    return stat.isCharacterDevice() || stat.isFIFO();
  } catch {
    return false;
  }
}

/** Writes the file the user named (`-o`, `--write-baseline`): a failure names it as they gave it, with the reason (exit 2). */
function writeNamed(given: string, write: (absolute: string) => void): void {
  try {
    write(path.resolve(given));
  } catch (error) {
    if (error instanceof WriteError) throw new WriteError(given, error.reason);
    throw error;
  }
}


/** Path prefix from the repository root to the scanned root, for SARIF and annotations. */
function repoPrefix(root: string): string {
  const top = gitTopLevel(root);
  if (!top) return '';
  const rel = path.relative(fs.realpathSync(top), fs.realpathSync(root));
  return rel && !leavesBase(rel) ? `${toPosix(rel)}/` : '';
}

/** Path prefix from where a report is written to the scanned root, for relative links. */
function linkBase(root: string, output: string | undefined): string {
  const from = output ? path.dirname(path.resolve(output)) : process.cwd();
  const rel = toPosix(path.relative(from, root));
  return rel ? `${rel}/` : '';
}

interface Run {
  result: ScanResult;
  /** The paths scanned, as given (the fix preview runs on the same ones). */
  paths: string[];
  /** Project signals (framework, transport): collected only for the inventory formats. */
  signals?: ProjectSignals;
  config: ProjectConfig;
  /** Every finding of the scan, when `result` shows some only (check's new ones): SARIF fingerprints are numbered over these, as scan numbers them. */
  scanned?: ScanResult['findings'];
}

/** Which files a command reads: the command line's globs and switches over the configuration's. */
function fileSelection(options: { include?: string[]; exclude?: string[]; includeTests?: boolean }, config: ProjectConfig): Pick<ScanOptions, 'include' | 'exclude' | 'includeTests'> {
  const exclude = [...(config.exclude ?? []), ...(options.exclude ?? [])];
  // `!glob` in an exclude list would read as "everything but glob" and leave out every other file.
  const negated = exclude.find((p) => p.startsWith('!'));
  if (negated) throw new UsageError(`exclude globs take no negation (${negated}): to keep files an exclude glob leaves out, narrow that glob, or subtract with a negated include (--include '**/*' --include '${negated}')`);
  return {
    include: options.include ?? config.include,
    exclude,
    includeTests: options.includeTests ?? config.includeTests,
  };
}

async function runScanner(paths: string[], options: CommonOptions, extra: Partial<ScanOptions> = {}): Promise<Run> {
  const config = loadConfig(process.cwd(), options.config);
  // The inventory formats' modules (and the fix preview's codemods) load only when asked for.
  const inventory = options.format === 'markdown' || options.format === 'html';
  const signals = inventory ? new (await import('../inventory/project.js')).ProjectSignals() : undefined;
  const progress = options.progress === false ? undefined : progressReporter(process.stderr);
  const scanned = paths.length > 0 ? paths : ['.'];
  const scanOptions: ScanOptions = {
    paths: scanned,
    ...fileSelection(options, config),
    maxFileBytes: options.maxFileSize,
    severities: config.rules,
    onProgress: progress?.update,
    onFile: signals ? (rel, text, kind) => signals.add(text, kind, rel) : undefined,
    onCorsFile: signals ? (rel, text) => signals.addNeighbour(text, rel) : undefined,
    cache: options.cache !== false,
    ...extra,
  };
  let result: ScanResult;
  try {
    result = await scan(scanOptions);
  } finally {
    progress?.done();
  }
  // A file read as Latin-1 was scanned whole, so it is no error, but the user should know once
  // (trial 67B B3); on stderr, whatever the format (JSON also carries it under `notes`).
  for (const note of result.notes ?? []) process.stderr.write(`mcp-migrate: ${note.file}: ${note.message}\n`);
  return { result, paths: scanned, signals, config };
}

async function render(run: Run, options: CommonOptions, accepted = 0): Promise<string> {
  const { result } = run;
  const colors = colorsFor(options.output ? ({ isTTY: false } as NodeJS.WriteStream) : process.stdout, options.color);
  switch (options.format) {
    case 'json':
      return formatJson(result);
    case 'sarif':
      return formatSarif(result, { uriPrefix: repoPrefix(result.root), fingerprintsFrom: run.scanned });
    case 'github':
      writeGithubSummary(githubSummary(result));
      return formatGithub(result, { uriPrefix: repoPrefix(result.root) });
    case 'markdown':
    case 'html': {
      const [{ analyseProject, ProjectSignals }, { buildInventory }] = await Promise.all([import('../inventory/project.js'), import('../inventory/inventory.js')]);
      const project = await analyseProject(result.root, run.signals ?? new ProjectSignals(), run.paths.map((p) => path.resolve(p)));
      const inventory = buildInventory(result, project, availableCodemodIds(), await fixPreview(run, options));
      const base = linkBase(result.root, options.output);
      if (options.format === 'markdown') return (await import('../report/markdown.js')).formatMarkdown(inventory, { linkBase: base });
      return (await import('../report/html.js')).formatHtml(inventory, { linkBase: base });
    }
    default:
      return formatPretty(result, colors, { frames: options.frames, accepted, changedOnly: 'changedSince' in options && !!options.changedSince });
  }
}

/**
 * Runs `fix` as a dry run on the scan's paths, over the files the scan found something in (a file
 * without findings has nothing for the inventory to count), so the inventory says what fix with
 * the same paths really rewrites (same root, so the same names, and the same packages).
 */
async function fixPreview(run: Run, options: CommonOptions): Promise<FixPreview | undefined> {
  try {
    const [{ runFix }, { mintingToolsOf }] = await Promise.all([import('../fix/runner.js'), import('../inventory/inventory.js')]);
    const onlyFiles = new Set(run.result.findings.map((f) => path.resolve(run.result.root, f.file)));
    const preview = await runFix({ paths: run.paths, dryRun: true, onlyFiles, ...fileSelection(options, run.config), maxFileBytes: options.maxFileSize, severities: run.config.rules, format: false });
    const markedFiles = new Set(preview.files.filter((f) => writtenMarkers(f.markers).length > 0).map((f) => f.file));
    // A project rule's finding (a copy of the SDK) is seen only with the folder's other files, which
    // the preview does not read; fix never rewrites it (it leaves that folder), so it stays.
    const projectRuleIds = new Set(projectRules.map((rule) => rule.id));
    const projectLeft = run.result.findings.filter((f) => projectRuleIds.has(f.ruleId) && !preview.remaining.some((r) => r.ruleId === f.ruleId && r.file === f.file && r.line === f.line));
    return { remaining: [...preview.remaining, ...projectLeft], markedFiles, mintingTools: mintingToolsOf(preview.files) };
  } catch {
    return undefined; // the report still stands; it falls back to the rules' codemod metadata
  }
}

/** Why the files found were not scanned: the bundles skipped and the files that could not be read, a few of each named. */
function whyNothingScanned(result: ScanResult): string {
  const some = (files: string[]) => `${files.slice(0, 3).join(', ')}${files.length > 3 ? `, and ${files.length - 3} more` : ''}`;
  const reasons = [
    ...(result.skipped?.length ? [`${result.skipped.length === 1 ? 'skipped as a bundle' : `${result.skipped.length} skipped as bundles`}: ${some(result.skipped)}`] : []),
    ...(result.errors.length ? [`${result.errors.length === 1 ? 'not read' : `${result.errors.length} not read`}: ${some(result.errors.map((e) => `${e.file} (${e.message.replace(/ \(skipped\)$/, "")})`))}`] : []),
  ];
  return reasons.length > 0 ? ` (${reasons.join('; ')})` : '';
}

/**
 * Whether the run scanned nothing (a mistyped path or glob, an empty folder): then it says why in
 * one line, and the command writes no output, which would read as a clean result.
 */
async function nothingScanned(run: Run, options: CommonOptions): Promise<boolean> {
  const { result, paths } = run;
  if (result.summary.filesScanned > 0) return false;
  process.stderr.write(
    result.summary.filesMatched === 0
      ? `mcp-migrate: ${await nothingFoundReason(paths, fileSelection(options, run.config))}\n`
      : `mcp-migrate: nothing could be scanned under ${paths.join(' ')}${whyNothingScanned(result)}\n`,
  );
  return true;
}

function announceOutput(options: CommonOptions): void {
  if (options.output) {
    const err = colorsFor(process.stderr, options.color);
    process.stderr.write(`${err.dim(`mcp-migrate: wrote ${options.format} to ${options.output}`)}\n`);
  }
}

async function scanCommand(paths: string[], options: CommonOptions): Promise<number> {
  const run = await runScanner(paths, options);
  if (await nothingScanned(run, options)) return 2;
  writeOutput(await render(run, options), options.output);
  announceOutput(options);
  return failsAt(run.result.findings, options.failOn ?? run.config.failOn ?? 'error') ? 1 : 0;
}

async function reportCommand(paths: string[], options: CommonOptions): Promise<number> {
  const run = await runScanner(paths, options);
  // No report: an inventory of nothing would list every step as done (and replace a real one).
  if (await nothingScanned(run, options)) return 2;
  writeOutput(await render(run, options), options.output);
  announceOutput(options);
  return 0;
}

/** Whether a file the scan could not read names MCP in its bytes (isMcpBytes), or cannot be read here either. */
function mayBeMcp(file: string): boolean {
  try {
    return isMcpBytes(fs.readFileSync(file));
  } catch (error) {
    // (A file gone since the walk, or a link to nothing, holds no code to pass: read-through 68.)
    return !['ENOENT', 'ELOOP', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '');
  }
}

/** What to do with code files check could not read, by why: their size, or their permissions. (Text that is not UTF-8 is read as Latin-1, trial 67B B3.) */
function unreadAdvice(unread: ReadonlyArray<{ message: string }>): string {
  const them = unread.length === 1 ? 'it' : 'them';
  const steps = [
    ...(unread.some((e) => /limit/.test(e.message)) ? ['raise --max-file-size'] : []),
    ...(unread.some((e) => /cannot read/.test(e.message)) ? [`make ${them} readable`] : []),
  ];
  return `${steps.length > 0 ? `${steps.join(', ')}, or ` : ''}leave ${them} out with --exclude`;
}

/**
 * The code files and folders a check could not read: a file it did not check whose bytes name MCP
 * (or any changed one, under --changed-since), and a folder it could not look into. The gate
 * cannot say such code passed.
 */
function unreadIn(result: ScanResult, checked: ReadonlySet<string>, onlyFiles: ReadonlySet<string> | undefined): { unreadFiles: ScanError[]; unreadFolders: ScanError[]; unread: ScanError[] } {
  const unreadFiles = result.errors.filter((e) => {
    const file = path.resolve(result.root, e.file);
    // (A folder named like code, `lib.js`, is a folder: below.)
    return unreadCodeFile(e) && !checked.has(file) && (onlyFiles !== undefined || mayBeMcp(file));
  });
  // A folder it could not look into: whatever code it holds went unchecked (trial 53B B2: a
  // session map behind a folder of another owner passed), where git tracks files in it (under
  // --changed-since too: git cannot look into it either, and takes a change there for a deleted
  // file), or outside git. Not one git tracks nothing in (a database's data folder, review 69).
  const unreadFolders = result.errors.filter((e) => unreadFolder(e) && tracksFilesUnder(path.resolve(result.root, e.file)) !== false);
  return { unreadFiles, unreadFolders, unread: [...unreadFiles, ...unreadFolders] };
}

/** "2 code file(s) it could not read (a.ts: binary file; ...)". */
function unreadWhat(unreadFiles: readonly ScanError[], unreadFolders: readonly ScanError[], unread: readonly ScanError[]): string {
  const named = unread.slice(0, 3).map((e) => `${e.file}: ${e.message.replace(/ \(skipped.*\)$/, '')}`).join('; ') + (unread.length > 3 ? `; and ${unread.length - 3} more` : '');
  const what = [...(unreadFiles.length > 0 ? [`${unreadFiles.length} code file(s)`] : []), ...(unreadFolders.length > 0 ? [`${unreadFolders.length} folder(s)`] : [])].join(' and ');
  return `${what} it could not read (${named})`;
}

async function checkCommand(paths: string[], options: CheckOptions): Promise<number> {
  let onlyFiles: Set<string> | undefined;
  if (options.changedSince) onlyFiles = changedFiles(process.cwd(), options.changedSince);
  /** The files this run checked: the baseline's entries of other files are neither stale nor new. */
  const checked = new Set<string>();
  const ref = options.changedSince;
  // (A baseline written from this run takes its importers' findings whole: their entries are rewritten.)
  const before = ref && !options.writeBaseline ? { before: filesAtRef(process.cwd(), ref) } : {};
  const run = await runScanner(paths, options, { ...(onlyFiles ? { onlyFiles, ...before } : {}), onScanned: (file) => checked.add(file) });
  const { result, config } = run;
  // A gate keeps new stateful assumptions out: a new warning (sticky routing added, a CORS list
  // without the 2026-07-28 headers) fails it too, where a scan fails on errors only (trial 27A).
  const failOn = options.failOn ?? config.failOn ?? 'warning';
  const err = colorsFor(process.stderr, options.color);
  if (!onlyFiles && (await nothingScanned(run, options))) return 2;

  /** A file this run checked, or one that is gone from a folder it walked (its findings went with it). */
  const roots = run.paths.map((p) => path.resolve(p));
  const inScope = (file: string) => checked.has(file) || (!onlyFiles && roots.some((r) => file.startsWith(r + path.sep)) && !fs.existsSync(file));

  if (options.writeBaseline) {
    const file = path.resolve(options.writeBaseline);
    const { baseline, kept } = updateBaseline(result, file, inScope);
    writeNamed(options.writeBaseline, () => writeBaselineFile(file, baseline));
    process.stderr.write(`mcp-migrate: recorded ${result.findings.length} finding(s) in ${options.writeBaseline}${kept > 0 ? ` and kept its ${kept} entr${kept === 1 ? 'y' : 'ies'} of files this run did not check` : ''}\n`);
    // Code it could not read fails every check against this baseline (exit 2): said now, with the
    // same exit, not at the first CI run (trial 77A B5).
    const { unreadFiles, unreadFolders, unread } = unreadIn(result, checked, onlyFiles);
    if (unread.length === 0) return 0;
    process.stderr.write(`${err.red('mcp-migrate check: could not check')} ${unreadWhat(unreadFiles, unreadFolders, unread)}: the baseline holds no findings of ${unread.length === 1 ? 'it' : 'them'}, and every check fails until you ${unreadAdvice(unread)}\n`);
    return 2;
  }

  const baselineFile = options.baseline ?? config.baseline;
  let shown = result;
  let staleCount = 0;
  let acceptedCount = 0;
  let baselineCounts: CheckVerdict['baseline'];
  if (baselineFile) {
    const baseline = readBaseline(baselineFile);
    // A narrowed run (--changed-since) lets a file take the entries of a gone one only where git saw it renamed from that one since the ref.
    const renamed = ref ? renamedFiles(process.cwd(), ref) : undefined;
    // (Or from the file the gone one was renamed to between the commit that last wrote the baseline
    // and the ref: a second rename before the baseline was written again, review 76; not any file
    // renamed in the range, review 77.)
    const written = renamed && renamed.size > 0 ? lastCommitOf(process.cwd(), path.resolve(baselineFile)) : undefined;
    const earlier = written && ref ? renamedFiles(process.cwd(), written, ref) : new Map<string, string>();
    const succeeds = (file: string, gone: string) => {
      const from = renamed?.get(file);
      return from !== undefined && (from === gone || earlier.get(from) === gone);
    };
    const comparison = compareWithBaseline(result, baseline, path.resolve(baselineFile), inScope, renamed ? { succeeds } : {});
    // What is shown, and counted, is only what the baseline does not accept.
    shown = { ...result, findings: comparison.newFindings, summary: { ...result.summary, ...countFindings(comparison.newFindings) } };
    staleCount = comparison.stale.length;
    acceptedCount = comparison.accepted.length;
    const unchecked = comparison.outOfScope.length;
    baselineCounts = { file: baselineFile, accepted: acceptedCount, new: comparison.newFindings.length, stale: staleCount, notChecked: unchecked };
    process.stderr.write(
      err.dim(
        `mcp-migrate: baseline ${baselineFile}: ${comparison.accepted.length} accepted, ${comparison.newFindings.length} new, ${comparison.stale.length} stale${unchecked ? `, ${unchecked} in files this run did not check` : ''}\n`,
      ),
    );
    if (comparison.otherRoot) {
      process.stderr.write(`mcp-migrate: baseline ${baselineFile} names files relative to the folder it was written from, not ${toPosix(path.relative(process.cwd(), result.root)) || '.'}: run check from there, or rewrite it with --write-baseline (a baseline written now names files relative to its own folder)\n`);
    }
    for (const [f, was] of comparison.raised) {
      process.stderr.write(`mcp-migrate: ${f.file}:${f.line} ${f.ruleId} is new at ${f.severity}: the baseline accepted it at ${was}\n`);
    }
    for (const [f, { added, accepted }] of comparison.widened) {
      process.stderr.write(`mcp-migrate: ${f.file}:${f.line} ${f.ruleId} is new for ${added.join(', ')}: the baseline accepted it for ${accepted.join(', ')}\n`);
    }
    for (const entry of comparison.stale.slice(0, 20)) {
      process.stderr.write(`mcp-migrate: stale baseline entry (fixed? run --write-baseline to drop it): ${entry.file}:${entry.line} ${entry.ruleId}\n`);
    }
    if (comparison.stale.length > 20) process.stderr.write(`mcp-migrate: … and ${comparison.stale.length - 20} more stale entries\n`);
  }
  // Not "no stateful assumptions": nothing was looked at. (The machine formats still write their
  // empty result, which CI uploads.)
  const nothingChanged = onlyFiles && result.summary.filesMatched === 0 && options.format === 'pretty';
  // Changed code the run's excludes left out (tests, mocks, evals, build output, --exclude): said,
  // not passed over in silence (trial 50B: a tool added under src/build/ passed the gate unseen).
  // (Not one the scan found and skipped, a bundle or compiled output, or could not read: it says so itself.)
  const said = new Set([...result.skipped, ...result.errors.map((e) => e.file)].map((f) => path.resolve(result.root, f)));
  const leftOut = onlyFiles ? [...onlyFiles].filter((file) => !checked.has(file) && !said.has(file) && roots.some((r) => file === r || file.startsWith(r + path.sep)) && classifyFile(file)?.type === 'code' && fs.existsSync(file)) : [];
  const leftOutText = leftOut.length > 0 ? `${leftOut.length} changed code file(s) left out by the default excludes (tests, mocks, evals, build output), .gitignore or your globs: ${leftOut.slice(0, 5).map((f) => toPosix(path.relative(process.cwd(), f))).join(', ')}${leftOut.length > 5 ? `, and ${leftOut.length - 5} more` : ''}` : undefined;
  if (leftOutText && !nothingChanged) process.stderr.write(err.dim(`mcp-migrate: ${leftOutText}\n`));
  // Code the gate was to check and could not read (over --max-file-size, unreadable): it cannot
  // say that code passed (trial 52B: a session map behind one Latin-1 comment merged green; such
  // a file is now read as Latin-1 and checked, trial 67B B3).
  // A changed file, or on a whole tree one whose bytes name MCP (not a generated 3 MB types file, review 67).
  const { unreadFiles, unreadFolders, unread } = unreadIn(result, checked, onlyFiles);
  const n = failingCount(shown.findings, failOn);
  const failing = n > 0;
  // JSON carries the verdict and the baseline's counts beside the new findings.
  if (options.format === 'json') shown = { ...shown, check: { passed: !failing && unread.length === 0, failOn, failing: n, ...(unread.length > 0 ? { unread: unread.map((e) => e.file) } : {}), ...(baselineCounts ? { baseline: baselineCounts } : {}) } };
  writeOutput(nothingChanged ? `Nothing changed to check since ${options.changedSince} (no file check reads changed${leftOutText ? `; ${leftOutText}` : ''}).\n` : await render({ ...run, result: shown, scanned: result.findings }, options, acceptedCount), options.output);
  announceOutput(options);
  if (unread.length > 0) {
    process.stderr.write(`${err.red('mcp-migrate check: could not check')} ${unreadWhat(unreadFiles, unreadFolders, unread)}: ${unreadAdvice(unread)}${failing ? `; ${n} new finding(s) at or above ${failOn} besides` : ''}\n`);
    return 2;
  }
  if (options.format === 'pretty' || !options.output) {
    const below = shown.findings.length - n;
    process.stderr.write(
      failing
        ? `${err.red('mcp-migrate check: failed')}: ${n} new finding(s) at or above ${failOn}${baselineFile ? ' not covered by the baseline' : ''}\n`
        : `${err.green('mcp-migrate check: passed')}${[...(below > 0 ? [`${below} new finding(s) below --fail-on ${failOn}`] : []), ...(staleCount ? [`${staleCount} stale baseline entr${staleCount === 1 ? 'y' : 'ies'}`] : [])].map((note) => ` (${note})`).join('')}\n`,
    );
  }
  return failing ? 1 : 0;
}

interface FixCliOptions {
  dryRun?: boolean;
  codemods?: string;
  list?: boolean;
  safeOnly?: boolean;
  allowDirty?: boolean;
  target?: 'sdk-v1' | '2026-07-28';
  handleName?: string[];
  format?: boolean;
  json?: boolean;
  include?: string[];
  exclude?: string[];
  includeTests?: boolean;
  maxFileSize?: number;
  config?: string;
  color?: boolean;
  progress?: boolean;
}

function parseHandleNames(values: string[] | undefined): Record<string, string> {
  const names: Record<string, string> = {};
  for (const value of values ?? []) {
    const m = /^([\w$.#]+)=([a-z][a-z0-9_]*)$/.exec(value);
    if (!m) throw new UsageError(`--handle-name expects state=name, the name in lower snake_case (letters, digits, _; a letter first: carts=cart_id), got "${value}"`);
    names[m[1]] = m[2];
  }
  return names;
}

async function fixCommand(paths: string[], options: FixCliOptions): Promise<number> {
  const out = colorsFor(process.stdout, options.color);
  if (options.list) {
    const { codemods: codemodRegistry } = await import('../../codemods/index.js');
    if (options.json) {
      process.stdout.write(`${JSON.stringify(codemodRegistry.map((c) => ({ id: c.id, target: c.target, title: c.title })), null, 2)}\n`);
      return 0;
    }
    const width = Math.max(...codemodRegistry.map((c) => c.id.length));
    for (const c of codemodRegistry) process.stdout.write(`${c.id.padEnd(width)}  ${c.target.padEnd(10)}  ${c.title}\n`);
    return 0;
  }
  const codemodIds = options.codemods?.split(',').map((s) => s.trim()).filter(Boolean);
  // `--codemods ""` (an unset variable in a script) would run them all: not what was asked.
  if (codemodIds?.length === 0) throw new UsageError('--codemods needs at least one codemod id (see mcp-migrate fix --list)');
  // The configuration's file selection applies as for scan: fix never rewrites a file scan skips.
  const config = loadConfig(process.cwd(), options.config);
  const progress = options.progress === false ? undefined : progressReporter(process.stderr);
  const [{ runFix }, { formatDiff, formatFixSummary, leftSessionful, notYetOn2026 }] = await Promise.all([import('../fix/runner.js'), import('../report/fix.js')]);
  let result;
  try {
    result = await runFix({
      paths,
      target: options.target,
      codemods: codemodIds,
      dryRun: options.dryRun,
      safeOnly: options.safeOnly,
      allowDirty: options.allowDirty,
      ...fileSelection(options, config),
      handleNames: parseHandleNames(options.handleName),
      format: options.format,
      maxFileBytes: options.maxFileSize,
      severities: config.rules,
      onProgress: progress?.update,
    });
  } finally {
    progress?.done();
  }
  if (options.json) {
    const { files, ...rest } = result;
    const json = { ...rest, files: files.map(({ before: _b, after: _a, absolute: _abs, bom: _bom, ...f }) => f) };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    if (result.dryRun) {
      const diff = formatDiff(result, out);
      if (diff) process.stdout.write(`${diff}\n`);
    }
    process.stdout.write(formatFixSummary(result, out));
  }
  // A file a codemod could not rewrite, a package a 2026-07-28 run kept on SDK v1 (it says why),
  // or a 2025-only transport it left serving (trial 41C: "Not yet on 2026-07-28" with exit 0)
  // means the run did not do what was asked: a script must see it.
  // (A transport left by a run of chosen codemods is not what it was asked to do.) Nor a sessionful
  // transport left, whatever the reason its marker gives (trial 77A B6), save under --safe-only,
  // which was asked to leave what needs a review.
  const sessionful = !options.codemods && !options.safeOnly && leftSessionful(result).length > 0;
  // Nor a tool left asking the client mid-call on a server the run made per request: it fails on
  // every request from then on (trial 78A B3), whatever codemods ran.
  return result.summary.failed > 0 || sessionful || (result.askingBroken?.length ?? 0) > 0 || (result.target === '2026-07-28' && (result.stayedOnV1.length > 0 || (!options.codemods && notYetOn2026(result).legacy.length > 0))) ? 1 : 0;
}

function ruleList(): string {
  const width = Math.max(...allRules.map((r) => r.id.length));
  return allRules.map((r) => `  ${r.id.padEnd(width)}  ${r.category.padEnd(18)} ${r.severity.padEnd(7)} ${r.title}`).join('\n');
}

function addCommonOptions(command: Command, formats: readonly Format[], defaultFormat: Format): Command {
  command.argument('[paths...]', 'files or directories (default: the current directory)').addOption(new Option('-f, --format <format>', 'output format').choices([...formats]).default(defaultFormat));
  // `--json` as fix has it (trial 30A: `check --json` was an unknown option).
  if (formats.includes('json')) command.addOption(new Option('--json', 'the same as --format json').conflicts('format'));
  return command
    .option('-o, --output <file>', `write the output to a file instead of stdout; without --format, its extension picks the format (${outputExtensions(formats)}; any other gets the default format), and the extension of a format this command does not write is a usage error`)
    .option('--include <glob>', 'only scan files matching this glob (repeatable)', collect)
    .option('--exclude <glob>', 'also skip files matching this glob (repeatable)', collect)
    .option('--include-tests', 'also scan test code and test doubles (*.test.*, *.spec.*, __tests__/, test/, tests/, spec/integration/ (and unit, e2e, fixtures, helpers, support), *-tests/, e2e/, test-helpers/, test-servers/, testapps/, test-apps/, mocks/, mock-*.* files, *.mock.* ...), skipped by default')
    .addOption(new Option('--max-file-size <mb>', 'skip files larger than this many megabytes (default 2)').argParser(parseSize))
    .option('-c, --config <file>', 'configuration file (default: mcp-migrate.config.json or the "mcp-migrate" key of package.json)')
    .option('--no-progress', 'do not show the progress line on a terminal')
    .option('--no-color', 'disable colours');
}

/** Output file extensions and the format each names. */
const FORMAT_OF_EXTENSION: Record<string, Format> = { '.html': 'html', '.htm': 'html', '.md': 'markdown', '.markdown': 'markdown', '.json': 'json', '.sarif': 'sarif' };

/** The extensions that pick one of these formats, for a command's help. */
function outputExtensions(formats: readonly Format[]): string {
  return Object.entries(FORMAT_OF_EXTENSION)
    .filter(([, format]) => formats.includes(format))
    .map(([extension]) => extension)
    .join(', ');
}

/**
 * `-o report.html` without `--format`: the format the file's extension names, when the command
 * writes it (`report -o inventory.html` wrote Markdown into it). An explicit --format wins.
 */
function formatFromOutputName(command: Command): void {
  const output = command.getOptionValue('output') as string | undefined;
  if (!output || command.getOptionValueSource('format') !== 'default') return;
  const format = FORMAT_OF_EXTENSION[path.extname(output).toLowerCase()];
  const choices = command.options.find((o) => o.long === '--format')?.argChoices;
  if (format && choices?.includes(format)) command.setOptionValueWithSource('format', format, 'default');
  // `report -o x.sarif`: a format this command does not write; silently writing its default into
  // that file would pass for the format the name promises.
  else if (format && choices) command.error(`mcp-migrate ${command.name()}: -o ${output} names the ${format} format, which ${command.name()} does not write (it writes ${choices.join(', ')}); ${format === 'sarif' || format === 'json' ? `use scan --format ${format}` : 'choose another name'} or pass --format`, { exitCode: 2, code: 'mcp-migrate.output-format' });
}

/**
 * `-o` and `--write-baseline` name files that must be writable: asked before the run, so that a
 * missing or read-only folder is one line naming the file and why, not a scan's work thrown away.
 */
function writableOutputs(command: Command): void {
  for (const option of ['output', 'writeBaseline']) {
    const given = command.getOptionValue(option) as string | undefined;
    if (!given || (option === 'output' && isStreamTarget(path.resolve(given)))) continue;
    const access = writeAccess(path.resolve(given));
    if ('reason' in access) throw new WriteError(given, access.reason);
  }
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('mcp-migrate')
    .description('Find and fix the stateful assumptions that break MCP servers under the stateless revision 2026-07-28.')
    .version(TOOL_VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(run mcp-migrate --help for usage)')
    .hook('preAction', (_program, command) => {
      // `--json` of a command that writes formats (fix's own --json is its summary's shape).
      if (command.options.some((o) => o.long === '--format') && command.getOptionValue('json')) command.setOptionValueWithSource('format', 'json', 'cli');
      formatFromOutputName(command);
      writableOutputs(command);
    })
    .addHelpText(
      'after',
      `
Examples:
  npx mcp-migrate scan                      inventory of the current project
  npx mcp-migrate report -o MIGRATION.md    the inventory as a document for the team
  npx mcp-migrate check --baseline .mcp-migrate-baseline.json --changed-since origin/main

Exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on (check: not covered by the baseline;
     fix: a file it set out to rewrite was left unchanged (it does not
     parse, the rewrite would not, it is not valid UTF-8, or its stateless
     transport would leave session-keyed state shared by every caller, or
     session records whose data tools read), a sessionful transport it
     left for any other reason (not under --safe-only), a transport it
     made per request while a tool of its server still asks the client
     mid-call (elicitInput...: named in the summary), or a run that moves
     packages to 2026-07-28 (by --target or their own default) kept one
     on SDK v1, did not move one already on v2 to createMcpHandler, or left a
     2025-only transport serving (not counted under --codemods);
     findings left for a person do not count: gate CI on scan or check;
     report never exits 1)
  2  usage error, bad configuration, missing path, nothing could be scanned,
     a file it cannot write (-o, --write-baseline; fix: then it writes none),
     (check) a code file it could not read (too large, unreadable; on a
     whole tree, one that names MCP) or a folder it could
     not look into that git tracks files in (any, outside git), or (fix) a dirty git
     tree or no git repository without --allow-dirty

Environment:
  NO_COLOR              disables colours (so do --no-color and a non-TTY output)
  FORCE_COLOR=1         colours even when the output is not a terminal (FORCE_COLOR=0: none)
  CI                    no progress line (as with --no-progress)
  MCP_MIGRATE_DEBUG=1   adds the stack trace to an internal error
  GITHUB_STEP_SUMMARY   --format github appends a Markdown summary there
  SOURCE_DATE_EPOCH     fixes the date printed in reports
  MCP_MIGRATE_CACHE=0   keep no caches: neither the compiler's V8 code cache nor
                        scan results (default: in $XDG_CACHE_HOME/mcp-migrate
                        or ~/.cache/mcp-migrate)

Spec: https://modelcontextprotocol.io/specification/2026-07-28`,
    );

  addCommonOptions(program.command('scan').description('Scan code and deployment config for stateful MCP assumptions.'), FORMATS, 'pretty')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity: error, warning, info or none (default: error)').argParser(parseFailOn))
    .option('--no-frames', 'do not print code frames under each finding')
    .option('--no-cache', 'read every file again: do not replay unchanged files\' results from the last scan')
    .addHelpText(
      'after',
      `
Formats: pretty (default), json (versioned schema, see README), markdown and html (the migration
inventory), sarif (SARIF 2.1.0 for code scanning), github (workflow annotations).

By default node_modules, build output (dist, build, out, .next ...), *.d.ts, bundles (minified,
or written by a bundler), compiled files (ending with a //# sourceMappingURL= comment: their
sources are scanned) and test files are skipped, .gitignore files are honoured at every level,
and symlinked directories are not followed.

A file unchanged since the last scan of the same folder (same size, times and inode, same
mcp-migrate build and rule settings) is not read again: its results are replayed from the cache in
$XDG_CACHE_HOME/mcp-migrate or ~/.cache/mcp-migrate. --no-cache reads everything; the markdown
and html formats read every file anyway.

Suppress a finding with a comment on its line, or alone on the line above:
  // mcp-migrate-ignore <rule-or-category> -- reason

Categories: ${CATEGORY_IDS.join(', ')}

Rules:
${ruleList()}`,
    )
    .action(async (paths: string[], options: CommonOptions) => {
      program.setOptionValue('exitCode', await scanCommand(paths, options));
    });

  addCommonOptions(program.command('report').description('Write the migration inventory (Markdown or a self-contained HTML page).'), ['markdown', 'html'], 'markdown')
    .addHelpText('after', '\nThe inventory lists the migration scope, stateful tools with the handle each needs, findings by\ncategory with next steps, and the migration checklist. Exits 0 unless nothing could be scanned.')
    .action(async (paths: string[], options: CommonOptions) => {
      program.setOptionValue('exitCode', await reportCommand(paths, options));
    });

  addCommonOptions(program.command('check').description('CI pre-merge check: fail on findings not covered by the baseline.'), ['pretty', 'json', 'sarif', 'github'], 'pretty')
    .addOption(new Option('--fail-on <severity>', 'fail on new findings at or above this severity: error, warning, info or none (default: warning; error lets new warnings pass)').argParser(parseFailOn))
    .option('--baseline <file>', 'accept the findings recorded in this baseline (matched by rule, file and code, not line; one found at a higher severity, or for a reason more, than recorded is new)')
    .option('--write-baseline <file>', "record today's findings as the baseline and exit 0")
    .option('--changed-since <ref>', 'only check files changed since this git ref (plus uncommitted and untracked files), and the findings the change brought to the files that import them')
    .option('--no-frames', 'do not print code frames under each finding')
    .option('--no-cache', 'read every file again: do not replay unchanged files\' results from the last scan')
    .addHelpText(
      'after',
      `
Typical CI use:
  mcp-migrate check --write-baseline .mcp-migrate-baseline.json          # once, commit the file
  mcp-migrate check --baseline .mcp-migrate-baseline.json --format sarif -o mcp-migrate.sarif
Stale baseline entries (accepted findings gone from files this run checked) are listed on stderr;
baseline file names are relative to the baseline's folder.`,
    )
    .action(async (paths: string[], options: CheckOptions) => {
      program.setOptionValue('exitCode', await checkCommand(paths, options));
    });

  program
    .command('fix')
    .description('Rewrite the code: stateless transports, explicit handle parameters, state keyed by handle.')
    .argument('[paths...]', 'files or directories (default: the current directory)')
    .option('-n, --dry-run', 'print a unified diff of every change and write nothing')
    .option('--codemods <ids>', 'run only these codemods (comma-separated; see --list); markers of earlier runs then stay, where a full run replaces those it marks anew')
    .option('--list', 'list the codemods and exit')
    .option('--safe-only', "apply only changes tagged safe; leave 'review' ones out")
    .option('--allow-dirty', 'write even if tracked files have uncommitted changes, a file to rewrite is not tracked by git, or outside a git repository')
    .addOption(new Option('--target <target>', "sdk-v1 (stay on @modelcontextprotocol/sdk v1) or 2026-07-28 (move to the v2 packages), for every package; default: each package's own, from its package.json").choices(['sdk-v1', '2026-07-28']))
    .option('--handle-name <state=name>', 'name the handle for a piece of state, e.g. carts=cart_id (repeatable)', collect)
    .option('--no-format', "do not run the project's Prettier/Biome on the changed files (it runs only on those it had formatted before)")
    .option('--json', 'print the result as JSON')
    .option('--include <glob>', 'only fix files matching this glob (repeatable)', collect)
    .option('--exclude <glob>', 'also skip files matching this glob (repeatable)', collect)
    .option('--include-tests', 'also rewrite test files (skipped by default; a --target 2026-07-28 run names the tests it left on the v1 SDK)')
    .addOption(new Option('--max-file-size <mb>', 'leave files larger than this many megabytes alone (default 2, as for scan)').argParser(parseSize))
    .option('-c, --config <file>', 'configuration file for include, exclude, includeTests and rules (a rule turned off keeps its codemod from running) (default: mcp-migrate.config.json or the "mcp-migrate" key of package.json)')
    .option('--no-progress', 'do not show the progress line on a terminal')
    .option('--no-color', 'disable colours')
    .addHelpText(
      'after',
      `
Every change is tagged safe or review. What fix cannot rewrite safely gets a
// TODO(mcp-migrate): <what and why, spec link> comment (added once) and a line in the summary;
a later run removes such a marker once what it was about is gone, and says so.
A second run over migrated code changes nothing. Files are written atomically (a symlink's
target, keeping the link, the file's mode, owner, line endings and byte order mark), all or
none (a file it cannot write stops the run before anything is written), re-parsed before
writing (a rewrite that does not parse is not written); package.json changes only in its
dependency sections (the packages the rewrite brought into the code; a lockfile is then yours
to update with an install), and nothing else is touched.

Exit codes: 0 done (or nothing to do; findings left for a person do not count: gate CI on
scan or check), 1 a file it set out to rewrite was left unchanged (it does not parse, the
rewrite would not, it is not valid UTF-8, or making its transport stateless would leave state
keyed by the session id shared by every caller, state keyed by the session's transport object
lost on every request, or session records whose data tools read), a
sessionful transport it left for any other reason (its marker says why; not under --safe-only),
a transport it made per request while a tool of its server still asks the client mid-call
(elicitInput, createMessage, listRoots, sendRequest: that call fails on every request; the
summary names each such tool), or a run that moves packages to 2026-07-28 (by --target or their own
default) kept one on SDK v1, did not move one already on the v2 packages to createMcpHandler,
or left a 2025-only transport serving (not counted under --codemods) (the summary says why),
2 usage error, bad configuration, missing path, nothing to scan, a file it cannot write (none
is written then), or a dirty git tree or no git repository (without --allow-dirty).`,
    )
    .action(async (paths: string[], options: FixCliOptions) => {
      program.setOptionValue('exitCode', await fixCommand(paths, options));
    });

  // A usage error names the help of the command it was made in.
  for (const command of program.commands) command.showHelpAfterError(`(run mcp-migrate ${command.name()} --help for usage)`);
  return program;
}

/**
 * `mcp-migrate scan | head`: when the reader closes the pipe early, stop quietly, as Unix tools do,
 * instead of dying with an EPIPE stack trace.
 */
function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`mcp-migrate: cannot write output: ${error.message}\n`);
    process.exit(2);
  });
}

/** Runs the CLI and resolves with the exit code; never throws for user errors. */
export async function main(argv: string[]): Promise<number> {
  exitQuietlyOnClosedPipe(process.stdout);
  const program = buildProgram();
  program.exitOverride();
  program.configureOutput({
    writeErr: (text) => process.stderr.write(text),
    writeOut: (text) => process.stdout.write(text),
  });
  for (const command of program.commands) command.exitOverride();
  try {
    if (argv.length <= 2) {
      program.outputHelp({ error: true });
      return 2;
    }
    await program.parseAsync(argv);
    return (program.getOptionValue('exitCode') as number | undefined) ?? 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return 2;
    }
    if (error instanceof PathError || error instanceof UsageError || error instanceof FixError || error instanceof ConfigError || error instanceof BaselineError || error instanceof GitError || error instanceof WriteError) {
      process.stderr.write(`mcp-migrate: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`mcp-migrate: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    if (process.env.MCP_MIGRATE_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    return 2;
  }
}
