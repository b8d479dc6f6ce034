/**
 * The CI baseline: today's findings recorded by fingerprint, so a pre-merge check fails only on
 * findings that are new, while old ones are paid down over time. Stale entries (accepted
 * findings that are gone from files this run checked) are reported so the baseline can shrink.
 *
 * Schema 2 names files relative to the baseline file's own folder, so a check run from another
 * folder or on a sub-folder (`check --baseline b.json src`) matches the same entries. Schema 1
 * (earlier versions) named them relative to the scanned root; it is still read that way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fingerprintCode, fingerprints, normaliseCode } from '../fingerprint.js';
import { stripBom, toPosix, writeFileAtomic } from '../io.js';
import { DETAIL_REASONS, severityRank, type Finding, type ReasonId, type ScanResult, type Severity } from '../model.js';

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  /** Schema 2: relative to the baseline file's folder; schema 1: to the root of the scan that wrote it. */
  file: string;
  /** Informational only: matching ignores line numbers. */
  line: number;
  snippet: string;
  /**
   * The finding's severity when it was accepted. The same line found again at a higher one (a
   * header read only logged, info, that now refuses requests without the header, error: trial
   * 50B) is new: accepting the lesser finding did not accept the greater. Entries written before
   * it existed accept any severity.
   */
  severity?: Severity;
  /**
   * Why the finding held when it was accepted (Finding.reasons). The same line found again for a
   * reason more (a tool accepted for its session state that now also asks the client mid-call,
   * trial 51B) is new: accepting one reason did not accept the other. Entries written before it
   * existed, or of findings without reasons, accept any.
   */
  reasons?: ReasonId[];
  /**
   * The code around the finding's line (short hashes of the nearest three other lines above and
   * below), so that of two identical lines the one a change added is the new one, wherever it
   * was added. Entries written before it existed are matched by order.
   */
  context?: string;
}

export interface Baseline {
  schemaVersion: 1 | 2;
  tool: { name: string; version: string };
  entries: BaselineEntry[];
}

export class BaselineError extends Error {
  override name = 'BaselineError';
}

/** The folder a baseline's file names are relative to: its own for schema 2, the scanned root for schema 1. */
function anchorOf(baseline: Pick<Baseline, 'schemaVersion'>, baselineFile: string, result: ScanResult): string {
  return baseline.schemaVersion === 1 ? result.root : path.dirname(baselineFile);
}

/** The findings with their files named relative to `anchor` (unchanged when it is the scanned root). */
function anchored(result: ScanResult, anchor: string): Finding[] {
  if (path.resolve(anchor) === path.resolve(result.root)) return result.findings;
  return result.findings.map((f) => ({ ...f, file: toPosix(path.relative(anchor, path.resolve(result.root, f.file))) }));
}

/** `baselineFile`: the absolute path the baseline will be written to (its folder anchors the file names). */
export function createBaseline(result: ScanResult, baselineFile: string): Baseline {
  const findings = anchored(result, path.dirname(baselineFile));
  const prints = fingerprints(findings);
  const contexts = new LineContexts(result.root);
  return {
    schemaVersion: 2,
    tool: result.tool,
    entries: findings.map((f, i) => {
      const context = contexts.of(result.findings[i]);
      return { fingerprint: prints[i], ruleId: f.ruleId, file: f.file, line: f.line, snippet: f.snippet, severity: f.severity, ...(f.reasons?.length ? { reasons: f.reasons } : {}), ...(context ? { context } : {}) };
    }),
  };
}

/** The code around findings' lines (BaselineEntry.context), each file read once. */
class LineContexts {
  private readonly files = new Map<string, string[] | undefined>();
  constructor(private readonly root: string) {}

  of(finding: Pick<Finding, 'file' | 'line'>): string | undefined {
    let lines = this.files.get(finding.file);
    if (!this.files.has(finding.file)) {
      try {
        lines = fs.readFileSync(path.resolve(this.root, finding.file), 'utf8').split('\n');
      } catch {
        lines = undefined;
      }
      this.files.set(finding.file, lines);
    }
    if (!lines) return undefined;
    // The nearest CONTEXT_LINES other lines above and below (blank ones skipped), each hashed short.
    const near = (from: number, step: number) => {
      const found: string[] = [];
      for (let i = from; i >= 0 && i < lines!.length && found.length < CONTEXT_LINES; i += step) if (lines![i].trim()) found.push(normaliseCode(lines![i]));
      while (found.length < CONTEXT_LINES) found.push('');
      return found;
    };
    return [...near(finding.line - 2, -1), ...near(finding.line, 1)].map((line) => createHash('sha256').update(line).digest('hex').slice(0, 4)).join('');
  }
}

