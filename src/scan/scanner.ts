/**
 * The scan pipeline:
 *   files (directory walk) → read (text checks) → prefilter (rule keywords) → parse (candidates only)
 *   → rules → suppressions → findings
 * Each parsed tree is dropped as soon as its file is done, so memory stays flat on large trees.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { isMcpBytes, isMcpCode, servingText, SPECIFIER_SCHEME, SPECIFIER_VERSION, withoutComments } from '../analysis/mcp.js';
import { parseFile, parseIndexed, syntaxError } from '../analysis/parse.js';
import { SessionFacts } from '../analysis/session.js';
import { ModuleFiles } from '../analysis/modules.js';
import { guardText, keptOnLegacyPath, legacyTest } from '../analysis/eras.js';
import { inFolder, leavesBase, removeWhere, reportPath, toPosix } from '../io.js';
import {
  CATEGORY_IDS,
  countFindings,
  SCHEMA_VERSION,
  compareFindings,
  type Finding,
  type ScanError,
  type ScanNote,
  type ScanResult,
  type Severity,
  type UnusedSuppression,
} from '../model.js';
import { allRules, codeRules as defaultCodeRules, configRules as defaultConfigRules, projectRules as defaultProjectRules } from '../rules/index.js';
import { supersededBy, type CodeRule, type ConfigRule, type ProjectFile, type ProjectRule, type ProjectTree, type Report, type Rule } from '../rules/types.js';
import { projectConfigDefinitions, projectDefinitions, projectFinding, projectReports } from './project.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { availableCodemodIds } from '../codemods.js';
import { NOTHING, ResultCache, SKIPPED, statOf, type FileOutcome } from './cache.js';
import { classifyFile, discoverFiles, type DiscoveredFile } from './files.js';
import { Prefilter } from './prefilter.js';
import { compiledBesideSource, DEFAULT_MAX_FILE_BYTES, FileReader, decodeText, READ_AS_LATIN1_NOTE, skipsAsBundle, typeScriptSource } from './read.js';
import { findSuppression, parseSuppressions, type Suppression } from './suppress.js';
import { GATEWAY_MENTION, gatewayCommands, gatewayPlace, gatewayServesNote, gatewayTarget } from '../rules/config/stdio-gateways.js';
import { lineMapper } from './lines.js';

export interface ScanOptions {
  /** Files or directories; default `['.']`. */
  paths?: string[];
  /** Working directory paths are resolved against; default `process.cwd()`. */
  cwd?: string;
  include?: string[];
  exclude?: string[];
  /** Scan test files (`*.test.*`, `__tests__/`, `test/` ...) too; skipped by default. */
  includeTests?: boolean;
  maxFileBytes?: number;
  /** Codemod ids `fix` can run; a finding's `fix` field names its codemod only when it is one of these. */
  codemods?: ReadonlySet<string>;
  /** Per rule or category id: a new severity, or 'off'. */
  severities?: Record<string, Severity | 'off'>;
  /** Replace the rule set (tests). */
  rules?: Rule[];
  /** Disable the keyword prefilter (tests prove it never changes results). */
  prefilter?: boolean;
  onProgress?: (done: number, total: number) => void;
  /**
   * Called with the text of every config file and every MCP code file (the files the scanner
   * decodes; the inventory collects project signals from them). Code that is not MCP code is
   * never decoded.
   */
  onFile?: (relPath: string, text: string, kind: 'code' | 'config') => void;
  /**
   * With onFile: called with code that is not MCP code but names CORS (`cors(`, `Access-Control-`,
   * `allowedHeaders`), decoded for this alone (a CORS middleware module the server mounts).
   */
  onCorsFile?: (relPath: string, text: string) => void;
  /**
   * Scan only these files (absolute paths), e.g. those changed since a git ref; and of the files
   * that import them and whose findings depend on them, the findings they did not have with these
   * files as `before` gives them (their text at the ref; undefined: not there then), or, without
   * `before`, all their findings.
   */
  onlyFiles?: Set<string>;
  before?: (absolute: string) => string | undefined;
  /**
   * Called with the absolute path of every file the scan checked (read and run through the rules;
   * not one it could not read or skipped as a bundle): `check` judges baseline entries of those only.
   */
  onScanned?: (absolute: string) => void;
  /**
   * Replay the results of files unchanged since the last scan of the same root (scan/cache.ts).
   * Off by default here; the CLI turns it on unless --no-cache. Ignored with `rules` or `onFile`.
   */
  cache?: boolean;
  /** Where the result cache lives; default the user's cache folder (off under MCP_MIGRATE_CACHE=0). */
  cacheDirectory?: string;
  /** Benchmarks: told where the time goes (`scripts/bench.mjs` times each phase of a real run). */
  instrument?: ScanInstrument;
}

/** The stages of the scan pipeline, in order ('cache': a file's outcome replayed from the result cache). */
export type ScanPhase = 'walk' | 'cache' | 'read' | 'marker' | 'prefilter' | 'parse' | 'rules' | 'config' | 'finish';

export interface ScanInstrument {
  /** A stretch of work of this phase just ended (many calls per run: one per phase per file). */
  phase(name: ScanPhase): void;
  /** The rules the keyword pass picked for a code file that is about to be parsed. */
  candidates?(ruleIds: string[]): void;
  /**
   * A file about to be read a second time (its path as findings name it): a module that MCP code
   * read after it hands the session id or its context to, checked again as MCP code (Scanner's
   * sessionCallers, contextCallers).
   */
  readAgain?(file: string): void;
}



function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The directory findings are reported relative to: a lone directory argument; else the cwd, when
 * every path is in it; else the folder the paths have in common (`report ~/x/examples ~/x/guides`
 * from elsewhere: ~/x, as for one of them alone its own folder, not the cwd, from which their
 * files have no relative name and above which no package.json of theirs is found).
 */
export function scanRoot(absolutePaths: string[], cwd: string): string {
  if (absolutePaths.length === 1) {
    const only = absolutePaths[0];
    if (!fs.existsSync(only)) return cwd;
    if (isDirectory(only)) return only;
    return leavesBase(path.relative(cwd, only)) ? path.dirname(only) : cwd;
  }
  if (absolutePaths.every((p) => !leavesBase(path.relative(cwd, p)))) return cwd;
  const first = absolutePaths[0];
  let common = isDirectory(first) ? first : path.dirname(first);
  for (const p of absolutePaths) {
    while (leavesBase(path.relative(common, p)) && path.dirname(common) !== common) common = path.dirname(common);
  }
  return common;
}

