/**
 * The contract every scanner rule implements. One rule per file in this folder; the registry in
 * `index.ts` lists them. A rule is pure: it reads one parsed or text file and reports ranges.
 */
import type { ts as TS } from 'ts-morph';
import type { CategoryId, Finding, ReasonId, Severity } from '../model.js';
import type { StateKind } from '../analysis/state-kind.js';
import type { SessionFacts } from '../analysis/session.js';

/**
 * Deployment config by what reads it. 'terraform': `*.tf` and `*.tf.json`; 'cloudformation':
 * CloudFormation/SAM templates in JSON, told by their name (a YAML template is 'yaml', like every
 * other YAML file); 'mcp-client': an MCP client's server list checked into the repository
 * (`.vscode/mcp.json`, `.mcp.json`, `.gemini/settings.json` ...); 'caddy': a Caddyfile
 * (`Caddyfile`, `Caddyfile.*`, `*.caddyfile`, `*.caddy`); 'bicep': Azure Bicep (`*.bicep`,
 * `*.bicepparam`); 'shell': a shell script (`*.sh`, `*.bash`) that runs a deployment CLI
 * (`gcloud`, `az containerapp`, `kubectl`: the walk reads no other script, see files.ts); 'fly': a
 * Fly.io app config (`fly.toml`, `fly.<env>.toml`).
 */
export type ConfigKind = 'nginx' | 'haproxy' | 'traefik' | 'caddy' | 'yaml' | 'wrangler' | 'dockerfile' | 'terraform' | 'cloudformation' | 'mcp-client' | 'bicep' | 'shell' | 'fly';

export interface RuleFix {
  /** Id of the codemod that rewrites this finding automatically, when one exists. */
  codemod?: string;
  /**
   * The codemod rewrites client code too. Otherwise a finding in client-only MCP code (a proxy's
   * or CLI's transport, a browser client) names no codemod: the server rewrites do not apply there.
   */
  clients?: boolean;
  /** What a person does, in one or two sentences. */
  manual: string;
  /**
   * The part of `manual` that applies to one finding, by its reasons (or its message), where
   * `manual` covers several kinds of finding (a marker above a header read need not explain CORS
   * lists); undefined: `manual` applies.
   */
  advice?: (finding: Pick<Finding, 'message' | 'reasons' | 'state' | 'stateKind'>) => string | undefined;
}

/** RuleFix.advice from a table: the advice of the first pattern a finding's message matches (the rule's own wording tells its kinds apart). */
export function adviceByMessage(table: ReadonlyArray<readonly [RegExp, string]>): NonNullable<RuleFix['advice']> {
  return ({ message }) => table.find(([said]) => said.test(message))?.[1];
}

export interface RuleMeta {
  id: string;
  category: CategoryId;
  severity: Severity;
  /** One line, used as the finding title in reports. */
  title: string;
  /** One paragraph: why this breaks or is deprecated under 2026-07-28. */
  why: string;
  fix: RuleFix;
  /** The spec page that backs the rule. */
  docs: string;
  /**
   * Lower-case substrings of which at least one must occur in a file for the rule to be able to
   * fire. The scanner's text pass uses them to decide which files to parse; a test checks that
   * the rule never fires on a file without one of them.
   */
  keywords: readonly string[];
  /**
   * Rules whose findings this rule's findings replace: in one file, a finding of one of these
   * rules whose range overlaps a finding of this rule is dropped (the scanner applies it; the
   * more specific finding says the same and more). A sticky-hash finding on `$http_mcp_session_id`
   * supersedes the plain header mention on the same code.
   */
  supersedes?: readonly string[];
  /**
   * What this rule reports on the 2025 path of code that speaks both eras (behind a test of the
   * era: `if (!(await isLegacyRequest(...))) return modern(...)`) is that path's job, kept for 2025
   * clients as the reference's legacy routing does: the scanner makes such a finding info and names
   * the test. (Rules with wording of their own for it, session-header and stateful-tool, do it themselves.)
   */
  legacyPathIsInfo?: boolean;
}

/**
 * Whether a report at [start, end) is one a superseding report over `winner` replaces
 * (RuleMeta.supersedes): they start together or their ranges overlap. The winner's range runs to
 * its `covers` where that is further.
 */
export function supersededBy(start: number, end: number, winner: readonly [number, number]): boolean {
  return start === winner[0] || Math.max(start, winner[0]) < Math.min(end, winner[1]);
}

