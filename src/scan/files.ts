/**
 * Which files a run looks at. `walkDirectory` reads each directory once, synchronously:
 * - A directory named by DEFAULT_IGNORES, by TEST_IGNORES (unless --include-tests) or by an
 *   --exclude glob is skipped whole, and so is one a .gitignore excludes. Symlinked directories
 *   are never entered; a symlink to a file counts as that file.
 * - What TEST_IGNORES alone left out is still taken in where the run's code imports it, and what
 *   that imports (importedTestCode): production code in a folder named `tests/` is scanned.
 * - A file is kept when an --include glob matches it (default: every file), no ignore glob does
 *   and the .gitignore rules do not exclude it. Globs are picomatch, relative to the scanned
 *   directory, dotfiles included, with the conventions globby had: `!glob` in --include subtracts,
 *   and a glob naming a directory (`src`, or a plain name after a globstar) covers its contents.
 * - .gitignore files count at every level inside the scanned directory, each pattern relative to
 *   its own file (`ignore` package), and so do the repository's between its root and the scanned
 *   directory, unless git ignores that directory itself (then only the ones inside it count).
 * - An unreadable directory, or an unreadable .gitignore (whose patterns then do not apply, as in
 *   git), becomes one error and the walk goes on.
 * `classifyFile` decides, from the name alone, whether a file is code the parser reads or
 * deployment config the text rules read. A shell script is the one kind a walk also looks into: it
 * keeps only scripts that run a deployment CLI (a script named on the command line is read as it is).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { toPosix } from '../io.js';
import type { ConfigKind } from '../rules/types.js';
import { candidatePaths } from '../analysis/modules.js';
import { DEFAULT_MAX_FILE_BYTES, FileReader } from './read.js';

/** How the walk's error for a folder it could not look into begins (check fails on one; pretty output counts it as a folder). */
const UNREAD_FOLDER_PREFIX = 'cannot read directory: ';

/** Whether a scan error is a folder the walk could not look into. */
export function unreadFolder(error: { message: string }): boolean {
  return error.message.startsWith(UNREAD_FOLDER_PREFIX);
}

/** Whether a scan error is a code file it could not read (not a folder named like one, `lib.js`). */
export function unreadCodeFile(error: { file: string; message: string }): boolean {
  return !unreadFolder(error) && classifyFile(error.file)?.type === 'code';
}

/** How many of some scan errors are files and how many folders: `2 files and 1 folder`. */
export function filesAndFolders(errors: ReadonlyArray<{ message: string }>): string {
  const folders = errors.filter(unreadFolder).length;
  const files = errors.length - folders;
  return [...(files > 0 ? [`${files} file${files === 1 ? '' : 's'}`] : []), ...(folders > 0 ? [`${folders} folder${folders === 1 ? '' : 's'}`] : [])].join(' and ');
}

export type FileKind = { type: 'code'; ext: string } | { type: 'config'; kind: ConfigKind };

const CODE_EXTENSIONS: ReadonlySet<string> = new Set(['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts']);

/** Build output, dependencies and generated code: never the user's source. */
export const DEFAULT_IGNORES = [
  '**/node_modules/**',
  '**/.git/**',
  '**/dist/**',
  '**/.next/**',
  '**/.nuxt/**',
  '**/.svelte-kit/**',
  '**/.turbo/**',
  '**/.vercel/**',
  '**/.wrangler/**',
  // Terraform's downloaded modules and providers; the CDK's synthesized templates (its app is read).
  '**/.terraform/**',
  '**/cdk.out/**',
  '**/coverage/**',
  '**/__generated__/**',
  '**/*.d.ts',
  '**/*.d.mts',
  '**/*.d.cts',
  '**/*.min.js',
  '**/*.min.mjs',
  '**/*.min.cjs',
  '**/*.bundle.js',
];

/**
 * Test code: skipped unless --include-tests. A test that asserts `Mcp-Session-Id` is absent, or a
 * test client that still speaks 2025, is not a production stateful assumption, and counting it
 * would keep a migrated repository red in CI. A file here that the run's code imports is
 * production code all the same, and scanned (importedTestCode).
 */
/**
 * Folders build output usually goes to, which are also names a source folder may have
 * (`src/tools/build/`, the CI bot's "build" tools, trial 74B B9: skipped whole, check passed the
 * stateful tools in it): left out as TEST_IGNORES are, so taken in where the run's code imports
 * them; with --include-tests, left out whole as before.
 */
export const BUILD_FOLDERS = ['**/build/**', '**/out/**'];

export const TEST_IGNORES = [
  '**/*.test.*',
  '**/*.test-d.*',
  '**/*.spec.*',
  '**/*.e2e.*',
  // Helpers of a test suite beside the code (mcp-tool-mocks.spechelper.ts, api.test-utils.ts).
  '**/*.spechelper.*',
  '**/*.spec-helper.*',
  '**/*.testhelper.*',
  '**/*.test-helper.*',
  '**/*.test-utils.*',
  '**/__tests__/**',
  '**/__mocks__/**',
  // Test doubles: mock-transport.ts, transport.mock.ts, fake-mock.ts, mocks/.
  '**/mocks/**',
  '**/mock-*.*',
  '**/*.mock.*',
  '**/*-mock.*',
  '**/*-mocks.*',
  '**/*.mocks.*',
  '**/__fixtures__/**',
  // LLM evaluation harnesses (mcp-evals): they grade a server, they are not one.
  '**/evals/**',
  '**/evals.*',
  '**/*.eval.*',
  '**/*.evals.*',
  '**/test-fixtures/**',
  // Servers a test suite starts (the inspector's test-servers/): deliberately 2025-era code.
  '**/test-servers/**',
  '**/test-server/**',
  // Sample apps a repository keeps to try its own code by hand (genkit's js/testapps/; trial 20A).
  '**/testapps/**',
  '**/test-apps/**',
  '**/test/**',
  '**/tests/**',
  // The folders of a suite of specs (coremcp's spec/integration/helpers.ts; trial 32A), not a
  // package or source folder that happens to be named spec.
  '**/spec/{integration,unit,e2e,fixtures,helpers,support,mocks}/**',
  '**/*-tests/**',
  '**/e2e/**',
  '**/testHelpers/**',
  '**/test-helpers/**',
  '**/testUtils/**',
  '**/test-utils/**',
  // Storybook stories: mock data for UI components.
  '**/*.stories.*',
  '**/__stories__/**',
];