function parseError(sourceFile: TS.SourceFile): string | undefined {
  const error = syntaxError(sourceFile);
  return error && `${error} (findings in this file may be incomplete)`;
}

type RawReport = { rule: Rule; report: Report; start: number; end: number };

/**
 * Drops, in place, the reports another rule's overlapping report supersedes (RuleMeta.supersedes;
 * a report's `covers` extends its reach), then the silent rules' own reports.
 */
function supersede(raw: RawReport[], silent: ReadonlySet<string>): void {
  if (raw.length === 0) return;
  const winners = new Map<string, Array<[number, number]>>();
  for (const entry of raw) {
    for (const id of entry.rule.supersedes ?? []) {
      const ranges = winners.get(id) ?? [];
      ranges.push([entry.start, Math.max(entry.end, entry.report.covers ?? 0)]);
      winners.set(id, ranges);
    }
  }
  let kept = 0;
  for (const entry of raw) {
    if (silent.has(entry.rule.id) || winners.get(entry.rule.id)?.some((range) => supersededBy(entry.start, entry.end, range))) continue;
    raw[kept++] = entry;
  }
  raw.length = kept;
}

/**
 * A report on the 2025 path of code that speaks both eras (see RuleMeta.legacyPathIsInfo): info,
 * with no codemod, naming the test that keeps it there.
 */
function onLegacyPath(report: Report): Report {
  if (!report.node || report.severity === 'info') return report;
  const guard = legacyTest(report.node);
  if (!guard) return report;
  return { ...report, ...keptOnLegacyPath(report.reasons), message: `${report.message}; here on the 2025 path of code that speaks both eras (${guardText(guard.test, guard.earlyReturn)}): 2025 clients need it there; keep it behind that test` };
}

/**
 * Deployment config written as code: an AWS CDK app names `aws-cdk-lib` or an `@aws-cdk/` package.
 * Such code that is not MCP code is read for the infra rules only (CodeRule.infra).
 */
const INFRA_MARKER = 'aws-cdk';
const INFRA_ANCHOR = '-cdk';
/**
 * What a module handed the session id names (handedTheSession): the id read off a context
 * (`sessionId`), or a parameter that takes it (`allow(sessionKey)`, `(sid: string)`: a rate
 * limiter the tools hand `sid`, trial 75A B4). Not any word "session": the importers of every
 * module that says it (a web app's cookie sessions) would be read.
 */
export const SESSION_WORDS = ['sessionId', 'sessionKey', 'sessionID', 'session_id', 'session_key', 'sid:', 'sid,', 'sid)'];
/** SESSION_WORDS in a text. */
const SESSION_WORD = /session(?:Id|Key|ID|_id|_key)|sid[:,)]/;
const SESSION_BYTES = Buffer.from('session');
const SESSION_SUFFIXES = ['Id', 'Key', 'ID', '_id', '_key'].map((b) => Buffer.from(b));
const SID_ENDS = new Set([':', ',', ')'].map((c) => c.charCodeAt(0)));

/**
 * Whether a text or its UTF-8 bytes hold one of SESSION_WORDS (every code file of a tree that is
 * not MCP code takes this test). On bytes: `session`, then what follows it, and `sid`, then the
 * byte after it: two native searches where one per word cost three times as much on the bench
 * tree. test/read.test.ts holds the two to the list's answers.
 */
export function namesSessionWord(text: string | Buffer): boolean {
  if (typeof text === 'string') return SESSION_WORD.test(text);
  for (let i = text.indexOf(SESSION_BYTES); i !== -1; i = text.indexOf(SESSION_BYTES, i + SESSION_BYTES.length)) {
    const after = i + SESSION_BYTES.length;
    if (SESSION_SUFFIXES.some((suffix) => after + suffix.length <= text.length && text.compare(suffix, 0, suffix.length, after, after + suffix.length) === 0)) return true;
  }
  for (let i = text.indexOf('sid', 0, 'latin1'); i !== -1; i = text.indexOf('sid', i + 3, 'latin1')) if (SID_ENDS.has(text[i + 3])) return true;
  return false;
}
/** What code that sets CORS names (the CORS middlewares' call, the header's name, the option), for onCorsFile. */
const CORS_BYTES = ['cors(', 'Cors(', 'Access-Control-', 'access-control-', 'allowedHeaders'].map((b) => Buffer.from(b));

/** An import (or require) of the v1 SDK's server modules, also through Deno's npm: (`'npm:@modelcontextprotocol/sdk@1.25.0/server/mcp.js'`, trial 68C B3). */
const V1_SERVER_IMPORT = new RegExp(String.raw`(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|^\s*import\s*)['"]${SPECIFIER_SCHEME}@modelcontextprotocol\/sdk${SPECIFIER_VERSION}\/server\/[\w./-]+['"]`, 'm');
/**
 * Whether code imports the v1 SDK's server API for values (a type-only import serves nothing: a
 * client's UI; nor an import a generator's template writes out, nor a specifier a comment or a
 * string names: review 87 point 4).
 */
function importsV1Server(text: string): boolean {
  return V1_SERVER_IMPORT.test(text) && V1_SERVER_IMPORT.test(withoutComments(servingText(text)));
}

/** Whether a file's outcome says nothing (as code that is not MCP code gives): no finding, suppression, error, parse or SDK. */
function saysNothing(outcome: FileOutcome): boolean {
  return !outcome.skipped && !outcome.parsed && !outcome.sdkV1 && outcome.error === undefined && outcome.findings.length === 0 && outcome.suppressed === 0 && outcome.unused.length === 0;
}

/** The cached outcome of a file whose metadata has not changed since it was recorded. */
function replay(cache: ResultCache, absolute: string): FileOutcome | undefined {
  const stat = statOf(absolute);
  return stat ? cache.lookup(absolute, stat) : undefined;
}