/** Lines of context on each side of a finding (BaselineEntry.context). */
const CONTEXT_LINES = 3;

/**
 * How well the lines around two findings agree, by position, the nearest weighing most (3, 2, 1
 * on each side); contexts of another shape share nothing.
 */
function contextScore(a: string, b: string): number {
  if (a.length !== b.length || a.length !== CONTEXT_LINES * 2 * 4) return 0;
  let score = 0;
  for (let k = 0; k < CONTEXT_LINES * 2; k++) if (a.slice(k * 4, k * 4 + 4) === b.slice(k * 4, k * 4 + 4)) score += CONTEXT_LINES - (k % CONTEXT_LINES);
  return score;
}

/**
 * The baseline `--write-baseline` writes to `baselineFile` (absolute): today's findings, and the
 * entries of an existing schema 2 baseline there for files this run did not check (`inScope`
 * false: left out by paths, globs, --changed-since, or unreadable today), so that a narrowed run
 * does not drop what the rest of the tree had accepted. A schema 1 baseline or a file that is not
 * a baseline is replaced whole. `kept`: how many entries were carried over.
 */
export function updateBaseline(result: ScanResult, baselineFile: string, inScope: (absolute: string) => boolean): { baseline: Baseline; kept: number } {
  const baseline = createBaseline(result, baselineFile);
  let existing: Baseline | undefined;
  try {
    existing = fs.existsSync(baselineFile) ? readBaseline(baselineFile) : undefined;
  } catch {
    existing = undefined;
  }
  if (existing?.schemaVersion !== 2) return { baseline, kept: 0 };
  const dir = path.dirname(baselineFile);
  const carried = existing.entries.filter((e) => !inScope(path.resolve(dir, e.file)));
  if (carried.length === 0) return { baseline, kept: 0 };
  const entries = [...baseline.entries, ...carried].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { baseline: { ...baseline, entries }, kept: carried.length };
}

/** Reads a baseline; `file` is shown in messages as the user gave it, resolved against `cwd`. */
export function readBaseline(file: string, cwd = process.cwd()): Baseline {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stripBom(fs.readFileSync(path.resolve(cwd, file), 'utf8')));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BaselineError(code === 'ENOENT' ? `${file}: no such baseline file (create it with --write-baseline ${file})` : `${file}: not a valid baseline (${(error as Error).message})`);
  }
  const b = parsed as Baseline;
  if (!b || (b.schemaVersion !== 1 && b.schemaVersion !== 2) || !Array.isArray(b.entries) || b.entries.some((e) => typeof e?.fingerprint !== 'string' || typeof e?.file !== 'string')) {
    throw new BaselineError(`${file}: not an mcp-migrate baseline (expected schemaVersion 1 or 2 with entries)`);
  }
  return b;
}

export function writeBaselineFile(file: string, baseline: Baseline): void {
  writeFileAtomic(file, `${JSON.stringify(baseline, null, 2)}\n`);
}

export interface BaselineComparison {
  newFindings: Finding[];
  /** Of newFindings, those whose line the baseline accepted at a lower severity, with the severity it was accepted at. */
  raised: Map<Finding, Severity>;
  /** Of newFindings, those whose line the baseline accepted for fewer reasons: the reasons it did not accept, and those it did. */
  widened: Map<Finding, { added: ReasonId[]; accepted: ReasonId[] }>;
  accepted: Finding[];
  /** Entries of files this run checked whose finding is gone. */
  stale: BaselineEntry[];
  /** Entries of files this run did not check (left out by paths, globs or --changed-since): neither stale nor new. */
  outOfScope: BaselineEntry[];
  /**
   * A schema 1 baseline whose files are not where this scan's root puts them but are beside the
   * baseline: it was written from another folder, and its entries cannot be matched.
   */
  otherRoot: boolean;
}