export function classifyFile(filePath: string): FileKind | undefined {
  return classifyName(path.basename(filePath), filePath);
}

/** `classifyFile` for a path whose last segment is already known. */
function classifyName(base: string, filePath: string): FileKind | undefined {
  const lowerBase = base.toLowerCase();
  const ext = path.extname(lowerBase);
  if (CODE_EXTENSIONS.has(ext)) {
    if (/\.d\.(ts|mts|cts)$/.test(lowerBase) || /\.min\.(js|mjs|cjs)$/.test(lowerBase)) return undefined;
    return { type: 'code', ext };
  }
  if (/^(dockerfile|containerfile)(\..+)?$/.test(lowerBase) || ext === '.dockerfile') return { type: 'config', kind: 'dockerfile' };
  if (isCaddyfileName(lowerBase)) return { type: 'config', kind: 'caddy' };
  if (/^wrangler(\.[\w-]+)?\.(json|jsonc|toml)$/.test(lowerBase)) return { type: 'config', kind: 'wrangler' };
  // Fly.io: `fly.toml`, or one per environment (`fly.staging.toml`, deployed with `fly deploy -c`).
  if (/^fly(\.[\w-]+)?\.toml$/.test(lowerBase)) return { type: 'config', kind: 'fly' };
  if (ext === '.tf' || lowerBase.endsWith('.tf.json')) return { type: 'config', kind: 'terraform' };
  if (ext === '.bicep' || ext === '.bicepparam') return { type: 'config', kind: 'bicep' };
  // Only those that run a deployment CLI are read in a walk (runsDeploymentCli).
  if (ext === '.sh' || ext === '.bash') return { type: 'config', kind: 'shell' };
  if (ext === '.json' && isCloudFormationJsonName(lowerBase, filePath)) return { type: 'config', kind: 'cloudformation' };
  if (ext === '.json' && isMcpClientConfigName(lowerBase, filePath)) return { type: 'config', kind: 'mcp-client' };
  if (lowerBase.includes('haproxy') && (ext === '.cfg' || ext === '.conf')) return { type: 'config', kind: 'haproxy' };
  if (lowerBase.includes('traefik') && (ext === '.yml' || ext === '.yaml' || ext === '.toml')) return { type: 'config', kind: 'traefik' };
  if (ext === '.yml' || ext === '.yaml') return { type: 'config', kind: 'yaml' };
  const posix = filePath.replace(/\\/g, '/');
  if (ext === '.toml' && /(^|\/)(traefik|dynamic)\/[^/]+$/i.test(posix)) return { type: 'config', kind: 'traefik' };
  if ((ext === '.cfg' || ext === '.conf') && /(^|\/)haproxy[^/]*\//i.test(posix)) return { type: 'config', kind: 'haproxy' };
  if (ext === '.conf' || ext === '.nginx' || /\.conf\.template$/.test(lowerBase)) return { type: 'config', kind: 'nginx' };
  if (ext === '' && /(^|\/)(nginx|conf\.d|sites-(available|enabled))\/[^/]+$/.test(posix)) return { type: 'config', kind: 'nginx' };
  if (ext === '.cfg' && /haproxy/i.test(posix)) return { type: 'config', kind: 'haproxy' };
  return undefined;
}

/**
 * A Caddyfile: `Caddyfile` itself, a variant of it (`Caddyfile.prod`, `Caddyfile.j2`), or a file
 * named for the format (`sites.caddyfile`, `api.Caddyfile`, `mcp.caddy`), as `import` pulls them in.
 */
function isCaddyfileName(lowerBase: string): boolean {
  return /^caddyfile(\..+)?$/.test(lowerBase) || /.\.(caddyfile|caddy)$/.test(lowerBase);
}

/** MCP client config files: the names clients read their server list from (the folder's for VS Code and Cursor: `.vscode/mcp.json`). */
const MCP_CLIENT_CONFIG_NAMES: ReadonlySet<string> = new Set(['mcp.json', '.mcp.json', 'mcp_config.json', 'claude_desktop_config.json', 'cline_mcp_settings.json']);

/** An MCP client's config: one of those names, or Gemini CLI's `.gemini/settings.json`. */
function isMcpClientConfigName(lowerBase: string, filePath: string): boolean {
  return MCP_CLIENT_CONFIG_NAMES.has(lowerBase) || (lowerBase === 'settings.json' && /(^|[\\/])\.gemini[\\/]settings\.json$/i.test(filePath));
}

/**
 * A JSON CloudFormation or SAM template, by its name: `template.json`, `*.template.json`,
 * `*-cfn.json`, `cloudformation*.json`, or any JSON file in a `cloudformation/` or `cfn/` folder
 * (the rules check the content: `AWSTemplateFormatVersion` or a load balancer resource).
 * Other JSON (package.json, tsconfig.json, data) is not config this tool reads.
 */
function isCloudFormationJsonName(lowerBase: string, filePath: string): boolean {
  if (/(^|\.)template$|(^|[.\-_])(cfn|cloudformation)([.\-_]|$)/.test(lowerBase.slice(0, -'.json'.length))) return true;
  return /(^|\/)(cloudformation|cfn)\/[^/]+$/i.test(filePath.replace(/\\/g, '/'));
}

/**
 * A deployment CLI a shell script may configure a load balancer with (the platform checks of
 * sticky-k8s), or run replicas with (`docker compose up --scale api=3`: state-store-url, trial 73A B3).
 */
const DEPLOYMENT_CLI = /\b(?:gcloud|kubectl)\b|\baz\s+containerapp\b|\bdocker(?:-|\s+)compose\b[^\n]*\s--scale\b/;

/** Bytes of a script enough to tell: a script that deploys says so early, an installer's payload follows its code. */
const SCRIPT_HEAD = 64 * 1024;

/**
 * Whether a shell script found in a walk runs a deployment CLI: scripts are read as deployment
 * config only then, so that a repository's build and setup scripts neither count as files to scan
 * nor feed the inventory. Its first SCRIPT_HEAD bytes are read; one that cannot be read is kept,
 * for the reader to report.
 */
function runsDeploymentCli(absolute: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(absolute, 'r');
    const buffer = Buffer.allocUnsafe(SCRIPT_HEAD);
    const size = fs.readSync(fd, buffer, 0, SCRIPT_HEAD, 0);
    return DEPLOYMENT_CLI.test(buffer.toString('latin1', 0, size));
  } catch {
    return true;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export interface DiscoveredFile {
  /** Absolute path. */
  absolute: string;
  kind: FileKind;
  /** The walk saw a regular file (directly or through a symlink): the reader need not check again. */
  regular?: boolean;
  /** The path is a symlink (to a file): a write goes to its target, which the run may also have found. */
  link?: boolean;
}

export interface DiscoveryResult {
  files: DiscoveredFile[];
  errors: Array<{ path: string; message: string }>;
}

export interface DiscoveryOptions {
  include?: string[];
  exclude?: string[];
  /** Scan test files too (default: skip TEST_IGNORES, but for test code the run's code imports). */
  includeTests?: boolean;
  /** Code files larger than this are not read for their imports (the scanner's size limit). */
  maxFileBytes?: number;
}

function describeFsError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symlink loop';
    case 'ENOENT':
      return 'no such file or directory';
    case 'ENOTDIR':
      return 'not a directory';
    default:
      return error.message.replace(/^[A-Z]+: /, '');
  }
}