/** The code files a run walked, as modules the rules may follow imports into (only files of the run are read). */
function runModules(root: string, code: ReadonlySet<string>, reader: FileReader, relative: (absolute: string) => string, overlay?: ReadonlyMap<string, string | undefined>): ModuleFiles {
  return new ModuleFiles(root, {
    // (With `overlay`: those files as they were, a file that was not there then not part of it.)
    has: (absolute) => code.has(absolute) && !(overlay?.has(absolute) && overlay.get(absolute) === undefined),
    text: (absolute) => {
      if (overlay?.has(absolute)) return overlay.get(absolute);
      const read = reader.read(absolute);
      return read.ok ? decodeText(read.bytes) : undefined;
    },
    label: relative,
    all: () => code,
  });
}

export class Scanner {
  private readonly codeRules: CodeRule[];
  private readonly configRules: ConfigRule[];
  private readonly projectRules: ProjectRule[];
  /** ProjectRule.anchors, as bytes: code that is not MCP code is read for the project rules only where one occurs. */
  private readonly projectAnchors: Buffer[];
  private readonly codeFilter: Prefilter<CodeRule>;
  /** The infra rules, for code that is not MCP code. */
  private readonly infraFilter: Prefilter<CodeRule> | undefined;
  private readonly configFilter: Prefilter<ConfigRule>;
  private readonly codemods: ReadonlySet<string>;
  /**
   * Rules turned off that supersede a rule still on: they run with the others, unreported, so
   * that what they would have said still replaces the other rule's finding (turning
   * sticky-lb-config off must not bring its lines back as session-header findings).
   */
  private readonly silent: ReadonlySet<string>;
  /** What a suppression may name, as the config file's `rules` may (and `all`): anything else is a typo. */
  private readonly suppressible: ReadonlySet<string>;
  /**
   * The run's other modules, which the rules may follow a file's imports into (`run` sets them to
   * the files it walks; fix to the files it reads, as it rewrites them). Without them, each file
   * is read on its own.
   */
  modules: ModuleFiles | undefined;
  /** The code files `run` walks (absolute paths). */
  private runCode: ReadonlySet<string> | undefined;
  /** The code files of the run the deployment config serves over HTTP through a stdio gateway, and how (servedByGateways). */
  private gatewayServes: ReadonlyMap<string, string> | undefined;

  constructor(private readonly options: ScanOptions = {}) {
    const rules = options.rules ?? [...defaultCodeRules, ...defaultConfigRules, ...defaultProjectRules];
    this.suppressible = new Set([...allRules, ...rules].flatMap((rule) => [rule.id, rule.category]).concat(CATEGORY_IDS, 'all'));
    const enabled = new Set(rules.filter((rule) => this.severityOf(rule) !== 'off').map((rule) => rule.id));
    const silent = rules.filter((rule) => !enabled.has(rule.id) && rule.supersedes?.some((id) => enabled.has(id)));
    this.silent = new Set(silent.map((rule) => rule.id));
    const running = rules.filter((rule) => enabled.has(rule.id) || this.silent.has(rule.id));
    this.codeRules = running.filter((rule): rule is CodeRule => rule.target === 'code');
    this.configRules = running.filter((rule): rule is ConfigRule => rule.target === 'config');
    this.projectRules = running.filter((rule): rule is ProjectRule => rule.target === 'project');
    this.projectAnchors = this.projectRules.flatMap((rule) => rule.anchors.map((a) => Buffer.from(a)));
    this.codeFilter = new Prefilter(this.codeRules, options.prefilter !== false);
    const infra = this.codeRules.filter((rule) => rule.infra);
    this.infraFilter = infra.length > 0 ? new Prefilter(infra, options.prefilter !== false) : undefined;
    this.configFilter = new Prefilter(this.configRules, options.prefilter !== false);
    this.codemods = options.codemods ?? availableCodemodIds();
  }

  private severityOf(rule: Rule): Severity | 'off' {
    const overrides = this.options.severities ?? {};
    return overrides[rule.id] ?? overrides[rule.category] ?? rule.severity;
  }