export interface Report {
  /** Either a node of the parsed file ... */
  node?: TS.Node;
  /** ... or a character range of the file text. */
  start?: number;
  end?: number;
  message: string;
  /** The tool / prompt / resource the finding is about. */
  tool?: string;
  /** Overrides the rule's default severity for this one finding. */
  severity?: Severity;
  /** The per-session state a stateful tool depends on (names of collections); for shared-server, the server, transport or getter shared. */
  state?: string[];
  /** Why the finding holds, where the rule tells kinds apart (see REASON_IDS). */
  reasons?: ReasonId[];
  /** The code the finding is about, as its message opens with it (Finding.subject). */
  subject?: string;
  /** The kind of state a session-state finding is about (Finding.stateKind). */
  stateKind?: StateKind;
  /** The map and member of a record member a session-state finding says is read back (Finding.entryRead). */
  entryRead?: { map: string; member: string };
  /** The code a stateful-tool finding's handler keeps something by the session id with (Finding.keptBy). */
  keptBy?: string[];
  /**
   * Where the code this finding speaks for ends, when that is past `end`: a YAML key reported on
   * its own line whose block holds the details (`httpCookie:` and the cookie's `name:` below).
   * RuleMeta.supersedes compares against it.
   */
  covers?: number;
  /** The rule's codemod does not apply to this finding (client code, say): it names no `fix`. */
  manual?: boolean;
  /** Another codemod than the rule's rewrites this finding (a CORS list: cors-headers). */
  codemod?: string;
}

export type Reporter = (report: Report) => void;

export interface CodeFile {
  /** Path relative to the scanned root, `/`-separated. */
  path: string;
  text: string;
  /** `text.toLowerCase()`, computed once per file. */
  lower: string;
  sourceFile: TS.SourceFile;
  facts: SessionFacts;
}

export interface ConfigFile {
  path: string;
  text: string;
  lower: string;
  kind: ConfigKind;
}

/**
 * Runs only on files that mention MCP (MCP_MARKER, the scanner's gate): a rule need not check that
 * again, unless it is an `infra` rule.
 */
export interface CodeRule extends RuleMeta {
  target: 'code';
  /**
   * Deployment config written as code (an AWS CDK app): the rule also runs on code that names no
   * MCP API but imports the CDK (INFRA_MARKER), where no other code rule runs.
   */
  infra?: boolean;
  check(file: CodeFile, report: Reporter): void;
}

export interface ConfigRule extends RuleMeta {
  target: 'config';
  kinds: readonly ConfigKind[];
  check(file: ConfigFile, report: Reporter): void;
}

/** A definition a project rule reads in a code file (ProjectRule.definitions): a name, where, and the value it is given if one. */
export interface Definition {
  name: string;
  /** 1-based. */
  line: number;
  column: number;
  value?: string;
}

/** What the scan keeps of one code file for the project rules (MCP code, or code holding an anchor): its path (as findings name it) and its definitions. */
export interface ProjectFile {
  path: string;
  defines: readonly Definition[];
}

export interface ProjectReport {
  /** The file and line the finding is on (one of the ProjectFiles). */
  file: string;
  line: number;
  column: number;
  message: string;
  severity?: Severity;
  /**
   * A folder (`/`-separated, relative to the scanned root; '' for the root itself) whose files'
   * other findings this one replaces: what they say is not the project's to act on line by line.
   */
  folder?: string;
}

/**
 * Files of the scanned tree a project rule may look at when it runs (ProjectRule.check), by path
 * relative to the scanned root: what is read here is read on every run, never replayed from the
 * result cache (a package's manifest, an env file a compose service names).
 */
export interface ProjectTree {
  exists(path: string): boolean;
  /** The file's text; undefined when it is not there or cannot be read. */
  read(path: string): string | undefined;
  /** The code files of the run a code file imports (its relative and `#` imports, ModuleFiles.importsOf), where the caller has the run's modules (scan). */
  imports?(path: string): string[];
}

/**
 * Reads what several files of the run hold together (a copy of the SDK is told by what its files
 * define between them). Runs once per scan, after the files, on what `definitions` kept of each
 * code file it was given (MCP code, and other code holding one of its anchors), and what
 * `configDefinitions` kept of each deployment config file: it reads no file of the run itself, so
 * a replayed result cache serves it too (only a file outside the run, through `tree`). It sees the
 * files of the run only: a run limited to some files (`check --changed-since`) gives it those.
 */
export interface ProjectRule extends RuleMeta {
  target: 'project';
  /** What the rule needs of one code file's text (cheap: called on every MCP code file, and on other code holding an anchor). */
  definitions(text: string): Definition[];
  /**
   * Strings that make code which is not MCP code worth `definitions` (most code files are never
   * decoded: their bytes are searched for these).
   */
  anchors: readonly string[];
  /**
   * What the rule needs of one deployment config file of the run (every config file the scan reads;
   * cheap), when it reads config too: the replicas a Deployment runs, say (state-store-url).
   */
  configDefinitions?(file: Pick<ConfigFile, 'path' | 'text' | 'kind'>): Definition[];
  /** What a folder its findings cover holds, as fix names what it leaves there (`a copy of the MCP SDK`). */
  covers: string;
  /** `tree`: the scanned tree's other files, where the caller has it (scan). */
  check(files: readonly ProjectFile[], report: (report: ProjectReport) => void, tree?: ProjectTree): void;
}

export type Rule = CodeRule | ConfigRule | ProjectRule;

export const SPEC = 'https://modelcontextprotocol.io/specification/2026-07-28';

/** The next step for such a finding. */
export const LEGACY_ADVICE = 'Nothing to do for 2026-07-28 clients: it stays on the 2025 path for the 2025 clients it serves, and goes with that path.';