export { describeFsError };

// ---------------------------------------------------------------------------------------------
// Globs: --include, --exclude, DEFAULT_IGNORES and TEST_IGNORES, matched the way globby 16 and
// fast-glob 3 matched them before this walker replaced them, so a pattern keeps its meaning.
// ---------------------------------------------------------------------------------------------

/** The options fast-glob handed micromatch (which compiles with picomatch): dotfiles included. */
const GLOB_OPTIONS = { dot: true, posix: true, strictSlashes: false };

/** `a/{b,c}/d` → `a/b/d`, `a/c/d` (nested groups and `{1..3}` ranges too), as fast-glob expanded before matching. */
function expandBraces(pattern: string): string[] {
  for (let open = 0; open < pattern.length; open++) {
    if (pattern[open] === '\\') {
      open++;
      continue;
    }
    if (pattern[open] !== '{') continue;
    let depth = 0;
    let close = -1;
    const commas: number[] = [];
    for (let j = open + 1; j < pattern.length && close === -1; j++) {
      const c = pattern[j];
      if (c === '\\') j++;
      else if (c === '{') depth++;
      else if (c === '}') depth === 0 ? (close = j) : depth--;
      else if (c === ',' && depth === 0) commas.push(j);
    }
    if (close === -1) return [pattern];
    const body = pattern.slice(open + 1, close);
    let alternatives: string[];
    if (commas.length > 0) {
      alternatives = [];
      let from = open + 1;
      for (const comma of [...commas, close]) {
        alternatives.push(pattern.slice(from, comma));
        from = comma + 1;
      }
    } else {
      const range = /^(-?\d+)\.\.(-?\d+)$/.exec(body) ?? /^([a-zA-Z])\.\.([a-zA-Z])$/.exec(body);
      if (!range) continue; // `{a}` is literal
      const numeric = /\d/.test(range[1]);
      const from = numeric ? Number(range[1]) : range[1].charCodeAt(0);
      const to = numeric ? Number(range[2]) : range[2].charCodeAt(0);
      const step = from <= to ? 1 : -1;
      alternatives = [];
      for (let n = from; step > 0 ? n <= to : n >= to; n += step) alternatives.push(numeric ? String(n) : String.fromCharCode(n));
    }
    const before = pattern.slice(0, open);
    const after = pattern.slice(close + 1);
    return [...new Set(alternatives.flatMap((alternative) => expandBraces(before + alternative + after)))].filter((p) => p !== '');
  }
  return [pattern];
}

// globby's `expandDirectories`: `**/name` (a plain name) and a pattern naming an existing directory
// also cover what is inside it.
function expandDirectoryPattern(pattern: string, cwd: string): string {
  const globstarName = /\*\*\/([^/]+)$/.exec(pattern)?.[1];
  if (globstarName !== undefined && !/[*?[\]{}]/.test(globstarName) && !(path.extname(globstarName) && !globstarName.startsWith('.'))) {
    return path.posix.join(pattern, '**');
  }
  try {
    if (fs.statSync(path.isAbsolute(pattern) ? pattern : path.join(cwd, pattern)).isDirectory()) return path.posix.join(pattern, '**');
  } catch {
    // not an existing directory: a plain glob
  }
  return pattern;
}

interface CompiledGlob {
  /** Tested against the path relative to the scanned directory, `/`-separated. */
  re: RegExp;
  /** An absolute pattern: tested against the absolute path instead. */
  absolute: boolean;
  /** As in fast-glob, a pattern ending in `/**` or in a literal name also skips a matching directory whole. */
  prunes: boolean;
}

// A set of patterns that exclude a path. `**/name/**` patterns become a name lookup and `**/*.glob`
// patterns one expression over the entry's name (they match at any depth); the rest stay
// expressions over the whole path.
interface GlobSet {
  names: Set<string>;
  basenames: RegExp | undefined;
  globs: CompiledGlob[];
}

const LITERAL_SEGMENT = /^[^*?[\]{}()!+@\\/]+$/;

function compileGlobSet(patterns: string[]): GlobSet {
  const names = new Set<string>();
  const basenames: RegExp[] = [];
  const globs: CompiledGlob[] = [];
  for (const expanded of patterns.flatMap(expandBraces)) {
    const pattern = expanded.replace(/(?!^)\/{2,}/g, '/');
    const dirName = /^\*\*\/([^/]+)\/\*\*$/.exec(pattern)?.[1];
    if (dirName !== undefined && LITERAL_SEGMENT.test(dirName)) {
      // Matches any path with a segment equal to the name: the walker never enters such a
      // directory, so only the entry's own name needs checking.
      names.add(dirName);
      continue;
    }
    const basename = path.posix.basename(pattern);
    const prunes = !path.isAbsolute(pattern) && (pattern.endsWith('/**') || !isDynamicPattern(basename));
    const anyDepth = /^\*\*\/([^/]+)$/.exec(pattern)?.[1];
    if (anyDepth !== undefined && !prunes && !anyDepth.includes('**')) {
      basenames.push(picomatch.makeRe(anyDepth, GLOB_OPTIONS));
      continue;
    }
    globs.push({ re: picomatch.makeRe(pattern, GLOB_OPTIONS), absolute: path.isAbsolute(pattern), prunes });
  }
  return {
    names,
    basenames: basenames.length > 0 ? new RegExp(basenames.map((re) => `(?:${re.source})`).join('|'), basenames[0].flags) : undefined,
    globs,
  };
}