/**
 * A line's code as a formatter leaves its meaning: no whitespace, no semicolon or comma at its
 * end, no trailing comma before a closing bracket, and an arrow function's one parameter without
 * parentheses (Prettier 3's arrowParens default turns `sid =>` into `(sid) =>`, trial 35B).
 */
function formatFree(code: string): string {
  // Quotes too: Prettier's singleQuote turns 'a' into "a" (an escaped quote inside may differ; the rest does not).
  return code
    .replace(/\s+/g, '')
    .replace(/[;,]+$/, '')
    .replace(/,(?=[)\]}])/g, '')
    .replace(/\\?["']/g, "'")
    .replace(/(^|[^\w$]|\b(?:async|return|default|yield|await))\(([A-Za-z_$][\w$]*)\)=>/g, '$1$2=>');
}

/**
 * Whether `now` is the line `before` became under a formatter: the same code but for spacing,
 * quote style, semicolons and trailing commas (`elicitInput( params )`), or one line of it once wrapped
 * (`elicitInput(` opening what `elicitInput(params);` held on one line), or the line that took
 * in the one it was wrapped from.
 */
function reformatted(before: string, now: string): boolean {
  const a = formatFree(before);
  const b = formatFree(now);
  if (a === b) return b.length > 0;
  return Math.min(a.length, b.length) >= 8 && (a.includes(b) || b.includes(a));
}

/**
 * Splits findings into new and accepted, and the entries that match nothing into stale and out of
 * scope. A finding matches an entry by fingerprint, or else (one entry each) an entry of its rule
 * and file whose line a formatter changed into the finding's (see reformatted). `baselineFile` is the baseline's absolute path; `inScope` says whether this run checked
 * a file (absolute path), so that a narrowed run does not call the other files' entries stale.
 */
export function compareWithBaseline(
  result: ScanResult,
  baseline: Baseline,
  baselineFile: string,
  inScope: (absolute: string) => boolean,
  options: {
    /**
     * Whether a finding's file (absolute) may take an entry of a file that is gone (absolute): by
     * default any may (a move git is not asked about); check --changed-since allows only the file
     * git saw renamed from it since the ref.
     */
    succeeds?: (file: string, gone: string) => boolean;
  } = {},
): BaselineComparison {
  const anchor = anchorOf(baseline, baselineFile, result);
  const files = anchored(result, anchor);
  const prints = fingerprints(files);
  const newFindings: Finding[] = [];
  const accepted: Finding[] = [];
  // Findings and entries of the same code: where a change added an identical line, the code
  // around each tells which one is new; else (and for entries without it) they pair by order.
  const entriesOf = new Map<string, BaselineEntry[]>();
  for (const e of baseline.entries) entriesOf.set(fingerprintCode(e.fingerprint), [...(entriesOf.get(fingerprintCode(e.fingerprint)) ?? []), e]);
  const findingsOf = new Map<string, number[]>();
  prints.forEach((p, i) => findingsOf.set(fingerprintCode(p), [...(findingsOf.get(fingerprintCode(p)) ?? []), i]));
  const matched = new Set<BaselineEntry>();
  /** Per finding (index), the entry that accepts it. */
  const known = new Map<number, BaselineEntry>();
  const contexts = new LineContexts(result.root);
  for (const [key, indexes] of findingsOf) {
    const entries = entriesOf.get(key);
    if (!entries) continue;
    const free = new Set(indexes);
    const pair = (e: BaselineEntry, i: number) => {
      free.delete(i);
      known.set(i, e);
      matched.add(e);
    };
    if (indexes.length > 1 && entries.some((e) => e.context)) {
      // Each entry takes the finding whose surroundings agree with its own most, when one does more than the others.
      const around = new Map(indexes.map((i) => [i, contexts.of(result.findings[i]) ?? '']));
      for (const e of entries) {
        if (!e.context) continue;
        const scored = indexes.filter((j) => free.has(j)).map((j) => [j, contextScore(e.context!, around.get(j)!)] as const).sort((x, y) => y[1] - x[1]);
        if (scored.length > 0 && scored[0][1] > 0 && (scored.length === 1 || scored[0][1] > scored[1][1])) pair(e, scored[0][0]);
      }
    }
    for (const e of entries) {
      if (matched.has(e)) continue;
      const i = indexes.find((j) => free.has(j));
      if (i === undefined) break;
      pair(e, i);
    }
  }
  const exists = (dir: string, e: BaselineEntry) => fs.existsSync(path.resolve(dir, e.file));
  // Entries no finding matched exactly, by rule and file: a finding whose line a formatter changed may match one of them.
  const place = (f: { ruleId: string; file: string }) => `${f.ruleId}\u0000${f.file}`;
  const loose = new Map<string, BaselineEntry[]>();
  for (const e of baseline.entries) if (!matched.has(e)) loose.set(place(e), [...(loose.get(place(e)) ?? []), e]);
  const raised = new Map<Finding, Severity>();
  const widened = new Map<Finding, { added: ReasonId[]; accepted: ReasonId[] }>();
  /** Accepted, unless the entry took the line at a lower severity than it has now, or for fewer reasons. */
  const accept = (f: Finding, entry: BaselineEntry) => {
    // (Not a detail of a reason it had, DETAIL_REASONS: what a session map holds, how long a tool's state lasts.)
    const more = Array.isArray(entry.reasons) ? (f.reasons ?? []).filter((r) => !entry.reasons!.includes(r) && !DETAIL_REASONS.has(r)) : [];
    if (entry.severity && severityRank(entry.severity) < severityRank(f.severity)) raised.set(f, entry.severity);
    if (more.length > 0) widened.set(f, { added: more, accepted: entry.reasons! });
    (raised.has(f) || widened.has(f) ? newFindings : accepted).push(f);
  };
  result.findings.forEach((f, i) => {
    const exact = known.get(i);
    if (exact) return accept(f, exact);
    const candidates = loose.get(place(files[i])) ?? [];
    const entry = candidates.find((e) => typeof e.snippet === 'string' && reformatted(e.snippet, f.snippet));
    if (!entry) return newFindings.push(f);
    candidates.splice(candidates.indexOf(entry), 1);
    matched.add(entry);
    accept(f, entry);
  });
  // Entries of files that are gone (moved or renamed, a package's folder with `git mv`), by rule and
  // code: the same finding at the new path is the accepted one, not a new one (trial 23B).
  if (baseline.schemaVersion === 2 && newFindings.length > 0) {
    // (Their code as a formatter leaves it: a package moved and reformatted in one change, trial 35B.)
    const code = (f: { ruleId: string; snippet: string }) => `${f.ruleId}\u0000${formatFree(f.snippet)}`;
    const gone = new Map<string, BaselineEntry[]>();
    for (const e of baseline.entries) if (!matched.has(e) && typeof e.snippet === 'string' && !exists(anchor, e)) gone.set(code(e), [...(gone.get(code(e)) ?? []), e]);
    const succeeds = options.succeeds ?? (() => true);
    for (const f of [...newFindings]) {
      if (raised.has(f) || widened.has(f)) continue;
      const candidates = gone.get(code(f)) ?? [];
      const entry = candidates.find((e) => succeeds(path.resolve(result.root, f.file), path.resolve(anchor, e.file)));
      if (!entry) continue;
      candidates.splice(candidates.indexOf(entry), 1);
      matched.add(entry);
      newFindings.splice(newFindings.indexOf(f), 1);
      accept(f, entry);
    }
  }
  const otherRoot =
    baseline.schemaVersion === 1 &&
    accepted.length === 0 &&
    baseline.entries.length > 0 &&
    path.resolve(anchor) !== path.dirname(baselineFile) &&
    !baseline.entries.some((e) => exists(anchor, e)) &&
    baseline.entries.some((e) => exists(path.dirname(baselineFile), e));
  const stale: BaselineEntry[] = [];
  const outOfScope: BaselineEntry[] = [];
  for (const entry of baseline.entries) {
    if (matched.has(entry)) continue;
    // Entries that cannot be matched to this run's files are not judged stale.
    (!otherRoot && inScope(path.resolve(anchor, entry.file)) ? stale : outOfScope).push(entry);
  }
  return { newFindings, raised, widened, accepted, stale, outOfScope, otherRoot };
}