  /**
   * Scans one file's text. `relPath` is what findings report; `mcp` is whether the text is MCP
   * code (`isMcpCode`) and `infra` whether other code is infrastructure code (infraCode), when the
   * caller already knows.
   */
  scanText(
    relPath: string,
    text: string,
    kind: DiscoveredFile['kind'],
    mcp = kind.type === 'code' && (isMcpCode(text) || this.handedTheSession(relPath, text, true)),
    infra = kind.type === 'code' && !mcp && this.infraCode(text),
  ): Omit<FileOutcome, 'skipped'> {
    const raw: RawReport[] = [];
    let facts: SessionFacts | undefined;
    /** The parsed code, when the rules or the suppressions needed it. */
    let tree: TS.SourceFile | undefined;
    let parsed = false;
    let error: string | undefined;

    if (kind.type === 'code') {
      // One lower-cased copy per file, and only for MCP code and infrastructure code.
      const filter = mcp ? this.codeFilter : infra ? this.infraFilter : undefined;
      const lower = filter ? text.toLowerCase() : undefined;
      let candidates = lower ? filter!.candidates(text, lower) : [];
      // (A module checked only because MCP code hands it the session id names none of the session
      // rules' keywords, its parameter `key`: those rules read it as they read one that says `session`.)
      if (lower && mcp && this.handedUnnamed === relPath) {
        const named = new Set([...candidates, ...filter!.candidates('session')]);
        candidates = this.codeRules.filter((rule) => named.has(rule));
      }
      this.options.instrument?.phase('prefilter');
      if (lower && candidates.length > 0) {
        this.options.instrument?.candidates?.(candidates.map((rule) => rule.id));
        const { sourceFile, nodes } = parseIndexed(text, relPath);
        tree = sourceFile;
        this.options.instrument?.phase('parse');
        parsed = true;
        error = parseError(sourceFile);
        facts = new SessionFacts(sourceFile, mcp, nodes);
        if (this.modules) {
          // What the modules resolved before this file (another caller's) is not its dependencies.
          this.modules.dependencies();
          facts.modules = { path: relPath, source: this.modules };
        }
        facts.servedOverHttp = this.gatewayServes?.get(relPath);
        const file = { path: relPath, text, lower, sourceFile, facts };
        for (const rule of candidates) {
          try {
            rule.check(file, (found) => {
              const report = rule.legacyPathIsInfo ? onLegacyPath(found) : found;
              const start = report.node ? report.node.getStart(sourceFile) : (report.start ?? 0);
              const end = report.node ? report.node.getEnd() : (report.end ?? start);
              raw.push({ rule, report, start, end });
            });
          } catch (e) {
            error ??= `rule ${rule.id} failed on this file: ${(e as Error).message}`;
          }
        }
      }
    } else {
      const lower = this.configFilter.mayMatch(text) ? text.toLowerCase() : undefined;
      const candidates = lower ? this.configFilter.candidates(text, lower).filter((rule) => rule.kinds.includes(kind.kind)) : [];
      if (lower && candidates.length > 0) {
        const file = { path: relPath, text, lower, kind: kind.kind };
        for (const rule of candidates) {
          try {
            rule.check(file, (report) => {
              const start = report.start ?? 0;
              raw.push({ rule, report, start, end: report.end ?? start });
            });
          } catch (e) {
            error ??= `rule ${rule.id} failed on this file: ${(e as Error).message}`;
          }
        }
      }
    }

    // The modules this MCP code hands the session id or a request's context to, checked as MCP code (handedTheSession).
    const looksForCallees = mcp && kind.type === 'code' && !!this.modules;
    if (looksForCallees && !facts?.modules) this.modules!.dependencies();
    const handsSessionTo = looksForCallees ? this.modules!.sessionIdCallees(relPath, text) : [];
    // (From code that is MCP code itself: a module handed the context hands it no further.)
    const handsContextTo = looksForCallees && isMcpCode(text) ? this.modules!.contextCallees(relPath, text) : [];
    const handing = { ...(handsSessionTo.length > 0 ? { handsSessionTo } : {}), ...(handsContextTo.length > 0 ? { handsContextTo } : {}) };
    const read = facts?.modules || looksForCallees ? this.modules!.dependencies() : [];
    const dependencies = this.handedDependencies.length > 0 ? [...new Set([...read, ...this.handedDependencies])] : read;
    supersede(raw, this.silent);
    // Code whose suppressions are read is parsed for them when the rules did not parse it (they count only as comments).
    const code = kind.type === 'code' ? () => (tree ??= parseFile(text, relPath)) : undefined;
    if (raw.length === 0) {
      const unused = this.unusedOf(relPath, parseSuppressions(text, undefined, code));
      // An MCP file the keyword pass left unparsed costs only the text pass.
      this.options.instrument?.phase(kind.type === 'config' ? 'config' : parsed ? 'rules' : 'prefilter');
      return { findings: [], parsed, error, suppressed: 0, unused, ...(dependencies.length > 0 ? { dependencies } : {}), ...handing };
    }
    const mapper = lineMapper(text);
    const clientOnly = () => facts?.clientOnly ?? false;
    const suppressions = parseSuppressions(text, mapper, code);
    const findings: Finding[] = [];
    const seen = new Set<string>();
    let suppressed = 0;
    for (const { rule, report, start, end } of raw) {
      const from = mapper.position(start);
      const to = mapper.position(Math.max(start, end));
      const key = `${rule.id}:${from.line}:${from.column}:${report.tool ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (findSuppression(suppressions, from.line, rule.id, rule.category)) {
        suppressed++;
        continue;
      }
      const severity = report.severity && this.options.severities?.[rule.id] === undefined ? report.severity : this.severityOf(rule);
      const finding: Finding = {
        ruleId: rule.id,
        category: rule.category,
        severity: severity === 'off' ? rule.severity : severity,
        file: relPath,
        line: from.line,
        column: from.column,
        endLine: to.line,
        endColumn: to.column,
        message: report.message,
        snippet: mapper.lineText(from.line).trim().slice(0, 240),
      };
      if (report.tool !== undefined) finding.tool = report.tool;
      if (report.state && report.state.length > 0) finding.state = [...report.state];
      if (report.reasons && report.reasons.length > 0) finding.reasons = [...report.reasons];
      if (report.subject !== undefined) finding.subject = report.subject;
      if (report.stateKind !== undefined) finding.stateKind = report.stateKind;
      if (report.entryRead !== undefined) finding.entryRead = { ...report.entryRead };
      if (report.keptBy && report.keptBy.length > 0) finding.keptBy = [...report.keptBy];
      // Client-only code gets no server codemod (clientOnly is only asked once a finding offers one).
      const codemod = report.codemod ?? rule.fix.codemod;
      if (codemod && this.codemods.has(codemod) && !report.manual && (rule.fix.clients || !clientOnly())) finding.fix = codemod;
      findings.push(finding);
    }
    const unused = this.unusedOf(relPath, suppressions);
    this.options.instrument?.phase(kind.type === 'code' ? 'rules' : 'config');
    return { findings, parsed, error, suppressed, unused, ...(dependencies.length > 0 ? { dependencies } : {}), ...handing };
  }

  /**
   * Whether code that is not MCP code is infrastructure code some running rule reads (CodeRule.infra).
   * Every code file of a tree takes this test: `-cdk` first, whose first byte is rarer in code than
   * `a` (a quarter of the time on the bench tree), then the whole marker.
   */
  private infraCode(text: string | Buffer): boolean {
    return this.infraFilter !== undefined && text.includes(INFRA_ANCHOR) && text.includes(INFRA_MARKER);
  }

  /** The ids of suppressions that silenced nothing; those that name no rule or category are said to be unknown. */
  private unusedOf(relPath: string, suppressions: readonly Suppression[]): UnusedSuppression[] {
    return suppressions.flatMap((s) => s.ids.filter((id) => !s.used.has(id)).map((id) => ({ file: relPath, line: s.line, ruleId: id, ...(this.suppressible.has(id) ? {} : { unknown: true as const }) })));
  }

  /**
   * Whether code that names no MCP reads a session id (`sessionId`) and MCP code of the run hands
   * a request's context to a function it imports from it: a store module the tools hand their
   * context to (`remember(extra, note)` keying a Map by `extra.sessionId`, trial 57B B1), checked
   * as MCP code. Not a web helper the MCP server also imports (Koa cart middleware reading
   * `ctx.sessionId` that `app.use(cartMiddleware)` mounts, review 74). Code that names no session
   * word is such a module where MCP code of the run calls a function of it with the session id (a
   * rate limiter's `take(key)` called as `limiter.take(info.sessionId)`, trial 76A B4). Both are
   * known from the callers (FileOutcome.handsContextTo, handsSessionTo): those read so far, and
   * `run` scans a module again once a caller read after it is known. The callers are the file's
   * dependencies, as the rules' reads are.
   */
  private handedTheSession(relPath: string, content: string | Buffer, fresh = false): boolean {
    if (fresh) this.handedDependencies = [];
    this.handedUnnamed = undefined;
    if (!this.modules) return false;
    const context = this.contextCallers.get(relPath);
    const session = this.sessionCallers.get(relPath);
    if (!context && !session) return false;
    const named = namesSessionWord(content);
    const callers = named ? context : session;
    // (The callers that hand it what does not make it MCP code are dependencies too: what it is
    // depends on them, and `run` does not scan it again for them on every run.)
    this.handedDependencies = [...new Set([...(context ?? []), ...(session ?? [])])];
    if (callers && !named) this.handedUnnamed = relPath;
    return !!callers;
  }

  /** What handedTheSession looked at for the file being scanned (its dependencies, with what its rules read). */
  private handedDependencies: string[] = [];
  /** The file handedTheSession last took for MCP code through sessionCallers (it names no session word). */
  private handedUnnamed: string | undefined;

  /**
   * The modules MCP code hands the session id to (FileOutcome.handsSessionTo, as findings name
   * them), each with the files that hand it (absolute paths): what `run` has read so far, or what
   * handSessionsFrom found in a set of texts (fix).
   */
  private sessionCallers = new Map<string, Set<string>>();
  /** The same for the modules MCP code hands a request's context to (FileOutcome.handsContextTo). */
  private contextCallers = new Map<string, Set<string>>();

  /** Notes the modules a file's outcome says it hands the session id or the context to (sessionCallers, contextCallers). */
  private noteCallees(absolute: string, outcome: Pick<FileOutcome, 'handsSessionTo' | 'handsContextTo'>): void {
    const note = (callees: readonly string[] | undefined, into: Map<string, Set<string>>) => {
      for (const callee of callees ?? []) into.set(callee, (into.get(callee) ?? new Set<string>()).add(absolute));
    };
    note(outcome.handsSessionTo, this.sessionCallers);
    note(outcome.handsContextTo, this.contextCallers);
  }

  /**
   * sessionCallers and contextCallers from the texts of a set of files (those fix reads, with
   * `modules` theirs): the modules their MCP code hands the session id or the context to, checked
   * as MCP code by scanText (as `run` checks them).
   */
  handSessionsFrom(files: Iterable<{ rel: string; absolute: string; text: string; kind: DiscoveredFile['kind'] }>): void {
    this.sessionCallers = new Map();
    this.contextCallers = new Map();
    if (!this.modules) return;
    for (const file of files) {
      if (file.kind.type === 'code' && isMcpCode(file.text)) this.noteCallees(file.absolute, { handsSessionTo: this.modules.sessionIdCallees(file.rel, file.text), handsContextTo: this.modules.contextCallees(file.rel, file.text) });
    }
    this.modules.dependencies();
  }

  /** One file's outcome from its bytes (text, checked by the reader: UTF-8, or read as Latin-1). */
  private scanBytes(file: DiscoveredFile, bytes: Buffer, relative: (absolute: string) => string): FileOutcome {
    this.handedDependencies = [];
    this.handedUnnamed = undefined;
    const outcome = this.outcomeOfBytes(file, bytes, relative);
    const handed = this.handedDependencies;
    if (handed.length === 0 || outcome.skipped) return outcome;
    return { ...outcome, dependencies: [...new Set([...(outcome.dependencies ?? []), ...handed])] };
  }

  private outcomeOfBytes(file: DiscoveredFile, bytes: Buffer, relative: (absolute: string) => string): FileOutcome {
    const { onFile, onCorsFile, instrument } = this.options;
    // Most code files of a monorepo are not MCP code: the marker is tested on their bytes, and
    // only MCP code, infrastructure code (the CDK's) and config are decoded.
    const code = file.kind.type === 'code';
    // (MCP code a caller hands the session or the context to depends on that caller all the same:
    // `run` scans a file again for a caller its outcome does not depend on.)
    const own = code && isMcpBytes(bytes);
    const handed = code && this.handedTheSession(relative(file.absolute), bytes);
    if (own) this.handedUnnamed = undefined;
    const mcp = own || handed;
    const infra = code && !mcp && this.infraCode(bytes);
    const text = !code || mcp || infra ? decodeText(bytes) : undefined;
    if (code && text === undefined && onCorsFile && CORS_BYTES.some((b) => bytes.includes(b))) onCorsFile(relative(file.absolute), decodeText(bytes));
    // Bundles are skipped like *.min.js; only files that could be parsed are worth the check.
    if (text !== undefined && skipsAsBundle(text, mcp, file.absolute)) {
      instrument?.phase('marker');
      return SKIPPED;
    }
    // Compiled beside its source: skipped like a bundle (`run` keeps no such file in the result cache).
    if (text !== undefined && mcp && this.runCode && compiledBesideSource(file.absolute, text, (p) => this.runCode!.has(p))) {
      instrument?.phase('marker');
      return SKIPPED;
    }
    const rel = text === undefined ? undefined : relative(file.absolute);
    // The inventory's signals come from MCP code and config; infrastructure code only feeds its rules.
    if (rel !== undefined && !infra) onFile?.(rel, text!, file.kind.type);
    instrument?.phase('marker');
    // Code that is neither MCP code nor infrastructure code has nothing for the rules, nor a
    // suppression comment (its `mcp-migrate-ignore` would be the marker); the project rules may
    // read what it defines (a copy of the SDK's types names no MCP).
    if (rel === undefined) {
      const defines = code && this.projectAnchors.some((a) => bytes.includes(a)) ? projectDefinitions(this.projectRules, decodeText(bytes), false) : [];
      return defines.length > 0 ? { ...NOTHING, defines } : NOTHING;
    }
    const outcome: FileOutcome = { skipped: false, ...this.scanText(rel, text!, file.kind, mcp, infra) };
    if (code && importsV1Server(text!)) outcome.sdkV1 = true;
    // Deployment config too, for the project rules that read it (state-store-url: replicas, trial 73A B3).
    const defines = mcp ? projectDefinitions(this.projectRules, text!, true) : file.kind.type === 'config' ? projectConfigDefinitions(this.projectRules, { path: rel, text: text!, kind: file.kind.kind }) : [];
    if (defines.length > 0) outcome.defines = defines;
    return outcome;
  }

  /**
   * The result cache for this scan, when it is asked for and can be trusted: not with a rule set
   * or a per-file callback from the caller (the cache cannot see what those depend on).
   */
  private openCache(root: string): ResultCache | undefined {
    const { cache, cacheDirectory, rules, onFile, prefilter } = this.options;
    if (!cache || rules || onFile || prefilter === false) return undefined;
    const fingerprint = JSON.stringify({
      tool: TOOL_VERSION,
      compiler: ts.version,
      rules: [...this.codeRules, ...this.configRules, ...this.projectRules].map((rule) => [rule.id, this.severityOf(rule)]),
      severities: Object.entries(this.options.severities ?? {}).sort(),
      codemods: [...this.codemods].sort(),
      maxFileBytes: this.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
      // (A gateway added to a Dockerfile changes the findings of the file it serves, which reads nothing of it.)
      gateways: [...(this.gatewayServes ?? [])],
    });
    return ResultCache.open(root, fingerprint, cacheDirectory);
  }

  /**
   * The project rules, on what the files kept for them (FileOutcome.defines). A finding that
   * covers a folder replaces the other findings and unused suppressions of its code there, and
   * says how many findings it replaced; a suppression comment on its line silences it (the
   * replacement stays: the rule is on). How many it silenced.
   */
  private runProjectRules(files: readonly ProjectFile[], root: string, findings: Finding[], unused: UnusedSuppression[]): number {
    let suppressed = 0;
    const relative = reportPath(root);
    const modules = this.modules;
    const tree: ProjectTree = {
      exists: (file) => fs.existsSync(path.join(root, file)),
      read: (file) => readText(path.join(root, file)),
      ...(modules ? { imports: (file: string) => [...modules.importsOf([path.join(root, file)])].map(relative) } : {}),
    };
    for (const { rule, report } of projectReports(this.projectRules, files, tree)) {
      let replaced = 0;
      if (report.folder !== undefined) {
        // The folder's code: a deployment config beside it (a manifest in the copy's folder) is the project's own.
        const folder = report.folder;
        const covered = (file: string) => inFolder(file, folder) && classifyFile(file)?.type === 'code';
        replaced = removeWhere(findings, (f) => covered(f.file));
        removeWhere(unused, (u) => covered(u.file));
      }
      const finding = projectFinding(rule, report, readText(path.join(root, report.file)) ?? '', this.options.severities ?? {}, replaced);
      if (finding) findings.push(finding);
      else {
        suppressed++;
        // The file's own pass found no finding for that comment to silence (state-store-url's on a
        // deployment config's line, trial 73A B3): it is used, not unused.
        const ids = [rule.id, rule.category, 'all'];
        removeWhere(unused, (u) => u.file === report.file && (u.line === report.line || u.line === report.line - 1) && ids.includes(u.ruleId));
      }
    }
    return suppressed;
  }

  /** The run's modules with the changed files as they were at the ref (ScanOptions.before), made once. */
  private modulesBefore: ModuleFiles | undefined;
  /** sessionCallers and contextCallers with the changed files as they were at the ref, made once (callersAt). */
  private callersBefore: { session: Map<string, Set<string>>; context: Map<string, Set<string>> } | undefined;

  /** sessionCallers and contextCallers as they were with the `changed` files' text at the ref (`before`), read with modulesBefore. */
  private callersAt(before: (absolute: string) => string | undefined, changed: ReadonlySet<string>, relative: (absolute: string) => string): { session: Map<string, Set<string>>; context: Map<string, Set<string>> } {
    const without = (callers: Map<string, Set<string>>) => new Map([...callers].map(([callee, from]) => [callee, new Set([...from].filter((f) => !changed.has(f)))] as const).filter(([, from]) => from.size > 0));
    const now = { session: this.sessionCallers, context: this.contextCallers };
    [this.sessionCallers, this.contextCallers] = [without(now.session), without(now.context)];
    try {
      for (const file of changed) {
        const text = this.runCode!.has(file) ? before(file) : undefined;
        if (text === undefined || !isMcpCode(text)) continue;
        const rel = relative(file);
        this.noteCallees(file, { handsSessionTo: this.modulesBefore!.sessionIdCallees(rel, text), handsContextTo: this.modulesBefore!.contextCallees(rel, text) });
      }
      return { session: this.sessionCallers, context: this.contextCallers };
    } finally {
      [this.sessionCallers, this.contextCallers] = [now.session, now.context];
    }
  }

  /**
   * Of the findings of a file that imports the changed files, those it did not have with them as
   * they were (`before`: their text at the ref): the file scanned again against that text.
   */
  private broughtBy(before: (absolute: string) => string | undefined, changed: ReadonlySet<string>, file: DiscoveredFile, outcome: FileOutcome, reader: FileReader, relative: (absolute: string) => string, root: string): Finding[] {
    const read = reader.read(file.absolute, file.regular);
    if (!read.ok) return outcome.findings;
    // (The changed code files only: the modules read nothing else.)
    this.modulesBefore ??= runModules(root, this.runCode!, reader, relative, new Map([...changed].filter((f) => this.runCode!.has(f)).map((f) => [f, before(f)])));
    // (And what the changed files handed as they were: a module a changed tool now hands its context was not MCP code before.)
    this.callersBefore ??= this.callersAt(before, changed, relative);
    const now = { modules: this.modules, session: this.sessionCallers, context: this.contextCallers };
    [this.modules, this.sessionCallers, this.contextCallers] = [this.modulesBefore, this.callersBefore.session, this.callersBefore.context];
    let was: FileOutcome;
    try {
      was = this.scanBytes(file, read.bytes, relative);
    } finally {
      [this.modules, this.sessionCallers, this.contextCallers] = [now.modules, now.session, now.context];
    }
    // (A finding for a reason more is another finding, as the baseline counts it.)
    const key = (f: Finding) => `${f.ruleId}\u0000${f.line}\u0000${f.column}\u0000${f.message}\u0000${f.severity}\u0000${f.reasons?.join(',') ?? ''}`;
    const had = new Set(was.findings.map(key));
    return outcome.findings.filter((f) => !had.has(key(f)));
  }

  async run(): Promise<ScanResult> {
    const started = performance.now();
    const cwd = this.options.cwd ?? process.cwd();
    const inputs = this.options.paths && this.options.paths.length > 0 ? this.options.paths : ['.'];
    const absoluteInputs = inputs.map((p) => path.resolve(cwd, p));
    const discovery = await discoverFiles(inputs, { include: this.options.include, exclude: this.options.exclude, includeTests: this.options.includeTests, maxFileBytes: this.options.maxFileBytes }, cwd);
    const root = scanRoot(absoluteInputs, cwd);
    const relative = reportPath(root);
    const errors: ScanError[] = discovery.errors.map((e) => ({ file: relative(e.path), message: e.message }));
    const findings: Finding[] = [];
    const unusedSuppressions: UnusedSuppression[] = [];
    const skippedFiles: string[] = [];
    let scanned = 0;
    let codeScanned = 0;
    let parsed = 0;
    const sdkV1Files: string[] = [];
    const projectFiles: ProjectFile[] = [];
    let suppressed = 0;
    // Text that is not UTF-8 is read as Latin-1 and scanned (trial 67B B3: a session map behind one
    // Latin-1 byte in a comment was skipped, and scan passed), and said in `notes`, not `errors`.
    const reader = new FileReader(this.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, undefined, 'latin1');
    const notes: ScanNote[] = [];
    const noted = new Set<string>();
    this.runCode = new Set(discovery.files.filter((f) => f.kind.type === 'code').map((f) => f.absolute));
    // (A reader of their own: their reads must not overwrite the bytes of the file being scanned, handedTheSession.)
    const modules = (this.modules = runModules(root, this.runCode, new FileReader(this.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, undefined, 'latin1'), relative));
    this.modulesBefore = undefined;
    this.callersBefore = undefined;
    this.sessionCallers = new Map();
    this.contextCallers = new Map();
    // (From every file of the walk: a run limited to changed files still knows what the deployment serves.)
    this.gatewayServes = servedByGateways(discovery.files, root, relative, this.runCode, notes);
    const only = this.options.onlyFiles;
    const runFiles = only ? new Map(discovery.files.map((f) => [f.absolute, f])) : undefined;
    if (only) discovery.files = discovery.files.filter((f) => only.has(f.absolute));
    const total = discovery.files.length;
    const { onProgress, instrument } = this.options;
    const cache = this.openCache(root);
    instrument?.phase('walk');
    /**
     * What a file gives this scan: replayed from the cache (not `again`), or read and scanned;
     * undefined (an error said) when it cannot be read. The modules it hands the session id to are noted.
     */
    const outcomeOf = (file: DiscoveredFile, again = false): FileOutcome | undefined => {
      const outcome = takeOutcome(file, again);
      if (outcome?.handsSessionTo || outcome?.handsContextTo) this.noteCallees(file.absolute, outcome);
      return outcome;
    };
    const takeOutcome = (file: DiscoveredFile, again: boolean): FileOutcome | undefined => {
      // JavaScript beside a TypeScript file of its name is neither replayed nor kept: whether it is
      // that file's compiled output depends on the source being there (compiledBesideSource).
      const cached = cache && !typeScriptSource(file.absolute, (p) => this.runCode!.has(p)) ? cache : undefined;
      const replayed = cached && !cached.empty && !again ? replay(cached, file.absolute) : undefined;
      if (replayed) {
        instrument?.phase('cache');
        return replayed;
      }
      const read = reader.read(file.absolute, file.regular, cache !== undefined);
      instrument?.phase('read');
      if (!read.ok) {
        errors.push({ file: relative(file.absolute), message: read.reason });
        cache?.forget(file.absolute);
        return undefined;
      }
      const outcome = this.scanBytes(file, read.bytes, relative);
      if (read.latin1) {
        // Said once per file, on every run: such a file is not kept in the cache, whose replay would not say it.
        if (!noted.has(file.absolute)) notes.push({ file: relative(file.absolute), message: READ_AS_LATIN1_NOTE }), noted.add(file.absolute);
        cache?.forget(file.absolute);
      } else if (cached && read.stat) cached.record(file.absolute, read.stat, outcome);
      return outcome;
    };
    /** Code files whose outcome found nothing to say, which MCP code read after them may hand the session id to. */
    const plain = new Map<string, { file: DiscoveredFile; outcome: FileOutcome }>();
    for (let i = 0; i < total; i++) {
      const file = discovery.files[i];
      if (onProgress && (i % 200 === 0 || i === total - 1)) onProgress(i + 1, total);
      const outcome = outcomeOf(file);
      if (!outcome) continue;
      if (outcome.skipped) {
        skippedFiles.push(relative(file.absolute));
        continue;
      }
      scanned++;
      this.options.onScanned?.(file.absolute);
      if (file.kind.type === 'code') codeScanned++;
      if (file.kind.type === 'code' && saysNothing(outcome)) plain.set(relative(file.absolute), { file, outcome });
      if (outcome.parsed) parsed++;
      if (outcome.sdkV1) sdkV1Files.push(relative(file.absolute));
      if (outcome.defines) projectFiles.push({ path: relative(file.absolute), defines: outcome.defines });
      suppressed += outcome.suppressed;
      // A replayed outcome names the file as this scan does: the cache is per root.
      if (outcome.error !== undefined) errors.push({ file: relative(file.absolute), message: outcome.error });
      findings.push(...outcome.findings);
      unusedSuppressions.push(...outcome.unused);
    }
    // The files that import those named and whose findings depend on them (an imported key builder
    // changed to take the session id; trial 51B B1): the findings the change brought them, not
    // the ones they had before it (review 65). Their own importers only through such a file.
    if (only && runFiles) {
      // (Not a file named itself: its findings are counted once, with the files named; trial 53B B1.)
      // (And the modules they import: a store module checked as MCP code because a changed file now
      // hands it the tools' context, handedTheSession, review 74. Kept only where its findings
      // depend on the changed files, as for the importers.)
      const queue = [...new Set([...modules.importersOf(only), ...modules.importsOf(only)])].filter((file) => !only.has(file));
      const seen = new Set([...only, ...queue]);
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        const file = runFiles.get(next);
        const outcome = file && outcomeOf(file);
        if (!file || !outcome || outcome.skipped || !outcome.dependencies?.some((d) => only.has(d))) continue;
        for (const user of modules.importersOf([next])) if (!seen.has(user)) queue.push(user), seen.add(user);
        // Without `before` (a baseline written from this narrowed run) the file is reported whole,
        // as a changed one is, so its baseline entries are rewritten, not kept beside (read-through 66).
        const before = this.options.before;
        const brought = !before ? outcome.findings : outcome.findings.length > 0 ? this.broughtBy(before, only, file, outcome, reader, relative, root) : [];
        if (!before) this.options.onScanned?.(file.absolute);
        else if (brought.length === 0) continue;
        scanned++;
        codeScanned++;
        findings.push(...brought);
      }
    }
    // A module MCP code read after it hands the session id or the context to (sessionCallers; a
    // limiter whose `take(key)` the tools call with `info.sessionId`, trial 76A B4; contextCallers,
    // a store the tools call as `remember(extra, note)`, trial 57B B1): scanned again, as MCP code,
    // for what it said (nothing; it stays counted once). Not one checked with those callers already.
    for (const [rel, { file, outcome: was }] of plain) {
      const callers = [...(this.sessionCallers.get(rel) ?? []), ...(this.contextCallers.get(rel) ?? [])];
      if (callers.every((caller) => was.dependencies?.includes(caller))) continue;
      instrument?.readAgain?.(rel);
      const outcome = outcomeOf(file, true);
      if (!outcome || outcome.skipped) continue;
      if (outcome.parsed) parsed++;
      if (outcome.sdkV1) sdkV1Files.push(rel);
      removeWhere(projectFiles, (f) => f.path === rel);
      if (outcome.defines) projectFiles.push({ path: rel, defines: outcome.defines });
      suppressed += outcome.suppressed;
      if (outcome.error !== undefined) errors.push({ file: rel, message: outcome.error });
      findings.push(...outcome.findings);
      unusedSuppressions.push(...outcome.unused);
    }
    cache?.save(absoluteInputs.length === 1 && absoluteInputs[0] === root && !this.options.onlyFiles);
    suppressed += this.runProjectRules(projectFiles, root, findings, unusedSuppressions);
    findings.sort(compareFindings);
    const counts = countFindings(findings);
    instrument?.phase('finish');
    return {
      schemaVersion: SCHEMA_VERSION,
      tool: { name: TOOL_NAME, version: TOOL_VERSION },
      root: toPosix(root),
      findings,
      summary: {
        filesMatched: total,
        filesScanned: scanned,
        codeFilesScanned: codeScanned,
        filesParsed: parsed,
        filesSkipped: skippedFiles.length,
        findings: counts.findings,
        suppressed,
        bySeverity: counts.bySeverity,
        byCategory: counts.byCategory,
        sdkV1ServerFiles: sdkV1Files.length,
        durationMs: Math.round(performance.now() - started),
      },
      errors,
      ...(notes.length > 0 ? { notes } : {}),
      unusedSuppressions,
      skipped: skippedFiles,
      sdkV1Files: sdkV1Files.sort(),
    };
  }
}


/**
 * The code files of the run that a deployment config of the walk (a Dockerfile, a compose or
 * Kubernetes YAML, a deployment script) serves over HTTP through a stdio gateway (supergateway,
 * mcp-proxy), by their paths as findings name them, each with what stateful-tool says of it
 * (trial 72B B6: a stdio-only server's state stayed info while its image ran it behind
 * supergateway with three replicas). A gateway whose command names no file of the run is said in
 * `notes`, not guessed at.
 */
function servedByGateways(files: readonly DiscoveredFile[], root: string, relative: (absolute: string) => string, code: ReadonlySet<string>, notes: ScanNote[]): Map<string, string> {
  const served = new Map<string, string>();
  const reader = new FileReader(DEFAULT_MAX_FILE_BYTES, 64 * 1024, 'latin1');
  const mention = [Buffer.from('supergateway'), Buffer.from('mcp-proxy')];
  const project = {
    has: (rel: string) => code.has(path.join(root, rel)),
    read: (rel: string) => readText(path.join(root, rel)),
  };
  for (const file of files) {
    if (file.kind.type !== 'config' || !['dockerfile', 'yaml', 'shell'].includes(file.kind.kind)) continue;
    const read = reader.read(file.absolute, file.regular);
    if (!read.ok || !mention.some((m) => read.bytes.includes(m))) continue;
    const text = decodeText(read.bytes);
    if (!GATEWAY_MENTION.test(text)) continue;
    const rel = relative(file.absolute);
    // (A config outside the root is named by an absolute path: its folder is looked in as the root.)
    const folder = path.posix.dirname(rel) === '.' || rel.startsWith('/') || rel.startsWith('..') ? '' : path.posix.dirname(rel);
    for (const gateway of gatewayCommands({ path: rel, text, kind: file.kind.kind })) {
      const target = gatewayTarget(gateway, folder, project);
      const place = gatewayPlace(rel, gateway);
      if ('file' in target) {
        if (!served.has(target.file)) served.set(target.file, gatewayServesNote(place, gateway));
      } else notes.push({ file: rel, message: `line ${gateway.line}: ${gateway.gateway} serves a stdio server over HTTP, but ${target.unmatched}: no file's stdio-only findings are told so` });
    }
  }
  return served;
}

/** A file's text, for a project rule's finding (undefined when it cannot be read). */
function readText(absolute: string): string | undefined {
  try {
    return fs.readFileSync(absolute, 'utf8');
  } catch {
    return undefined;
  }
}

/** Scans files and directories; the same data `mcp-migrate scan --format json` prints. */
export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  return new Scanner(options).run();
}