/** fast-glob's test for a glob (as opposed to a literal path). */
function isDynamicPattern(pattern: string): boolean {
  if (pattern === '') return false;
  return (
    pattern.includes('\\') ||
    /[*?]|^!/.test(pattern) ||
    /\[[^[]*]/.test(pattern) ||
    /(?:^|[^!*+?@])\([^(]*\|[^|]*\)/.test(pattern) ||
    /[!*+?@]\([^(]*\)/.test(pattern) ||
    /\{[^{}]*(?:,|\.\.)[^{}]*\}/.test(pattern)
  );
}

function excludesEntry(set: GlobSet, name: string, rel: string, absolute: string): boolean {
  if (set.names.has(name) || set.basenames?.test(name)) return true;
  for (const glob of set.globs) if (glob.re.test(glob.absolute ? absolute : rel)) return true;
  return false;
}

function prunesDirectory(set: GlobSet, name: string, rel: string): boolean {
  if (set.names.has(name)) return true;
  for (const glob of set.globs) if (glob.prunes && glob.re.test(rel)) return true;
  return false;
}

/**
 * One group of --include patterns with the negated (`!glob`) include patterns that follow them:
 * globby turned `a, !b, c` into "a but not b" and "c".
 */
interface IncludeTask {
  // Undefined: every path (the default `**/*`).
  patterns: RegExp[] | undefined;
  negated: GlobSet;
}

interface GlobPlan {
  tasks: IncludeTask[];
  /** DEFAULT_IGNORES and --exclude. */
  exclude: GlobSet;
  /** TEST_IGNORES; undefined with --include-tests. */
  tests: GlobSet | undefined;
  /** Some task has negated include patterns. */
  negations: boolean;
  /** The default: one task matching every path, nothing negated. */
  everyPath: boolean;
}

function included(tasks: IncludeTask[], name: string, rel: string, absolute: string): boolean {
  for (const task of tasks) {
    if (task.patterns && !task.patterns.some((re) => re.test(rel))) continue;
    if (!excludesEntry(task.negated, name, rel, absolute)) return true;
  }
  return false;
}

function planGlobs(dir: string, options: DiscoveryOptions): GlobPlan {
  const exclude = [...DEFAULT_IGNORES, ...(options.includeTests ? BUILD_FOLDERS : []), ...(options.exclude ?? [])];
  let include = [...new Set(options.include && options.include.length > 0 ? options.include : ['**/*'])];
  if (include.every((p) => p.startsWith('!'))) include = ['**/*', ...include];
  // An absolute pattern inside the scanned directory is the same pattern relative to it.
  const relativise = (p: string) => (path.isAbsolute(p) && p.startsWith(dir + path.sep) ? toPosix(path.relative(dir, p)) : p);
  const groups: Array<{ patterns: string[]; negated: string[] }> = [];
  let positives: string[] = [];
  for (const raw of include) {
    if (raw.startsWith('!')) {
      const negated = relativise(raw.slice(1)).replace(/^\/+/, '');
      for (const group of groups) group.negated.push(negated);
      if (positives.length > 0) groups.push({ patterns: positives, negated: [negated] });
      positives = [];
    } else {
      positives.push(relativise(raw));
    }
  }
  if (positives.length > 0) groups.push({ patterns: positives, negated: [] });
  const tasks = groups.map((group): IncludeTask => {
    const patterns = group.patterns
      .map((p) => expandDirectoryPattern(p, dir))
      .flatMap(expandBraces)
      // fast-glob looked a literal path up directly, so `src/./a.ts` found src/a.ts.
      .map((p) => (isDynamicPattern(p) ? p.replace(/(?!^)\/{2,}/g, '/') : path.posix.normalize(p)));
    return {
      patterns: patterns.includes('**/*') ? undefined : patterns.map((p) => picomatch.makeRe(p, GLOB_OPTIONS)),
      negated: compileGlobSet(group.negated.map((p) => expandDirectoryPattern(p, dir))),
    };
  });
  const negations = tasks.some((task) => task.negated.names.size > 0 || task.negated.basenames !== undefined || task.negated.globs.length > 0);
  return {
    tasks,
    exclude: compileGlobSet(exclude.map((p) => expandDirectoryPattern(p, dir))),
    tests: options.includeTests ? undefined : compileGlobSet([...TEST_IGNORES, ...BUILD_FOLDERS].map((p) => expandDirectoryPattern(p, dir))),
    negations,
    everyPath: !negations && tasks.length === 1 && tasks[0].patterns === undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// .gitignore: every level inside the scanned directory, plus the repository's above it.
// ---------------------------------------------------------------------------------------------

/** A line of an ignore file as git reads it: no byte order mark, no unescaped trailing whitespace. */
function normalizeIgnoreLine(line: string): string {
  line = line.replace(/^\uFEFF/u, '');
  let end = line.length;
  while (end > 0 && /\s/u.test(line[end - 1])) end--;
  if (end === line.length) return line;
  let backslashes = 0;
  for (let i = end - 1; i >= 0 && line[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1 ? `${line.slice(0, end)} ` : line.slice(0, end);
}

/**
 * Rewrites a pattern of the .gitignore in `base` (relative to the directory the rules are matched
 * from) so that it means the same there: anchored and mid-slash patterns are relative to their
 * own directory, bare names match at any depth below it.
 */
function rebasePattern(pattern: string, base: string): string {
  if (!base) return pattern;
  const negative = pattern.startsWith('!');
  const clean = negative ? pattern.slice(1) : pattern;
  const slash = clean.indexOf('/');
  const result =
    slash === -1 || slash === clean.length - 1
      ? path.posix.join(base, '**', clean)
      : clean.startsWith('/')
        ? path.posix.join(base, clean.slice(1))
        : path.posix.join(base, clean);
  return negative ? `!${result}` : result;
}

/**
 * The rules of one .gitignore, rebased; [] when it is missing. One that cannot be read is an error
 * line and counts as empty, as git does (it warns and goes on).
 */
function readIgnoreFile(file: string, base: string, errors: DiscoveryResult['errors']): string[] {
  let content: string;
  try {
    content = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    errors.push({ path: file, message: `cannot read .gitignore (its patterns are not applied): ${describeFsError(error as NodeJS.ErrnoException)}` });
    return [];
  }
  return content
    .split(/\r?\n/)
    .map(normalizeIgnoreLine)
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => rebasePattern(line, base));
}

/** The nearest directory at or above `dir` holding a `.git` directory or file. */
function findGitRoot(dir: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    try {
      const stat = fs.statSync(path.join(current, '.git'));
      if (stat.isDirectory() || stat.isFile()) return current;
    } catch {
      // keep looking upwards
    }
    if (path.dirname(current) === current) return undefined;
  }
}

/** Whether git ignores this directory (a user may still ask for it by name). */
function isGitIgnored(dir: string): boolean {
  try {
    execFileSync('git', ['check-ignore', '-q', dir], { cwd: dir, stdio: 'ignore' });
    return true;
  } catch {
    return false; // exit 1: not ignored; 128: not a repository or no git
  }
}

/**
 * The rules from the .gitignore files between the repository root and `dir` (exclusive; `dir`'s
 * own is read by the walk), and the prefix that turns a path relative to `dir` into one relative
 * to the root they are matched from. None when `dir` is not inside a repository, is its root, or
 * is a directory git ignores: then only the .gitignore files inside it count.
 */
function ancestorRules(dir: string, errors: DiscoveryResult['errors']): { prefix: string; rules: Ignore | undefined } {
  const root = findGitRoot(dir);
  if (!root || root === dir || isGitIgnored(dir)) return { prefix: '', rules: undefined };
  const chain: string[] = [];
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    chain.unshift(current);
    if (current === root) break;
  }
  const patterns: string[] = [];
  for (const directory of chain) {
    const file = path.join(directory, '.gitignore');
    // Like git (and globby), a .gitignore that is a symlink or not a file does not count.
    let isFile: boolean;
    try {
      isFile = fs.lstatSync(file).isFile();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') errors.push({ path: file, message: `cannot read .gitignore (its patterns are not applied): ${describeFsError(error as NodeJS.ErrnoException)}` });
      continue;
    }
    if (isFile) patterns.push(...readIgnoreFile(file, toPosix(path.relative(root, directory)), errors));
  }
  return { prefix: `${toPosix(path.relative(root, dir))}/`, rules: patterns.length > 0 ? ignore().add(patterns) : undefined };
}

// ---------------------------------------------------------------------------------------------
// The walk.
// ---------------------------------------------------------------------------------------------

const UNREADABLE_DIRECTORY = new Set(['EACCES', 'EPERM', 'ELOOP']);

/**
 * What the walks left out only because TEST_IGNORES names it: not DEFAULT_IGNORES, --exclude,
 * --include or a .gitignore. Production code may still import it (a test-management server keeps
 * its tools in `src/tools/tests/`, trial 60B B2), so it is kept aside, unread: a file there is
 * looked at only when an import names it (importedTestCode), and a folder is read one level at a
 * time on the way down to that file.
 */
interface TestCode {
  /** Code files by absolute path: the file as the walk would have kept it (undefined: a .gitignore excludes it, or a link leads nowhere). */
  files: Map<string, () => DiscoveredFile | undefined>;
  /** Folders by absolute path: reads the folder's entries into `files` and `folders`; null once read. */
  folders: Map<string, (() => void) | null>;
}

/**
 * Lists the files to scan under one directory, reading each directory once. Directories that
 * DEFAULT_IGNORES, TEST_IGNORES, --exclude or a .gitignore exclude are never entered; symlinked
 * directories are never followed; a symlink is kept when it points at a file. An unreadable
 * directory becomes one error line and the walk goes on; errors come in path order. With
 * `testCode`, what only TEST_IGNORES left out is put there, for a later look.
 */
function walkDirectory(dir: string, options: DiscoveryOptions, errors: DiscoveryResult['errors'], onManifest?: (absolute: string) => void, testCode?: TestCode): DiscoveredFile[] {
  const plan = planGlobs(dir, options);
  const files: DiscoveredFile[] = [];
  const found: DiscoveryResult['errors'] = [];
  const { prefix, rules: inherited } = ancestorRules(dir, found);
  // Files git tracks although a .gitignore pattern matches them (added with -f, or before the
  // pattern): git ignores the pattern for them, and so does the walk. Asked once, when a pattern
  // first excludes something.
  let tracked: Set<string> | undefined;
  const trackedIgnored = () => (tracked ??= trackedButIgnored(dir));
  const keptAnyway = (absolute: string, directory: boolean) => {
    const set = trackedIgnored();
    if (set.size === 0) return false;
    if (!directory) return set.has(absolute);
    const under = absolute + path.sep;
    for (const file of set) if (file.startsWith(under)) return true;
    return false;
  };
  /** The walk is over: what test code read later for an import cannot read is said after the walk's errors. */
  let walked = false;
  const problems = () => (walked ? errors : found);

  /** One directory's entries; `testOnly`: a folder of test code (TestCode), read for an import into it. */
  const visit = (directory: string, relDir: string, rules: Ignore | undefined, tasks: IncludeTask[], testOnly = false): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (UNREADABLE_DIRECTORY.has(code)) {
        problems().push({ path: directory, message: `${UNREAD_FOLDER_PREFIX}${describeFsError(error as NodeJS.ErrnoException)}` });
        return;
      }
      if (code === 'ENOENT') return; // removed while walking
      throw error;
    }
    const own = entries.find((entry) => entry.name === '.gitignore' && entry.isFile());
    if (own) {
      const patterns = readIgnoreFile(joinPath(directory, '.gitignore'), relDir ? prefix + relDir : prefix.slice(0, -1), problems());
      if (patterns.length > 0) rules = ignore().add(rules ? [rules] : []).add(patterns);
    }
    for (const entry of entries) {
      const name = entry.name;
      if (entry.isDirectory()) {
        const rel = relDir ? `${relDir}/${name}` : name;
        if (prunesDirectory(plan.exclude, name, rel)) continue;
        const sub = joinPath(directory, name);
        const ignored = () => rules?.test(`${prefix}${rel}/`).ignored && !keptAnyway(sub, true);
        const live = plan.negations ? tasks.filter((task) => !prunesDirectory(task.negated, name, rel)) : tasks;
        if (testOnly || (plan.tests && prunesDirectory(plan.tests, name, rel))) {
          // (Its .gitignore rules are asked only when an import leads into it.)
          testCode?.folders.set(sub, () => {
            if (!ignored()) visit(sub, rel, rules, live, true);
          });
          continue;
        }
        if (ignored()) continue;
        visit(sub, rel, rules, live);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        const absolute = joinPath(directory, name);
        if (onManifest && name === 'package.json' && entry.isFile()) {
          const rel = relDir ? `${relDir}/${name}` : name;
          if (!rules?.test(prefix + rel).ignored) onManifest(absolute);
          continue;
        }
        if (onManifest) continue; // looking for manifests only
        const kind = classifyName(name, absolute);
        if (!kind) continue;
        const rel = relDir ? `${relDir}/${name}` : name;
        if (!plan.everyPath && !included(tasks, name, rel, absolute)) continue;
        if (excludesEntry(plan.exclude, name, rel, absolute)) continue;
        const keep = (): DiscoveredFile | undefined => {
          if (rules?.test(prefix + rel).ignored && !keptAnyway(absolute, false)) return undefined;
          // (Looked into once known to be a regular file: never a FIFO named deploy.sh.)
          const wanted = () => !(kind.type === 'config' && kind.kind === 'shell') || runsDeploymentCli(absolute);
          if (entry.isFile()) return wanted() ? { absolute, kind, regular: true } : undefined;
          // Symlinks to files are followed; symlinked directories are not descended (no loops, no duplicates).
          try {
            if (fs.statSync(absolute).isFile() && wanted()) return { absolute, kind, regular: true, link: true };
          } catch (error) {
            problems().push({ path: absolute, message: `cannot read: ${describeFsError(error as NodeJS.ErrnoException)}` });
          }
          return undefined;
        };
        if (testOnly || (plan.tests && excludesEntry(plan.tests, name, rel, absolute))) {
          // (Only code is imported.)
          if (testCode && kind.type === 'code') testCode.files.set(absolute, once(keep));
          continue;
        }
        const file = keep();
        if (file) files.push(file);
      }
    }
  };

  visit(dir, '', inherited, plan.tasks);
  // In path order, whatever order the file system lists entries in.
  found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  errors.push(...found);
  walked = true;
  return files;
}

/** `compute`, run the first time only. */
function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

/** The files under `dir` that git tracks and a .gitignore pattern matches (none outside a repository, or without git). */
function trackedButIgnored(dir: string): Set<string> {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--ignored', '--exclude-standard', '--', '.'], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return new Set(out.split('\0').filter(Boolean).map((rel) => path.join(dir, rel)));
  } catch {
    return new Set();
  }
}

function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function joinPath(directory: string, name: string): string {
  return directory.endsWith(path.sep) ? directory + name : directory + path.sep + name;
}

/**
 * The include/exclude globs, written relative to `base` (the folder the command runs in, where the
 * configuration file is), as the walk of `dir` reads them: relative to `dir`. For a directory
 * inside the base, a pattern's leading segments that name the way down are dropped
 * (`src/vendor/**` reads `vendor/**` when `src` is scanned, and `**` when `src/vendor` is), and a
 * pattern that names another way (`lib/**`) is kept as it was, relative to the scanned directory
 * as earlier versions read every pattern. For the base inside `dir`, the way down is put in front.
 * Patterns with no slash (a trailing one aside), and those that start with a globstar, read the
 * same from anywhere.
 */
function fromBase(patterns: string[] | undefined, base: string, dir: string): string[] | undefined {
  if (!patterns || patterns.length === 0) return patterns;
  // `./src/vendor/**` is `src/vendor/**`.
  patterns = patterns.map((p) => p.replace(/^(!?)(\.\/)+/, '$1'));
  const down = toPosix(path.relative(base, dir));
  if (down === '' || path.isAbsolute(down)) return patterns;
  if (down.startsWith('..')) {
    const up = toPosix(path.relative(dir, base));
    if (up.startsWith('..')) return patterns;
    return patterns.map((p) => rebaseOne(p, (q) => (q.startsWith('**/') || !q.replace(/\/$/, '').includes('/') ? q : `${up}/${q.replace(/^\//, '')}`)));
  }
  const way = down.split('/');
  return patterns.map((p) =>
    rebaseOne(p, (q) => {
      if (q.startsWith('**/') || !q.replace(/\/$/, '').includes('/')) return q;
      const segments = q.replace(/^\//, '').replace(/\/$/, '').split('/');
      let i = 0;
      for (; i < way.length && i < segments.length; i++) {
        if (segments[i] === '**') return segments.slice(i).join('/');
        if (!picomatch.makeRe(segments[i], GLOB_OPTIONS).test(way[i])) return q;
      }
      // The pattern named the scanned directory or one above it: everything in it.
      return i === segments.length ? '**' : segments.slice(i).join('/');
    }),
  );
}

/** `rebase` applied to a pattern, keeping its `!` (a negated include) and its absolute form (taken as it is). */
function rebaseOne(pattern: string, rebase: (p: string) => string): string {
  if (path.isAbsolute(pattern)) return pattern;
  return pattern.startsWith('!') ? `!${rebase(pattern.slice(1))}` : rebase(pattern);
}

/** Lists the files to scan under each path. Missing paths throw; unreadable parts become errors. */
export async function discoverFiles(paths: string[], options: DiscoveryOptions = {}, cwd = process.cwd()): Promise<DiscoveryResult> {
  const errors: DiscoveryResult['errors'] = [];
  const seen = new Set<string>();
  const files: DiscoveredFile[] = [];
  const add = (file: DiscoveredFile) => {
    if (seen.has(file.absolute)) return;
    seen.add(file.absolute);
    files.push(file);
  };
  const testCode: TestCode | undefined = options.includeTests ? undefined : { files: new Map(), folders: new Map() };
  for (const input of paths) {
    const absolute = path.resolve(cwd, input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new PathError(`${input}: no such file or directory`);
      errors.push({ path: absolute, message: describeFsError(error as NodeJS.ErrnoException) });
      continue;
    }
    if (stat.isDirectory()) {
      const globs = { ...options, include: fromBase(options.include, cwd, absolute), exclude: fromBase(options.exclude, cwd, absolute) };
      for (const file of walkDirectory(absolute, globs, errors, undefined, testCode)) add(file);
    } else {
      const kind = classifyFile(absolute);
      if (kind) add({ absolute, kind, regular: stat.isFile(), ...(isLink(absolute) ? { link: true } : {}) });
      else errors.push({ path: absolute, message: 'not a file type mcp-migrate scans (TypeScript/JavaScript or deployment config)' });
    }
  }
  if (testCode) importedTestCode(files, testCode, seen, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, add);
  files.sort((a, b) => (a.absolute < b.absolute ? -1 : a.absolute > b.absolute ? 1 : 0));
  return { files: withoutLinkedTwins(files), errors };
}

/** What comes before the quoted specifier of an import, re-export, require or dynamic import (RELATIVE_SPECIFIER in analysis/modules.ts), or of an import for its side effects (`import "./tests/index.js"`). */
const IMPORT_BEFORE_QUOTE = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*$/;
/** Where a relative specifier may open: a quote and a dot. */
const QUOTE_DOT = [Buffer.from("'."), Buffer.from('".')];

/**
 * The relative specifiers of a file's imports, re-exports, requires and dynamic imports
 * (`./tests/index.js`, `../store`), found in its bytes as RELATIVE_SPECIFIER finds them in text: a
 * search for a quote and a dot, not a pattern tried at every position, and no decoding of the
 * whole file (every code file of a run is read for this, also where the result cache would have
 * spared the read). A `#` subpath import is not followed here.
 */
function relativeSpecifiers(bytes: Buffer): Array<{ specifier: string; at: number }> {
  const specifiers: Array<{ specifier: string; at: number }> = [];
  for (const needle of QUOTE_DOT) {
    for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1)) {
      const start = bytes[at + 2] === 0x2f ? at + 3 : bytes[at + 2] === 0x2e && bytes[at + 3] === 0x2f ? at + 4 : -1;
      if (start === -1) continue;
      let end = start;
      while (end < bytes.length && bytes[end] !== 0x27 && bytes[end] !== 0x22 && bytes[end] !== 0x0a) end++;
      if (end === start || end === bytes.length || bytes[end] === 0x0a) continue;
      if (IMPORT_BEFORE_QUOTE.test(bytes.toString('latin1', Math.max(0, at - 24), at))) specifiers.push({ specifier: bytes.toString('utf8', at + 1, end), at });
    }
  }
  return specifiers;
}

/**
 * Whether the quote at `at` opens a string in code, not one inside a comment or another string
 * (review 78: `// import { harness } from '../test/helpers.js'` in a doc comment, or the same in a
 * usage string, pulled a test suite into the run). A scan of the bytes before it: line and block
 * comments, quoted and template strings (a regular expression literal is not told apart).
 */
function opensCodeString(bytes: Buffer, at: number): boolean {
  let state: 'code' | 'line' | 'block' | 0x27 | 0x22 | 0x60 = 'code';
  for (let i = 0; i < at; i++) {
    const b = bytes[i];
    if (state === 'code') {
      if (b === 0x2f && bytes[i + 1] === 0x2f) state = 'line';
      else if (b === 0x2f && bytes[i + 1] === 0x2a) (state = 'block'), i++;
      else if (b === 0x27 || b === 0x22 || b === 0x60) state = b;
    } else if (state === 'line') {
      if (b === 0x0a) state = 'code';
    } else if (state === 'block') {
      if (b === 0x2a && bytes[i + 1] === 0x2f) (state = 'code'), i++;
    } else if (b === 0x5c) i++;
    else if (b === state || (b === 0x0a && state !== 0x60)) state = 'code';
  }
  return state === 'code';
}

/**
 * A test runner's configuration or setup file (`vitest.config.ts`, `playwright.config.ts`,
 * `setupTests.ts`): what it imports (a suite's fixtures, its global setup) is test code, however
 * the scan reads the runner's file itself.
 */
const TEST_RUNNER_FILE = /^(?:vitest\.(?:config|workspace|setup)|vite\.config|jest\.(?:config|setup)|playwright(?:-ct)?\.config|cypress\.config|karma\.conf|wdio(?:\.[\w-]+)?\.conf|ava\.config|\.mocharc|setupTests)\./i;

/**
 * Most test-code files a run takes in for production code's imports: a module that imports a
 * suite's harness does not turn the run into a scan of the whole suite.
 */
const MOST_IMPORTED_TEST_FILES = 1000;

/** A file's name without its last extension (`index.test.ts` → `index.test`). */
const stem = (name: string) => name.replace(/\.[^.]*$/, '');

/**
 * Adds the test code (TestCode) that code of the run imports, and what that imports in turn: code
 * a server imports is production code whatever its folder is called (trial 60B B2: tools in
 * `src/tools/tests/` the server registers were never scanned, and the gate passed their
 * session-keyed state). Only the relative specifiers of the run's code files are read, resolved
 * as the scanner's modules resolve them (candidatePaths); the disk is looked at only for a
 * candidate that is not a file of the run and lies where TEST_IGNORES alone left it out. A test
 * file, or a test runner's configuration, imports nothing into the run.
 */
function importedTestCode(files: readonly DiscoveredFile[], testCode: TestCode, inRun: ReadonlySet<string>, maxFileBytes: number, add: (file: DiscoveredFile) => void): void {
  if (testCode.files.size === 0 && testCode.folders.size === 0) return;
  // A specifier from outside what was put aside names one of its folders, or its file, on the way
  // in: one that names none is not resolved (most of a run's thousands are not).
  const names = new Set([...[...testCode.folders.keys()].map((p) => path.basename(p)), ...[...testCode.files.keys()].map((p) => stem(path.basename(p)))]);
  const mayReach = (specifier: string) => specifier.split('/').some((segment) => names.has(segment) || names.has(stem(segment)));
  // Only `./` specifiers of the run's files count, so only a file in a folder that holds something
  // put aside, at any depth, can import it: the others are not read (most of a monorepo's files;
  // review 78, a cached re-scan paid for reading them all).
  const holders = new Set<string>();
  for (const aside of [...testCode.folders.keys(), ...testCode.files.keys()]) {
    for (let dir = path.dirname(aside); !holders.has(dir); dir = path.dirname(dir)) {
      holders.add(dir);
      if (path.dirname(dir) === dir) break;
    }
  }
  const reader = new FileReader(maxFileBytes);
  const queue = files.filter((f) => f.kind.type === 'code' && holders.has(path.dirname(f.absolute)) && !TEST_RUNNER_FILE.test(path.basename(f.absolute)));
  const walked = queue.length;
  let taken = 0;
  for (let i = 0; i < queue.length; i++) {
    const from = queue[i].absolute;
    const read = reader.read(from, queue[i].regular);
    if (!read.ok) continue;
    for (const { specifier, at } of relativeSpecifiers(read.bytes)) {
      // (Test code taken in may name its neighbours by their own names: `./list.js`.) From the
      // run's own code, only a folder below the importing file's (`./tools/tests/...`), not a
      // package's test suite beside it (`../test/helpers.js` from scripts/, review 78).
      if (i < walked && (!specifier.startsWith('./') || !mayReach(specifier))) continue;
      if (!opensCodeString(read.bytes, at)) continue;
      for (const candidate of candidatePaths(path.resolve(path.dirname(from), specifier))) {
        if (candidate === from) continue;
        if (inRun.has(candidate)) break;
        const file = testCodeFile(testCode, candidate);
        if (!file) continue;
        add(file);
        queue.push(file);
        if (++taken === MOST_IMPORTED_TEST_FILES) return;
        break;
      }
    }
  }
}

/**
 * The test-code file at `absolute` as a walk keeps files, reading the folders on the way down to
 * it that no import has led into yet; undefined when it is none.
 */
function testCodeFile(testCode: TestCode, absolute: string): DiscoveredFile | undefined {
  const known = testCode.files.get(absolute);
  if (known) return known();
  // The folders on the way down, from the nearest one put aside to the file's own.
  const way: string[] = [];
  let dir = path.dirname(absolute);
  for (; !testCode.folders.has(dir); dir = path.dirname(dir)) {
    if (path.dirname(dir) === dir) return undefined;
    way.push(dir);
  }
  way.push(dir);
  for (const folder of way.reverse()) {
    const read = testCode.folders.get(folder);
    // (Not test code: excluded for another reason, or not there.)
    if (read === undefined) return undefined;
    if (read) {
      testCode.folders.set(folder, null);
      read();
    }
  }
  return testCode.files.get(absolute)?.();
}

/** Whether a folder (or the file given) is Python: a .py file, pyproject.toml or requirements.txt at its top or one level down. */
function holdsPython(target: string): boolean {
  if (/\.py$/.test(target)) return true;
  const looks = (dir: string): boolean => {
    try {
      return fs.readdirSync(dir).some((name) => /\.py$|^pyproject\.toml$|^requirements\.txt$/.test(name));
    } catch {
      return false;
    }
  };
  if (looks(target)) return true;
  try {
    return fs.readdirSync(target, { withFileTypes: true }).some((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules' && looks(path.join(target, e.name)));
  } catch {
    return false;
  }
}

/**
 * A symlink to a file the run also found is that file: read once, under the file's own name (two
 * findings for one line, and fix's two writes of one file, otherwise; trial 18B). Two links to one
 * file outside the run keep the first. Real paths are asked for only where there are links, the
 * files' by their folders.
 */
function withoutLinkedTwins(files: DiscoveredFile[]): DiscoveredFile[] {
  if (!files.some((f) => f.link)) return files;
  const realDirs = new Map<string, string>();
  const realDir = (dir: string): string => {
    let real = realDirs.get(dir);
    if (real === undefined) {
      try {
        real = fs.realpathSync(dir);
      } catch {
        real = dir;
      }
      realDirs.set(dir, real);
    }
    return real;
  };
  const plain = new Set(files.filter((f) => !f.link).map((f) => path.join(realDir(path.dirname(f.absolute)), path.basename(f.absolute))));
  const linked = new Set<string>();
  return files.filter((f) => {
    if (!f.link) return true;
    let real: string;
    try {
      real = fs.realpathSync(f.absolute);
    } catch {
      return true;
    }
    if (plain.has(real) || linked.has(real)) return false;
    linked.add(real);
    return true;
  });
}

/**
 * Why `discoverFiles(paths, options)` found no file, as one line for a run with nothing to scan:
 * there are such files, but the include/exclude globs left them all out, or all are test code
 * (skipped by default); or there are none.
 */
export async function nothingFoundReason(paths: string[], options: DiscoveryOptions = {}, cwd = process.cwd()): Promise<string> {
  const where = paths.join(' ') || '.';
  const files = (n: number) => `${n === 1 ? 'the one' : `all ${n}`} TypeScript/JavaScript or deployment config file${n === 1 ? '' : 's'} under ${where}`;
  // Test code the globs do select (`--include 'tests/**'`) is skipped as test code, not by the globs (trial 19C).
  const withTests = await discoverFiles(paths, { ...options, includeTests: true }, cwd);
  if (!options.includeTests) {
    const n = withTests.files.length;
    if (n > 0) return `${files(n).replace(/ under /, `${(options.include?.length ?? 0) > 0 ? ' the include globs select' : ''} under `)} ${n === 1 ? 'is test code' : 'are test code'}, skipped by default (--include-tests scans ${n === 1 ? 'it' : 'them'})`;
  }
  if ((options.include?.length ?? 0) + (options.exclude?.length ?? 0) > 0) {
    const n = (await discoverFiles(paths, { includeTests: options.includeTests }, cwd)).files.length;
    if (n > 0) return `${files(n)} ${n === 1 ? 'is' : 'are'} excluded by the include/exclude globs (command line or configuration)`;
  }
  // What could not be looked at (a symlink loop given as the path, a locked folder) is the reason, not "none found".
  const { errors } = withTests;
  if (errors.length > 0) {
    const named = errors.slice(0, 3).map((e) => `${toPosix(path.relative(cwd, e.path)) || '.'}: ${e.message}`);
    return `nothing could be read under ${where} (${named.join('; ')}${errors.length > 3 ? `; and ${errors.length - 3} more` : ''})`;
  }
  const python = paths.some((p) => holdsPython(path.resolve(cwd, p)));
  return `no TypeScript/JavaScript or deployment config files found under ${where}${python ? ' (it holds Python: Python servers, FastMCP among them, are not scanned yet)' : ''}`;
}

/**
 * The package.json files of a project (not under node_modules, build output or a .gitignore
 * exclude), sorted: what the inventory reads for SDK versions and frameworks.
 */
export function findPackageManifests(root: string): string[] {
  const manifests: string[] = [];
  walkDirectory(root, { includeTests: true }, [], (absolute) => manifests.push(absolute));
  return manifests.sort();
}

/** A path given on the command line does not exist: a usage error (exit 2). */
export class PathError extends Error {
  override name = 'PathError';
}
