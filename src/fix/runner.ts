/**
 * `mcp-migrate fix`: runs the codemods over a project.
 *
 *   files (same discovery as scan) → codemods in registry order (each on the previous one's output)
 *   → TODO(mcp-migrate) markers, inserted once → re-parse check → atomic write (or a diff)
 *   → the project's formatter on changed files → what is left, by scanning the result
 *
 * Safety rules: refuse a dirty git tree unless allowed; never write a file that does not parse
 * after the rewrite (the original is kept); never touch files that do not change.
 */
import { importedTypeFor, isRunSpecifier, ModuleFiles, type ModuleSource } from '../analysis/modules.js';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { codemods as registry } from '../../codemods/index.js';
import { blockedMove, migrateSurface, registrationConstants, typeMisfits } from '../../codemods/lib/official.js';
import { applyPerRequestTransports } from '../../codemods/lib/built-once.js';
import { corsListWithoutOwnSessions, issuesSessionIds } from '../../codemods/cors-headers.js';
import { factoryLeaves } from '../../codemods/server-factory.js';
import { LOOPBACK_LITERAL } from '../../codemods/v2-handler.js';
import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { parseDiagnostics, parseFile, redeclaredNames, syntaxError } from '../analysis/parse.js';
import { BOM, foldersUpTo, inFolder, leavesBase, linkTarget, removeWhere, reportPath, stripBom, toPosix, writeAccess, writeFileAtomic, WriteError } from '../io.js';
import { FixError } from './errors.js';
import type { Change, CodeInput, Codemod, CodemodContext, CrossModuleState, FixTarget, Marker, ReverseProxyConfig, Safety } from '../../codemods/types.js';
import { isClientOnlyCode, isMcpBytes, isMcpCode, mayServe, namesClient, withoutComments, withoutTypeImports } from '../analysis/mcp.js';
import { usesSseTransport } from '../analysis/sse.js';
import { catalogAbove, catalogOfRange, fromCatalog, installedManifest, isWorkspaceRootManifest, workspaceMembers, type Catalogs } from './manifest.js';
import { installsFor, LOCKFILES, lockedSdkNeed, lockedVersion, manifestNeed, type Importer, type LockedNeed } from './lockfile.js';
import { modulesBuildingServersOf, SessionFacts, toolNamesOnItsServers, toolNamesOnServersBuiltIn } from '../analysis/session.js';
import { stateKind, type StateKind } from '../analysis/state-kind.js';
import { gitRefusal, gitTopLevel } from '../check/git.js';
import { analyseProject, compareVersions, floorOf, hostOnV1, MCP_HANDLER_HOST, onV2From, ProjectSignals, SDK_PACKAGE, SDK_V1_HOSTS, SdkUse, sdkOf, type ProjectInfo } from '../inventory/project.js';
import { DETAIL_REASONS, type Finding, type ScanError, type Severity } from '../model.js';
import type { ConfigKind, ProjectRule, ProjectTree } from '../rules/types.js';
import { classifyFile, discoverFiles, nothingFoundReason, type DiscoveredFile, type FileKind } from '../scan/files.js';
import { compiledBesideSource, FileReader, decodeText, NOT_UTF8_REASON, skipsAsBundle } from '../scan/read.js';
import { Scanner, scanRoot } from '../scan/scanner.js';
import { forgetImports, HTTP_FRAMEWORKS, importedModules, zodHoldsBack, zodTakesSdkSchemas, mcpImports, nearestManifest, packageOf, sdkDependencyImports, updateManifest, type ZodUse } from './manifest.js';
import { BUILDS_SERVER, cachedServerGetters, handshakeSetupFunctions, serverWrapperClasses, SETS_ONINITIALIZED, TRANSPORT_KEYWORDS } from '../rules/shared-server.js';
import { SERVER_TO_CLIENT, sharesBySessionId } from '../rules/stateful-tool.js';
import { isSessionMap } from '../rules/session-map.js';
import { CONVENTIONAL_SERVER_NAMES } from '../analysis/receivers.js';
import { LineMap, lineOrigins } from '../../codemods/lib/edits.js';
import { importedName, isReferenced, moduleImports } from '../../codemods/lib/imports.js';
import { codeSpan, markerRule } from '../../codemods/lib/messages.js';
import { escapeRegExp } from '../scan/prefilter.js';
import { SDK_MODULE } from '../../codemods/lib/import-layout.js';
import { calleeName, enclosingFunction, importedBindings, importOf, inStatementList, isFunctionLike, isPropertyName, joinNames, loadedModule, nodeAt, propertyNameText, unwrap, walk } from '../analysis/ast.js';
import { importedDeclaration, relativeImportNames, sharedStateStore } from '../analysis/module-state.js';
import { crossModuleHandle, crossModuleUsers, handledStates, unclaimedStates } from '../../codemods/explicit-handles.js';
import { requestAuthPlan } from '../../codemods/lib/request-auth.js';
import { freeMintingToolName } from '../inventory/handles.js';
import type { Registration } from '../analysis/registrations.js';
import { matchStyle } from '../../codemods/lib/style.js';
import { aboveDocComment, CODE_COMMENT_LINE, CONTEXT_REASONS, commentStyle, findingAsMarked, findingCodeOf, findingSubject, findMarkers, inMarkerLayout, insertMarkers, isRefusalMarker, waitsForRerun, leftFindingHead, leftFindingReason, MARKER_TAG, markerCode, markerMessage, namesState, ownMarkerRule, routeLeft, stateEntryName, withoutMarkers, writtenMarkers, type FoundMarker, type PlacedMarker } from './markers.js';
import { adviceFor, allRules, projectRules, ruleById } from '../rules/index.js';
import { projectConfigDefinitions, projectDefinitions, projectFinding, projectReports } from '../scan/project.js';


export interface FixOptions {
  paths?: string[];
  cwd?: string;
  target?: FixTarget;
  /** Run only these codemods (ids). */
  codemods?: string[];
  dryRun?: boolean;
  safeOnly?: boolean;
  allowDirty?: boolean;
  include?: string[];
  exclude?: string[];
  includeTests?: boolean;
  /** `--handle-name carts=cart_id`. */
  handleNames?: Record<string, string>;
  /** Run Prettier/Biome on changed files when the project configures one (default true). */
  format?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Only these files (absolute paths), e.g. those a scan found something in. */
  onlyFiles?: ReadonlySet<string>;
  /** Files over this size are left alone, as scan skips them (default 2 MB). */
  maxFileBytes?: number;
  /** Replace the codemod registry (tests of the runner's own safety checks; extensions). */
  registry?: readonly Codemod[];
  /**
   * The configuration's `rules` (per rule or category id: a severity or 'off'): findings of a rule
   * turned off are neither marked nor left for a person, and a codemod every rule of which is off
   * does not run unless `codemods` names it.
   */
  severities?: Record<string, Severity | 'off'>;
}

/** The words of a file's header that say a tool writes it (`DO NOT EDIT`, `@generated`), if it says so. */
export function generatedBy(text: string): string | undefined {
  // The header: the comments before the first code (a generator writes its notice on top).
  const head = text.slice(0, 2000);
  const m = /^(?:\s*(?:\/\/[^\n]*|#![^\n]*|\/\*[\s\S]*?\*\/)\s*)*/.exec(head);
  const words = /\bDO NOT EDIT\b|@generated\b|\b(?:code|file) (?:was )?(?:auto-?)?generated by\b|\bauto-?generated (?:file|code)\b/i.exec(m?.[0] ?? '');
  return words?.[0];
}

/**
 * A line of a file as rewritten, as the line of the file on disk (the one `scan` names), mapped
 * back through the rewrite line by line (lineOrigins, once per file); a line the run adds maps to
 * the line it is added before. A file not among `files`, or left as it was, keeps its lines.
 */
export function linesOnDisk(files: readonly FileFix[]): (f: Finding) => number {
  const byName = new Map(files.map((f) => [f.file, f]));
  const origins = new Map<string, number[]>();
  return (f) => {
    const file = byName.get(f.file);
    if (!file || file.after === file.before) return f.line;
    let map = origins.get(file.file);
    if (!map) origins.set(file.file, (map = lineOrigins(file.before, file.after)));
    return map[f.line] ?? f.line;
  };
}

export interface FileFix {
  /** Relative to the root, `/`-separated. */
  file: string;
  absolute: string;
  before: string;
  after: string;
  changes: Change[];
  markers: PlacedMarker[];
  codemods: string[];
  /** A new file added by a codemod. */
  created?: boolean;
  /** The file starts with a UTF-8 byte order mark, which `before` and `after` leave out and the write keeps. */
  bom?: boolean;
  /** Markers an earlier run wrote that this run removed, their finding gone (see goneMarkers): at their lines in the file as it was. */
  removedMarkers?: Array<{ line: number; message: string }>;
}

export interface FixResult {
  root: string;
  target: FixTarget;
  dryRun: boolean;
  codemods: string[];
  files: FileFix[];
  errors: ScanError[];
  /** Findings a scan of the rewritten files still reports: work for a person. */
  remaining: Finding[];
  /** On --target 2026-07-28, the packages (their package.json, relative) kept on SDK v1, or not moved to createMcpHandler (keptOnV2), each explained under errors. */
  stayedOnV1: string[];
  /** Of stayedOnV1, the packages already on the v2 packages (no v1 SDK declared): not moved to createMcpHandler, their v2 code kept. */
  keptOnV2?: string[];
  /** The states `--handle-name` named that no codemod gave a handle (a typo, or state this run did not rewrite). */
  unusedHandleNames: string[];
  /**
   * The stateful-tool findings of tools that still send a request to the client mid-call
   * (elicitInput, createMessage, listRoots, sendRequest) on a server whose transport this run made
   * per request: that server never sees initialize, so the call fails on every request until
   * rewritten. The summary names each, and the exit code is 1 (trial 78A B3).
   */
  askingBroken?: Finding[];
  /** Of unusedHandleNames, those explicit-handles looked at and left: the file and its marker's reason, by state. */
  refusedHandleNames?: Record<string, { file: string; reason: string }>;
  /** Codemods this run left out because the configuration turns off every rule they resolve (`rules`: as the configuration names them, rule or category ids). */
  skippedCodemods?: Array<{ id: string; rules: string[] }>;
  /**
   * With no --target, when the packages' own defaults differ: each package (its package.json,
   * relative) and the target it took (`target` is then 2026-07-28, the one some of them move to).
   */
  targets?: Record<string, FixTarget>;
  formatter?: { name: string; ok: boolean; message?: string };
  summary: { filesChanged: number; applied: number; safe: number; review: number; marked: number; removedMarkers: number; manual: number; failed: number };
}


/**
 * Uncommitted changes under the given directory, as absolute paths: tracked files with changes,
 * and what is untracked (a directory nothing in which is tracked ends in a separator: git lists
 * it once, not its files, so an untracked node_modules is one line); undefined outside a git
 * repository.
 */
export function dirtyFiles(dir: string): { tracked: string[]; untracked: string[] } | undefined {
  const top = gitTopLevel(dir);
  if (!top) return undefined;
  // -z: paths as they are (no quoting), relative to the repository's top (porcelain's way).
  let out: string;
  try {
    out = execFileSync('git', ['status', '--porcelain', '-z', '--untracked-files=normal', '--', '.'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    const reason = (error as { stderr?: string }).stderr?.trim().split('\n')[0] || (error as Error).message;
    throw new FixError(`refusing to write: git status failed in ${dir} (${reason}), so uncommitted changes could not be checked; pass --allow-dirty to write anyway`);
  }
  const tracked: string[] = [];
  const untracked: string[] = [];
  const entries = out.split('\0');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (!entry) continue;
    const status = entry.slice(0, 2);
    (status === '??' ? untracked : tracked).push(path.join(top, entry.slice(3)));
    // A rename or copy is followed by its source path.
    if (status[0] === 'R' || status[0] === 'C') i++;
  }
  return { tracked, untracked };
}

/**
 * One entry per file: a symlink the run found beside the file it leads to is dropped (the file
 * keeps its own name), and of several links to a file outside the run the first is kept.
 */
function onePathPerFile(files: DiscoveredFile[]): DiscoveredFile[] {
  const real = (file: string) => {
    try {
      return fs.realpathSync.native(file);
    } catch {
      return file; // a loop or a dangling link: the reader says so
    }
  };
  const byReal = new Map<string, DiscoveredFile>();
  for (const file of files) {
    const key = real(file.absolute);
    const kept = byReal.get(key);
    if (!kept || (kept.link && !file.link)) byReal.set(key, file);
  }
  const chosen = new Set(byReal.values());
  return files.filter((file) => chosen.has(file));
}

/** Whether the bytes start with a UTF-8 byte order mark. */
function hasBom(bytes: Buffer): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** A few of the files not read and why, as scan names them when it could scan nothing. */
function notRead(errors: readonly ScanError[]): string {
  const listed = errors.slice(0, 3).map((e) => `${e.file}: ${e.message.replace(/ \(skipped\)$/, '')}`);
  return `${listed.join('; ')}${errors.length > 3 ? `; and ${errors.length - 3} more` : ''}`;
}

/** A file named for a person: relative to where the run was started. */
function shownPath(cwd: string, file: string): string {
  return toPosix(path.relative(cwd, file)) || file;
}

/**
 * A run writes every file or none: one that cannot be written (a read-only file, a folder that
 * takes no new file for a file fix adds) refuses the run before anything is written, with the
 * files and why. A file whose folder is read-only but which is writable itself is written in
 * place (see writeAccess). Half a migration (code on the v2 API, its package.json not) would
 * build against neither SDK.
 */
function refuseUnwritable(changed: readonly FileFix[], cwd: string): void {
  const refused = changed.flatMap((f) => {
    const access = writeAccess(f.absolute);
    return 'reason' in access ? [`${shownPath(cwd, f.absolute)} (${access.reason})`] : [];
  });
  if (refused.length === 0) return;
  throw new FixError(
    `refusing to write: ${refused.length} of the ${changed.length} file(s) to rewrite cannot be written, so none was: ${refused.slice(0, 3).join('; ')}${refused.length > 3 ? `; and ${refused.length - 3} more` : ''}. Make ${refused.length === 1 ? 'it' : 'them'} writable and run fix again (--dry-run shows the rewrite)`,
  );
}

/**
 * Writes the run's files, the package.json files first (code a killed run rewrote then has the
 * dependencies it needs). A write that fails all the same (a full disk) puts back the files
 * written before it and stops the run with one line.
 */
function writeFixes(changed: readonly FileFix[], cwd: string): void {
  const manifest = (f: FileFix) => path.basename(f.absolute) === 'package.json';
  const written: FileFix[] = [];
  for (const f of [...changed.filter(manifest), ...changed.filter((f) => !manifest(f))]) {
    try {
      writeFileAtomic(f.absolute, f.bom ? BOM + f.after : f.after);
      written.push(f);
    } catch (error) {
      if (!(error instanceof WriteError)) throw error;
      const left: string[] = [];
      for (const done of written.reverse()) {
        try {
          if (done.created) fs.rmSync(linkTarget(done.absolute), { force: true });
          else writeFileAtomic(done.absolute, done.bom ? BOM + done.before : done.before);
        } catch {
          left.push(shownPath(cwd, done.absolute));
        }
      }
      const undone = written.length === 0 ? 'nothing was written' : left.length === 0 ? `the ${written.length} file(s) written before it were put back, so nothing changed` : `${left.length} file(s) written before it could not be put back (${left.slice(0, 3).join(', ')}${left.length > 3 ? ', ...' : ''}: git diff shows them)`;
      throw new FixError(`could not write ${shownPath(cwd, f.absolute)}: ${error.reason}; ${undone}`);
    }
  }
}

/** Whether a file (its real path) is one of dirtyFiles' untracked entries, or inside an untracked directory. */
function isUntracked(file: string, untracked: readonly string[]): boolean {
  return untracked.some((entry) => (entry.endsWith(path.sep) ? file.startsWith(entry) : file === entry));
}

export function selectCodemods(target: FixTarget, ids?: string[], available: readonly Codemod[] = registry, severities?: Record<string, Severity | 'off'>): Codemod[] {
  if (ids && ids.length > 0) {
    const unknown = ids.filter((id) => !available.some((c) => c.id === id));
    if (unknown.length > 0) throw new FixError(`unknown codemod ${unknown.join(', ')} (see mcp-migrate fix --list)`);
  }
  const named = ids !== undefined && ids.length > 0;
  return available.filter((c) => (c.target === 'any' || c.target === target) && (named ? ids.includes(c.id) : !turnedOff(c, severities)));
}

/**
 * A codemod whose rules the configuration all turns off (`"sse-legacy": "off"` for an SSE
 * endpoint kept on purpose): the findings it would resolve are ones the project chose to keep.
 * One that resolves no rule's findings (list-cache) is never off.
 */
function turnedOff(codemod: Codemod, severities: Record<string, Severity | 'off'> | undefined): boolean {
  if (!severities || codemod.resolves.length === 0) return false;
  return codemod.resolves.every((id) => isOff(id, severities));
}

function isOff(ruleId: string, severities: Record<string, Severity | 'off'>): boolean {
  return (severities[ruleId] ?? severities[ruleById(ruleId)?.category ?? '']) === 'off';
}

/** The rules the configuration turns off (by their id or their category's). */
function offRulesOf(severities: Record<string, Severity | 'off'> | undefined): Set<string> {
  return new Set(severities ? allRules.map((rule) => rule.id).filter((id) => isOff(id, severities)) : []);
}

function keywordsMatch(codemod: Codemod, lower: string): boolean {
  return codemod.keywords.some((k) => lower.includes(k));
}

/**
 * What a package served through a host built on SDK v1 does first, by the host and its version:
 * mcp-handler 2 is built on the v2 packages; Cloudflare's agents has a stateless createMcpHandler
 * on them since 0.20, at 'agents/mcp/server' (its McpAgent stays on v1).
 */
function v2Route(host: string, version: string | undefined): string {
  const sdk = 'move the endpoint to createMcpHandler from @modelcontextprotocol/server first';
  if (host === 'mcp-handler') return `upgrade mcp-handler to ${MCP_HANDLER_HOST.v2Major}.x (built on the v2 packages: it serves 2026-07-28), or ${sdk}`;
  if (host !== 'agents' || version === undefined) return sdk;
  return agentsServesV2(version)
    ? `move the endpoint to createMcpHandler from 'agents/mcp/server' (agents ${version} has it, on the v2 packages) or from @modelcontextprotocol/server first`
    : `${sdk}, or upgrade agents (${version}) to 0.20 or later and use its createMcpHandler from 'agents/mcp/server', built on the v2 packages`;
}

/** Whether a version or range of Cloudflare's agents starts at 0.20 or later (its 'agents/mcp/server' is on the v2 packages). */
function agentsServesV2(range: string): boolean {
  const floor = floorOf(range);
  return !!floor && compareVersions(floor, '0.20.0') >= 0;
}

/** A class of the module that implements (or extends) an MCP event store, read from its text. */
const STORE_CLASS = /\b(?:implements|extends)\s+(?:[\w$]+\.)?EventStore\b/;
/** A transport built in a module's text. */
const TRANSPORT_MADE = /\bnew\s+[\w$.]*Transport\s*\(/;
/** An exported empty Map, Set or object (`export const transports: Record<string, T> = {}`). */
const EXPORTED_COLLECTION = /\bexport\s+(?:const|let|var)\s+\w+\s*(?::[^=;]+)?=\s*(?:new\s+(?:Map|Set)\b[^(]*\(\s*\)|\{\s*\})/;

/**
 * The configuration of a build, lint or test tool (`tsup.config.ts`, `vite.config.mjs`,
 * `eslint.config.js`, `vitest.workspace.ts`): loaded by the tool, never by the server (trial 39B:
 * every package's tsup.config.ts importing a plugin in the root's folder tied the workspace to
 * the root, so one held package held them all).
 */
const BUILD_CONFIG = /(?:^|\/)(?:\.eslintrc|(?:tsup|tsdown|vite|vitest|rollup|rolldown|webpack|rspack|esbuild|eslint|jest|babel|build|playwright|next|nuxt|astro|svelte|tailwind|postcss|drizzle|knip|commitlint|prettier|stylelint|unbuild)(?:\.[\w-]+)*\.config(?:\.[\w-]+)*|vitest\.workspace)\.[cm]?[jt]sx?$/;

/**
 * Packages of one workspace that share MCP objects move together or not at all: a package on the
 * MCP SDK that imports (at run time) a package of the workspace that stays on SDK v1 gets its v1
 * McpServer (mongodb's cli building `new McpServer()` from its core package: moved, its v2
 * `setRequestHandler('tools/call', ...)` threw at start-up), and one that a held package imports
 * would hand it v2 objects. Both stay on v1, with why, until the first one can move.
 */
function holdWorkspaceNeighbours(
  read: ReadonlyArray<{ rel: string; absolute: string; text: string; kind: FileKind }>,
  manifests: Manifests,
  onV1: Map<string, string>,
  /** Whether a package stays on v1: held in onV1, or on sdk-v1 by its own default (unheld). */
  stays: (manifest: string) => boolean,
  relative: (p: string) => string,
): void {
  /** Per package on the MCP SDK: the workspace packages its files import at run time, with the first file. */
  const imports = new Map<string, Map<string, string>>();
  /** Per package on the MCP SDK: other packages' manifests whose files its files import by a relative path (`../../shared/src/index.js`), with the first file. */
  const reaches = new Map<string, Map<string, string>>();
  const byName = new Map<string, string>();
  const onSdk = new Set<string>();
  const code: Array<{ file: (typeof read)[number]; manifest: string }> = [];
  for (const file of read) {
    if (file.kind.type !== 'code') continue;
    const manifest = manifests.of(file.absolute);
    if (!manifest) continue;
    const name = manifests.json(manifest)?.name;
    if (typeof name === 'string' && name) byName.set(name, manifest);
    if (file.text.includes('@modelcontextprotocol/sdk')) onSdk.add(manifest);
    code.push({ file, manifest });
  }
  // Only the imports of packages on the SDK are ever looked up, and only at run time: a build
  // tool's configuration (tsup.config.ts importing a shared esbuild plugin) hands no MCP object over.
  for (const { file, manifest } of code) {
    if (!onSdk.has(manifest) || BUILD_CONFIG.test(file.rel)) continue;
    const found = imports.get(manifest) ?? new Map<string, string>();
    const linked = reaches.get(manifest) ?? new Map<string, string>();
    for (const specifier of importedModules(withoutTypeImports(file.text))) {
      const pkg = packageOf(specifier);
      if (pkg && !found.has(pkg)) found.set(pkg, file.rel);
      if (/^\.\.?\//.test(specifier)) {
        const other = manifests.of(path.resolve(path.dirname(file.absolute), specifier));
        if (other && other !== manifest && !linked.has(other)) linked.set(other, file.rel);
      }
    }
    imports.set(manifest, found);
    reaches.set(manifest, linked);
  }
  const nameOf = (manifest: string) => {
    const name = manifests.json(manifest)?.name;
    return typeof name === 'string' && name ? name : relative(path.dirname(manifest)) || '.';
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const manifest of onSdk) {
      if (stays(manifest)) continue;
      // By its name, or by a relative path into its folder.
      const uses = [...[...(imports.get(manifest) ?? [])].map(([pkg, at]) => [byName.get(pkg), at, pkg] as const), ...[...(reaches.get(manifest) ?? [])].map(([other, at]) => [other, at, `${nameOf(other)} (by a relative path into its folder)`] as const)];
      for (const [other, at, pkg] of uses) {
        if (!other || other === manifest || !stays(other) || !onSdk.has(other)) continue;
        onV1.set(manifest, `${at} imports ${pkg}, a package of this workspace that stays on SDK v1: the MCP objects it hands out are v1 ones, and v2 code given them fails at run time; the two move together`);
        changed = true;
        break;
      }
      if (stays(manifest)) continue;
      for (const held of onSdk) {
        if (held === manifest || !stays(held)) continue;
        const at = (byName.get(nameOf(manifest)) === manifest ? imports.get(held)?.get(nameOf(manifest)) : undefined) ?? reaches.get(held)?.get(manifest);
        if (!at) continue;
        onV1.set(manifest, `${nameOf(held)}, a package of this workspace that stays on SDK v1, imports it (${at}): moved alone, it would hand v2 objects to v1 code; the two move together`);
        changed = true;
        break;
      }
    }
  }
}

/**
 * The package manifests of a run, each found and read once: the nearest package.json of a file
 * (memoised per directory) and its dependencies.
 */
class Manifests {
  private readonly byDir = new Map<string, string | undefined>();
  private readonly texts = new Map<string, string | undefined>();
  private readonly parsed = new Map<string, Record<string, unknown> | undefined>();
  private readonly deps = new Map<string, Record<string, string>>();
  private topCache: string | undefined;

  /** The repository's top (the run's folder outside git), asked of git once per run. */
  repoTop(): string {
    return (this.topCache ??= gitTopLevel(this.root) ?? this.root);
  }

  /** @param runFiles the files the run read: a workspace package they belong to is judged by its code, not its manifest (workspaceMember). */
  constructor(
    private readonly root: string,
    private readonly runFiles: readonly string[] = [],
  ) {}

  /** The manifests of the packages the run's files belong to. */
  private inRun: Set<string | undefined> | undefined;

  /** The package.json of the package `file` belongs to, also above the run's folder (see nearestManifest). */
  of(file: string): string | undefined {
    const dir = path.dirname(file);
    if (!this.byDir.has(dir)) this.byDir.set(dir, nearestManifest(file, this.root, this.repoTop()));
    return this.byDir.get(dir);
  }

  /** Manifests (and lockfiles) whose text starts with a byte order mark, which npm reads past. */
  private readonly boms = new Set<string>();

  /** A manifest's text as read once by this run, without a byte order mark (undefined when it cannot be read). */
  text(manifest: string): string | undefined {
    if (!this.texts.has(manifest)) {
      try {
        const text = fs.readFileSync(manifest, 'utf8');
        if (text.startsWith(BOM)) this.boms.add(manifest);
        this.texts.set(manifest, stripBom(text));
      } catch {
        this.texts.set(manifest, undefined);
      }
    }
    return this.texts.get(manifest);
  }

  /** Whether the manifest's text started with a byte order mark (kept when it is written back). */
  hasBom(manifest: string): boolean {
    return this.boms.has(manifest);
  }

  /** A manifest parsed once by this run (undefined when it cannot be read or is not a JSON object). */
  json(manifest: string): Record<string, unknown> | undefined {
    if (!this.parsed.has(manifest)) {
      let value: unknown;
      try {
        value = JSON.parse(this.text(manifest) ?? '');
      } catch {
        value = undefined;
      }
      this.parsed.set(manifest, value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);
    }
    return this.parsed.get(manifest);
  }

  /**
   * What the workspace roots above `manifest` depend on (their pins), up to the repository's top:
   * manifests with `workspaces`, or beside a pnpm-workspace.yaml. Any other package.json above
   * (a project that merely holds this folder) lends nothing.
   */
  inheritedBy(manifest: string): Record<string, string> {
    const inherited: Record<string, string> = {};
    for (const dir of foldersUpTo(path.dirname(path.dirname(manifest)), this.repoTop())) {
      const above = path.join(dir, 'package.json');
      if (this.isWorkspaceRoot(above)) {
        // The nearer workspace wins: only names not seen yet are taken from further up.
        for (const [name, range] of Object.entries(this.dependenciesOfManifest(above))) inherited[name] ??= range;
      }
    }
    return inherited;
  }

  /** Installed packages' manifests, by folder and name (see installed). */
  private readonly installedManifests = new Map<string, unknown>();

  /**
   * The package.json of a package installed for the package at `manifest`, as Node would find it
   * (its node_modules, or one above it up to the repository's top: a workspace installs there,
   * above a package the run may be given), read once per name and folder by this run.
   */
  installed(name: string, manifest: string): unknown {
    const dir = path.dirname(manifest);
    const key = `${dir}\0${name}`;
    if (!this.installedManifests.has(key)) {
      // Not installed (a fresh clone, CI before its install): a package of the same workspace is on disk.
      this.installedManifests.set(key, installedManifest(name, dir, this.repoTop()) ?? this.workspaceMember(name, dir));
    }
    return this.installedManifests.get(key);
  }

  /** Per folder: the manifest of the workspace root above it, if any (memberNamed). */
  private readonly workspaceRoots = new Map<string, string | undefined>();

  /** Per workspace root: its members' manifests by package name. */
  private readonly members = new Map<string, Map<string, { manifest: string; json: Record<string, unknown> }>>();

  /**
   * The package.json of the member of the workspace above `from` named `name` (trial 18A: a
   * package that hands another v1 servers, read on a fresh clone); see workspaceMembers.
   */
  private workspaceMember(name: string, from: string): unknown {
    // A package the run reads moves or stays by its own code, with the packages it shares objects with (see the workspace coupling above).
    const member = this.memberNamed(name, from);
    return member && !this.readByRun(member.manifest) ? member.json : undefined;
  }

  /** The member named `name` of the workspace above `from` (see workspaceMembers), read once per workspace. */
  private memberNamed(name: string, from: string): { manifest: string; json: Record<string, unknown> } | undefined {
    // (The workspace root above each folder, looked for once: asked for every dependency of every file.)
    if (!this.workspaceRoots.has(from)) this.workspaceRoots.set(from, foldersUpTo(from, this.repoTop()).map((dir) => path.join(dir, 'package.json')).find((manifest) => fs.existsSync(manifest) && this.isWorkspaceRoot(manifest)));
    const root = this.workspaceRoots.get(from);
    if (!root) return undefined;
    let members = this.members.get(root);
    if (!members) this.members.set(root, (members = workspaceMembers(root, (file) => this.json(file))));
    return members.get(name);
  }

  /** Whether the run reads files of the package at `manifest`. */
  private readByRun(manifest: string): boolean {
    this.inRun ??= new Set(this.runFiles.map((f) => this.of(f)));
    return this.inRun.has(manifest);
  }

  /**
   * Whether `name`, a dependency of the package at `manifest`, is a package of the same workspace
   * whose files the run reads (trial 39B: `@x/mcp-lib`, linked or not): it moves or stays by its
   * own code, with the packages that import it, never as a library of unknown make.
   */
  isRunMember(name: string, manifest: string): boolean {
    const member = this.memberNamed(name, path.dirname(manifest));
    return member !== undefined && this.readByRun(member.manifest);
  }

  /** The version of a package installed for the package at `manifest` (see installed). */
  installedVersion(name: string, manifest: string): string | undefined {
    const version = (this.installed(name, manifest) as { version?: unknown } | undefined)?.version;
    return typeof version === 'string' ? version : undefined;
  }

  /** Parsed catalogs, by workspace file: every package of a workspace asks for the same ones. */
  private readonly catalogs = new Map<string, Catalogs | undefined>();

  /**
   * The catalogs of the pnpm workspace above `manifest` (its pnpm-workspace.yaml's `catalog:` and
   * `catalogs:`, see catalogsOf), or undefined when no workspace file is found up to the top.
   */
  catalogOf(manifest: string): Catalogs | undefined {
    return catalogAbove(path.dirname(manifest), this.repoTop(), this.catalogs);
  }

  /** The lockfile nearest above `manifest`, up to the repository's top, with its text (undefined when none). */
  lockfile(manifest: string): { file: string; text: string } | undefined {
    const own = path.dirname(manifest);
    for (const dir of foldersUpTo(own, this.repoTop())) {
      // Above the package, only a workspace root's lockfile covers it (trial 19C: a sample folder
      // inside a repository was told to update the repository's own lockfile).
      if (dir !== own && !this.isWorkspaceRoot(path.join(dir, 'package.json'))) continue;
      for (const name of LOCKFILES) {
        const file = path.join(dir, name);
        const text = fs.existsSync(file) ? this.text(file) : undefined;
        if (text !== undefined) return { file, text };
      }
    }
    return undefined;
  }

  /** The lockfile above `manifest` and the package as its importer of `name` (its folder there, its declared range). */
  private locked(manifest: string, name: string): { lock: { file: string; text: string }; importer: Importer } | undefined {
    const lock = this.lockfile(manifest);
    if (!lock) return undefined;
    const dir = toPosix(path.relative(path.dirname(lock.file), path.dirname(manifest)));
    return { lock, importer: { dir, range: this.dependenciesOfManifest(manifest)[name] } };
  }

  /** The version of `name` the lockfile above `manifest` resolves for it (see lockedVersion). */
  lockedVersion(manifest: string, name: string): string | undefined {
    const at = this.locked(manifest, name);
    return at && lockedVersion(at.lock.file, at.lock.text, name, at.importer);
  }

  /** What dependency `name` of the package needs of the MCP SDK: its installed copy says; not installed (a fresh clone), the lockfile. */
  sdkNeed(manifest: string, name: string): LockedNeed | 'none' | undefined {
    const pkg = this.installed(name, manifest) as Parameters<typeof manifestNeed>[0] | undefined;
    return pkg ? manifestNeed(pkg) : this.lockedNeed(manifest, name);
  }

  /**
   * What the lockfile above `manifest` records of the package's need for the MCP SDK: the need,
   * 'none' when it lists the package with no such need, undefined when it cannot tell.
   */
  lockedNeed(manifest: string, name: string): LockedNeed | 'none' | undefined {
    const at = this.locked(manifest, name);
    return at && lockedSdkNeed(at.lock.file, at.lock.text, name, at.importer);
  }

  /**
   * The workspace root above `manifest` that provides @modelcontextprotocol/sdk to it, when the
   * package declares it nowhere itself (playwright-core: the SDK is a devDependency of the
   * repository's root, and the package, published bundled, has no dependencies at all). The v2
   * packages belong beside it, not in the package.
   */
  sdkProvider(manifest: string): string | undefined {
    if (this.dependenciesOfManifest(manifest)['@modelcontextprotocol/sdk']) return undefined;
    for (const dir of foldersUpTo(path.dirname(path.dirname(manifest)), this.repoTop())) {
      const above = path.join(dir, 'package.json');
      if (this.isWorkspaceRoot(above) && this.dependenciesOfManifest(above)['@modelcontextprotocol/sdk']) return above;
    }
    return undefined;
  }

  /**
   * A runtime dependency of the package (its `dependencies`) that takes @modelcontextprotocol/sdk
   * as a peer dependency, by its installed copy or else the lockfile: the package must keep
   * providing the SDK at run time (sentry-mcp's `agents` peer-requires it), whatever its own code
   * imports.
   */
  sdkPeerOf(manifest: string): string | undefined {
    const runtime = (this.json(manifest)?.dependencies ?? {}) as Record<string, string>;
    for (const name of Object.keys(runtime)) {
      if (SDK_PACKAGE.test(name)) continue;
      const need = this.sdkNeed(manifest, name);
      // (Not an optional one: the library runs without the SDK.)
      if (need && need !== 'none' && need.how === 'peer dependency' && !need.optional) return name;
    }
    return undefined;
  }

  private isWorkspaceRoot(manifest: string): boolean {
    return isWorkspaceRootManifest(manifest, (file) => this.json(file));
  }

  /** `dependencies`, `peerDependencies` and `devDependencies` of the file's manifest ({} without one, or when it does not parse). */
  dependenciesOf(file: string): Record<string, string> {
    const manifest = this.of(file);
    return manifest ? this.dependenciesOfManifest(manifest) : {};
  }

  /** The catalog references of a manifest's dependencies, by name, as written (see dependenciesOfManifest). */
  private readonly refs = new Map<string, Record<string, string>>();

  /** The catalog a dependency of the manifest is taken from, as written (`catalog:prod`), or undefined when it names its own version. */
  catalogRef(manifest: string, name: string): string | undefined {
    this.dependenciesOfManifest(manifest);
    return this.refs.get(manifest)?.[name];
  }

  /**
   * The same of a manifest ({} when it is missing or does not parse), each as declared or, taken
   * from a pnpm catalog (`catalog:`, `catalog:prod`), as the catalog gives it: every reader of a
   * version (zod's floor, the hosts' majors, a 0.x SDK) sees the catalog's. A reference no catalog
   * resolves stays as written, a version no one knows.
   */
  dependenciesOfManifest(manifest: string): Record<string, string> {
    let deps = this.deps.get(manifest);
    if (!deps) {
      const pkg = (this.json(manifest) ?? {}) as Partial<Record<'dependencies' | 'peerDependencies' | 'devDependencies', Record<string, string>>>;
      deps = { ...pkg.devDependencies, ...pkg.peerDependencies, ...pkg.dependencies };
      // The workspace file is looked for only when a range asks for a catalog.
      const catalogued = (range: unknown): range is string => typeof range === 'string' && catalogOfRange(range) !== undefined;
      if (Object.values(deps).some(catalogued)) {
        const catalogs = this.catalogOf(manifest);
        const refs: Record<string, string> = {};
        for (const [name, range] of Object.entries(deps)) {
          if (!catalogued(range)) continue;
          refs[name] = range;
          deps[name] = fromCatalog(range, name, catalogs);
        }
        this.refs.set(manifest, refs);
      }
      this.deps.set(manifest, deps);
    }
    return deps;
  }
}

/**
 * The names a reverse proxy's config usually has, looked for in a code file's package folder and
 * at the repository's top: `fix src/` lists neither (trial 66C B2: the Caddyfile beside package.json).
 */
const PROXY_CONFIG_NAMES = ['Caddyfile', 'nginx.conf', 'traefik.yml', 'traefik.yaml', 'traefik.toml', 'haproxy.cfg'];

/** The config kinds of reverse proxies (see classifyFile). */
const PROXY_KINDS: ReadonlySet<ConfigKind> = new Set<ConfigKind>(['caddy', 'nginx', 'traefik', 'haproxy']);


/**
 * A hostname a proxy's config names, as hostHeaderValidation takes it (no scheme, path or port),
 * or undefined for what no Host header of the public reaches by name: a port alone (`:8080`),
 * loopback, a wildcard or a regex, a placeholder (`{$DOMAIN}`, `$host`), nginx's `_`. A name with
 * no dot is left out too: in these configs a single word is a keyword or a flag more often than a host.
 */
function proxyHostName(token: string): string | undefined {
  const name = token.trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/\/.*$/, '').replace(/:\d*$/, '');
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(name) || /^(127\.|0\.0\.0\.0$)/.test(name)) return undefined;
  return name;
}

/**
 * The hostnames a reverse proxy's config serves, read cheaply (Caddy's site addresses, nginx's
 * `server_name`, Traefik's ``Host(`...`)`` rules, HAProxy's `hdr(host)` ACLs), or undefined where
 * it proxies nothing: a Caddyfile with no `reverse_proxy`, an nginx config with no `proxy_pass`
 * (a static site's, or any other `.conf`).
 */
export function proxiedHosts(text: string, kind: ConfigKind): string[] | undefined {
  const hosts = new Set<string>();
  const add = (token: string) => {
    const name = proxyHostName(token);
    if (name) hosts.add(name);
  };
  if (kind === 'caddy') {
    const lines = text.split(/\r?\n/).map((line) => line.replace(/(^|\s)#.*$/, '').trim());
    if (!lines.some((line) => /^reverse_proxy\b/.test(line))) return undefined;
    // Site blocks are the top-level lines that open a brace (`mcp.example.com, www.example.com {`);
    // a Caddyfile of one site may have none, its addresses on its first line.
    let depth = 0;
    let braced = false;
    for (const line of lines) {
      if (depth === 0 && line.endsWith('{')) {
        braced = true;
        for (const address of line.slice(0, -1).split(/[\s,]+/)) add(address);
      }
      for (const c of line) depth = Math.max(0, depth + (c === '{' ? 1 : c === '}' ? -1 : 0));
    }
    if (!braced) for (const address of lines.find((line) => line)?.split(/[\s,]+/) ?? []) add(address);
  } else if (kind === 'nginx') {
    const code = text.replace(/#.*$/gm, '');
    if (!/\bproxy_pass\b/.test(code)) return undefined;
    for (const m of code.matchAll(/\bserver_name\s+([^;]*);/g)) for (const name of m[1].split(/\s+/)) add(name);
  } else if (kind === 'traefik') {
    for (const m of text.matchAll(/\bHost\s*\(([^)]*)\)/g)) for (const q of m[1].matchAll(/[`"']([^`"']+)[`"']/g)) add(q[1]);
    // (Traefik 1's `Host:a.example.com,b.example.com`.)
    for (const m of text.matchAll(/\bHost:\s*([^\s"';]+)/g)) for (const name of m[1].split(',')) add(name);
  } else if (kind === 'haproxy') {
    for (const m of text.replace(/#.*$/gm, '').matchAll(/\bhdr(?:_dom|_end)?\(\s*host\s*\)([^\n{}]*)/gi)) for (const name of m[1].split(/\s+/)) add(name);
  } else return undefined;
  return [...hosts];
}

/**
 * Where a reverse proxy's config proxies to, read cheaply: Caddy's `reverse_proxy` (and its `to`
 * lines), nginx's `proxy_pass` and the `server` lines of its `upstream` blocks, Traefik's service
 * `url`, HAProxy's `server` lines. Each address without scheme or path, with its port where one is
 * written (none for `proxy_pass http://app`, a unix socket or a placeholder). A config counts for a
 * server only where an upstream's port is the one it listens on (review 86 #1).
 */
export function proxyUpstreams(text: string, kind: ConfigKind): ReverseProxyConfig['upstreams'] {
  const addresses: string[] = [];
  if (kind === 'caddy') {
    for (const raw of text.split(/\r?\n/)) {
      const words = raw.replace(/(^|\s)#.*$/, '').trim().split(/\s+/);
      if (words[0] !== 'reverse_proxy' && words[0] !== 'to') continue;
      // (Matchers come first: `@mcp`, `/mcp*`, `*`; a `{` opens the directive's block. A
      // placeholder, `{$UPSTREAM}`, is an upstream with no port read.)
      addresses.push(...words.slice(1).filter((w) => w && w !== '{' && w !== '}' && !/^[@/*]/.test(w)));
    }
  } else if (kind === 'nginx') {
    const code = text.replace(/#.*$/gm, '');
    for (const m of code.matchAll(/\bproxy_pass\s+([^;\s]+)/g)) addresses.push(m[1]);
    for (const block of code.matchAll(/\bupstream\s+\S+\s*\{([^}]*)\}/g)) for (const m of block[1].matchAll(/\bserver\s+([^;\s]+)/g)) addresses.push(m[1]);
  } else if (kind === 'traefik') {
    for (const m of text.matchAll(/\burl\s*[:=]\s*["']?([a-z][a-z0-9+.-]*:\/\/[^\s"',}]+)/gi)) addresses.push(m[1]);
  } else if (kind === 'haproxy') {
    for (const m of text.replace(/#.*$/gm, '').matchAll(/^[ \t]*server[ \t]+\S+[ \t]+(\S+)/gm)) addresses.push(m[1]);
  }
  return addresses.map((raw) => {
    const address = raw.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/.*$/, '');
    const port = /:(\d{1,5})$/.exec(address)?.[1];
    return port ? { address, port: Number(port) } : { address };
  });
}

/**
 * Folders whose proxy configs front nothing the run fixes: an example or a fixture (review 86 #1,
 * a docs/nginx.conf for another site dropped the guards).
 */
const NOT_DEPLOYED_DIRS: ReadonlySet<string> = new Set(['docs', 'doc', 'examples', 'example', 'test', 'tests', '__tests__', 'fixtures']);

/** Runs one file through the codemods; returns undefined when nothing changed. */
export function fixText(
  rel: string,
  text: string,
  kind: FileKind,
  codemods: Codemod[],
  context: Omit<CodemodContext, 'path'>,
  /** Rules the configuration turns off: a codemod's marker about one of them is left out. */
  offRules?: ReadonlySet<string>,
): {
  after: string;
  changes: Change[];
  markers: PlacedMarker[];
  applied: string[];
  files: Array<{ path: string; text: string }>;
  dependencies: Record<string, string>;
  /** The codemods that asked for `dependencies`. */
  dependencyCodemods: string[];
  /** The rewritten code has more syntax errors than the original: it must not be written. */
  unparsable: boolean;
  /** The original does not parse (its first syntax error): a rewrite of it must not be written either. */
  syntaxError?: string;
  /** A name the rewrite declares twice in one block where the original did not (redeclaredNames). */
  redeclared?: string;
} {
  let current = text;
  const changes: Change[] = [];
  const markers: PlacedMarker[] = [];
  const applied: string[] = [];
  const files: Array<{ path: string; text: string }> = [];
  const dependencies: Record<string, string> = {};
  const dependencyCodemods: string[] = [];
  // (The session maps of transports or servers of the text as read: asked by explicit-handles, on
  // the facts of the original text, where a codemod before it changed the text.)
  let originalFacts: SessionFacts | undefined;
  let mapsAsRead: ReadonlySet<string> | undefined;
  const sessionMapsAsRead = () => (mapsAsRead ??= new Set((originalFacts?.collections ?? []).filter((c) => (c.valueKind === 'transport' || c.valueKind === 'server') && isSessionMap(c)).map((c) => c.name)));
  let credentialsAsRead: ReadonlySet<string> | undefined;
  const credentialMapsAsRead = () => (credentialsAsRead ??= new Set((originalFacts?.collections ?? []).filter((c) => requestAuthPlan(c, originalFacts!)).map((c) => c.name)));
  const ctx: CodemodContext = { ...context, path: rel, sessionMapsAsRead, credentialMapsAsRead };
  const style = commentStyle(kind, rel);
  // Lower-cased and parsed once per version of the text, not once per codemod.
  let lower = current.toLowerCase();
  let parsed: { text: string; sourceFile: TS.SourceFile; facts: SessionFacts } | undefined;
  /** The original text's tree, when a code codemod parsed it: the checks after the rewrite compare against it. */
  let original: TS.SourceFile | undefined;
  let firstError: string | undefined;
  // A codemod reports its changes at lines of the text it was given, which earlier codemods (and
  // their markers) may have moved: this maps such a line back to the original text.
  const lines = new LineMap();
  // A file whose McpServer comes through a module of its package counts as naming the SDK module it comes from.
  const through = ctx.mcpServerFrom?.toLowerCase();
  for (const codemod of codemods) {
    // (State this run moves with the tools of other modules: its module may name no session id itself, `listOf(sid)`.)
    const movedWithOthers = codemod.id === 'explicit-handles' && !!ctx.crossModuleStates?.size;
    if (!keywordsMatch(codemod, lower) && !(through && keywordsMatch(codemod, through)) && !movedWithOthers) continue;
    let outcome;
    if (codemod.kind === 'code') {
      if (kind.type !== 'code') continue;
      if (parsed?.text !== current) {
        const sourceFile = parseFile(current, rel);
        parsed = { text: current, sourceFile, facts: new SessionFacts(sourceFile) };
        if (ctx.modules) parsed.facts.typeModules = { path: rel, source: ctx.modules };
        if (current === text) {
          original = sourceFile;
          originalFacts = parsed.facts;
          firstError = syntaxError(sourceFile);
        }
      }
      outcome = codemod.transform({ text: current, sourceFile: parsed.sourceFile, facts: parsed.facts }, ctx);
    } else {
      if (kind.type !== 'config' || !codemod.configKinds.includes(kind.kind)) continue;
      outcome = codemod.transform({ text: current, kind: kind.kind }, ctx);
    }
    let next = outcome.text;
    const kept = offRules?.size ? outcome.markers.filter((m) => !offRules.has(markerRule(m.message) ?? '')) : outcome.markers;
    if (kept.length > 0) {
      if (style) {
        const placed = insertMarkers(next, kept, style, codemod.id, rel);
        next = placed.text;
        markers.push(...placed.inserted);
      } else {
        markers.push(...kept.map((m) => ({ ...m, codemod: codemod.id, inserted: false, unwritable: true as const })));
      }
    }
    if (next !== current || outcome.changes.length > 0) applied.push(codemod.id);
    changes.push(...lines.original(outcome.changes));
    lines.moved(current, next);
    for (const f of outcome.files ?? []) if (!files.some((x) => x.path === f.path)) files.push(f);
    if (outcome.dependencies && Object.keys(outcome.dependencies).length > 0) {
      Object.assign(dependencies, outcome.dependencies);
      dependencyCodemods.push(codemod.id);
    }
    if (next !== current) lower = next.toLowerCase();
    current = next;
  }
  // What the codemods wrote ends and quotes like the file's own code (style.ts).
  if (kind.type === 'code') current = matchStyle(text, current, rel);
  // The guard against a rewrite that breaks the code: the original was parsed by the first code codemod.
  const rewritten = kind.type === 'code' && current !== text ? parseFile(current, rel) : undefined;
  const before = rewritten ? (original ?? parseFile(text, rel)) : undefined;
  const unparsable = !!rewritten && parseDiagnostics(rewritten).length > parseDiagnostics(before!).length;
  // Or one that declares a name twice in a block, which parses and does not load (trial 34A).
  const redeclared = rewritten && !unparsable ? newlyRedeclared(before!, rewritten) : undefined;
  return { after: current, changes, markers, applied, files, dependencies, dependencyCodemods, unparsable, ...(redeclared ? { redeclared } : {}), ...(firstError ? { syntaxError: firstError } : {}) };
}

/**
 * `after` with the lines a rewrite added ending in CRLF where every line of `before` did (a
 * Windows checkout): codemods and markers write `\n`, which would leave the file with both.
 */
export function keepLineEndings(before: string, after: string): string {
  if (before === after || !before.includes('\r\n') || /(^|[^\r])\n/.test(before)) return after;
  return after.replace(/\r?\n/g, '\r\n');
}

/**
 * The lines of the statement, class member or object property around the code at `line`: a
 * comment about it can go above its first line (never inside a string, template or JSX text).
 * With the statement around an object property, and the outermost function around the code.
 */
export function commentableSpan(sourceFile: TS.SourceFile, line: number): { start: number; end: number; statement: { start: number; end: number }; route?: { start: number; end: number } } {
  const lineStarts = sourceFile.getLineStarts();
  const lineEnd = line < lineStarts.length ? lineStarts[line] : sourceFile.text.length;
  let pos = lineStarts[line - 1] ?? 0;
  while (pos < lineEnd && /\s/.test(sourceFile.text[pos])) pos++;
  const node = nodeAt(sourceFile, pos);
  const lineOfPos = (p: number) => sourceFile.getLineAndCharacterOfPosition(p).line + 1;
  const spanOf = (n: TS.Node) => ({ start: lineOfPos(n.getStart(sourceFile)), end: lineOfPos(n.getEnd()) });
  // The outermost function around the code (a route handler).
  let outer: TS.Node | undefined;
  for (let n: TS.Node | undefined = node; n; n = n.parent) if (isFunctionLike(n)) outer = n;
  const route = outer && spanOf(outer);
  for (let n: TS.Node | undefined = node; n && n !== sourceFile; n = n.parent) {
    const place = inStatementList(n) || ts.isClassElement(n) || (ts.isObjectLiteralElementLike(n) && ts.isObjectLiteralExpression(n.parent));
    if (!place) continue;
    // For an object property (an option of a construction): the statement around it, which a
    // marker above may speak for. A class member or a statement stands for itself.
    let statement: TS.Node | undefined = n;
    if (ts.isObjectLiteralElementLike(n)) while (statement && statement !== sourceFile && !inStatementList(statement)) statement = statement.parent;
    return { ...spanOf(n), statement: statement && statement !== sourceFile ? spanOf(statement) : spanOf(n), route };
  }
  return { start: line, end: line, statement: { start: line, end: line }, route };
}

/** A marker the official v1→v2 codemod asked for (see official.ts). */
const OFFICIAL_MARKER = /official v1→v2 codemod:/;

/** A finding message whose last clause already says to keep the state in a shared store (`...; keep it in a shared store (Redis, a database)`). */
const SHARED_STORE_ADVICE = /; [^;]*\bshared store\b[^;]*$/;

/** How many lines a statement may span for a marker above it to explain a finding inside it (a construction, not a whole route). */
export const EXPLAINED_STATEMENT_LINES = 12;

/** The rules whose findings the run's codemods set out to resolve (Codemod.resolves). */
function resolvedRules(codemods: readonly Codemod[]): Set<string> {
  return new Set(codemods.flatMap((c) => c.resolves));
}

/**
 * A finding of a rule the run's codemods set out to resolve that gets a marker where it is left:
 * one that names a codemod, an error about a tool's code that no codemod rewrites (it asks the
 * client mid-call, keeps a browser in memory, changes the lists), and a server shared between
 * requests, marked with the rule's advice. Other findings no codemod takes are named in the summary, not marked (a framework's
 * /sse route has no line of the user's to change).
 */
function markable(f: Finding, resolved: ReadonlySet<string>): boolean {
  // A low-level handler (`setRequestHandler(CallToolRequestSchema, ...)`) is a tool's code with no
  // tool name; a server shared between requests that server-factory cannot rebuild (imported, a
  // field) is connected on a line of the user's route. And a tool that goes on as if the client had
  // agreed where it was not asked (a confirmation skipped): whatever serves it, in the file itself.
  return resolved.has(f.ruleId) && (f.fix !== undefined || (f.severity === 'error' && (f.tool !== undefined || f.category === 'stateful-tool' || f.ruleId === 'shared-server')) || skipsAsking(f));
}

/**
 * Markers for the state keyed by the session id that holds a file's transport sessionful, where
 * the file keeps it itself (`found`: its findings, at their lines of `sourceFile`, the file as it
 * is): a file left unchanged for it would otherwise hold nothing of the run, and one printed line
 * would be the only word of what holds it (trial 76A B1). Worded as a marker of a finding left
 * (its head, so a later run removes it once the finding is gone), with the finding's first reason
 * alone: a marker longer than findMarkers reads would not be found again.
 */
function heldStateMarkers(sourceFile: TS.SourceFile, found: readonly Finding[], keptFor: (f: Finding) => { state: string; use: string } | undefined = () => undefined, whyLeft: (f: Finding) => string | undefined = () => undefined): Marker[] {
  const markers: Marker[] = [];
  for (const f of found) {
    const span = commentableSpan(sourceFile, f.line);
    const where = span.start === f.line || !f.snippet ? '' : ` (at ${codeSpan(f.snippet, 60)})`;
    const first = f.message.split('; ')[0];
    // (State another module declares that this run kept a Map for a use where no handle reaches it:
    // the same remedy as the marker at its declaration, review 95.)
    const kept = keptFor(f);
    // (Why explicit-handles did not move it, as its marker there said, which this marker replaces:
    // trial 77A B3, the file said only "give it an explicit handle" of a tools/call handler no run extends.)
    const why = kept ? undefined : whyLeft(f);
    const remedy = kept
      ? `${kept.state} stays keyed by the session id because a use where no tool call naming a handle reaches it (${kept.use}) would throw once it moved. Remove that use (a cleanup when a session closes can go: entries under a handle expire) or move it into a tool, then run fix again`
      : why
        ? `Why it was left: ${why.replace(/^[\w$.]+ is keyed by the MCP session id(, and |; )/, '')}`
        : 'Give it an explicit handle (or key it by the caller the request authenticates), then run fix again';
    // (Keyed by the session's transport, it is not shared but lost: each request would have a new one.)
    const made = f.reasons?.includes('transport-keyed') ? 'each request would have a new transport, so no call would find what an earlier one left there' : 'every caller would share one entry of it';
    const message = `${leftFindingHead(f.ruleId, f.fix)}${where}: ${first}. While this stays, fix leaves the transport of this file sessionful (the file unchanged but for markers): made stateless, ${made}. ${remedy}`;
    if (!markers.some((m) => m.line === span.start && m.message === message)) markers.push({ line: span.start, message, link: ruleById(f.ruleId)?.docs ?? 'https://modelcontextprotocol.io/specification/2026-07-28' });
  }
  return markers;
}

/**
 * What a marker of a tool that asks the client mid-call says a stateless transport does to it (see
 * serverToClientMessage). Worded for where it applies: the marker is written whatever the tool's
 * server's transport (review 95 point 4: stdio servers, Durable Object agents and calls behind a
 * capability test were told they fail).
 */
const ASKING_FAILS = 'Where its server is built per request (a stateless HTTP transport; not a stdio server, nor an agent kept per session), that server never sees initialize and knows no client capabilities: the call fails on every request until rewritten, or is skipped where the code first tests what the client declared.';

/** Text that may ask the client mid-call (stateful-tool's SERVER_TO_CLIENT), before a file's findings are asked. */
const ASKS_CLIENT = new RegExp(`\\b(${[...SERVER_TO_CLIENT].join('|')})\\b`);

/** A finding of a tool that asks the client only past a test of the handshake, and goes on as if it had agreed elsewhere. */
function skipsAsking(f: Finding): boolean {
  return f.severity !== 'info' && !!f.reasons?.includes('unasked');
}

/**
 * Markers for the markable findings in a code file's rewritten text, where no marker already
 * explains them: `fix --help` promises that what it cannot rewrite is marked, and a finding that
 * says `fix: <codemod>` must not be left silently.
 */
function unrewrittenMarkers(sourceFile: TS.SourceFile, found: readonly Finding[], resolved: ReadonlySet<string>, modules?: { path: string; source: ModuleSource }, whyLeft: (f: Finding) => string | undefined = () => undefined): Marker[] {
  const findings = found.filter((f) => markable(f, resolved));
  if (findings.length === 0) return [];
  const lines = sourceFile.text.split('\n');
  // The official codemod's markers speak of v1 API shapes (a schema to verify, a context to
  // rename), never of what a finding is about: above the same statement, they leave it to be said
  // (trial 33A, monize: 19 tools' session-id markers gone with a move to the v2 packages).
  const marked = findMarkers(lines).filter((m) => !OFFICIAL_MARKER.test(m.text));
  // A marker a codemod already left says what is left: above or inside the finding's statement, or
  // about the state it names (explicit-handles marks the collection's declaration).
  /** The line above the comments (line comments and doc comments, where insertMarkers puts markers) over a line. */
  const commentsAbove = (line: number) => {
    let index = line - 1;
    for (;;) {
      const up = aboveDocComment(lines, index);
      if (up !== index) index = up;
      else if (index > 0 && /^\s*\/\//.test(lines[index - 1])) index--;
      else return index;
    }
  };
  const explained = (f: Finding, span: ReturnType<typeof commentableSpan>) => {
    const above = commentsAbove(span.start);
    // Or above a short statement around it, or a transport construction of any length (one the
    // codemod refused, marked at its start: its options are what the marker is about).
    const construction = /\bnew\s+\w*Transport\s*\(/.test(lines[span.statement.start - 1] ?? '');
    const statement = construction || span.statement.end - span.statement.start < EXPLAINED_STATEMENT_LINES ? span.statement : undefined;
    const aboveStatement = statement ? commentsAbove(statement.start) : undefined;
    // A codemod that left a whole route as it was says so once in it, and what would let it go on
    // ("then run fix again"): the route's other findings wait on that.
    const route = span.route;
    // In a long statement (a whole handler, an if/else-if chain), a marker inside speaks of the code
    // below it: it explains a finding only right above the finding's line, or when it names what the
    // finding is about (`(elicitInput)`).
    // A tool's handler is read so however short: a marker about one call in it (createMessage())
    // says nothing of the state the tool keeps.
    const long = span.end - span.start >= EXPLAINED_STATEMENT_LINES || f.category === 'stateful-tool';
    const about = findingSubject(f.message, f.reasons);
    const insideExplains = (m: FoundMarker) =>
      !long || m.line <= span.start || (m.line > commentsAbove(f.line) && m.line <= f.line) || (!!about && m.text.includes(about));
    // A transport construction nested in the statement (`factory ?? ((id) => new X({ ... }))`):
    // a marker right above its line speaks of its options.
    let nested: number | undefined;
    for (let l = span.start; l >= span.statement.start && nested === undefined; l--) if (/\bnew\s+\w*Transport\s*\(/.test(lines[l - 1] ?? '')) nested = l;
    const aboveNested = nested !== undefined ? commentsAbove(nested) : undefined;
    // The variable a session-header finding's statement declares (`const sid =
    // req.headers['mcp-session-id']`): a marker in the same route that names it as code (`sid`)
    // speaks of what it is read for (trial 73C B2: the kept refusal of an unknown session, marked by
    // stateless-transport below the read, got a second marker at the read saying the code was
    // outside any dispatch).
    const declared = f.ruleId === 'session-header' ? /^\s*(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*[:=]/.exec(lines[span.statement.start - 1] ?? '')?.[1] : undefined;
    return marked.some(
      (m) =>
        (nested !== undefined && aboveNested !== undefined && m.line > aboveNested && m.line < nested) ||
        (m.line > above && m.line <= span.end && insideExplains(m)) ||
        (route && m.line > route.start && m.line <= route.end && waitsForRerun(m.message)) ||
        (statement && aboveStatement !== undefined && m.line > aboveStatement && m.line < statement.start) ||
        (f.state ?? []).some((name) => namesState(m.text, name)) ||
        (!!route && !!declared && m.line > route.start && m.line <= route.end && markerCode(m.message).includes(declared)),
    );
  };
  // What a finding outside a route waits on where the codemod left the route that uses its code
  // until something is done (trial 47C B5: a session map whose dispatch waits on a shared server):
  // what the marker in that route says stops it, rather than why the codemod never takes such
  // code. So too a finding in another route that uses a session map of that route (the GET/DELETE
  // handler that looks its transport up). Where what stops the route is a session callback's work
  // (trial 75A B2: onsessionclosed's `dropCart(id)`), the dispatch's parts in the route itself,
  // which its marker does not explain, say so too.
  // (The routes those markers sit in, their text and what stops them: found once per file.)
  let waitingRoutes: Array<{ start: number; end: number; text: string; cause: string; byHand: boolean }> | undefined;
  const uses = (text: string, name: string) => new RegExp(`(?<![\\w$.])${escapeRegExp(name)}(?![\\w$])`).test(text);
  const sessionMaps = found.flatMap((f) => (f.ruleId === 'session-map' && f.subject ? [f.subject] : []));
  const waitsOn = (f: Finding): { route: string; cause: string; byHand: boolean } | undefined => {
    if (f.fix !== 'stateless-transport' && f.fix !== 'v2-handler') return undefined;
    waitingRoutes ??= marked.flatMap((m) => {
      const left = routeLeft(m.message);
      const route = left?.cause ? commentableSpan(sourceFile, m.line + m.lines).route : undefined;
      return route && left?.cause ? [{ ...route, text: lines.slice(route.start - 1, route.end).join('\n'), cause: left.cause, byHand: left.byHand }] : [];
    });
    const name = findingCodeOf(f);
    const own = commentableSpan(sourceFile, f.line).route;
    const ownText = own && lines.slice(own.start - 1, own.end).join('\n');
    for (const r of waitingRoutes) {
      if (f.line >= r.start && f.line <= r.end) {
        if (r.byHand) return { route: 'this route', cause: r.cause, byHand: true };
        continue;
      }
      if (name && uses(r.text, name)) return { route: `the route that uses ${codeSpan(name, 40)}`, cause: r.cause, byHand: r.byHand };
      const map = ownText ? sessionMaps.find((m) => uses(r.text, m) && uses(ownText, m)) : undefined;
      if (map) return { route: `the other route that uses ${codeSpan(map, 40)}`, cause: r.cause, byHand: r.byHand };
    }
    return undefined;
  };
  const markers: Marker[] = [];
  for (const f of findings) {
    const span = commentableSpan(sourceFile, f.line);
    const message = findingAsMarked(f.message);
    if (explained(f, span) || markers.some((m) => m.line === span.start && m.message.includes(message))) continue;
    const rule = ruleById(f.ruleId);
    // Below the statement's first line: the finding's own code says where.
    const where = span.start === f.line || !f.snippet ? '' : ` (at ${codeSpan(f.snippet, 60)})`;
    // A message that ends in advice of its own to keep the state in a shared store is not followed
    // by the rule's saying it again (only for one reason: a message joining several ends in the last one's advice alone).
    const reasons = (f.reasons ?? []).filter((r) => !CONTEXT_REASONS.has(r) && !DETAIL_REASONS.has(r) && r !== 'browser-state');
    const rules = adviceFor(f);
    // (Nor where the message already says the rule's advice word for word: a browser page's, a process's.)
    const said = f.message.toLowerCase().includes(rules.toLowerCase().replace(/\.$/, ''));
    const advice = said || (SHARED_STORE_ADVICE.test(f.message) && /shared store/.test(rules) && reasons.length <= 1) ? '' : rules;
    // (Not why a codemod left it for information, which it was never to rewrite: a map nothing fills.)
    const waiting = f.severity === 'info' ? undefined : waitsOn(f);
    const why = !waiting
      ? f.severity === 'info' ? '' : (whyLeft(f) ?? leftAcrossModules(f, sourceFile, modules) ?? leftKeyedByTransport(f) ?? leftFindingReason(f.fix, f.ruleId === 'session-state' && f.stateKind === 'counter'))
      : waiting.byHand
        ? `Why it was left: ${waiting.route} keeps its sessionful transport because ${waiting.cause} (see the marker at that transport); this goes with it once it is made stateless.`
        : `Why it was left: ${waiting.route} is left as it was until what the marker there asks is done (${waiting.cause}); then run fix again, and ${f.fix} rewrites this with it.`;
    // A request to the client mid-call: what a stateless transport does to it, said plainly (trial
    // 76A B3: the SDK's error then blames the client's capabilities).
    const fails = f.severity === 'error' && reasons.includes('server-request') ? ASKING_FAILS : '';
    markers.push({ line: span.start, message: [`${leftFindingHead(f.ruleId, f.fix)}${where}: ${message}.`, fails, advice, why].filter(Boolean).join(' '), link: rule?.docs ?? 'https://modelcontextprotocol.io/specification/2026-07-28' });
  }
  return markers;
}

/** An event-store finding on a class of the application's (`MemoryEventLog implements EventStore: ...`): its name. */
const STORE_CLASS_FINDING = /^([A-Za-z_$][\w$]*) implements EventStore:/;

/**
 * Why an event-store class was left where this run removed its uses from the transports' options
 * (`eventStore: new MemoryEventLog()`, trial 78A B8: the general reason, "outside such a dispatch",
 * said nothing of that): where, and that nothing uses it now. `earlier`: the run's rewrites so
 * far (runFix takes such a module after those of the transports), and `current`, the class's own
 * file, with their texts before and changes. Only where nothing uses the class any more:
 * neither its own file (`sourceFile`, as rewritten) nor a module that imports that file as the run
 * leaves them (a transport the run left that still takes it, trial 78A B8's look-alike).
 */
function droppedStoreReason(f: Finding, sourceFile: TS.SourceFile, rel: string, earlier: readonly FileFix[], current: Pick<FileFix, 'file' | 'before' | 'changes'>, modules: ModuleSource | undefined): string | undefined {
  const name = f.ruleId === 'event-store' ? STORE_CLASS_FINDING.exec(f.message)?.[1] : undefined;
  const declared = name ? sourceFile.statements.find((s): s is TS.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === name) : undefined;
  if (!name || !modules || !declared?.name || isReferenced(sourceFile, declared.name)) return undefined;
  const word = new RegExp(`(?<![\\w$])${escapeRegExp(name)}(?![\\w$])`);
  const users = modules.users(rel);
  if (!users || users.some((u) => word.test(u.text ?? ''))) return undefined;
  const removed: string[] = [];
  let imported = false;
  for (const r of [...earlier, current]) {
    if (!r.before.includes('eventStore') || !word.test(r.before)) continue;
    const before = parseFile(r.before, r.file);
    walk(before, (n) => {
      if (!ts.isPropertyAssignment(n) || propertyNameText(n.name) !== 'eventStore') return undefined;
      const made = unwrap(n.initializer);
      if (!ts.isNewExpression(made) || !ts.isIdentifier(made.expression)) return undefined;
      const line = before.getLineAndCharacterOfPosition(n.getStart(before)).line + 1;
      // (Removed by a codemod of the run: its change at that line says so.)
      if (!r.changes.some((c) => c.line === line && /\beventStore\b/.test(c.description))) return undefined;
      const from = importOf(made.expression);
      const own = r.file === rel && !from && made.expression.text === name;
      if (!own && !(from?.exported === name && modules.names(r.file, from.module, rel))) return undefined;
      removed.push(`${r.file}:${line}`);
      imported ||= !own;
      return undefined;
    });
  }
  if (removed.length === 0) return undefined;
  return `Why it was left: fix deletes no class, and no transport uses this one any more (this run removed it from the transport's options at ${joinNames(removed)}${imported ? ' and deleted the import it left unused' : ''}), nor does any other code here: delete it.`;
}

/**
 * Why explicit-handles left state keyed by the session's transport object (trial 78B B1), where
 * its general reason ("kept in another shape") says nothing of it. Undefined for anything else.
 */
function leftKeyedByTransport(f: Finding): string | undefined {
  if (f.fix !== 'explicit-handles' || f.ruleId !== 'session-state' || !f.reasons?.includes('transport-keyed')) return undefined;
  return "Why it was left: explicit-handles turns the tools' reads of the session id into the handle, and this state is keyed by the session's transport object, which no such read gives, so the change is yours.";
}

/**
 * Why explicit-handles left a finding whose state is kept across modules, where the codemod's
 * general reason ("this state is kept in another shape") says nothing of it (trial 76B B2): a tool
 * that reaches its state through a helper another module of the run exports (`cartFor(ctx.sessionId!)`
 * of src/state.ts), or a collection this module declares and the modules that import it key (the
 * scan followed them; the codemod reads this file alone). Undefined for anything else.
 */
function leftAcrossModules(f: Finding, sourceFile: TS.SourceFile, modules: { path: string; source: ModuleSource } | undefined): string | undefined {
  if (f.fix !== 'explicit-handles' || f.severity === 'info' || (f.ruleId === 'session-state' && f.stateKind === 'counter')) return undefined;
  const tail = 'explicit-handles rewrites a collection keyed by the session id in the module that declares it, together with the tool handlers there, or of several modules only where every module that imports it uses it in tool handlers, by a session-id read (or in a cleanup when a session closes), and the tools keep no other state; here that is not so, so the change is yours (or keep the state and the tools that use it in one module, then run fix again).';
  const fileOf = (specifier: string) => modules?.source.resolve(modules.path, specifier)?.path ?? specifier;
  if (f.ruleId === 'stateful-tool') {
    // The call that keys what the tool keeps (its keptBy, `cartFor(extra.sessionId!)`), by a name imported from a module of the run.
    const call = f.keptBy ? /^([A-Za-z_$][\w$]*)((?:\.[A-Za-z_$][\w$]*)*)\(/.exec(f.keptBy[0]) : null;
    const specifier = call ? importedFromRun(sourceFile, call[1]) : undefined;
    return specifier ? `Why it was left: the tool reaches its state through ${call![1]}${call![2]}() of ${fileOf(specifier)}, another module: ${tail}` : undefined;
  }
  // (A collection the finding opens with, named as declared: not a member read back from its entries, nor entries kept for one call.)
  const declared = f.ruleId === 'session-state' && !f.entryRead && !f.reasons?.includes('request-state') && /^[A-Za-z_$][\w$]*$/.test(f.subject ?? '') ? f.subject : undefined;
  if (!declared || !modules) return undefined;
  const importers = (modules.source.users(modules.path) ?? []).map((user) => user.path);
  return importers.length > 0 ? `Why it was left: the session id it is keyed by comes from the modules that import this one (${joinNames(importers.slice(0, 3))}${importers.length > 3 ? `, and ${importers.length - 3} more` : ''}), not from tool handlers of this module: ${tail}` : undefined;
}

/**
 * Whether a finding is about a piece of state by name: the collection it opens with (subject), the
 * map whose entry it reads back (entryRead), or a state its tool reads or writes (a `state` entry,
 * `carts (a limit counter)` named by what precedes the parenthesis).
 */
function aboutState(f: Finding, name: string): boolean {
  return f.subject === name || f.entryRead?.map === name || (f.state ?? []).some((s) => stateEntryName(s) === name);
}

/** The specifier of the module of the run a file imports `local` from (`import { cartFor } from '../state.js'`, or a namespace), if it does. */
function importedFromRun(sourceFile: TS.SourceFile, local: string): string | undefined {
  for (const s of sourceFile.statements) {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier) || !isRunSpecifier(s.moduleSpecifier.text)) continue;
    if (importedBindings(s).some((b) => b.local === local)) return s.moduleSpecifier.text;
  }
  return undefined;
}

/**
 * What the project rules that read deployment config (state-store-url) report on the files as the
 * run leaves them (`texts`: every file read, and those a codemod added), as findings left for a
 * person. With `mark` (the run has explicit-handles, whose store state-store-url is about), each
 * on a config file that holds `#` comments is marked above its line (the replica count): in the
 * file's fix in `files`, or in one added there. A marker already there is not written again.
 */
function deploymentLeft(
  rules: readonly ProjectRule[],
  texts: Array<{ rel: string; absolute: string; kind: FileKind; text: string; bom?: boolean; latin1?: boolean }>,
  files: FileFix[],
  tree: ProjectTree,
  severities: Record<string, Severity | 'off'>,
  mark: boolean,
): Finding[] {
  if (rules.length === 0) return [];
  const definitionsOf = (t: (typeof texts)[number]) =>
    t.kind.type === 'code' ? projectDefinitions(rules, t.text, isMcpCode(t.text)) : t.kind.type === 'config' ? projectConfigDefinitions(rules, { path: t.rel, text: t.text, kind: t.kind.kind }) : [];
  const inputs = texts.map((t) => ({ path: t.rel, defines: definitionsOf(t) }));
  const reportsNow = () => projectReports(rules, inputs.filter((f) => f.defines.length > 0), tree);
  const byPath = new Map(texts.map((t, i) => [t.rel, i]));
  let reports = reportsNow();
  if (mark) {
    const markers = new Map<number, Marker[]>();
    for (const { rule, report } of reports) {
      const i = byPath.get(report.file);
      const t = i === undefined ? undefined : texts[i];
      // (Not where a suppression comment silences it, nor in a file never written.)
      if (i === undefined || !t || t.kind.type !== 'config' || t.latin1 || commentStyle(t.kind, t.rel) !== '#' || !projectFinding(rule, report, t.text, severities, 0)) continue;
      markers.set(i, [...(markers.get(i) ?? []), { line: report.line, message: report.message, link: rule.docs }]);
    }
    for (const [i, wanted] of markers) {
      const t = texts[i];
      const placed = insertMarkers(t.text, wanted, '#', 'fix');
      const fix = files.find((f) => f.absolute === t.absolute);
      const before = fix?.before ?? t.text;
      const after = keepLineEndings(before, placed.text);
      const all = markersIn(existingMarkers(before), after, [...(fix?.markers ?? []), ...placed.inserted]);
      if (fix) Object.assign(fix, { after, markers: all });
      else files.push({ file: t.rel, absolute: t.absolute, before, after, changes: [], markers: all, codemods: [], ...(t.bom ? { bom: true } : {}) });
      t.text = after;
      inputs[i].defines = definitionsOf(t);
    }
    // (Found again where a marker moved the lines down.)
    if (markers.size > 0) reports = reportsNow();
  }
  return reports.flatMap(({ rule, report }) => {
    const i = byPath.get(report.file);
    const found = i === undefined ? undefined : projectFinding(rule, report, texts[i].text, severities, 0);
    return found ? [found] : [];
  });
}

/** What a change of a deployment config's rewrite is about (`removed upstream-hash-by $http_mcp_session_id (...)`, `replaced balance hdr(Mcp-Session-Id) with ...`). */
const CHANGED_SUBJECT = /^(?:removed|replaced) "?(.+?)"?;?(?: with | \(|: |$)/;

/**
 * What a file the run leaves with its package's sessionful transport holds for it, as the start
 * of the reason (`its CORS lists serve`): its CORS lists, or what else its changes are about (a
 * deployment config with no CORS list, whose routing by the session header cors-headers-config
 * found: `its upstream-hash-by $http_mcp_session_id serves`, trial 75A B7).
 */
function keptForSessions(file: FileFix): string {
  const lists = 'CORS lists';
  const rules = 'rules on Mcp-Session-Id';
  const sticky = 'sticky routing';
  const subjects: string[] = [];
  for (const change of file.changes) {
    const subject = /^CORS /.test(change.description) ? lists : CHANGED_SUBJECT.exec(change.description)?.[1];
    if (subject && !subjects.includes(subject)) subjects.push(subject);
  }
  // (Markers alone: a CORS list it could not rewrite, a rule on the header it only marks, or the
  // stickiness sticky-config marks while the code keeps state, `ip_hash` or cookie affinity that
  // names no header: trial 78B B6.)
  if (subjects.length === 0) subjects.push(file.markers.some((m) => /\bCORS\b/.test(m.message)) ? lists : file.markers.some((m) => m.codemod === 'sticky-config') && !file.markers.some((m) => /mcp[-_]session[-_]id/i.test(m.message)) ? sticky : rules);
  const shown = subjects.length > 3 ? [...subjects.slice(0, 3), `${subjects.length - 3} more`] : subjects;
  return `its ${listed(shown)} ${shown.length > 1 || shown[0] === lists || shown[0] === rules ? 'serve' : 'serves'}`;
}

/** A tool registration as list-cache counts one on a server it did not see built: registerTool, or tool() on a receiver named like a server. */
const REGISTERS_ON_SERVER = /\.\s*registerTool\s*\(\s*[^\s)]|\b\w*(server|mcp)\w*\s*\.\s*tool\s*\(\s*[^\s)]/i;

/**
 * Whether the class around a line is only ever made inside functions (`app.post('/mcp', (req, res)
 * => new Handler().handle(req, res))`): its server field may well be one per request, which a
 * hold of the package on v1 must not assume otherwise (review).
 */
function builtPerCall(sf: TS.SourceFile, line: number): boolean {
  const at = sf.getPositionOfLineAndCharacter(Math.max(0, line - 1), 0);
  const cls = sf.statements.find((st): st is TS.ClassDeclaration => ts.isClassDeclaration(st) && st.pos <= at && at < st.end);
  const name = cls?.name?.text;
  if (!name) return false;
  let made = 0;
  let outside = false;
  const visit = (n: TS.Node): void => {
    if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name) {
      made++;
      if (!enclosingFunction(n)) outside = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return made > 0 && !outside;
}

/**
 * Calls that take tool or prompt schemas (McpServer's registration API), also through a cast or a
 * bound method (`(server.registerTool as any)(name, ...)`, `server.tool.bind(server)`, trial 37A).
 */
const ZOD_SCHEMA_USE = /\.(registerTool|registerPrompt|tool|prompt)\b(?:\s+as\s+[\w.<>[\]]+\s*\)|\s*\.\s*(?:bind|call|apply)\b)?\s*\(\s*[^\s)]/;

/**
 * MCP libraries built on SDK v1 whose later majors are built on the v2 packages, by that major:
 * from it on (the version installed, else the floor of the range declared) they hold nothing, and
 * below it the way on is to raise them. ext-apps 2.0 (2026-09) peers on @modelcontextprotocol/server,
 * client and core; 1.x on @modelcontextprotocol/sdk.
 */
const ON_V2_FROM: Record<string, number> = { '@modelcontextprotocol/ext-apps': 2 };

/** A library built on SDK v1 that a package's files import at run time (see builtOnV1). */
type V1Library = { dependency: string; name: string } & ({ how: string; range: string } | { unknown: true } | { version: string }) & { v2Major?: number };

/**
 * A dependency of the package, imported by a file, whose installed copy depends on the v1 SDK
 * (`dependencies`, or `peerDependencies` as libraries that extend McpServer do): with how, and
 * the range. Packages of the SDK itself and the known hosts (SDK_V1_HOSTS) are judged elsewhere;
 * a library of ON_V2_FROM by its version first.
 */
function builtOnV1(dependencies: Record<string, string>, modules: Set<string>, manifest: string, manifests: Manifests): V1Library | undefined {
  for (const name of Object.keys(dependencies)) {
    // (Not a server published under the SDK's scope, `@modelcontextprotocol/server-debug`: an application built on it.)
    if (SDK_PACKAGE.test(name) || SDK_V1_HOSTS.some((h) => h.dependency === name)) continue;
    const imported = [...modules].filter((m) => m === name || m.startsWith(`${name}/`));
    if (imported.length === 0 || manifests.isRunMember(name, manifest)) continue;
    // A library whose later majors are on the v2 packages: at one of them it holds nothing.
    const v2Major = ON_V2_FROM[name];
    const version = v2Major === undefined ? undefined : (manifests.installedVersion(name, manifest) ?? dependencies[name]);
    if (onV2From(v2Major, version)) continue;
    const floor = version === undefined ? undefined : floorOf(version);
    const below = floor ? { v2Major } : {};
    const need = manifests.sdkNeed(manifest, name);
    // By its name or by the entry point imported (`@paypal/agent-toolkit/mcp`).
    const mcpNamed = /mcp|modelcontextprotocol/i.test(name) || imported.some((m) => /^\/(.*\/)?mcp(\/|$)/i.test(m.slice(name.length)));
    // An optional peer (@google/genai's, for its mcpToTool): a library that works without the SDK,
    // imported for something else, holds no MCP object (trial 43C: it held a package on v1 once
    // installed, not on a fresh clone).
    if (need && need !== 'none' && need.optional && !mcpNamed) continue;
    // Any range of @modelcontextprotocol/sdk is v1 (or older): the v2 SDK is published under other
    // names, so a library asking for `*` (hono-mcp-server-sse-transport's peer) gets a 1.x too.
    if (need && need !== 'none') return { dependency: name, name, how: need.how, range: need.range, ...below };
    // Below its first v2 major, with nothing on disk to say more: its version says it.
    if (floor && need === undefined) return { dependency: name, name, version: version!, ...below };
    // An MCP library nothing on disk speaks for: most are built on v1, and a guess either way may break the server.
    if (need === undefined && mcpNamed && !/^(workspace|file|link|portal):/.test(dependencies[name])) return { dependency: name, name: imported.find((m) => m !== name) ?? name, unknown: true };
  }
  return undefined;
}

/**
 * Why a library built on SDK v1 holds a package on v1, naming the files that import it at run
 * time (`src/a.ts and 2 more files import X`: the first is no more the reason than the others).
 */
function v1LibraryHold(library: V1Library, files: readonly string[]): string {
  const subject = v1LibraryImport(library, files);
  const instead = Object.hasOwn(V2_INSTEAD, library.dependency) ? `, or ${V2_INSTEAD[library.dependency]}` : '';
  if ('unknown' in library) return `${subject}: an MCP library built on @modelcontextprotocol/sdk v1 cannot take v2 objects. Install the dependencies, then run fix again${instead}`;
  const next = library.v2Major !== undefined ? `raise ${library.name} to ^${library.v2Major} (built on the v2 packages), then run fix again` : `move when ${library.name} is on the v2 packages`;
  return `${subject}: its MCP objects are v1 ones, and a v2 transport or server handed to them does not mix (the SDK also stays a runtime dependency); ${next}${instead}`;
}

/**
 * What the v2 packages offer in place of a library built on SDK v1, by the library: the way on
 * that does not wait for it. @hono/mcp's StreamableHTTPTransport serves a v1 server in a Hono
 * route, which the v2 packages' own handler does, in a Hono app of theirs.
 */
const V2_INSTEAD: Record<string, string> = {
  '@hono/mcp':
    "serve the endpoint through the v2 packages' own handler instead of its transport: createMcpHandler(() => buildServer()) from @modelcontextprotocol/server, in an app of createMcpHonoApp() from @modelcontextprotocol/hono (`app.all('/mcp', (c) => handler.fetch(c.req.raw, { parsedBody: c.get('parsedBody') }))`), then run fix again",
};

/** Names in a sentence: `a`, `a and b`, `a, b and c`. */
function listed(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Which files import a library built on SDK v1 (or not known to be otherwise), and what says so: the start of what is said of it. */
function v1LibraryImport(library: V1Library, files: readonly string[]): string {
  const who = files.length === 1 ? `${files[0]} imports` : files.length === 2 ? `${files[0]} and ${files[1]} import` : `${files[0]} and ${files.length - 1} more files import`;
  if ('unknown' in library) return `${who} ${library.name}, which is not installed, and no lockfile entry says which MCP SDK it is built on`;
  const basis = 'range' in library ? `its ${library.how} @modelcontextprotocol/sdk ${library.range}` : `${library.name} ${library.version}, below ${library.v2Major}.0`;
  return `${who} ${library.name}, which is built on @modelcontextprotocol/sdk v1 (${basis})`;
}

/**
 * What is said of a library built on SDK v1 in a package whose code is on the v2 packages already
 * (an MCP App view bundled for the browser, beside a v2 server): nothing is held, the SDK stays
 * for the library, and what it is handed must not be a v2 object.
 */
function v1LibraryBeside(library: V1Library, files: readonly string[]): string {
  const subject = v1LibraryImport(library, files);
  const until = 'unknown' in library ? `if it is built on @modelcontextprotocol/sdk v1 (install the dependencies to know)` : library.v2Major !== undefined ? `until you raise ${library.name} to ^${library.v2Major}, built on the v2 packages` : `until ${library.name} is on the v2 packages`;
  return `${subject}, but the package's own MCP code is on the v2 packages already: nothing is held on SDK v1. Keep @modelcontextprotocol/sdk installed for ${library.name} ${until}, and hand it no v2 server or transport (it takes v1 ones only)`;
}

/** The first name a rewrite declares twice in one block more often than the original did (redeclaredNames). */
function newlyRedeclared(before: TS.SourceFile, after: TS.SourceFile): string | undefined {
  const had = redeclaredNames(before);
  return redeclaredNames(after).find((name) => {
    const i = had.indexOf(name);
    if (i < 0) return true;
    had.splice(i, 1);
    return false;
  });
}

/**
 * The targets a run takes when it names none: per package that declares an SDK (by its
 * package.json), the SDK it serves with, as report judges a project, judged on its own manifest
 * and the files it holds (a package on the v2 packages takes 2026-07-28, one on v1 sdk-v1,
 * whatever its neighbours are on); and the project's, for the files of a package that declares
 * none (a workspace root lends it) or of none.
 */
async function defaultTargets(root: string, paths: readonly string[], files: ReadonlyArray<{ absolute: string; text: string; kind: FileKind }>, manifests: Manifests): Promise<{ packages: Map<string, FixTarget>; project: FixTarget }> {
  const signals = new ProjectSignals();
  /** Per package, what its own code says (the project's signals say the rest). */
  const byPackage = new Map<string, SdkUse>();
  for (const file of files) {
    signals.add(file.text, file.kind.type, file.absolute);
    const manifest = file.kind.type === 'code' ? manifests.of(file.absolute) : undefined;
    if (!manifest) continue;
    let own = byPackage.get(manifest);
    if (!own) byPackage.set(manifest, (own = new SdkUse()));
    own.add(file.text);
  }
  const project = await analyseProject(root, signals, paths);
  const targetFor = (sdk: ProjectInfo['sdk']): FixTarget => (sdk === 'v2' ? '2026-07-28' : 'sdk-v1');
  const packages = new Map<string, FixTarget>();
  for (const pkg of project.packages) {
    if (Object.keys(pkg.mcp).length === 0 && pkg.v1Hosts.length === 0) continue;
    const manifest = path.join(root, pkg.dir, 'package.json');
    packages.set(manifest, targetFor(sdkOf([pkg], byPackage.get(manifest) ?? new SdkUse())));
  }
  return { packages, project: targetFor(project.sdk) };
}

export async function runFix(options: FixOptions = {}): Promise<FixResult> {
  try {
    // A file of a package moving to the v2 packages that no codemod could rewrite: moved without
    // it, the package would be half on each (trial 40C). Held on v1 with why, the run starts over
    // (nothing was written yet), until no moving package has such a file: each pass holds at
    // least one more package, so it ends.
    // So too session state explicit-handles moved that another module still uses where no handle
    // reaches it (strayHandleStateUses): the next pass leaves that state where it is, marked with
    // the use; each pass leaves at least one more, so it ends.
    const held = new Map<string, string>();
    const kept = new Map<string, Map<string, string>>();
    for (;;) {
      const run = await fixRun(options, held, kept);
      if ('heldAfterFailure' in run) for (const [manifest, why] of run.heldAfterFailure) held.set(manifest, why);
      else if ('keptStates' in run) for (const [file, states] of run.keptStates) kept.set(file, new Map([...(kept.get(file) ?? []), ...states]));
      else return run;
    }
  } finally {
    // The imports of every text this run read: asked of each file in several passes, kept for the run only.
    forgetImports();
  }
}

/**
 * One run; `held`: packages (by manifest) an earlier run found a file of that no codemod could
 * rewrite for the move, held on SDK v1 with why. A run that finds such a file in a package still
 * moving returns those packages instead of a result (runFix runs again). `kept`: per file (absolute
 * path), session state explicit-handles leaves where it is, with the use in another module that an
 * earlier run found would throw once it moved (name → that use); a run that finds more returns
 * them instead of a result.
 */
/** An import or require of a web session middleware whose default store is the process's memory (express-session's MemoryStore, @fastify/session's). */
const IN_MEMORY_WEB_SESSIONS = /^(?!\s*import\s+type\b).*(?:from\s*|require\(\s*|import\(\s*)['"](?:express-session|@fastify\/session)['"]/m;

async function fixRun(options: FixOptions, held: ReadonlyMap<string, string>, kept: ReadonlyMap<string, ReadonlyMap<string, string>>): Promise<FixResult | { heldAfterFailure: Map<string, string> } | { keptStates: Map<string, Map<string, string>> }> {
  const cwd = options.cwd ?? process.cwd();
  const inputs = options.paths && options.paths.length > 0 ? options.paths : ['.'];
  const selection = { include: options.include, exclude: options.exclude, includeTests: options.includeTests };
  const discovery = await discoverFiles(inputs, selection, cwd);
  // Nothing to rewrite because nothing was found is not "done": a mistyped path or glob must fail.
  if (discovery.files.length === 0) throw new FixError(await nothingFoundReason(inputs, selection, cwd));
  // A symlink and the file it leads to are one file: read and rewritten once (a write goes
  // through the link to its target, see writeFileAtomic).
  if (discovery.files.some((f) => f.link)) discovery.files = onePathPerFile(discovery.files);
  /** Files found and left out by onlyFiles: read for the default target only. */
  let others: typeof discovery.files = [];
  if (options.onlyFiles) {
    const only = options.onlyFiles;
    others = discovery.files.filter((f) => !only.has(f.absolute));
    discovery.files = discovery.files.filter((f) => only.has(f.absolute));
  }
  const root = scanRoot(inputs.map((p) => path.resolve(cwd, p)), cwd);
  const relative = reportPath(root);
  const errors: ScanError[] = discovery.errors.map((e) => ({ file: relative(e.path), message: e.message }));
  /**
   * Every file read, with its text before the run; a file's result, when it has one, is in `files`.
   * `latin1`: not valid UTF-8, read as Latin-1 for its findings and never written (see the loop).
   */
  const read: Array<{ rel: string; absolute: string; text: string; kind: FileKind; bom?: boolean; latin1?: true }> = [];
  // A file that is not valid UTF-8 (a comment saved in Latin-1) is read as scan reads it: refused
  // here, its findings were unknown, and fix said "0 finding(s) left for a person" and exited 0
  // on a session map scan reports (trial 68K). It is still never written: see the rewrite loop.
  const reader = new FileReader(options.maxFileBytes, undefined, 'latin1');
  const codeFiles = new Set([...discovery.files, ...others].filter((f) => f.kind.type === 'code').map((f) => f.absolute));
  for (const file of discovery.files) {
    const outcome = reader.read(file.absolute, file.regular);
    if (!outcome.ok) {
      errors.push({ file: relative(file.absolute), message: outcome.reason });
      continue;
    }
    const text = decodeText(outcome.bytes);
    // A bundle (minified, or a bundler's output) is skipped as scan skips it: its code is built from sources elsewhere.
    const source = file.kind.type === 'code' && isMcpCode(text) ? compiledBesideSource(file.absolute, text, (p) => codeFiles.has(p)) : undefined;
    if (file.kind.type === 'code' && skipsAsBundle(text, undefined, file.absolute)) errors.push({ file: relative(file.absolute), message: 'skipped as a bundle (not rewritten; rewrite its sources and rebuild it)' });
    else if (source) errors.push({ file: relative(file.absolute), message: `skipped as compiled from ${path.basename(source)} beside it (not rewritten; rewrite ${path.basename(source)} and rebuild it)` });
    else read.push({ rel: relative(file.absolute), absolute: file.absolute, text, kind: file.kind, ...(hasBom(outcome.bytes) ? { bom: true } : {}), ...(outcome.latin1 ? { latin1: true as const } : {}) });
  }
  // The code of a folder a project rule's finding covers (sdk-copy: a copy of the SDK) is not the
  // application's: left as it is, said once per folder, unless the rule is off (then scan reports
  // it as the user's own). The project rules read the files scan reads for them (project.ts).
  const projectOn = projectRules.filter((rule) => !isOff(rule.id, options.severities ?? {}));
  // (The rules that read deployment config judge the project as this run leaves it: see deploymentLeft.)
  const projectBefore = projectOn.filter((rule) => !rule.configDefinitions);
  const projectInputs = read.filter((f) => f.kind.type === 'code').map((f) => ({ path: f.rel, defines: projectDefinitions(projectBefore, f.text, isMcpCode(f.text)) }));
  /** What the project rules report (a copy of the SDK), as scan lists it: left for a person, as fix leaves the folder. */
  const projectLeft: Finding[] = [];
  for (const { rule, report } of projectReports(projectBefore, projectInputs.filter((f) => f.defines.length > 0))) {
    const named = read.find((f) => f.rel === report.file);
    const finding = named && projectFinding(rule, report, named.text, options.severities ?? {}, 0);
    if (finding) projectLeft.push(finding);
    if (report.folder === undefined) continue;
    const folder = report.folder;
    const covered = new Set(read.filter((f) => f.kind.type === 'code' && inFolder(f.rel, folder)));
    removeWhere(read, (f) => covered.has(f));
    const step = rule.fix.manual.split('. ')[0].replace(/^./, (c) => c.toLowerCase());
    errors.push({ file: folder, message: `${rule.covers} (${covered.size} file(s)), not rewritten: ${step}; or turn ${rule.id} off to rewrite it as your own code` });
  }
  // Found, and none of it could be read (binary, too large, a bundle): as scan, the run did nothing it was asked to.
  if (discovery.files.length > 0 && read.length === 0) throw new FixError(`nothing could be read under ${inputs.join(' ')} (${notRead(errors)})`);
  const manifests = new Manifests(root, read.map((f) => f.absolute));
  // --target applies to every package. Without it, each package takes its own default: the SDK
  // it serves with, from its manifest and what its code imports (the v1 SDK declared beside the
  // v2 packages and imported by no code is not it). Judged on every file found, also where the run
  // rewrites only some (report's preview), so that the preview agrees with the run.
  const explicit = options.target;
  // Like report's scan, the signals take MCP code and config only: the other files' bytes are
  // tested, not decoded.
  const judged = explicit ? undefined : [...read.filter((file) => file.kind.type === 'config' || isMcpCode(file.text)), ...others.flatMap((file) => {
    const outcome = reader.read(file.absolute, file.regular);
    return outcome.ok && (file.kind.type === 'config' || isMcpBytes(outcome.bytes)) ? [{ absolute: file.absolute, text: decodeText(outcome.bytes), kind: file.kind }] : [];
  })];
  const defaults = judged && (await defaultTargets(root, inputs.map((p) => path.resolve(cwd, p)), judged, manifests));
  /** The target of a package's files (undefined: of files in no package). */
  const targetOf = (manifest: string | undefined): FixTarget => explicit ?? ((manifest !== undefined ? defaults!.packages.get(manifest) : undefined) ?? defaults!.project);
  /** Without --target, per package this run reads code of that declares an SDK or has MCP code: the target it takes. */
  const packageTargets = new Map<string, FixTarget>();
  for (const file of explicit ? [] : read) {
    const manifest = file.kind.type === 'code' ? manifests.of(file.absolute) : undefined;
    if (manifest && !packageTargets.has(manifest) && (defaults!.packages.has(manifest) || file.text.includes('modelcontextprotocol'))) packageTargets.set(manifest, targetOf(manifest));
  }
  const taken = new Set(packageTargets.values());
  // Where the packages' defaults differ, the run moves some to 2026-07-28 and says which.
  const target: FixTarget = explicit ?? (taken.size === 1 ? [...taken][0] : taken.size > 1 ? '2026-07-28' : defaults!.project);
  const codemods = selectCodemods(target, options.codemods, options.registry, options.severities);
  // What a package that stays on SDK v1 (held, see onV1 below, or by its own default) gets instead.
  const v1Codemods = target === 'sdk-v1' ? codemods : selectCodemods('sdk-v1', options.codemods, options.registry, options.severities);
  /** Codemods the configuration's rules turned off (said in the summary when a file has their keywords). */
  const offCodemods = [...selectCodemods(target, options.codemods, options.registry), ...(target === 'sdk-v1' ? [] : selectCodemods('sdk-v1', options.codemods, options.registry))]
    .filter((c, i, all) => all.indexOf(c) === i && !codemods.includes(c) && !v1Codemods.includes(c));
  /** A package the run moves to 2026-07-28 (all of them on that --target; none on sdk-v1). */
  const moving = (manifest: string | undefined) => target === '2026-07-28' && targetOf(manifest) === '2026-07-28';
  const dryRun = options.dryRun === true;
  /** The states of --handle-name some codemod gave their handle. */
  const usedHandleNames = new Set<string>();
  const refusedHandleNames = new Map<string, { file: string; reason: string }>();
  let dirty: ReturnType<typeof dirtyFiles>;
  if (!dryRun && !options.allowDirty) {
    dirty = dirtyFiles(root);
    const shown = toPosix(path.relative(cwd, root)) || '.';
    // Outside git nothing shows the rewrite as a diff or takes it back.
    if (!dirty) {
      // git refusing the repository (dubious ownership) is not "no repository": said in git's words.
      const refusal = gitRefusal(root);
      if (refusal) throw new FixError(`refusing to write: git refuses ${shown}: ${refusal}; so the rewrite could not be reviewed as a diff or undone. Preview it with --dry-run, or pass --allow-dirty to write anyway`);
      throw new FixError(`refusing to write: ${shown} is not in a git repository, so the rewrite could not be reviewed as a diff or undone. Run it in a git checkout, preview it with --dry-run, or pass --allow-dirty to write anyway`);
    }
    // Untracked files (a lockfile npm install just wrote) are in no diff fix makes, unless fix
    // would rewrite one of them: that is checked once the rewrite is planned.
    if (dirty.tracked.length > 0) {
      // Only manifests and lockfiles: most often the install a run of fix asked for (trial 60C).
      const installed = dirty.tracked.every((file) => /^(package\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?)$/.test(path.basename(file)));
      throw new FixError(
        installed
          ? `refusing to write: ${dirty.tracked.length} uncommitted change(s) under ${shown} (e.g. ${toPosix(path.relative(cwd, dirty.tracked[0]))}). They are package manifests and lockfiles only, likely the install an earlier fix asked for: commit them and run fix again (or pass --allow-dirty)`
          : `refusing to write: ${dirty.tracked.length} uncommitted change(s) under ${shown} (e.g. ${toPosix(path.relative(cwd, dirty.tracked[0]))}). Commit or stash them so the rewrite can be reviewed as a diff, or pass --allow-dirty`,
      );
    }
  }
  const allows = (safety: Safety) => safety === 'safe' || !options.safeOnly;
  const files: FileFix[] = [];
  /**
   * Per file: what its codemods ask of its package's dependencies (also a file they leave as it is
   * that needs one: stateless transports on an old SDK). A file the run then leaves as it was
   * (leaveAsIs) withdraws its request (trial 49A B3: redis added for a state module never written).
   */
  const requestsByFile = new Map<string, { dependencies: Record<string, string>; dependencyCodemods: string[] }>();
  const requestDependencies = (absolute: string, result: { dependencies: Record<string, string>; dependencyCodemods: string[] }) => {
    if (Object.keys(result.dependencies).length > 0) requestsByFile.set(absolute, result);
  };
  /** Files codemods add beside the ones they rewrite, as they are on disk (null: absent). */
  const onDisk = new Map<string, string | null>();
  let failed = 0;
  const scanner = new Scanner({ severities: options.severities });
  const offRules = offRulesOf(options.severities);
  /** Findings of a file's text as this run scanned it (reused for what is left, when the text stays). */
  const scanned = new Map<string, { text: string; findings: Finding[]; modules: Map<string, string | undefined> }>();
  /**
   * Per package that stays on SDK v1 on --target 2026-07-28, why (said once, with the manifest):
   * its endpoint is hosted by a framework built on v1 (some file imports it; a dependency alone
   * holds nothing back), or one of its files cannot move (the official codemod refused it, or
   * --safe-only leaves its move out). A package cannot be half on each: a v2 McpServer handed to
   * v1 code that calls server.tool() crashes at startup (Shopify's dev-mcp).
   */
  const onV1 = new Map<string, string>();
  /** A package that stays on SDK v1: held there (onV1 says why), or on sdk-v1 by its own default. */
  const staysOnV1 = (manifest: string | undefined) => (manifest !== undefined && onV1.has(manifest)) || !moving(manifest);
  /**
   * Per package held on SDK v1, every reason found, in the order found, each under a key of its
   * own (a host, a library, a refusal of the move): all go into its one line in onV1, so that
   * mending the first does not reveal the next on the next run. Said once the files are all seen
   * (a library or a refusal names every file it concerns).
   */
  const holds = new Map<string, Map<string, () => string>>();
  const hold = (manifest: string, key: string, why: () => string) => {
    const reasons = holds.get(manifest) ?? new Map<string, () => string>();
    if (!reasons.has(key)) reasons.set(key, why);
    holds.set(manifest, reasons);
  };
  /** Per package, the libraries built on SDK v1 (see builtOnV1) its files import at run time, by name, each with those files. */
  const v1Libraries = new Map<string, Map<string, { library: V1Library; files: string[] }>>();
  /** Per package, the files the move refuses (see blockedMove), by why, each with its lines (`src/server.ts:6`). */
  const refusals = new Map<string, Map<string, string[]>>();
  /**
   * Per package on the SDK: a file that registers tools or prompts, one that imports zod, one that
   * does both, and one whose zod takes the SDK's schemas (`src/index.ts:13`, with the use as written).
   */
  const zodUse = new Map<string, { dependencies: Record<string, string>; registers?: string; imports?: string; both?: string; takes?: { at: string; use: string }; v3: string[] }>();
  /** Per package: what its sources do with MCP (a client library's shared types come from the client package). */
  const sides = new Map<string, { client: boolean; server: boolean }>();
  /**
   * Packages whose code is on the v2 packages already: a file imports them, and none imports
   * @modelcontextprotocol/sdk at run time. A library built on SDK v1 holds nothing there (nothing
   * is left to move; sdk-v1 codemods on v2 code would be wrong): it is noted instead.
   */
  const onV2 = new Set<string>();
  const importsV1 = new Set<string>();
  for (const file of read) {
    const manifest = file.kind.type === 'code' ? manifests.of(file.absolute) : undefined;
    if (!manifest || !file.text.includes('modelcontextprotocol')) continue;
    const side = sides.get(manifest) ?? { client: false, server: false };
    if (namesClient(file.text)) side.client = true;
    if (mayServe(file.text)) side.server = true;
    sides.set(manifest, side);
    for (const m of importedModules(withoutTypeImports(file.text))) {
      if (SDK_MODULE.test(m)) importsV1.add(manifest);
      else if (SDK_PACKAGE.test(packageOf(m) ?? '')) onV2.add(manifest);
    }
  }
  for (const manifest of importsV1) onV2.delete(manifest);
  const sideOf = (manifest: string | undefined): CodemodContext['mcpSide'] => {
    const side = manifest ? sides.get(manifest) : undefined;
    return side?.client && side.server ? 'both' : side?.client ? 'client' : 'server';
  };
  /** The package's zod range (else the workspace root's), with the catalog it is taken from when one gives it: `^3.25.76 (catalog:prod)`. */
  const zodDeclared = (manifest: string, range: string | undefined) => {
    const ref = range === undefined ? undefined : manifests.catalogRef(manifest, 'zod');
    return ref && ref !== range ? `${range} (${ref})` : (range ?? manifests.inheritedBy(manifest).zod);
  };
  /** Why zod holds the package back, if it does: judged by the zod installed, or on a fresh clone the one the lockfile resolves, else the range. */
  const zodOnDisk = (manifest: string, range: string | undefined, use: ZodUse) => {
    const installed = manifests.installedVersion('zod', manifest);
    const locked = installed === undefined ? manifests.lockedVersion(manifest, 'zod') : undefined;
    return zodHoldsBack(zodDeclared(manifest, range), installed ?? locked, installed === undefined && locked !== undefined ? 'locked' : 'installed', use);
  };
  // Files whose McpServer is the SDK's through a module of their own package: moved like the files that import it.
  const moves = codemods.some((c) => c.id === 'v2-handler');
  const mcpServerFrom = target === '2026-07-28' && moves ? reExportedMcpServers(read, (file) => manifests.of(file)) : new Map<string, string>();
  // (importedConstants) What the constants a file's tool()/prompt() calls (registerTool()'s schemas too) import from the run's other
  // modules hold, read from those modules as the run found them: the v1→v2 move tells a description
  // from a schema by them (trial 31B).
  // (The texts as read, also what the rules follow into modules below, with this run's rewrites over them.)
  const readText = new Map(read.map((r) => [r.absolute, r.text]));
  const constantModules = new ModuleFiles(root, { has: (absolute) => readText.has(absolute), text: (absolute) => readText.get(absolute), label: relative, all: () => readText.keys() });
  const constantsOf = new Map<string, ReturnType<typeof registrationConstants>>();
  const importedConstants = (file: { absolute: string; rel: string; text: string }) => {
    if (target !== '2026-07-28' || !moves) return undefined;
    let found = constantsOf.get(file.absolute);
    if (!found) constantsOf.set(file.absolute, (found = registrationConstants(file.text, file.rel, constantModules)));
    return found;
  };
  // (Collected first: the v1 hold below asks server-factory's question with them, as the codemod does.)
  // Getters that hand out one kept server: a route in another file that connects what they return
  // shares one server between requests, which the per-file codemods cannot see (shared-server).
  const cachedServers = new Set<string>();
  // Factories that set their server up once the handshake is over (oninitialized): built per request, it would miss that.
  const handshakeSetups = new Map<string, string>();
  // Classes that wrap a server (their own connect()): createMcpHandler's factory cannot return one.
  const wrapperClasses = new Set<string>();
  // Per package, its files that register tools on a server they do not build (one they are handed):
  // a server another file of the package returns may get them.
  const handedRegistrations = new Map<string, Set<string>>();
  for (const file of read) {
    if (file.kind.type !== 'code') continue;
    const builds = BUILDS_SERVER.test(file.text);
    const manifest = !builds && REGISTERS_ON_SERVER.test(file.text) ? manifests.of(file.absolute) : undefined;
    if (manifest) handedRegistrations.set(manifest, (handedRegistrations.get(manifest) ?? new Set()).add(file.absolute));
    const setsUp = SETS_ONINITIALIZED.test(file.text);
    if (!builds && !setsUp) continue;
    const sourceFile = parseFile(file.text, file.rel);
    if (builds) for (const name of cachedServerGetters(sourceFile)) cachedServers.add(name);
    if (builds) for (const name of serverWrapperClasses(sourceFile)) wrapperClasses.add(name);
    if (setsUp) for (const name of handshakeSetupFunctions(sourceFile)) if (!handshakeSetups.has(name)) handshakeSetups.set(name, file.rel);
  }
  if (target === '2026-07-28') {
    for (const file of read) {
      const manifest = file.kind.type === 'code' ? manifests.of(file.absolute) : undefined;
      // A package on sdk-v1 by its own default moves nowhere: nothing holds it.
      if (!manifest || !moving(manifest)) continue;
      const dependencies = manifests.dependenciesOf(file.absolute);
      // zod matters where it gives MCP tool or prompt schemas: in a package on the SDK, one that
      // registers them (McpServer's registerTool takes zod) and imports zod, in the same file or
      // another (tools whose schemas live in modules of their own). A low-level Server's JSON
      // schemas move as they are. Judged once the package's files are all seen, also for a package
      // held on v1 for another reason (its message then names both).
      if (moves && dependencies['@modelcontextprotocol/sdk'] !== undefined) {
        const use = zodUse.get(manifest) ?? { dependencies, v3: [] };
        // Not a client's (readline's `rl.prompt()` in a chat client), nor a call without arguments.
        const registers = ZOD_SCHEMA_USE.test(file.text) && !isClientOnlyCode(file.text);
        const zodModules = [...importedModules(file.text)].filter((m) => /^zod(\/|$)/.test(m));
        const importsZod = zodModules.length > 0;
        if (registers) use.registers ??= file.rel;
        if (importsZod) use.imports ??= file.rel;
        // zod 4 keeps the zod 3 API at `zod/v3`: schemas made with it are zod 3 ones whatever zod is installed.
        if (zodModules.includes('zod/v3')) use.v3.push(file.rel);
        if (registers && importsZod) use.both ??= file.rel;
        // Its zod given the SDK's schemas (`z.infer<typeof CallToolRequestSchema>`): moved, they are
        // zod 4 ones, which zod 3 does not take (trial 57C B2: TS2344 after a run that said zod may stay).
        const takes = use.takes ? undefined : zodTakesSdkSchemas(file.text, file.rel);
        if (takes) use.takes = { at: `${file.rel}:${takes.line}`, use: takes.use };
        zodUse.set(manifest, use);
      }
      // Another file importing a library that holds the package: named with the first.
      const runtimeModules = importedModules(withoutTypeImports(file.text));
      const imports = (dependency: string) => [...runtimeModules].some((m) => m === dependency || m.startsWith(`${dependency}/`));
      const held = v1Libraries.get(manifest) ?? new Map<string, { library: V1Library; files: string[] }>();
      for (const [dependency, entry] of held) if (imports(dependency)) entry.files.push(file.rel);
      // Every file is looked at, also in a package held already: each reason is said (see holds).
      // At the version installed (or else declared): mcp-handler 2 is on the v2 packages.
      const hosts = SDK_V1_HOSTS.filter((h) => dependencies[h.dependency] && hostOnV1(h, manifests.installedVersion(h.dependency, manifest) ?? dependencies[h.dependency]));
      const modules = hosts.length > 0 ? importedModules(file.text) : undefined;
      const host = modules && hosts.find((h) => [...modules].some((m) => h.module.test(m)));
      if (host) {
        const where = v2Route(host.dependency, manifests.installedVersion(host.dependency, manifest) ?? dependencies[host.dependency]);
        hold(manifest, `host ${host.dependency}`, () => `${host.label} is built on @modelcontextprotocol/sdk v1 and cannot serve the v2 packages; ${where}`);
        continue;
      }
      // Any other installed dependency built on the v1 SDK (it depends on it, or asks for it as a
      // peer) that the file imports: its MCP objects (a server class it extends) are v1 ones. Not a
      // type-only import (`import type { Stagehand }` of a library with an MCP client of its own): no object crosses.
      // (One not met yet: a library met in an earlier file has this one among its files already.)
      const library = builtOnV1(dependencies, new Set([...runtimeModules].filter((m) => ![...held.keys()].some((d) => m === d || m.startsWith(`${d}/`)))), manifest, manifests);
      if (library) {
        const entry = { library, files: [file.rel] };
        v1Libraries.set(manifest, held.set(library.dependency, entry));
        if (onV2.has(manifest)) continue;
        hold(manifest, `library ${library.dependency}`, () => v1LibraryHold(entry.library, entry.files));
        continue;
      }
      // A package on a 0.x SDK (Gmail-MCP-Server's ^0.4.0: capabilities in the server's info, no
      // options argument): the official transforms assume the 1.x API, and the server they write
      // throws at start-up ("Server does not support tools").
      const declared = dependencies['@modelcontextprotocol/sdk'];
      if (declared !== undefined && /^\D*0\./.test(declared) && file.text.includes('@modelcontextprotocol/sdk')) {
        hold(manifest, 'sdk 0.x', () => `it declares @modelcontextprotocol/sdk ${declared}, older than 1.0, whose API the v1→v2 move does not know (0.x servers differ from 1.x ones: some put their capabilities in the server's info): upgrade to the 1.x SDK first, then run fix again`);
        continue;
      }
      // An agent class on McpAgent (Cloudflare's, or a library's subclass such as PaidMcpAgent):
      // its server field is typed with the v1 McpServer, whatever package brings the base class.
      const agent = /\bextends\s+(\w*McpAgent)\b/.exec(file.text);
      if (agent) {
        hold(manifest, `agent ${file.rel}`, () => `${file.rel} extends ${agent[1]}, which is built on @modelcontextprotocol/sdk v1 (McpAgent) and holds a v1 McpServer; move the endpoint to createMcpHandler from @modelcontextprotocol/server first`);
        continue;
      }
      if (!moves) continue;
      // One server connected to a new transport in every request, in a shape server-factory does
      // not move (a field of the application's class): v1 before 1.26 let it reconnect, the v2
      // packages refuse every request after the first ("already connected"). Moved, a server that
      // worked on its pinned v1 fails (trial 31B, hub-mcp): it stays on v1 until built per request.
      // (Also a module that makes a transport another module hands on as its request handler, or
      // hands one on itself, review 61: what shared-server reads such modules for.)
      const lower = file.text.toLowerCase();
      // (And one that serves through a transport it is handed, `mcpTransport.handleRequest(req, res)`
      // in the app a setup function builds: shared-server follows it to the one its callers make, trial 57C B1.)
      if ((/\.connect\s*\(/.test(file.text) && /handleRequest|handlePostMessage/.test(file.text)) || lower.includes('handlerequest.bind') || /\.handleRequest\s*\(/.test(file.text) || TRANSPORT_KEYWORDS.some((k) => lower.includes(k))) {
        // (Following the run's other modules, as the scan does: a transport one of them exports.)
        scanner.modules = constantModules;
        // (Also one connected to the SSE transport of every client stream: the same refusal, per stream; review.)
        const findings = scanner.scanText(file.rel, file.text, file.kind).findings;
        // (One server-factory would build per call, unless it leaves it: a use outside its setup, trial 44C.
        // The file parsed once, for whichever finding asks.)
        let parsed: TS.SourceFile | undefined;
        const shared = findings.find(
          (f) =>
            f.severity === 'error' &&
            f.reasons?.some((r) => r === 'connect-per-request' || r === 'connect-per-stream') &&
            (f.fix === 'server-factory' ? factoryLeaves((parsed ??= parseFile(file.text, file.rel)), f.state?.[0] ?? '', cachedServers) : !f.fix && !builtPerCall((parsed ??= parseFile(file.text, file.rel)), f.line)),
        );
        // One stateless transport built once that this run does not build per request (made on
        // the first request, say, trial 36C): the v2 transport refuses to be reused, so every
        // request after the first would fail with a 500, where v1 served them.
        const reused = findings.find((f) => f.ruleId === 'shared-server' && f.severity === 'error' && f.reasons?.includes('reused-transport'));
        if (reused && stillReused(file.text, file.rel, file.kind, reused, scanner)) {
          const name = reused.state?.[0] ?? '';
          const how = reused.message.slice(`${name} is `.length).split(', and every request')[0];
          hold(manifest, `reused ${file.rel}`, () => `${file.rel}:${reused.line} serves ${how.startsWith('one ') ? 'every request' : 'requests'} through ${name}, ${how} (${reused.snippet.trim().slice(0, 60)}), which fix cannot build per request: the v2 packages refuse to reuse a stateless transport, so every request after the first would fail. Build the transport and a server per request first (in the handler), then run fix again`);
          continue;
        }
        if (shared) {
          const server = shared.state?.[0] ?? 'a server';
          const each = shared.reasons!.includes('connect-per-stream') ? 'client stream' : 'request';
          hold(manifest, `shared ${file.rel}`, () => `${file.rel}:${shared.line} connects ${server}, one server for every ${each}, to a new transport in each (${shared.snippet.trim().slice(0, 60)}), which fix cannot build per ${each}: the v2 packages refuse every connect after the first, so every ${each} after the first would fail. Build the server per ${each} first (a function that builds it and registers its tools), then run fix again`);
          continue;
        }
      }
      if (!file.text.includes('@modelcontextprotocol/sdk') && !mcpServerFrom.has(file.absolute)) continue;
      let surface: ReturnType<typeof migrateSurface>;
      try {
        surface = migrateSurface(file.text, file.rel, sideOf(manifest), mcpServerFrom.get(file.absolute), importedConstants(file));
      } catch (error) {
        // The official codemod failing on a file (a ts-morph manipulation error) keeps the package on v1, said in one line.
        hold(manifest, `failed ${file.rel}`, () => `the official v1→v2 codemod failed on ${file.rel} (${String((error as Error).message).split('\n')[0]}; please report it), and a package cannot be half on v1 and half on v2: move that file by hand, then run fix again`);
        continue;
      }
      const blocked = blockedMove(surface, allows);
      // Where: the line the refusal is about (a tool() call it could not convert, say).
      // Every such line (two tool() calls it could not convert, say), not only the first.
      const at = surface.refused && surface.markers.length > 0 ? `:${[...new Set(surface.markers.map((m) => m.line))].join(', ')}` : '';
      if (!blocked) continue;
      // Files refused for the same reason (resource() calls, say) are named together.
      const refused = refusals.get(manifest) ?? new Map<string, string[]>();
      refusals.set(manifest, refused);
      const where = refused.get(blocked) ?? [];
      if (where.length === 0) refused.set(blocked, where);
      where.push(`${file.rel}${at}`);
      hold(manifest, `move ${blocked}`, () => `${listed(where)} cannot move to the v2 packages (${blocked}), and a package cannot be half on v1 and half on v2 (v2 objects handed to v1 code fail at run time); move ${where.length === 1 ? 'that file' : 'those files'} by hand, then run fix again`);
    }
    for (const [manifest, libraries] of v1Libraries) {
      if (onV2.has(manifest)) for (const { library, files } of libraries.values()) errors.push({ file: relative(manifest), message: v1LibraryBeside(library, files) });
    }
    for (const [manifest, use] of zodUse) {
      const registers = !!use.registers && !!use.imports;
      if (!registers && !use.takes) continue;
      // Every file named (a generated SDK has hundreds): one fixed at a time would block the next run again.
      const v3 = !registers || use.v3.length === 0 ? undefined : use.v3.length <= 3 ? `${listed(use.v3)} import${use.v3.length === 1 ? 's' : ''}` : `${use.v3.length} files import (${use.v3.slice(0, 3).join(', ')}, ...)`;
      const zod = v3
        ? // webflow's tools: moved, they stopped compiling (their schemas are not StandardSchemaWithJSON).
          `${v3} zod/v3, the zod 3 API zod 4 keeps beside its own: the v2 packages take zod 4 schemas only; import them from 'zod' by hand first${use.v3.length > 3 ? ` (\`grep -rln "zod/v3"\` lists them)` : ''}`
        : zodOnDisk(manifest, use.dependencies.zod, registers ? 'tools' : 'sdk-schemas');
      if (!zod) continue;
      const why = v3 ? zod : registers ? `${use.both ?? `${use.registers} registers tools or prompts, ${use.imports}`} imports zod, and ${zod}` : `${use.takes!.at} gives the SDK's schemas to its own zod (${use.takes!.use}), and ${zod}`;
      // Held back already: both reasons, so that mending the first does not reveal the second on the next run.
      hold(manifest, 'zod', () => why);
    }
    for (const [manifest, why] of held) hold(manifest, 'failed', () => why);
    for (const [manifest, reasons] of holds) onV1.set(manifest, [...reasons.values()].map((why) => why()).join('; besides, '));
    if (moves) holdWorkspaceNeighbours(read, manifests, onV1, staysOnV1, relative);
  }
  /** The packages whose line under errors is written. */
  const said = new Set<string>();
  /** Of `said`, the packages already on the v2 packages (keptOnV2 of the result). */
  const keptOnV2 = new Set<string>();
  // A file with a CORS list naming Mcp-Session-Id that issues no session ids itself is rewritten
  // after the rest: whether its package still issues them (a session transport fix left or only
  // marked, in another file) is then known, and the header stays while it does. Decided on the
  // texts this run leaves, so that a second run finds the same.
  const corsOnly = new Set(read.filter((r) => r.kind.type === 'code' && corsListWithoutOwnSessions(r.text, r.rel)));
  // Deployment config last: whether the code still keeps sessions once rewritten decides its sticky routing.
  // A module that exports an empty collection (`export const transports = {}`) after the others:
  // whether anything still fills it is judged by its importers as this run leaves them (trial 40C).
  const code = read.filter((r) => !corsOnly.has(r) && r.kind.type === 'code');
  const late = new Set(code.filter((r) => /Transport|Server\b/.test(r.text) && EXPORTED_COLLECTION.test(r.text)));
  // A module of an event-store class that builds no transport after those: whether the run removed
  // every use of the class from the transports is known by then (droppedStoreReason).
  const stores = new Set(code.filter((r) => !late.has(r) && STORE_CLASS.test(r.text) && !TRANSPORT_MADE.test(r.text)));
  const order = [...code.filter((r) => !late.has(r) && !stores.has(r)), ...late, ...stores, ...corsOnly, ...read.filter((r) => r.kind.type !== 'code')];
  /**
   * Whether a code file still keeps sessions on one instance as this run leaves it (a sessionful
   * transport, a legacy SSE endpoint). Asked for config files, which the run reaches once the
   * code's texts are final: once per file, for the run's answer and its package's.
   */
  const keeping = new Map<string, boolean>();
  const keepsSessions = (r: (typeof read)[number]): boolean => {
    let answer = keeping.get(r.absolute);
    if (answer === undefined) {
      const text = moduleText(r.absolute)!;
      keeping.set(r.absolute, (answer = usesSseTransport(withoutComments(text)) || issuesSessionIds(text, r.rel)));
    }
    return answer;
  };
  let keptSessions: string | null | undefined;
  /** A code file of the run that still keeps sessions on one instance once rewritten, if any. */
  let webSessions: string | null | undefined;
  const sessionsKeptIn = (): string | undefined => {
    if (keptSessions === undefined) keptSessions = read.find((r) => r.kind.type === 'code' && keepsSessions(r))?.rel ?? null;
    return keptSessions ?? undefined;
  };
  /**
   * For a config file: the code file of its own package that still keeps sessions, where its
   * package has code in the run (a service's own nginx config, in a monorepo: review); else the
   * run's (a config at the root, outside any package with code).
   */
  // (Asked for config files, which the run reaches last, once the code's texts are final: kept per package.)
  const keptByPackage = new Map<string, string | null>();
  const sessionsKeptFor = (manifest: string | undefined): string | undefined => {
    let answer = keptByPackage.get(manifest ?? '');
    if (answer === undefined) {
      const own = read.filter((r) => r.kind.type === 'code' && manifests.of(r.absolute) === manifest);
      answer = (own.length === 0 ? sessionsKeptIn() : own.find(keepsSessions)?.rel) ?? null;
      keptByPackage.set(manifest ?? '', answer);
    }
    return answer ?? undefined;
  };
  /** No MCP server code among the run's files (a run over config, or a client's code, alone): the servers' state is unknown to it. */
  let serverCode: boolean | undefined;
  const noServerCode = (): boolean => !(serverCode ??= read.some((r) => r.kind.type === 'code' && isMcpCode(r.text) && !isClientOnlyCode(r.text)));
  const issuing = new Map<string, boolean>();
  /** The text of each file this run has rewritten so far (the others are as read). */
  const rewritten = new Map<string, string>();
  // The rules follow a tool's calls into the run's other modules (its store modules), as this run
  // has left them; with onlyFiles, also into the files it leaves out, read as they are (a tools
  // module the server registers, whose findings are the server's: the report's preview).
  const outside = new Map<string, string | undefined>();
  const outsideText = (absolute: string): string | undefined => {
    if (!outside.has(absolute)) {
      const outcome = reader.read(absolute);
      const text = outcome.ok ? decodeText(outcome.bytes) : undefined;
      // (A bundle is no module of the package's own, as the files read above skip it.)
      outside.set(absolute, text === undefined || skipsAsBundle(text, undefined, absolute) ? undefined : text);
    }
    return outside.get(absolute);
  };
  /** A module's text as the run has it so far (rewritten, or as read). */
  const moduleText = (absolute: string) => rewritten.get(absolute) ?? readText.get(absolute);
  /**
   * The code files of the packages of `modules` (absolute paths) whatever the run selected (test
   * files, those its paths or --exclude leave out), as modules whose texts are the run's so far
   * (else as on disk): where strayHandleStateUses looks for uses of state the run moves.
   */
  const projectModules = async (modules: Iterable<string>): Promise<{ top: string; label: (absolute: string) => string; modules: ModuleFiles }> => {
    const folders = new Set([...modules].map((file) => path.dirname(manifests.of(file) ?? path.join(root, 'package.json'))));
    const code = new Set<string>();
    for (const f of (await discoverFiles([...folders], { includeTests: true }, cwd)).files) if (f.kind.type === 'code') code.add(f.absolute);
    for (const r of read) if (r.kind.type === 'code') code.add(r.absolute);
    // (Rooted where it holds those packages and the run's folder: `fix src/tools` reaches src/server.ts.)
    let top = root;
    for (const folder of folders) while (top !== path.dirname(top) && folder !== top && !folder.startsWith(top + path.sep)) top = path.dirname(top);
    const label = (absolute: string) => path.relative(top, absolute).split(path.sep).join('/');
    return { top, label, modules: new ModuleFiles(top, { has: (absolute) => code.has(absolute), text: (absolute) => moduleText(absolute) ?? outsideText(absolute), label, changing: true, all: () => code }) };
  };
  const otherCode = others.flatMap((f) => (f.kind.type === 'code' ? [f.absolute] : []));
  const outsideCode = new Set(otherCode);
  scanner.modules = new ModuleFiles(root, {
    has: (absolute) => readText.has(absolute) || outsideCode.has(absolute),
    text: (absolute) => moduleText(absolute) ?? outsideText(absolute),
    label: relative,
    changing: true,
    all: () => [...read.flatMap((r) => (r.kind.type === 'code' ? [r.absolute] : [])), ...otherCode],
  });
  // (The modules MCP code hands the session id or the context to are checked as MCP code, as scan
  // checks them: trial 76A B4, 57B B1; the callers may be files onlyFiles leaves out.)
  const othersRead = others.flatMap((f) => {
    const text = f.kind.type === 'code' ? outsideText(f.absolute) : undefined;
    return text === undefined ? [] : [{ rel: relative(f.absolute), absolute: f.absolute, text, kind: f.kind }];
  });
  scanner.handSessionsFrom([...read, ...othersRead]);
  /**
   * For explicit-handles, asked where it adds a minting tool: the names of the tools the run's
   * other modules register on the servers a file registers its tools on, as this run has left them
   * (a minting tool added to a file before this one too), read once per file (review 91 point 2).
   */
  const toolNamesOnServersOf = (rel: string, text: string) => {
    let found: Set<string> | undefined;
    return () => {
      if (!found) {
        const facts = new SessionFacts(parseFile(text, rel));
        facts.modules = scanner.modules && { path: rel, source: scanner.modules };
        found = toolNamesOnItsServers(facts);
      }
      return found;
    };
  };
  /**
   * What every codemod context of a file carries (the cross-module plan's contextOf, the look-ahead
   * of handledStates, the rewrite loop's own): its target (sdk-v1 for a package that stays on v1),
   * path, what the run allows and names, and the session state kept where it is.
   */
  const baseContext = (absolute: string, rel: string) => ({ target: staysOnV1(manifests.of(absolute)) ? ('sdk-v1' as const) : target, path: rel, allows, handleNames: options.handleNames ?? {}, ...(options.codemods ? { codemodsInRun: new Set(options.codemods) } : {}), keptStates: kept.get(absolute) });
  /** The run's files the rewrite loop below has reached (rewritten or not). */
  const reached = new Set<string>();
  /** Per file not reached yet, the session state explicit-handles moves in it, asked of its text as read. */
  const movedAhead = new Map<string, ReadonlySet<string>>();
  const readAt = new Map(read.map((r) => [r.absolute, r]));
  /**
   * Session state kept across modules that explicit-handles moves as a group in this run
   * (CodemodContext.crossModuleStates), by file: a collection one module declares that tool
   * handlers of other modules of the run key by the MCP session id, directly or through helpers
   * of its module (`cartOf(extra.sessionId!)` of src/state.ts). Decided here, on the texts as
   * read and before any file is rewritten, for every module at once: where one of them uses it in
   * a way explicit-handles cannot follow (an admin route, a helper handed something else, a module
   * outside the run), none is rewritten, and each keeps its markers.
   */
  const crossStates = new Map<string, Map<string, CrossModuleState>>();
  if (scanner.modules && allows('review') && (!options.codemods || options.codemods.includes('explicit-handles'))) {
    const modules = scanner.modules;
    const contextOf = (r: (typeof read)[number]): CodemodContext => ({ ...baseContext(r.absolute, r.rel), modules, dependencies: manifests.dependenciesOf(r.absolute), importedType: importedTypeFor(modules, r.rel) });
    const inputs = new Map<string, CodeInput>();
    const inputOf = (r: (typeof read)[number]): CodeInput => {
      let input = inputs.get(r.absolute);
      if (!input) {
        const sourceFile = parseFile(r.text, r.rel);
        const facts = new SessionFacts(sourceFile);
        facts.modules = { path: r.rel, source: modules };
        inputs.set(r.absolute, (input = { text: r.text, sourceFile, facts }));
      }
      return input;
    };
    const note = (absolute: string, name: string, state: CrossModuleState) => crossStates.set(absolute, (crossStates.get(absolute) ?? new Map()).set(name, state));
    for (const s of read) {
      // (A cheap test first: a module-level collection declared, and something exported.)
      if (s.kind.type !== 'code' || s.latin1 || !/\bexport\b/.test(s.text) || !/^\s*(?:export\s+)?(?:const|let|var)\s+[\w$]+[^=\n]*=\s*(?:new\s+Map\b|\{\s*\})/m.test(s.text)) continue;
      const manifest = manifests.of(s.absolute);
      if (!(staysOnV1(manifest) ? v1Codemods : codemods).some((c) => c.id === 'explicit-handles')) continue;
      const importers = modules.users(s.rel);
      if (!importers || importers.length === 0) continue;
      const paths = importers.map((u) => path.resolve(root, u.path)).sort();
      for (const { state, initial, helpers } of unclaimedStates(inputOf(s), contextOf(s))) {
        const users: Array<{ r: (typeof read)[number]; tools: Registration[] }> = [];
        const all = paths.every((absolute) => {
          const r = readAt.get(absolute);
          // (Every module that imports it is of the run, of the same package and language: one mcp-state module serves them.)
          if (!r || r.kind.type !== 'code' || r.latin1 || manifests.of(absolute) !== manifest || path.extname(absolute) !== path.extname(s.absolute)) return false;
          const found = crossModuleUsers(inputOf(r), contextOf(r), (specifier) => modules.resolve(r.rel, specifier)?.path === s.rel, state, helpers);
          if ('refused' in found) return false;
          if (found.tools.length > 0) users.push({ r, tools: found.tools });
          return true;
        });
        if (!all || users.length === 0) continue;
        const tools = users.flatMap((u) => u.tools);
        const handle = crossModuleHandle(state, initial, tools, contextOf(s));
        if (handle === undefined) continue;
        // The minting tool: added once, to the first tools module, by a name no tool of theirs nor of the servers they register on has.
        const first = users[0].r;
        const taken = new Set(users.flatMap((u) => inputOf(u.r).facts.registrations.flatMap((reg) => (reg.name !== undefined ? [reg.name] : []))));
        for (const name of toolNamesOnServersOf(first.rel, first.text)()) taken.add(name);
        const decided: CrossModuleState = { state, declaredIn: s.rel, handle, mintedBy: freeMintingToolName(handle, taken), users: tools.flatMap((t) => (t.name ? [t.name] : [])) };
        note(s.absolute, state, decided);
        for (const { r } of users) {
          const from = inputOf(r).sourceFile.statements.flatMap((st) => (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && modules.resolve(r.rel, st.moduleSpecifier.text)?.path === s.rel ? [st.moduleSpecifier.text] : []))[0];
          const dir = path.posix.relative(path.posix.dirname(r.rel), path.posix.dirname(s.rel));
          const entry: CrossModuleState = { ...decided, from, ...(dir ? { stateDir: dir } : {}), ...(r === first ? { mint: { initial } } : {}) };
          for (const helper of helpers.keys()) note(r.absolute, `${helper}()`, entry);
          note(r.absolute, state, entry);
        }
      }
    }
  }
  /**
   * For stateless-transport (CodemodContext.handleStateElsewhere): whether a name of the file `rel`
   * is state another module of the run keeps under explicit handles, as the run has left it so far:
   * a store of the mcp-state module (written by an earlier run, or by this one before it reached
   * `rel`), or state explicit-handles moves in a module the run has not reached yet (trial 76B B1:
   * carts of src/tools/cart.ts, cleaned up in src/server.ts's transport.onclose).
   */
  const handleStateElsewhere = (rel: string) => (name: TS.Identifier | TS.PropertyAccessExpression): boolean => {
    const found = importedDeclaration(name, rel, scanner.modules!);
    if (!found || !ts.isIdentifier(found.decl.name)) return false;
    if (found.decl.initializer && sharedStateStore(found.decl.initializer)) return true;
    const absolute = path.resolve(root, found.module.path);
    const r = readAt.get(absolute);
    if (!r || r.kind.type !== 'code' || r.latin1 || reached.has(absolute)) return false;
    let states = movedAhead.get(absolute);
    if (!states) {
      const manifest = manifests.of(absolute);
      const moves = (staysOnV1(manifest) ? v1Codemods : codemods).some((c) => c.id === 'explicit-handles');
      const sourceFile = moves ? parseFile(r.text, r.rel) : undefined;
      const context = { ...baseContext(absolute, r.rel), crossModuleStates: crossStates.get(absolute) };
      states = sourceFile ? handledStates({ text: r.text, sourceFile, facts: new SessionFacts(sourceFile) }, context) : new Set<string>();
      movedAhead.set(absolute, states);
    }
    return states.has(found.decl.name.text);
  };
  /** Files a codemod added, by the file whose rewrite added them (listed after it). */
  const createdBy = new Map<string, string>();
  const packageIssuesSessions = (manifest: string | undefined): boolean => {
    if (!manifest) return false;
    let answer = issuing.get(manifest);
    if (answer === undefined) {
      answer = read.some((r) => !corsOnly.has(r) && r.kind.type === 'code' && manifests.of(r.absolute) === manifest && issuesSessionIds(moduleText(r.absolute)!, r.rel));
      issuing.set(manifest, answer);
    }
    return answer;
  };
  /** The run's modules a scan read, each with its text then. */
  const modulesRead = (result: { dependencies?: string[] }) => new Map((result.dependencies ?? []).map((d) => [d, moduleText(d)]));
  /** A file's findings in `text`, scanned once per text (kept in `scanned`, which the count of what is left reuses). */
  const findingsIn = (f: (typeof read)[number], text: string): Finding[] => {
    let known = scanned.get(f.absolute);
    // Scanned again where its text changed, or a module of the run it read did (a re-export module
    // the run moved to the v2 packages, trial 46C B1).
    if (!known || known.text !== text || [...known.modules].some(([absolute, seen]) => moduleText(absolute) !== seen)) {
      const result = scanner.scanText(f.rel, text, f.kind);
      scanned.set(f.absolute, (known = { text, findings: result.findings, modules: modulesRead(result) }));
    }
    return known.findings;
  };
  /** A code file's findings on its text as this run left it so far: kept, as a later file's markers ask again and the pass over what is left reuses them. */
  const findingsOf = (r: (typeof read)[number]): Finding[] => findingsIn(r, moduleText(r.absolute)!);
  /** Findings of the run's other code files whose message opens with one of these names (as rewritten, where this run got to them). */
  const findingsNaming = (names: readonly string[], except: (typeof read)[number]): Finding[] => {
    if (names.length === 0) return [];
    return read.flatMap((r) => {
      if (r === except || r.kind.type !== 'code' || !names.some((name) => (moduleText(r.absolute)!).includes(name))) return [];
      return findingsOf(r).filter((f) => names.includes(findingCodeOf(f) ?? ''));
    });
  };
  /**
   * Where the first finding `wanted` picks stands (`file:line`), among the code files (of one
   * package, when `within` names its manifest, or none) whose text `mentions`, memoised by `key`:
   * a cheap text test before the scan.
   */
  const firstPlace = new Map<string, string | null>();
  const placeOf = (key: string, mentions: RegExp, wanted: (f: Finding) => boolean, within?: { manifest: string | undefined }): string | undefined => {
    let answer = firstPlace.get(key);
    if (answer === undefined) {
      answer = null;
      for (const r of read) {
        if (r.kind.type !== 'code' || (within && manifests.of(r.absolute) !== within.manifest) || !mentions.test(moduleText(r.absolute)!)) continue;
        const found = findingsOf(r).find(wanted);
        if (found) {
          answer = `${found.file}:${found.line}`;
          break;
        }
      }
      firstPlace.set(key, answer);
    }
    return answer ?? undefined;
  };
  /**
   * The first place code of the run keeps OAuth tokens, codes or clients in one instance's memory (an
   * auth-store finding; at the SDK's requireBearerAuth or mcpAuthRouter where another module's provider
   * is handed to them, trial 73B B2).
   */
  const authKeptIn = () =>
    placeOf(
      'auth-store',
      /\b(verifyAccessToken|exchangeAuthorizationCode|challengeForAuthorizationCode|exchangeRefreshToken|getClient|withMcpAuth|requireBearerAuth|mcpAuthRouter|[Aa]uthorization)\b|\/(token|callback)\b|\bexport\s+(async\s+function|function|const)\s+(POST|GET)\b/,
      (f) => f.ruleId === 'auth-store',
    );
  /**
   * The first place code of the run keeps a web application's sessions in one instance's memory:
   * express-session or @fastify/session with no `store` (their default MemoryStore). Not MCP
   * state, so no finding says it, but the routes that read those sessions (a login, a shop's cart)
   * need client stickiness the same: an upstream the web routes share with /mcp keeps it (trial
   * 73B B5: fix removed `ip_hash`, and the shop's carts came and went).
   */
  const webSessionsKeptIn = (): string | undefined => {
    if (webSessions === undefined) {
      webSessions = null;
      for (const r of read) {
        if (r.kind.type !== 'code') continue;
        const text = moduleText(r.absolute) ?? r.text;
        const imported = IN_MEMORY_WEB_SESSIONS.exec(text);
        // (A store given, also as `{ store }`, keeps them elsewhere: review 92 point 8.)
        if (imported && !/\bstore\s*:|[{,]\s*store\s*[,}]/.test(text)) {
          webSessions = `${r.rel}:${text.slice(0, imported.index).split('\n').length}`;
          break;
        }
      }
    }
    return webSessions ?? undefined;
  };
  /**
   * The first place code of the run keeps state a later call needs in one instance's memory (a
   * stateful-tool or session-state error about kept state). Not a counter or rate limit: per
   * instance it counts less, it does not lose what a call left.
   */
  const counterOnly = (f: Finding) => (f.state && f.state.length > 0 ? f.state.every((name) => stateKind(name) === 'counter') : f.stateKind === 'counter');
  const stateKeptIn = () =>
    placeOf('state', /\b(Map|Set)\b|\[\]|=\s*\{|\b[sS]ession/, (f) => f.severity === 'error' && (f.ruleId === 'stateful-tool' || f.ruleId === 'session-state') && !!f.reasons?.some((r) => /^(session-state|server-state|browser-state|process-state|connection-state)$/.test(r)) && !counterOnly(f));
  /**
   * Per package: the first place its code sends a notification from a handler other than on the
   * call's own response (a server-push finding: through the server, or another session's transport).
   */
  const packageSkipsAsking = (manifest: string | undefined) => placeOf(`asks:${manifest ?? ''}`, ASKS_CLIENT, skipsAsking, { manifest });
  const packagePushes = (manifest: string | undefined) =>
    placeOf(`push:${manifest ?? ''}`, /\bsend(ResourceUpdated|LoggingMessage)\s*\(|\btransports?\b.*\.(send|notification)\s*\(/, (f) => !!f.reasons?.includes('server-push'), { manifest });
  /** Reverse proxies' configs by path, with their text: read once, when a loopback-bound file first asks. */
  let proxyConfigs: Map<string, { text: string; kind: ConfigKind }> | undefined;
  /** Adds the file at `absolute` to proxyConfigs where it is there and a proxy's config (kind, when the walk knows it). */
  const proxyConfigOf = (absolute: string, kind?: ConfigKind) => {
    if (!proxyConfigs!.has(absolute)) {
      const classified = kind ? undefined : classifyFile(absolute);
      const own = kind ?? (classified?.type === 'config' ? classified.kind : undefined);
      if (!own || !PROXY_KINDS.has(own)) return;
      // (Read as the run reads files outside it: not there, the usual case, or unreadable, no proxy.)
      const text = outsideText(absolute);
      if (text !== undefined) proxyConfigs!.set(absolute, { text, kind: own });
    }
  };
  const proxyByPackage = new Map<string, ReverseProxyConfig[]>();
  /**
   * Per package: the configs of reverse proxies that may stand in front of its code (trial 66C
   * B2). Behind one on the same host that passes the public Host (Caddy by default), v2-handler's
   * localhost guards answered 403 to every proxied request. The run's own proxy configs (those
   * `onlyFiles` left out too), and the usual names in the package's folder and at the repository's
   * top, which `fix src/` does not list; those of the package first, then those of no package or of
   * the repository's top. v2-handler takes one only where it proxies to the port the server
   * listens on: a top Caddyfile of a monorepo fronted another service, and still turned the guards
   * off (review 86 #1). Those under docs/, examples/, test/ or fixtures/ front nothing.
   */
  const reverseProxyOf = (manifest: string | undefined): ReverseProxyConfig[] | undefined => {
    const key = manifest ?? '';
    if (!proxyByPackage.has(key)) {
      const top = manifests.repoTop();
      if (!proxyConfigs) {
        proxyConfigs = new Map();
        for (const r of read) if (r.kind.type === 'config' && PROXY_KINDS.has(r.kind.kind)) proxyConfigs.set(r.absolute, { text: r.text, kind: r.kind.kind });
        for (const f of others) if (f.kind.type === 'config' && PROXY_KINDS.has(f.kind.kind)) proxyConfigOf(f.absolute, f.kind.kind);
        for (const name of PROXY_CONFIG_NAMES) proxyConfigOf(path.join(top, name));
      }
      if (manifest) for (const name of PROXY_CONFIG_NAMES) proxyConfigOf(path.join(path.dirname(manifest), name));
      const proxying = [...proxyConfigs].flatMap(([absolute, { text, kind }]) => {
        const hosts = proxiedHosts(text, kind);
        const owner = manifests.of(absolute);
        // (Folders below the config's package, or below the repository's top: a package that is
        // itself under examples/ keeps its own Caddyfile.)
        const folders = toPosix(path.relative(owner ? path.dirname(owner) : top, path.dirname(absolute))).split('/');
        if (!hosts || folders.some((f) => NOT_DEPLOYED_DIRS.has(f))) return [];
        return [{ file: toPosix(path.relative(root, absolute)) || path.basename(absolute), hosts, upstreams: proxyUpstreams(text, kind), manifest: owner }];
      });
      const own = proxying.filter((p) => p.manifest === manifest);
      const above = proxying.filter((p) => !own.includes(p) && (p.manifest === undefined || path.dirname(p.manifest) === top));
      proxyByPackage.set(key, [...own.map(({ file, hosts, upstreams }) => ({ file, hosts, upstreams, own: true })), ...above.map(({ file, hosts, upstreams }) => ({ file, hosts, upstreams }))]);
    }
    const configs = proxyByPackage.get(key)!;
    return configs.length > 0 ? configs : undefined;
  };
  /** Per package moving to the v2 packages, why a file of it could not be rewritten (see runFix). */
  const failedMoves = new Map<string, string>();
  for (let step = 0; step < order.length; step++) {
    const current = order[step];
    const { rel, absolute, text: before, kind } = current;
    reached.add(absolute);
    const file = { absolute, kind };
    if (options.onProgress && (step % 100 === 0 || step === order.length - 1)) options.onProgress(step + 1, order.length);
    let result;
    const dependencies = manifests.dependenciesOf(file.absolute);
    const manifest = manifests.of(file.absolute);
    const why = manifest ? onV1.get(manifest) : undefined;
    if (why && !said.has(manifest!)) {
      said.add(manifest!);
      // The package by name too: a root `package.json` says little in a run over several.
      const name = manifests.json(manifest!)?.name;
      const named = typeof name === 'string' && name ? ` (${name})` : '';
      // A package already on the v2 packages (no v1 SDK declared) keeps its own v2 code: not "v1" (trial 39C B5).
      const text = manifests.text(manifest!) ?? '';
      if (!declaresPackage(text, SDK_V1_PACKAGE) && V2_PACKAGES.some((p) => declaresPackage(text, p))) {
        keptOnV2.add(manifest!);
        errors.push({ file: relative(manifest!), message: `not moved to createMcpHandler${named}: ${why} (its v2 code stays as it is; the codemods that do not move it ran)` });
      } else errors.push({ file: relative(manifest!), message: `stays on SDK v1${named}: ${why} (the sdk-v1 codemods ran on this package instead)` });
    }
    const v1 = staysOnV1(manifest);
    /** A file of MCP code that a package moving to the v2 packages cannot do without, left unchanged (see runFix). */
    const failedMove = (reason: string) => {
      if (!v1 && manifest && target === '2026-07-28' && before.includes('@modelcontextprotocol/')) failedMoves.set(manifest, failedMoves.get(manifest) ?? `a codemod could not rewrite ${rel} for the move (${reason}), and moved without it the package would be half on each SDK`);
    };
    try {
      result = fixText(rel, before, file.kind, v1 ? v1Codemods : codemods, { ...baseContext(absolute, rel), usedHandleNames, refusedHandleNames, modules: scanner.modules, dependencies, cachedServers, handshakeSetups, wrapperClasses, mcpSide: sideOf(manifest), mcpServerFrom: mcpServerFrom.get(absolute), importedConstants: kind.type === 'code' ? importedConstants(current) : undefined, ...(kind.type === 'code' ? { handleStateElsewhere: handleStateElsewhere(rel), crossModuleStates: crossStates.get(absolute) } : {}), toolsAddedElsewhere: [...(handedRegistrations.get(manifest ?? '') ?? [])].some((f) => f !== absolute), ...(kind.type === 'code' ? { toolNamesOnItsServers: toolNamesOnServersOf(rel, before), ...(scanner.modules ? { importedType: importedTypeFor(scanner.modules, rel) } : {}) } : {}), packageIssuesSessions: corsOnly.has(current) && packageIssuesSessions(manifest), packagePushes: kind.type === 'code' ? packagePushes(manifest) : undefined, packageSkipsAsking: kind.type === 'code' ? packageSkipsAsking(manifest) : undefined, reverseProxy: kind.type === 'code' && !v1 && LOOPBACK_LITERAL.test(before) ? reverseProxyOf(manifest) : undefined, ...(kind.type === 'code' ? {} : { sessionsKeptIn: sessionsKeptIn(), sessionsKeptInPackage: sessionsKeptFor(manifest), authKeptIn: authKeptIn(), stateKeptIn: stateKeptIn(), webSessionsKeptIn: webSessionsKeptIn(), noServerCode: noServerCode() }) }, offRules);
    } catch (error) {
      const reason = (error as Error).name === 'EditConflictError' ? 'two rewrites overlapped' : (error as Error).message;
      failedMove(`${reason}; please report it`);
      errors.push({ file: rel, message: `a codemod could not rewrite this file, so it was left unchanged (${reason}; please report it)` });
      failed++;
      continue;
    }
    // What a finding promised fix would rewrite and no codemod did (nor marked), and a tool's
    // error no codemod rewrites (see markable): marked now. The scan is kept: the findings left
    // for a person are this one's, unless the text changes again.
    const style = commentStyle(file.kind, rel);
    let removedMarkers: FileFix['removedMarkers'];
    if (style && file.kind.type === 'code') {
      let found = findingsIn(current, result.after);
      // Markers an earlier run wrote whose finding this run's rewrites (or the person) took away go
      // first; what is left is marked below. Only where every codemod of the target ran.
      if (!options.codemods && before.includes(MARKER_TAG)) {
        const gone = goneMarkers({ before, after: result.after, rel, changes: result.changes, reported: result.markers, found, elsewhere: (names) => findingsNaming(names, current), refusals: !options.safeOnly });
        if (gone.length > 0) {
          result.after = withoutMarkers(result.after.split('\n'), gone).join('\n');
          found = findingsIn(current, result.after);
          removedMarkers = gone.map((m) => ({ line: m.earlier, message: m.message }));
        }
      }
      const resolved = resolvedRules(v1 ? v1Codemods : codemods);
      // State this file declares that the run moves with the tools of other modules: its helpers
      // are keyed by the session id only until those modules, rewritten later in the run, hand them the handle.
      const movedHere = [...(crossStates.get(absolute) ?? [])].flatMap(([name, state]) => (state.from === undefined && result.applied.includes('explicit-handles') ? [name] : []));
      if (movedHere.length > 0) found = found.filter((f) => f.fix !== 'explicit-handles' || !movedHere.some((name) => aboutState(f, name)));
      const sourceFile = found.some((f) => markable(f, resolved)) ? parseFile(result.after, rel) : undefined;
      // (An event-store class whose uses by the transports this run removed: said so, trial 78A B8.)
      const rewrite = { file: rel, before, changes: result.changes };
      const droppedStore = (f: Finding) => droppedStoreReason(f, sourceFile!, rel, files, rewrite, scanner.modules);
      const unrewritten = sourceFile ? unrewrittenMarkers(sourceFile, found, resolved, scanner.modules && { path: rel, source: scanner.modules }, droppedStore) : [];
      const placed = unrewritten.length > 0 ? insertMarkers(result.after, unrewritten, style, 'fix', sourceFile) : undefined;
      // Comments at statement starts cannot break the code; checked all the same.
      if (placed && parseDiagnostics(parseFile(placed.text, rel)).length <= parseDiagnostics(sourceFile!).length) {
        result.after = placed.text;
        result.markers.push(...placed.inserted);
      }
    }
    // Every marker in the result is work for a person. Where the file can hold comments, the
    // markers in its final text are the truth: a later codemod moves the lines an earlier one marked.
    if (style) {
      // A run of every codemod of its target replaces what an earlier run advised at the same line.
      const earlier = existingMarkers(before);
      if (!options.codemods) result.after = dropSupersededMarkers(earlier, result.after, result.markers);
      result.markers = markersIn(earlier, result.after, result.markers);
    }
    // The file's text is final here: its lines end as they did, whatever codemod or marker added them.
    result.after = keepLineEndings(before, result.after);
    if (result.after === before) {
      // Nothing to write: said as before this file was read (trial 68K), and the run goes on.
      if (current.latin1) errors.push({ file: rel, message: NOT_UTF8_REASON });
      if (result.markers.length > 0) files.push({ file: rel, absolute: file.absolute, before, after: before, changes: [], markers: result.markers, codemods: result.applied, ...(current.bom ? { bom: true } : {}) });
      // What the code needs as it is (stateless transports on an SDK below 1.10.2): asked all the
      // same, a change to review (--safe-only leaves it).
      if (allows('review')) requestDependencies(file.absolute, result);
      continue;
    }
    if (result.unparsable) {
      failedMove('the rewrite did not parse; please report it');
      errors.push({ file: rel, message: 'the rewrite did not parse, so the file was left unchanged (please report this)' });
      failed++;
      continue;
    }
    if (result.redeclared) {
      failedMove(`the rewrite would declare \`${result.redeclared}\` twice in one block; please report it`);
      errors.push({ file: rel, message: `the rewrite would declare \`${result.redeclared}\` twice in one block, which does not load, so the file was left unchanged (please report this)` });
      failed++;
      continue;
    }
    // A tree the parser rebuilt around an error may be read wrong (trial 18B): nothing is written into such a file.
    if (result.syntaxError) {
      errors.push({ file: rel, message: `${result.syntaxError.replace(/\.$/, '')}: not rewritten, since code that does not parse may be misread; fix the syntax, then run fix again` });
      failed++;
      continue;
    }
    // Written back as UTF-8, its other non-ASCII bytes would change too (each `é` of Latin-1 made
    // two bytes): left as it is, with its changes, markers, added files and dependency requests,
    // as a file it set out to rewrite (exit 1; trial 68K: it was skipped unread, and the run exited 0).
    if (current.latin1) {
      const reason = "not valid UTF-8: fix rewrites UTF-8 files only (it would change this file's other bytes); save it as UTF-8 and run fix again";
      failedMove(reason);
      errors.push({ file: rel, message: `left unchanged: ${reason}` });
      failed++;
      continue;
    }
    files.push({ file: rel, absolute: file.absolute, before, after: result.after, changes: result.changes, markers: result.markers, codemods: result.applied, ...(removedMarkers ? { removedMarkers } : {}), ...(current.bom ? { bom: true } : {}) });
    rewritten.set(file.absolute, result.after);
    const generated = generatedBy(before);
    if (generated) errors.push({ file: rel, message: `its header says it is generated (${generated}): the next generation undoes what fix changed or marked here; carry the change into its generator or template as well` });
    // Files a codemod adds next to this one (the mcp-state module): never overwritten.
    for (const added of result.files) {
      const absolute = path.join(path.dirname(file.absolute), added.path);
      if (files.some((f) => f.absolute === absolute)) continue;
      if (!onDisk.has(absolute)) onDisk.set(absolute, fs.existsSync(absolute) ? fs.readFileSync(absolute, 'utf8') : null);
      const existing = onDisk.get(absolute);
      if (existing !== null && existing !== undefined) {
        const message = 'exists and differs from the module fix would add; left as it is (compare with `mcp-migrate fix --dry-run`)';
        if (existing !== added.text && !errors.some((e) => e.file === relative(absolute) && e.message === message)) errors.push({ file: relative(absolute), message });
        continue;
      }
      createdBy.set(absolute, file.absolute);
      files.push({ file: relative(absolute), absolute, before: '', after: added.text, changes: [{ line: 1, description: 'added the shared state module (Redis when MCP_STATE_URL is set, memory otherwise)', safety: 'safe' }], markers: [], codemods: result.applied, created: true });
    }
    requestDependencies(file.absolute, result);
  }

  // Whether a finding's tool is registered on a server a rewritten file builds (onServerOf below),
  // for the tools left asking the client on a server this run made per request (askingBroken).
  let onServerOfRewrite: ((file: FileFix, f: Finding) => boolean) | undefined;
  // A transport made stateless while state keyed by the session id stays is a rewrite to review
  // (reviewDispatchLeavingState), decided on the rewritten texts before anything is written, and
  // before the check for packages half moved: a dispatch left as it was holds its package on v1.
  {
    const after = read.flatMap(findingsOf);
    // A finding's line in the file as it is (a file refused is left so).
    const lineOnDisk = linesOnDisk(files);
    /**
     * The files whose state a dispatch's requests can reach: its own, the files that import it (a
     * tools module registering on the server it exports), and what either imports, through the
     * run's modules. Not another entry point's own module-level map: a file nothing imports that
     * nothing of this one imports (trial 58C B1: a /health map of src/a.ts held src/b.ts, and the
     * package, on v1).
     */
    const reachMemo = new Map<string, Set<string>>();
    const reachable = (file: FileFix): Set<string> => {
      let found = reachMemo.get(file.absolute);
      if (!found) {
        const modules = scanner.modules!;
        const starts = [file.absolute, ...modules.importersOf([file.absolute])];
        found = new Set(starts);
        for (let queue = [...starts], next = queue.shift(); next !== undefined; next = queue.shift()) {
          for (const target of modules.importsOf([next])) if (!found.has(target)) found.add(target), queue.push(target);
        }
        reachMemo.set(file.absolute, found);
      }
      return found;
    };
    /**
     * Another entry point: a file that exports nothing (a path alias would hide its importers from
     * a text read, review 75) and that nothing of the run imports, where the run can tell. Its
     * module-level state is its own.
     */
    const entryOnly = (absolute: string) => !/\bexport\b|\bmodule\.exports\b|\bexports\.\w/.test(readText.get(absolute) ?? 'export') && scanner.modules!.users(path.relative(root, absolute))?.length === 0;
    // (Held as before on state anywhere else in the package: what imports reach is read from texts,
    // and a path alias or an importer's importer can hide a way there, review 75.)
    const samePackage = (file: FileFix, finding: Finding) => {
      const absolute = path.resolve(root, finding.file);
      return manifests.of(file.absolute) === manifests.of(absolute) && (reachable(file).has(absolute) || !entryOnly(absolute));
    };
    /**
     * Whether the tool of a finding is registered on a server the rewritten file `file` builds
     * (modulesBuildingServersOf, on the texts as the run leaves them), across packages too; where
     * the run cannot follow the tool to a server it builds, whether it is of the file's package
     * (samePackage), as before (review 95 point 3: a tool registered only on a stdio server made
     * the HTTP rewrite one to review, and one of another workspace package left it safe).
     */
    const builtFor = new Map<string, Set<string>>();
    const serversBuilt = (f: Finding): Set<string> => {
      const key = `${f.file}\0${f.tool ?? ''}`;
      let found = builtFor.get(key);
      if (!found) {
        const text = f.tool !== undefined && scanner.modules ? findingText(f) : undefined;
        found = new Set<string>();
        if (text !== undefined) {
          const facts = new SessionFacts(parseFile(text, f.file));
          facts.modules = { path: f.file, source: scanner.modules! };
          found = modulesBuildingServersOf(facts, f.tool!);
        }
        builtFor.set(key, found);
      }
      return found;
    };
    // (And the tools the servers the rewritten file builds are handed to, another package's too: users() looks only within a package.)
    const namesOnBuilt = new Map<string, Set<string>>();
    const toolsOnServersOf = (file: FileFix): Set<string> => {
      let names = namesOnBuilt.get(file.file);
      if (!names) {
        const facts = new SessionFacts(parseFile(file.after, file.file));
        facts.modules = scanner.modules && { path: file.file, source: scanner.modules };
        namesOnBuilt.set(file.file, (names = toolNamesOnServersBuiltIn(facts)));
      }
      return names;
    };
    const onServerOf = (file: FileFix, f: Finding) => {
      if (f.tool !== undefined && toolsOnServersOf(file).has(f.tool)) return true;
      const built = serversBuilt(f);
      return built.size > 0 ? built.has(file.file) : samePackage(file, f);
    };
    onServerOfRewrite = onServerOf;
    /** Leaves a file as it was: its changes, markers and removed markers, and the files a codemod made for it. */
    const leaveAsIs = (file: FileFix, message: string) => {
      errors.push({ file: file.file, message });
      file.after = file.before;
      // (What a later scan reads of it too: it is not written; nor is what it asked of its package.)
      rewritten.delete(file.absolute);
      requestsByFile.delete(file.absolute);
      file.changes = [];
      file.markers = [];
      delete file.removedMarkers;
      for (let i = files.length - 1; i >= 0; i--) if (createdBy.get(files[i].absolute) === file.absolute) files.splice(i, 1);
    };
    const left = new Set<string | undefined>();
    // (State of a store module checked as MCP code only because the tools hand it the session id
    // (scan's handedTheSession, trial 57B B1): the tools' own findings say whether they keep
    // anything by it, and whether they refuse to run without the id, as sharesBySessionId reads.
    // Judged on its text as read: a marker this run adds names the protocol.)
    const handedOnly = (f: Finding) => f.ruleId === 'session-state' && !isMcpCode(readText.get(path.resolve(root, f.file)) ?? '');
    // A file's findings as it was read, for the data its session records held (recordDataLeft):
    // scanned again only for a rewritten dispatch whose package's tools still read a session map.
    const findingsBefore = (file: FileFix): readonly Finding[] => {
      const r = readAt.get(file.absolute);
      return r ? scanner.scanText(r.rel, r.text, r.kind).findings : [];
    };
    // (A finding's text as the run leaves it, where its line and column point.)
    const findingText = (f: Finding) => moduleText(path.resolve(root, f.file));
    /** State of another module named on line `line` of `sourceFile` that this run keeps for a use where no handle reaches it (`kept`), with that use. */
    const keptStateAt = (sourceFile: TS.SourceFile, rel: string, line: number): { state: string; use: string } | undefined => {
      if (kept.size === 0) return undefined;
      const lines = commentableSpan(sourceFile, line).statement;
      const starts = sourceFile.getLineStarts();
      const span = { start: starts[lines.start - 1] ?? 0, end: starts[lines.end] ?? sourceFile.text.length };
      let found: { state: string; use: string } | undefined;
      walk(sourceFile, (n) => {
        if (found || n.end < span.start || n.getStart(sourceFile) >= span.end) return false;
        if (!ts.isIdentifier(n) || isPropertyName(n)) return undefined;
        const member = ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n ? n.parent : undefined;
        const at = importedDeclaration(n, rel, scanner.modules!) ?? (member && importedDeclaration(member, rel, scanner.modules!));
        const state = at && ts.isIdentifier(at.decl.name) ? at.decl.name.text : undefined;
        const use = state && kept.get(path.resolve(root, at!.module.path))?.get(state);
        if (use) found = { state: state!, use };
        return undefined;
      });
      return found;
    };
    /**
     * The text of a file left unchanged for the state keyed by the session id it keeps itself
     * (`leaking`, found in the rewritten text), with markers at that state (heldStateMarkers), at
     * the findings of the file as it was from the lines those came from. Not for a file that is not
     * valid UTF-8, which is never written.
     */
    const markHeldState = (file: FileFix, leaking: readonly Finding[], whyLeft: (f: Finding) => string | undefined): { text: string; inserted: PlacedMarker[] } | undefined => {
      const r = readAt.get(file.absolute);
      const style = r && commentStyle(r.kind, r.rel);
      const own = leaking.filter((f) => f.file === file.file);
      if (!r || !style || r.latin1 || own.length === 0) return undefined;
      const before = findingsBefore(file);
      const found = own.flatMap((f) => before.filter((b) => b.ruleId === f.ruleId && b.line === lineOnDisk(f)).slice(0, 1));
      if (found.length === 0) return undefined;
      const sourceFile = parseFile(file.before, r.rel);
      return insertMarkers(file.before, heldStateMarkers(sourceFile, found, (f) => keptStateAt(sourceFile, r.rel, f.line), whyLeft), style, 'fix', sourceFile);
    };
    for (const { file, sharedState: keyedState, serverState, serverAdvice, recordState, leakingStates, leaking, remains } of reviewDispatchLeavingState(files, after.filter((f) => !handedOnly(f)), samePackage, lineOnDisk, findingsBefore, findingText, onServerOf)) {
      const sharedState = keyedState ?? recordState?.state ?? serverState;
      const advice = keyedState ? 'give that state an explicit handle (or key it by the caller the request authenticates)' : recordState ? recordState.advice : (serverAdvice ?? 'keep that state in a shared store under a handle the tools take, or outside the server');
      const manifest = manifests.of(file.absolute);
      // State keyed by the session id that stays: every caller would share one entry of it (trial
      // 43A: one user read another's game). Not written, whatever the options: the state first. In a
      // package moving to v2, whose code cannot be half on each SDK, the package stays on v1.
      // Why explicit-handles moved none of it, from the markers it left in the package on that
      // state, this run's or an earlier one's (those of this file go with the rest of its changes;
      // trial 50A: a Set value, a Date, a timed sweep).
      const names = [...(leakingStates ?? [])];
      const onState = (message: string) => names.some((name) => message.startsWith(`${name} `));
      const leftMarkers = sharedState ? files.filter((f) => manifests.of(f.absolute) === manifest).flatMap((f) => f.markers.filter((m) => m.codemod === 'explicit-handles' && onState(m.message))) : [];
      /** The first sentence of a marker: what explicit-handles found (every reason, where it found several). */
      const firstSentence = (message: string) => message.split(/(?<=\.) /)[0].replace(/\.$/, '');
      const why = [...new Set(leftMarkers.map((m) => firstSentence(m.message)))];
      // Per state, for the marker that stands where its own stood (the file is left as it was).
      const whyLeft = (f: Finding) => {
        const marker = leftMarkers.find((m) => names.some((name) => m.message.startsWith(`${name} `) && f.message.startsWith(`${name} `)));
        return marker && firstSentence(marker.message);
      };
      const because = why.length > 0 ? `; not moved by explicit-handles: ${why.slice(0, 3).join('; ')}${why.length > 3 ? `; and ${why.length - 3} more` : ''}` : '';
      if (sharedState && target === '2026-07-28' && manifest && !staysOnV1(manifest)) {
        failedMoves.set(manifest, failedMoves.get(manifest) ?? `making the transport of ${file.file} stateless would leave ${sharedState}${because}; ${advice}, then run fix again`);
        continue;
      }
      if (sharedState) {
        // (Asked before the rewrite is undone: its lines are those of the rewritten text.)
        const held = keyedState && leaking ? markHeldState(file, leaking, whyLeft) : undefined;
        leaveAsIs(file, `left unchanged: making its transport stateless would leave ${sharedState}${because}; ${advice}, then run fix again${held ? ' (marked where this file keeps it)' : ''}`);
        if (held) {
          file.after = held.text;
          file.markers = markersIn(existingMarkers(file.before), held.text, held.inserted);
          rewritten.set(file.absolute, held.text);
        }
        failed++;
      } else if (options.safeOnly) {
        leaveAsIs(file, `left unchanged under --safe-only: its transport rewrite is one to review while ${remains} remains (run without --safe-only to see it)`);
      } else continue;
      left.add(manifest);
    }
    // The CORS lists of a package whose transport stays sessionful keep its session header: browser
    // clients still read and send it (review 45), in code or in a proxy's configuration; so does
    // its load balancer's stickiness (sticky-config's, trial 77B B5: no longer marked by cors-headers-config too).
    for (const file of files) {
      if (left.size === 0 || !left.has(manifests.of(file.absolute)) || !file.codemods.some((id) => id.startsWith('cors-headers') || id === 'sticky-config') || file.after === file.before) continue;
      leaveAsIs(file, `left unchanged${file.codemods.length > 1 ? ' (all of its changes)' : ''}: ${keptForSessions(file)} a transport this run left sessionful (see the message about it), which still sends and reads Mcp-Session-Id`);
    }
  }
  if (failedMoves.size > 0) return { heldAfterFailure: failedMoves };
  // Session state explicit-handles moved into the shared store in one module that another module of
  // the run still uses as this run leaves it (a cleanup in a transport the run left sessionful, an
  // admin route's count): outside a tool call naming its handle that use throws (trial 76B B1:
  // DELETE answered 500). The run starts over with that state left where it is, marked with the use.
  {
    const moved = new Map<string, Set<string>>();
    for (const f of files) {
      if (f.created || f.after === f.before || !f.codemods.includes('explicit-handles')) continue;
      const earlier = f.before.includes('handleState') ? handleStores(parseFile(f.before, f.file)) : new Set<string>();
      const names = [...handleStores(parseFile(f.after, f.file))].filter((name) => !earlier.has(name));
      if (names.length > 0) moved.set(f.absolute, new Set(names));
    }
    // (Every importer of the packages that declare it, not only the run's files: one a path or
    // --exclude leaves out, a test file, a dynamic import() or require(); review 95.)
    const found = new Map<string, Map<string, string>>();
    const project = moved.size > 0 ? await projectModules(moved.keys()) : undefined;
    for (const user of project ? project.modules.importersOf(moved.keys()) : []) {
      const text = moduleText(user) ?? outsideText(user);
      if (text === undefined) continue;
      // (A file above the run's folder, named from it: `../server.ts` of `fix src/tools`.)
      const shown = path.isAbsolute(relative(user)) ? path.relative(root, user).split(path.sep).join('/') : relative(user);
      for (const use of strayHandleStateUses(parseFile(text, shown), project!.label(user), project!.modules, project!.top, moved, shown)) {
        const states = found.get(use.file) ?? new Map<string, string>();
        if (!states.has(use.state) && !kept.get(use.file)?.has(use.state)) found.set(use.file, states.set(use.state, use.text));
      }
    }
    // State moved across modules where this run did not rewrite one of its modules after all (a
    // rewrite refused, an edit conflict): its helpers would run outside any handle's scope, or its
    // tools would wrap a Map. Left as a whole.
    for (const [absolute, states] of crossStates) {
      for (const [name, state] of states) {
        if (state.from === undefined || name !== state.state) continue;
        const declaring = path.resolve(root, state.declaredIn);
        const text = rewritten.get(absolute) ?? moduleText(absolute) ?? '';
        const wrapped = new RegExp(`\\b(withHandle|mintingHandle|mintHandle)\\(\\s*\\[?\\s*${state.state}\\b`).test(text);
        if (moved.get(declaring)?.has(state.state) === wrapped) continue;
        const states = found.get(declaring) ?? new Map<string, string>();
        if (!states.has(state.state) && !kept.get(declaring)?.has(state.state)) found.set(declaring, states.set(state.state, `the tools of ${relative(absolute)}, which this run left as they were`));
      }
    }
    if (found.size > 0) return { keptStates: found };
  }
  // The project rules that read deployment config (state-store-url) judge the project as this run
  // leaves it: the mcp-state module explicit-handles adds is in no file as read (trial 75A B6: fix
  // said "0 finding(s) left for a person", and scan then found a Deployment of 3 replicas that sets
  // no MCP_STATE_URL). Left for a person, and marked in the config where explicit-handles ran.
  {
    const texts = [
      ...read.map((r) => ({ rel: r.rel, absolute: r.absolute, kind: r.kind, text: moduleText(r.absolute)!, ...(r.bom ? { bom: true } : {}), ...(r.latin1 ? { latin1: true } : {}) })),
      ...files.flatMap((f) => {
        const kind = f.created ? classifyFile(f.absolute) : undefined;
        return kind ? [{ rel: f.file, absolute: f.absolute, kind, text: f.after }] : [];
      }),
    ];
    const inRun = new Map(texts.map((t) => [t.rel, t.text]));
    const tree: ProjectTree = {
      exists: (file) => inRun.has(file) || fs.existsSync(path.join(root, file)),
      read: (file) => inRun.get(file) ?? outsideText(path.join(root, file)),
      imports: (file) => [...scanner.modules!.importsOf([path.join(root, file)])].map(relative),
    };
    const mark = [...codemods, ...v1Codemods].some((c) => c.id === 'explicit-handles');
    projectLeft.push(...deploymentLeft(projectOn.filter((rule) => rule.configDefinitions), texts, files, tree, options.severities ?? {}, mark));
  }
  // Listed in the order the files were read, whatever order they were rewritten in.
  {
    const position = new Map(read.map((r, i) => [r.absolute, i]));
    const rank = (f: FileFix) => position.get(f.absolute) ?? (position.get(createdBy.get(f.absolute) ?? '') ?? read.length) + 0.5;
    files.sort((a, b) => rank(a) - rank(b));
  }
  // Test files this run left alone (without --include-tests): those of a package that moves to v2
  // and still import the v1 SDK are said with its manifest.
  // (Those the walk finds only with tests included: not a file the run skipped for another
  // reason, compiled output beside its source, trial 48C.)
  const skippedTests: string[] = [];
  if (target === '2026-07-28' && !options.includeTests && !options.onlyFiles) {
    const withoutTests = new Set(discovery.files.map((f) => f.absolute));
    for (const f of (await discoverFiles(inputs, { ...selection, includeTests: true }, cwd)).files) if (f.kind.type === 'code' && !withoutTests.has(f.absolute)) skippedTests.push(f.absolute);
  }
  // The packages on sdk-v1 by their own default get no v2 packages either.
  // Per manifest: the dependencies the files still asking asked for, and which codemods asked.
  const dependencyRequests = new Map<string, { dependencies: Record<string, string>; codemods: Set<string> }>();
  for (const [absolute, result] of requestsByFile) {
    const manifest = manifests.of(absolute);
    if (!manifest) continue;
    const request = dependencyRequests.get(manifest) ?? { dependencies: {}, codemods: new Set<string>() };
    Object.assign(request.dependencies, result.dependencies);
    for (const id of result.dependencyCodemods) request.codemods.add(id);
    dependencyRequests.set(manifest, request);
  }
  // Per package, a source file this run did not read (left out by --exclude, a path, the config's
  // include) that still imports the v1 SDK at run time: the SDK stays a runtime dependency (trial 52C).
  const sdkUsersOutside = target === '2026-07-28' ? await sdkImportersOutsideRun(read, files, codeFiles, manifests, reader, cwd) : new Map<string, string>();
  files.push(...manifestFixes(relative, manifests, read, files, target, dependencyRequests, staysOnV1, errors, skippedTests, sdkUsersOutside));
  const changed = files.filter((f) => f.after !== f.before);
  let formatter: FixResult['formatter'];
  if (!dryRun) {
    // The formatter runs only on files it had formatted before (asked before they are written):
    // on the others it would reformat lines the rewrite never touched.
    const format = options.format !== false && changed.length > 0 ? projectFormatter(root, manifests) : undefined;
    // Files the run creates (a shared state module) are new code: formatted, never asked about.
    const created = changed.filter((f) => !fs.existsSync(f.absolute)).map((f) => f.absolute);
    const existing = changed.filter((f) => !created.includes(f.absolute)).map((f) => f.absolute);
    // An untracked file fix would rewrite: no diff would show the change, nothing would take it back.
    const untracked = dirty?.untracked ?? [];
    // git names files by their real path (the top level comes resolved): compare real paths.
    const real = (file: string) => {
      try {
        return fs.realpathSync(file);
      } catch {
        return file;
      }
    };
    // A symlink's target is what is written: one outside the repository is in no diff of it either.
    const top = dirty ? real(manifests.repoTop()) : undefined;
    const exposed = existing.filter((file) => isUntracked(real(file), untracked) || (top !== undefined && leavesBase(path.relative(top, real(file)))));
    if (exposed.length > 0) {
      const target = linkTarget(exposed[0]);
      throw new FixError(
        `refusing to write: ${exposed.length} file(s) to rewrite are not tracked by git (e.g. ${toPosix(path.relative(cwd, exposed[0]))}${target !== exposed[0] ? `, a symlink to ${toPosix(path.relative(cwd, target))}` : ''}), so the rewrite could not be reviewed as a diff or undone. Commit them first, or pass --allow-dirty`,
      );
    }
    // Every file can be written, or none is (see writeFixes).
    refuseUnwritable(changed, cwd);
    // The formatter is handed the files themselves, not symlinks to them.
    const clean = format?.binary ? [...formattedAlready(format, root, existing.map(linkTarget)), ...created] : [];
    writeFixes(changed, cwd);
    if (format) formatter = runFormatter(format, root, clean, changed.length - clean.length);
    if (formatter?.ok) for (const f of changed) f.after = stripBom(fs.readFileSync(f.absolute, 'utf8'));
  } else if (options.format !== false && changed.length > 0) {
    // A preview says what the real run would add: the diff is the rewrite before formatting.
    const format = projectFormatter(root, manifests);
    if (format) {
      formatter = format.binary
        ? { name: format.name, ok: true, message: 'not run in a dry run (the diff is the rewrite before formatting); the real run formats the changed files it had formatted before' }
        : notInstalled(format.name);
    }
  }

  // What is left for a person: every file as it is after the run (rewritten or not), scanned
  // again only where its text changed since it was last scanned (the formatter's).
  const results = new Map(files.map((f) => [f.absolute, f.after]));
  const remaining = [...read.flatMap((f) => findingsIn(f, results.get(f.absolute) ?? f.text)), ...projectLeft];
  const all = files.flatMap((f) => f.changes);
  const lowered = offCodemods.length > 0 ? read.map((f) => f.text.toLowerCase()) : [];
  const skippedCodemods = offCodemods.filter((c) => lowered.some((lower) => keywordsMatch(c, lower))).map((c) => ({ id: c.id, rules: [...new Set(c.resolves.map((id) => (options.severities?.[id] !== undefined ? id : (ruleById(id)?.category ?? id))))] }));
  // Tools that still ask the client mid-call on a server this run made per request: it never sees
  // initialize, so the call fails on every request (trial 78A B3: the booking flow broke, exit 0).
  const perRequest = files.filter((f) => f.changes.some((c) => PER_REQUEST_REWRITE.test(c.description)));
  const askingBroken = perRequest.length === 0 ? [] : remaining.filter((f) => f.severity === 'error' && f.ruleId === 'stateful-tool' && !!f.reasons?.includes('server-request') && perRequest.some((file) => onServerOfRewrite?.(file, f) ?? false));
  const unusedHandleNames = Object.keys(options.handleNames ?? {}).filter((state) => !usedHandleNames.has(state));
  // (Of those, the states explicit-handles looked at and left: why, by state.)
  const refusedHandles = unusedHandleNames.flatMap((state) => (refusedHandleNames.has(state) ? [[state, refusedHandleNames.get(state)!] as const] : []));
  return {
    root: toPosix(root),
    target,
    dryRun,
    codemods: codemods.map((c) => c.id),
    files,
    errors,
    remaining,
    stayedOnV1: [...said].map((m) => relative(m)).sort(),
    ...(keptOnV2.size > 0 ? { keptOnV2: [...keptOnV2].map((m) => relative(m)).sort() } : {}),
    unusedHandleNames,
    ...(askingBroken.length > 0 ? { askingBroken } : {}),
    ...(refusedHandles.length > 0 ? { refusedHandleNames: Object.fromEntries(refusedHandles) } : {}),
    ...(skippedCodemods.length > 0 ? { skippedCodemods } : {}),
    ...(taken.size > 1 ? { targets: Object.fromEntries([...packageTargets].map(([m, t]) => [relative(m), t] as const).sort(([a], [b]) => a.localeCompare(b))) } : {}),
    formatter,
    summary: {
      filesChanged: changed.length,
      applied: all.length,
      safe: all.filter((c) => c.safety === 'safe').length,
      review: all.filter((c) => c.safety === 'review').length,
      marked: files.reduce((n, f) => n + writtenMarkers(f.markers).length, 0),
      removedMarkers: files.reduce((n, f) => n + (f.removedMarkers?.length ?? 0), 0),
      manual: remaining.length,
      failed,
    },
  };
}

/** The module-level stores of the mcp-state module a file declares (`const carts = handleState<Cart>('carts')`), by name. */
function handleStores(sf: TS.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of sf.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer && sharedStateStore(d.initializer)) names.add(d.name.text);
  }
  return names;
}

/**
 * Where the file `rel` uses, at run time, a store another module of the run declares that is among
 * `stores` (absolute path of that module → names): `carts.delete(id)` of `import { carts } from
 * './tools/cart.js'`, `state.carts.size` of a namespace import. Not a type (`typeof carts`), an
 * import or a re-export. The first use of each store, as its module's path, the store's name, and
 * the use quoted with its file (`` `carts.delete(id)` in src/server.ts ``; no line: the run may
 * rewrite or mark that file around it, and a marker that quoted one would change with each run),
 * named `shown` (the run's name for the file, where `rel` is the modules' own).
 */
function strayHandleStateUses(sf: TS.SourceFile, rel: string, modules: ModuleSource, root: string, stores: ReadonlyMap<string, ReadonlySet<string>>, shown = rel): Array<{ file: string; state: string; text: string }> {
  const imported = new Set([...relativeImportNames(sf), ...loadedModuleNames(sf)]);
  const found: Array<{ file: string; state: string; text: string }> = [];
  walk(sf, (n) => {
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n) || ts.isTypeNode(n)) return false;
    if (!ts.isIdentifier(n) || !imported.has(n.text) || isPropertyName(n)) return undefined;
    // (Not where a destructuring names it, `shelves` of `const { shelves: all } = await import(...)`: `all` is used.)
    if ((ts.isBindingElement(n.parent) || ts.isVariableDeclaration(n.parent)) && n !== n.parent.initializer) return undefined;
    // (A namespace's member, `state.carts`, as well as the name itself.)
    const member = ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n ? n.parent : undefined;
    let reference: TS.Expression = n;
    let at = importedDeclaration(n, rel, modules);
    if (!at && member) (reference = member), (at = importedDeclaration(member, rel, modules));
    const state = at && ts.isIdentifier(at.decl.name) ? at.decl.name.text : undefined;
    const file = at && path.resolve(root, at.module.path);
    if (!state || !file || !stores.get(file)?.has(state) || found.some((f) => f.file === file && f.state === state)) return undefined;
    // (Not where a tool call names its handle: the store handed to withHandle(), mintingHandle() or
    // mintHandle(), or a use in the handler they wrap, when the store is among those handed.)
    if (withinHandleScope(reference)) return undefined;
    // The use as written: the member it reads and the call it makes (`carts.delete(id)`).
    let use: TS.Node = reference;
    if (ts.isPropertyAccessExpression(use.parent) && use.parent.expression === use) use = use.parent;
    if (ts.isCallExpression(use.parent) && use.parent.expression === use) use = use.parent;
    found.push({ file, state, text: `${codeSpan(use.getText(sf).replace(/\s+/g, ' '), 50)} in ${shown}` });
    return undefined;
  });
  return found;
}

/** Whether `reference` is a store handed to a call of the mcp-state module (`withHandle(carts, ...)`), or is used in the handler such a call wraps, among the stores handed to it. */
function withinHandleScope(reference: TS.Expression): boolean {
  for (let n: TS.Node = reference; n.parent; n = n.parent) {
    const call = n.parent;
    if (!ts.isCallExpression(call) || !/^(withHandle|mintingHandle|mintHandle)$/.test(calleeName(call) ?? '') || !call.arguments.includes(n as TS.Expression)) continue;
    const stores = unwrap(call.arguments[0]);
    const handed = (ts.isArrayLiteralExpression(stores) ? stores.elements : [stores]).some((e) => unwrap(e).getText() === reference.getText());
    if (handed && (n === call.arguments[0] || n === call.arguments[call.arguments.length - 1])) return true;
  }
  return false;
}

/**
 * The names bound anywhere in `sf` to a module of the run loaded by a call, or to its exports:
 * `all` of `const { shelves: all } = await import('./tools/pantry.js')` in a route, `pantry` of
 * `const pantry = require('./pantry')` (relativeImportNames reads only the top level's imports).
 */
function loadedModuleNames(sf: TS.SourceFile): Set<string> {
  const names = new Set<string>();
  if (!/\b(?:import|require)\s*\(/.test(sf.text)) return names;
  walk(sf, (n) => {
    const specifier = ts.isVariableDeclaration(n) && n.initializer ? loadedModule(n.initializer) : undefined;
    if (specifier === undefined || !isRunSpecifier(specifier)) return undefined;
    const name = (n as TS.VariableDeclaration).name;
    if (ts.isIdentifier(name)) names.add(name.text);
    else if (ts.isObjectBindingPattern(name)) for (const el of name.elements) if (ts.isIdentifier(el.name)) names.add(el.name.text);
    return undefined;
  });
  return names;
}

/**
 * package.json edits, one per package: for the v2 target, the v2 packages the package's sources
 * import once rewritten (for every package whose sources the run changed); on any target, the
 * dependencies codemods asked for (the Redis client of the shared state module). Each edit names
 * the codemods it is for. What it leaves to a person (zod below the v2 floor) is said in `errors`.
 */
function manifestFixes(
  relative: (absolute: string) => string,
  manifests: Manifests,
  read: Array<{ absolute: string; text: string; kind: FileKind }>,
  fixes: FileFix[],
  target: FixTarget,
  dependencyRequests: Map<string, { dependencies: Record<string, string>; codemods: Set<string> }>,
  heldBack: (manifest: string) => boolean,
  /** Where a step left to a person (a dependency not raised) is said. */
  errors: ScanError[],
  /** Test files the run did not read (absolute paths). */
  skippedTests: readonly string[] = [],
  /** Per manifest, a source file of its package the run did not read that imports the v1 SDK (sdkImportersOutsideRun). */
  sdkUsersOutside: ReadonlyMap<string, string> = new Map(),
): FileFix[] {
  const byManifest = new Map<string, Set<string>>();
  const touched = new Set<string>();
  /** Packages whose sources import zod (a zod below the v2 floor is said only for them). */
  const zodUsers = new Set<string>();
  /** Packages whose sources register tools or prompts (with zod, where they import it: what needs zod 4.2). */
  const registering = new Set<string>();
  /** Workspace roots that get the v2 packages of the packages below them that take the SDK from them: they keep the SDK (packages this run did not read may use it). */
  const providers = new Set<string>();
  /** Packages into whose sources the run brought the first import of zod (`z.object({})` for an empty shape): zod is declared for them. */
  const zodIntroduced = new Set<string>();
  /** Per package, the MCP packages the run brought into files that did not import them (what it may have to declare). */
  const introducedBy = new Map<string, Set<string>>();
  /** Per package, the packages the v1 SDK depends on that its migrated sources import (express through the SDK). */
  const sdkDependenciesBy = new Map<string, Set<string>>();
  /** Packages whose sources import zod, whatever the target: a v1 SDK raised for them must not outgrow their zod (trial 60C B1). */
  // (By the package's own manifest and its SDK's provider's, whichever gets the SDK, with the
  // package's own zod: a workspace root has none of its own; review 78.)
  const zodImporters = new Map<string, string | undefined>();
  for (const file of read) {
    const own = file.kind.type === 'code' && /\bzod\b/.test(file.text) ? manifests.of(file.absolute) : undefined;
    if (!own || zodImporters.has(own) || ![...importedModules(file.text)].some((m) => m === 'zod' || m.startsWith('zod/'))) continue;
    const zod = manifests.installedVersion('zod', own) ?? manifests.dependenciesOfManifest(own).zod;
    zodImporters.set(own, zod);
    const provider = manifests.sdkProvider(own);
    if (provider && !zodImporters.has(provider)) zodImporters.set(provider, zod);
  }
  if (target === '2026-07-28') {
    const fixByFile = new Map(fixes.map((f) => [f.absolute, f]));
    for (const file of read) {
      if (file.kind.type !== 'code') continue;
      const own = manifests.of(file.absolute);
      if (!own || heldBack(own)) continue;
      const provider = manifests.sdkProvider(own);
      if (provider) providers.add(provider);
      const manifest = provider ?? own;
      const fix = fixByFile.get(file.absolute);
      if (fix && fix.after !== fix.before) touched.add(manifest);
      const imports = byManifest.get(manifest) ?? new Set<string>();
      const now = mcpImports(fix ? fix.after : file.text);
      for (const name of now) imports.add(name);
      byManifest.set(manifest, imports);
      const had = fix && fix.after !== fix.before ? mcpImports(fix.before) : now;
      const added = introducedBy.get(manifest) ?? new Set<string>();
      for (const name of now) if (!had.has(name)) added.add(name);
      introducedBy.set(manifest, added);
      // The HTTP frameworks from any source file (the entry that mounts the server may import no
      // SDK); the SDK's other dependencies only from files that serve MCP or that this run changed
      // (a build script's cross-spawn is no server's).
      const serving = (fix && fix.after !== fix.before) || mayServe(file.text);
      const through = sdkDependenciesBy.get(manifest) ?? new Set<string>();
      for (const name of sdkDependencyImports(importedModules(withoutTypeImports(fix ? fix.after : file.text)))) if (serving || HTTP_FRAMEWORKS.has(name)) through.add(name);
      sdkDependenciesBy.set(manifest, through);
      const zod = (text: string) => [...importedModules(text)].some((m) => m === 'zod' || m.startsWith('zod/'));
      // Its zod given the SDK's schemas counts as handing them zod schemas: its zod is not its own (trial 57C B2).
      if ((ZOD_SCHEMA_USE.test(file.text) && !isClientOnlyCode(file.text)) || zodTakesSdkSchemas(file.text, file.absolute)) registering.add(manifest);
      if (zod(file.text)) zodUsers.add(manifest);
      // The official codemod writes `z.object({})` for an empty raw shape, and imports zod to do it.
      else if (fix && fix.after !== fix.before && zod(fix.after)) zodIntroduced.add(manifest);
    }
  }
  const result: FileFix[] = [];
  for (const manifest of new Set([...touched, ...dependencyRequests.keys()])) {
    const before = manifests.text(manifest);
    if (before === undefined) continue;
    const changes: Change[] = [];
    const notes: string[] = [];
    const request = dependencyRequests.get(manifest);
    // A v1 SDK floor a codemod asked for (stateless transports on 1.10.2) where the package moves
    // to the v2 packages and declares no SDK: nothing it has imports the v1 SDK after the move, so
    // it is not added (trial 38B: a workspace root gained `@modelcontextprotocol/sdk@^1.10.2`).
    const requested = { ...(request?.dependencies ?? {}) };
    // Nor raised where it declares one the migrated sources no longer import (trial 52C B4: "raised
    // ... (the code needs it)" beside "moved to devDependencies (the migrated sources no longer import it)").
    if (touched.has(manifest) && SDK_V1_PACKAGE in requested && !(declaresPackage(before, SDK_V1_PACKAGE) && byManifest.get(manifest)?.has(SDK_V1_PACKAGE))) delete requested[SDK_V1_PACKAGE];
    const after = updateManifest(before, touched.has(manifest) ? (byManifest.get(manifest) ?? new Set()) : undefined, changes, requested, manifests.inheritedBy(manifest), notes, manifests.catalogOf(manifest), { importsZod: zodUsers.has(manifest), zodSchemasToSdk: zodUsers.has(manifest) && registering.has(manifest), introducesZod: zodIntroduced.has(manifest) && !zodUsers.has(manifest), sdkPeerOf: touched.has(manifest) ? manifests.sdkPeerOf(manifest) : undefined, keepSdk: providers.has(manifest), introduced: introducedBy.get(manifest) ?? new Set(), sdkDependencies: sdkDependenciesBy.get(manifest), sdkUsedBy: sdkUsersOutside.has(manifest) ? relative(sdkUsersOutside.get(manifest)!) : undefined, zodInstalled: zodImporters.get(manifest) });
    if (touched.has(manifest)) {
      const stale = staleTests(skippedTests.filter((file) => manifests.of(file) === manifest));
      if (stale.length > 0) {
        const names = stale.slice(0, 3).map(relative).join(', ');
        notes.push(`${stale.length} test file(s) of this package still use @modelcontextprotocol/sdk v1, directly or through a test helper (${names}${stale.length > 3 ? ', ...' : ''}), and fix leaves tests alone: where they hand v1 objects (a Client, an InMemoryTransport, a stubbed v1 McpServer) to the migrated v2 server, they stop compiling. Move them too (fix --include-tests --target 2026-07-28)`);
      }
    }
    // Dependencies changed (added, raised, moved between sections): the lockfile no longer matches, and `npm ci` refuses it.
    const lock = after !== undefined && after !== before ? manifests.lockfile(manifest) : undefined;
    if (lock) {
      const [install, frozen] = installsFor(lock.file, lock.text);
      notes.push(`the dependencies changed: run \`${install}\` to bring ${relative(lock.file)} up to date before a frozen install (\`${frozen}\`) in CI`);
    }
    for (const message of notes) errors.push({ file: relative(manifest), message });
    if (after === undefined) continue;
    const codemods = [...(touched.has(manifest) ? ['v2-handler'] : []), ...(request?.codemods ?? [])];
    result.push({ file: relative(manifest), absolute: manifest, before, after, changes, markers: [], codemods: [...new Set(codemods)], ...(manifests.hasBom(manifest) ? { bom: true } : {}) });
  }
  return result;
}

/** The v1 SDK's package. */
const SDK_V1_PACKAGE = '@modelcontextprotocol/sdk';
/** The v2 packages a package already moved declares. */
const V2_PACKAGES = ['@modelcontextprotocol/server', '@modelcontextprotocol/node', '@modelcontextprotocol/client', '@modelcontextprotocol/core'];

/** Whether a manifest's text declares a package in any of its dependency sections (false when it is no JSON). */
function declaresPackage(manifest: string, name: string, sections: readonly string[] = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']): boolean {
  try {
    const json = JSON.parse(manifest) as Record<string, Record<string, string> | undefined>;
    return sections.some((section) => typeof json[section] === 'object' && json[section] !== null && name in json[section]!);
  } catch {
    return false;
  }
}

/** The files a relative specifier may name: with or without its extension, or a .ts source for a .js. */
function relativeCandidates(from: string, specifier: string): string[] {
  const target = path.resolve(path.dirname(from), specifier);
  const bare = target.replace(/\.[cm]?[jt]sx?$/, '');
  return [target, ...['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.js'].map((ext) => bare + ext)];
}


/** A v1 registration on a receiver conventionally named for the server (`server.tool(`, `this.server.prompt(`, `mcp.tool(`, trial 41C): the receivers MCP_MARKER knows (`server.tool(`) and the other conventional names. */
const V1_CALL_ON_SERVER = new RegExp(`(?<![\\w$])(?:this\\s*\\.\\s*)?(?:${CONVENTIONAL_SERVER_NAMES.join('|')})\\s*\\.\\s*(?:tool|prompt|resource)\\s*\\(`);
/** The SDK module of v1's McpServer. */
const SDK_MCP_SERVER_MODULE = '@modelcontextprotocol/sdk/server/mcp.js';

/**
 * Whether the transport shared-server says requests reuse (`reused`) is still so after the
 * rewrite that builds such a transport per request (built-once, part of stateless-transport): it
 * moves only the shape it knows.
 */
function stillReused(text: string, rel: string, kind: FileKind, reused: Finding, scanner: Scanner): boolean {
  const sourceFile = parseFile(text, rel);
  const rewritten = applyPerRequestTransports(text, sourceFile, { cachedServers: new Set(cachedServerGetters(sourceFile)) });
  if (rewritten.text === text) return true;
  const name = reused.state?.[0];
  return scanner.scanText(rel, rewritten.text, kind).findings.some((f) => f.ruleId === 'shared-server' && f.reasons?.includes('reused-transport') && f.state?.[0] === name);
}

/** Modules of a package that re-export another's, followed this far (`./index` → `./types` → the SDK). */
const RE_EXPORT_DEPTH = 3;

/**
 * The code files of the run that import the SDK's McpServer from a module of their own package
 * (`import type { McpServer } from './types'`, where types.ts has `export type { McpServer } from
 * '@modelcontextprotocol/sdk/server/mcp.js'`, or imports it and exports it), or that call v1's
 * registrations on a server they are handed and import nothing of the SDK: file → the SDK module.
 * Re-exports are followed through the package's modules read by this run, RE_EXPORT_DEPTH deep;
 * only files that name McpServer and import it from a relative path are parsed.
 */
function reExportedMcpServers(read: ReadonlyArray<{ rel: string; absolute: string; text: string; kind: FileKind }>, packageOf: (file: string) => string | undefined): Map<string, string> {
  const found = new Map<string, string>();
  const code = new Map(read.filter((r) => r.kind.type === 'code').map((r) => [r.absolute, r]));
  const parsed = new Map<string, TS.SourceFile>();
  const parse = (file: { rel: string; absolute: string; text: string }) => {
    let sourceFile = parsed.get(file.absolute);
    if (!sourceFile) parsed.set(file.absolute, (sourceFile = parseFile(file.text, file.rel)));
    return sourceFile;
  };
  /** The module of the same package a relative specifier names. */
  const moduleAt = (from: string, specifier: string) => {
    if (!specifier.startsWith('.')) return undefined;
    const file = relativeCandidates(from, specifier).map((candidate) => code.get(candidate)).find((f) => f !== undefined);
    return file && packageOf(file.absolute) === packageOf(from) ? file : undefined;
  };
  /** The SDK module `name`, taken from `module` by `from`, is McpServer of. */
  const origin = (from: string, module: string, name: string, depth: number): string | undefined => {
    if (SDK_MODULE.test(module)) return name === 'McpServer' ? module : undefined;
    const next = depth > 0 ? moduleAt(from, module) : undefined;
    return next && exported(next, name, depth - 1);
  };
  /** The SDK module the export `name` of `file` is McpServer of. */
  const exported = (file: { rel: string; absolute: string; text: string }, name: string, depth: number): string | undefined => {
    const sourceFile = parse(file);
    for (const statement of sourceFile.statements) {
      if (!ts.isExportDeclaration(statement)) continue;
      const from = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
      // `export * from '...'`: McpServer's own module, or one of the package's that may export it.
      if (!statement.exportClause) {
        if (from && (!SDK_MODULE.test(from) || /\/server\/mcp(\.js)?$/.test(from))) {
          const through = origin(file.absolute, from, name, depth);
          if (through) return through;
        }
        continue;
      }
      if (!ts.isNamedExports(statement.exportClause)) continue;
      const element = statement.exportClause.elements.find((e) => e.name.text === name);
      if (!element) continue;
      const inner = (element.propertyName ?? element.name).text;
      if (from) return origin(file.absolute, from, inner, depth);
      // `export { McpServer }` of what the file imports.
      for (const i of moduleImports(sourceFile)) {
        const binding = !i.cjs ? i.named?.find((e) => e.name.getText(sourceFile) === inner) : undefined;
        if (binding) return origin(file.absolute, i.module, importedName(binding), depth);
      }
      return undefined;
    }
    return undefined;
  };
  for (const file of code.values()) {
    // A tools module handed the server that names nothing of the SDK (plain JavaScript,
    // `export function register(server) { server.tool(...) }`): its v1 calls convert only as if it
    // imported McpServer, and left as they are they crash the v2 server at startup (trial 36B).
    if (!file.text.includes('@modelcontextprotocol/') && !file.text.includes('McpServer') && V1_CALL_ON_SERVER.test(file.text) && isMcpCode(file.text)) {
      found.set(file.absolute, SDK_MCP_SERVER_MODULE);
      continue;
    }
    if (!file.text.includes('McpServer') || !/\bfrom\s*['"]\./.test(file.text)) continue;
    for (const i of moduleImports(parse(file))) {
      if (i.cjs || !i.module.startsWith('.')) continue;
      // Every name that may be it (`import { McpServerOptions, McpServer }`: not the first alone).
      const module = i.named?.filter((e) => /McpServer/.test(importedName(e))).map((e) => origin(file.absolute, i.module, importedName(e), RE_EXPORT_DEPTH)).find((m) => m !== undefined);
      if (module) {
        found.set(file.absolute, module);
        break;
      }
    }
  }
  return found;
}

/**
 * Per package whose SDK the run would move out of its runtime dependencies (it declares it there,
 * the run changed some of its code, and none of what it read imports the SDK once rewritten), the
 * first source file of the package that discovery did not find (left out by --exclude, a path, the
 * config's include; tests and build output left out, as a scan leaves them) and that imports the
 * SDK other than for its types: code that still needs it installed at run time. Read as the run
 * reads (the size limit; a bundle or compiled output beside its source is none).
 */
async function sdkImportersOutsideRun(read: ReadonlyArray<{ absolute: string; text: string; kind: FileKind }>, fixes: readonly FileFix[], found: ReadonlySet<string>, manifests: Manifests, reader: FileReader, cwd: string): Promise<Map<string, string>> {
  const users = new Map<string, string>();
  const fixByFile = new Map(fixes.map((f) => [f.absolute, f]));
  const moving = new Map<string, boolean>();
  for (const file of read) {
    const manifest = file.kind.type === 'code' ? manifests.of(file.absolute) : undefined;
    if (!manifest || moving.get(manifest) === false) continue;
    const fix = fixByFile.get(file.absolute);
    if (mcpImports(fix ? fix.after : file.text).has(SDK_V1_PACKAGE)) moving.set(manifest, false);
    else if (fix && fix.after !== fix.before) moving.set(manifest, true);
  }
  for (const [manifest, moves] of moving) {
    const text = manifests.text(manifest);
    if (!moves || text === undefined || !declaresPackage(text, SDK_V1_PACKAGE, ['dependencies', 'peerDependencies'])) continue;
    const { files } = await discoverFiles([path.dirname(manifest)], {}, cwd);
    const code = new Set(files.filter((f) => f.kind.type === 'code').map((f) => f.absolute));
    for (const file of files) {
      if (file.kind.type !== 'code' || found.has(file.absolute) || manifests.of(file.absolute) !== manifest) continue;
      const outcome = reader.read(file.absolute, file.regular);
      const source = outcome.ok ? decodeText(outcome.bytes) : undefined;
      if (!source?.includes(SDK_V1_PACKAGE) || skipsAsBundle(source, undefined, file.absolute) || compiledBesideSource(file.absolute, source, (p) => code.has(p))) continue;
      if (mcpImports(withoutTypeImports(source)).has(SDK_V1_PACKAGE)) {
        users.set(manifest, file.absolute);
        break;
      }
    }
  }
  return users;
}

/**
 * The test files among these that use the v1 SDK: those that import it, and those that import
 * (by a relative path) one that does, a test helper (heroku-mcp-server's 11 specs use a
 * v1-typed `mcp-tool-mocks.spechelper.ts`), as deep as helpers go.
 */
function staleTests(tests: readonly string[]): string[] {
  const imports = new Map<string, Set<string>>();
  for (const file of tests) {
    try {
      imports.set(file, importedModules(fs.readFileSync(file, 'utf8')));
    } catch {
      imports.set(file, new Set());
    }
  }
  const stale = new Set(tests.filter((file) => [...imports.get(file)!].some((m) => SDK_MODULE.test(m))));
  for (let grew = true; grew; ) {
    grew = false;
    for (const file of tests) {
      if (stale.has(file)) continue;
      const viaHelper = [...imports.get(file)!].some((m) => m.startsWith('.') && relativeCandidates(file, m).some((candidate) => stale.has(candidate)));
      if (viaHelper) {
        stale.add(file);
        grew = true;
      }
    }
  }
  return tests.filter((file) => stale.has(file));
}

/** Whether `pos` is inside a string, template or JSX text of the file (where a `// TODO(mcp-migrate)` line is text, not a comment). */
function inLiteral(sourceFile: TS.SourceFile, pos: number): boolean {
  const node = nodeAt(sourceFile, pos);
  return ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isTemplateExpression(node) || ts.isJsxText(node);
}

/** The first line (1-based) at or below `line` that is not a comment: the code a marker above it stands for. */
function codeBelow(lines: readonly string[], line: number): number {
  while (line < lines.length && CODE_COMMENT_LINE.test(lines[line - 1])) line++;
  return line;
}

/** The markers of what stops compiling on v2 (typeMisfits), which a later run judges again on the code as it is. */
const TYPE_MISFIT_MARKER = /^(this \S+ handler returns |the v2 server info has no )/;

/** A misfit marker's kind: its text up to the first name it quotes (`the v2 server info has no `). */
function misfitKind(message: string): string {
  return message.split('`')[0];
}

/**
 * The markers an earlier run wrote (in `before`, laid out as this tool writes them) that this run
 * did not write again and whose reason its rewrites took away, at their lines in `after` (and
 * `earlier`, in `before`). Two kinds can be told:
 * - the run's own marker for a finding it left (ownMarkerRule): gone when no finding of its rule
 *   is left that it carries or that stands in the statement below it;
 * - a codemod's refusal ("..., then run fix again"): the codemod looked again and did not refuse,
 *   so it is gone when this run rewrote the code around it (the function it is in, else the file)
 *   and no finding is left in the statement below it, nor one in the run about the code it names
 *   (shared-server's `getMcpServer() hands out one server` in another file). Not under --safe-only,
 *   where a codemod may hold back without a word.
 * A person's own TODO(mcp-migrate) notes and any other marker are never taken.
 */
function goneMarkers(run: {
  before: string;
  after: string;
  rel: string;
  changes: readonly Change[];
  reported: readonly PlacedMarker[];
  found: readonly Finding[];
  elsewhere: (names: readonly string[]) => Finding[];
  refusals: boolean;
}): Array<FoundMarker & { earlier: number }> {
  const beforeLines = run.before.split('\n');
  const earlier = findMarkers(beforeLines);
  const again = new Set(run.reported.map((m) => markerMessage(m.message)));
  const lines = run.after.split('\n');
  const now = findMarkers(lines);
  /** The same marker in `before`: the one as many of its kind down the file. */
  const earlierOf = (m: FoundMarker) => {
    const same = earlier.filter((e) => e.message === m.message);
    return same[Math.min(same.length - 1, now.filter((n) => n.message === m.message).indexOf(m))];
  };
  const candidates = now.filter(
    (m) => !again.has(m.message) && earlier.some((e) => e.message === m.message) && inMarkerLayout(lines, m) && (ownMarkerRule(m.message) !== undefined || (run.refusals && isRefusalMarker(m.message)) || TYPE_MISFIT_MARKER.test(m.message)),
  );
  if (candidates.length === 0) return [];
  const tree = parseFile(run.after, run.rel);
  // What stops compiling on v2, as the move wrote it, judged again on the code as it is now (trial
  // 56C B2: the tools/list handler annotated since).
  let misfits: Set<string> | undefined;
  let beforeTree: TS.SourceFile | undefined;
  const gone: Array<FoundMarker & { earlier: number }> = [];
  for (const m of candidates) {
    if (inLiteral(tree, tree.getLineStarts()[m.line - 1])) continue;
    const { statement } = commentableSpan(tree, codeBelow(lines, m.line + m.lines));
    const below = (f: Finding) => f.line >= statement.start && f.line <= statement.end;
    const was = earlierOf(m);
    const rule = ownMarkerRule(m.message);
    if (TYPE_MISFIT_MARKER.test(m.message)) {
      // (Kept while a misfit of its kind is left, also one fixed in part, whose names changed: review 73.)
      misfits ??= new Set(typeMisfits(tree).map((x) => misfitKind(markerMessage(x.message))));
      if (misfits.has(misfitKind(m.message))) continue;
    } else if (rule !== undefined) {
      if (run.found.some((f) => f.ruleId === rule && (m.message.includes(markerMessage(findingAsMarked(f.message))) || below(f)))) continue;
    } else {
      beforeTree ??= parseFile(run.before, run.rel);
      const around = commentableSpan(beforeTree, codeBelow(beforeLines, was.line + was.lines)).route ?? { start: 1, end: beforeLines.length };
      if (!run.changes.some((c) => c.line >= around.start && c.line <= around.end)) continue;
      if (run.found.some((f) => f.severity !== 'info' && below(f))) continue;
      const names = markerCode(m.message);
      const naming = (f: Finding) => f.severity !== 'info' && names.includes(findingCodeOf(f) ?? '');
      // This file's findings first: the other files are scanned only when none of these names it
      // (elsewhere returns only findings that name one of them).
      if (run.found.some(naming) || run.elsewhere(names).some((f) => f.severity !== 'info')) continue;
    }
    gone.push({ ...m, earlier: was.line });
  }
  return gone;
}

/**
 * The markers of a rewritten text at their final lines: each attributed to the codemod that
 * reported it, and new unless the original text (`earlier`: its markers) already had as many of it.
 */
function markersIn(earlier: readonly PlacedMarker[], after: string, reported: readonly PlacedMarker[]): PlacedMarker[] {
  const by = new Map(reported.map((m) => [markerMessage(m.message), m.codemod]));
  const old = new Map<string, number>();
  for (const m of earlier) old.set(m.message, (old.get(m.message) ?? 0) + 1);
  return existingMarkers(after).map((m) => {
    const left = old.get(m.message) ?? 0;
    if (left > 0) old.set(m.message, left - 1);
    return { ...m, codemod: by.get(m.message) ?? m.codemod, inserted: left === 0 };
  });
}

/**
 * Removes the markers an earlier run left stacked with a marker this run added (above the same
 * line) and that this run did not write again: the new advice replaces them. A run for 2026-07-28
 * after one for sdk-v1 would otherwise leave both, the older one recommending a v1 transport.
 */
function dropSupersededMarkers(earlier: readonly PlacedMarker[], after: string, reported: readonly PlacedMarker[]): string {
  if (earlier.length === 0) return after;
  const old = new Set(earlier.map((m) => m.message));
  const now = new Set(reported.map((m) => markerMessage(m.message)));
  const lines = after.split('\n');
  const drop: FoundMarker[] = [];
  let group: FoundMarker[] = [];
  const settle = () => {
    if (group.some((m) => !old.has(m.message))) drop.push(...group.filter((m) => old.has(m.message) && !now.has(m.message)));
    group = [];
  };
  for (const m of findMarkers(lines)) {
    const last = group.at(-1);
    if (last && last.line + last.lines !== m.line) settle();
    group.push(m);
  }
  settle();
  return withoutMarkers(lines, drop).join('\n');
}

/** `TODO(mcp-migrate): ...` comments already in a text (at their first lines). */
function existingMarkers(text: string): PlacedMarker[] {
  if (!text.includes(MARKER_TAG)) return [];
  return findMarkers(text.split('\n')).map((m) => ({ line: m.line, message: m.message, link: m.link, codemod: 'earlier run', inserted: false }));
}

interface Formatter {
  name: 'biome' | 'prettier';
  binary?: string;
  /** Arguments the project's own script gives it (`--config ./.prettier.mjs`). */
  args?: string[];
}

/**
 * The configuration file a package's script hands Prettier (`prettier --config ./.prettier.mjs
 * --check src`, heroku-mcp-server): a name Prettier does not look for by itself. Absolute, and
 * only when it exists.
 */
function scriptedPrettierConfig(scripts: Record<string, unknown> | undefined, dir: string): string | undefined {
  for (const script of Object.values(scripts ?? {})) {
    if (typeof script !== 'string') continue;
    // Prettier as the command (`prettier ...`, `npx prettier ...`), not `prettier-eslint` or eslint's `--plugin prettier`.
    const config = /(?:^|&&|\|\||[;|(])\s*(?:(?:npx|bunx|pnpm(?:\s+exec)?|yarn)\s+)?prettier\s[^&|;]*?--config(?:=|\s+)(?:"([^"]+)"|'([^']+)'|([^\s"']+))/.exec(script);
    const file = config && path.resolve(dir, config[1] ?? config[2] ?? config[3]);
    if (file && fs.existsSync(file)) return file;
  }
  return undefined;
}

/** Prettier or Biome, when the project configures one (`binary`: when it is installed); `top`: the repository's top. */
function projectFormatter(root: string, manifests: Manifests): Formatter | undefined {
  // The run's folder and those above it up to the repository's top (a package of a monorepo).
  const top = manifests.repoTop();
  const dirs = foldersUpTo(root, top);
  if (dirs.length === 0) dirs.push(root, top);
  const has = (names: string[]) => dirs.some((d) => names.some((n) => fs.existsSync(path.join(d, n))));
  const bin = (name: string) => dirs.map((d) => path.join(d, 'node_modules', '.bin', name)).find((p) => fs.existsSync(p));
  if (has(['biome.json', 'biome.jsonc'])) return { name: 'biome', binary: bin('biome') };
  const prettierFiles = ['.prettierrc', '.prettierrc.json', '.prettierrc.json5', '.prettierrc.yaml', '.prettierrc.yml', '.prettierrc.toml', '.prettierrc.js', '.prettierrc.cjs', '.prettierrc.mjs', '.prettierrc.ts', 'prettier.config.js', 'prettier.config.cjs', 'prettier.config.mjs', 'prettier.config.ts'];
  // Its own key in package.json, or Prettier among the dependencies or in a script (`prettier --check .` with its defaults).
  type Manifest = { prettier?: unknown; dependencies?: object; devDependencies?: object; scripts?: Record<string, unknown> };
  const manifestIn = (d: string) => manifests.json(path.join(d, 'package.json')) as Manifest | undefined;
  // The nearest script that hands Prettier a configuration file, wherever Prettier itself is declared.
  let config: string | undefined;
  for (const d of dirs) config ??= scriptedPrettierConfig(manifestIn(d)?.scripts, d);
  const inManifest = dirs.some((d) => {
    const pkg = manifestIn(d);
    if (!pkg) return false;
    return 'prettier' in pkg || 'prettier' in (pkg.devDependencies ?? {}) || 'prettier' in (pkg.dependencies ?? {}) || Object.values(pkg.scripts ?? {}).some((script) => typeof script === 'string' && /\bprettier\b/.test(script));
  });
  if (inManifest || has(prettierFiles)) return { name: 'prettier', binary: bin('prettier'), ...(config ? { args: ['--config', config] } : {}) };
  return undefined;
}

/** Of these files (as they are on disk), the ones the formatter would leave as they are. */
function formattedAlready(formatter: Formatter, root: string, files: string[]): string[] {
  if (formatter.name === 'prettier') {
    // One process for all: --list-different prints the files it would change (and exits 1 then).
    let listed: string;
    try {
      listed = execFileSync(formatter.binary!, [...(formatter.args ?? []), '--list-different', ...files], { cwd: root, stdio: 'pipe', encoding: 'utf8' });
    } catch (error) {
      const { status, stdout } = error as { status?: number; stdout?: string };
      if (status !== 1 || stdout === undefined) return [];
      listed = stdout;
    }
    const different = new Set(listed.split('\n').filter(Boolean).map((line) => path.resolve(root, line.trim())));
    return files.filter((file) => !different.has(path.resolve(root, file)));
  }
  // Biome exits 0 when a file is formatted and non-zero when it would change it (or cannot read it).
  return files.filter((file) => {
    try {
      execFileSync(formatter.binary!, ['format', file], { cwd: root, stdio: 'pipe' });
      return true;
    } catch {
      return false;
    }
  });
}

/** What is said of a formatter the project configures but has not installed. */
function notInstalled(name: string): NonNullable<FixResult['formatter']> {
  return { name, ok: false, message: `${name} is configured but not installed; run it on the changed files yourself` };
}

/** Runs the project's formatter on the files it had formatted before the rewrite. */
function runFormatter(formatter: Formatter, root: string, files: string[], skipped: number): FixResult['formatter'] {
  const { name, binary } = formatter;
  if (!binary) return notInstalled(name);
  const left = skipped > 0 ? `; ${skipped} changed file(s) it had not formatted before were left as the rewrite wrote them` : '';
  if (files.length === 0) return { name, ok: true, message: `not run${left}` };
  try {
    const write = (list: string[]) => execFileSync(binary, name === 'prettier' ? [...(formatter.args ?? []), '--write', ...list] : ['format', '--write', ...list], { cwd: root, stdio: 'pipe' });
    write(files);
    // Prettier does not always settle in one pass (a long chained call it breaks, then joins
    // again): the files it would still change are written again, so its --check passes after fix.
    for (let pass = 0, unsettled = name === 'prettier' ? files : []; pass < 2 && unsettled.length > 0; pass++) {
      const settled = new Set(formattedAlready(formatter, root, unsettled));
      unsettled = unsettled.filter((file) => !settled.has(file));
      if (unsettled.length === 0) break;
      write(unsettled);
    }
    return { name, ok: true, ...(left ? { message: `formatted ${files.length} file(s)${left}` } : {}) };
  } catch (error) {
    return { name, ok: false, message: `${name} failed: ${String((error as { stderr?: Buffer }).stderr ?? (error as Error).message).split('\n')[0]}` };
  }
}

/** Kinds of per-session state every caller may share for a while without reading another's: a count, a log level, subscriptions, an event store. */
const LIMITS_SHARED = new Set<StateKind>(['counter', 'log-levels', 'subscriptions', 'event-store']);

/** The changes by which a file's transport became one per request (stateless-transport's, under either target). */
const PER_REQUEST_REWRITE = /^(session dispatch \(the branches|transport made stateless|legacy HTTP\+SSE endpoint replaced)/;

/** A file whose dispatch a rewrite made stateless while state stays that it leaves (reviewDispatchLeavingState). */
interface DispatchLeft {
  file: FileFix;
  sharedState?: string;
  serverState?: string;
  serverAdvice?: string;
  recordState?: { state: string; advice: string };
  leakingStates?: Set<string>;
  /** The findings of the state keyed by the session id every caller would share (what `sharedState` names). */
  leaking?: Finding[];
  remains: string;
}

/**
 * A transport made stateless while application state the run leaves is still keyed by the MCP
 * session id (a session-state finding, a map of session objects): every request now comes without
 * a session id, so all callers share one entry of that state (the one a fallback key such as
 * `extra.sessionId || "default"` names), a login one caller stored included (trial 35A, plone).
 * So too state the tools keep with their server (made in its factory, in fields of a subclass of
 * McpServer: a browser page one tool opens and the next reads, trial 36A): servers built per
 * request keep it for one request, and the next call finds it gone even on one instance.
 * The rewrite is then one to review, and says which state: not safe. Where state keyed by the
 * session id stays (`sharedState` says which), it is not made at all (trial 43A: one user read
 * another's game once fix had made the transport stateless). Nor where the tools read data the
 * session's record kept beside its transport (`recordState`, from `findingsBefore`: the file as it was).
 * So too a change a tool's handler makes to the lists of the server it runs on (`query.enable()`
 * on a tool registered in the factory, a tool registered inside another's handler): with servers
 * built per request the next call finds the list as the factory made it (trial 71A B3: fix tagged
 * the rewrite safe, and `query` then answered "Tool query disabled"). `findingText` gives a
 * finding's text as the run leaves it, to tell a tool registered in a function from one registered
 * at module level on a server every request shares (which the codemod does not make per request).
 * So too a tool registered on the rewritten server (`onServerOf`), in another module, that asks the
 * client mid-call: built per request, its server never saw initialize, and the call fails on every
 * request (trial 76A B3).
 */
export function reviewDispatchLeavingState(
  files: FixResult['files'],
  remaining: readonly Finding[],
  samePackage: (file: FileFix, finding: Finding) => boolean,
  lineOnDisk: (f: Finding) => number,
  findingsBefore: (file: FileFix) => readonly Finding[],
  findingText: (f: Finding) => string | undefined,
  onServerOf: (file: FileFix, finding: Finding) => boolean = samePackage,
): DispatchLeft[] {
  // (Each place once: two findings on one line, the state and a tool's use of it, are one place: trial 78B B6.)
  const where = (found: readonly Finding[], line = (f: Finding) => f.line) => {
    const places = [...new Set(found.map((f) => `${f.file}:${line(f)}`))];
    return places.slice(0, 3).join(', ') + (places.length > 3 ? `, and ${places.length - 3} more` : '');
  };
  // Application state, not servers or transports; not what the code keeps on purpose for 2025 clients (info).
  const keyed = remaining.filter((f) => f.severity !== 'info' && (f.ruleId === 'session-state' || sharesBySessionId(f) || (f.ruleId === 'session-map' && !f.reasons?.includes('holds-transports'))));
  const withServer = remaining.filter((f) => f.severity === 'error' && f.ruleId === 'stateful-tool' && !!f.reasons?.includes('lasts-with-server'));
  // Tools whose handlers change the lists of the server they run on, registered in a function (the
  // factory, or one handed the server): what they enable or register lasts as long as that server.
  const listChanging = remaining.filter((f) => f.severity === 'error' && f.ruleId === 'stateful-tool' && !!f.reasons?.includes('dynamic-list') && changesListOnServer(f.message) && registeredInFunction(f, findingText));
  const demoted: DispatchLeft[] = [];
  // Tools that ask the client mid-call (elicitInput, createMessage, listRoots, sendRequest): with a
  // server built for each request, which never sees initialize, the call fails on every request
  // (trial 76A B3: `clear` of a tools module answered "Client does not support form elicitation"
  // whatever the client declared, and the rewrite was tagged safe). Not one asked only on the 2025
  // path (info), nor one skipped past a test of the handshake (a warning, marked of its own).
  const asking = remaining.filter((f) => f.severity === 'error' && f.ruleId === 'stateful-tool' && !!f.reasons?.includes('server-request'));
  // Tools that read per-session state by the name of what holds it (`visits`).
  const readingTools = remaining.filter((f) => f.severity === 'error' && f.ruleId === 'stateful-tool' && !!f.reasons?.includes('session-state') && (f.state?.length ?? 0) > 0);
  for (const file of files) {
    const rewrites = file.changes.filter((c) => PER_REQUEST_REWRITE.test(c.description));
    if (rewrites.length === 0) continue;
    // Only the state of the dispatch's own package (another package's server keeps its own). Not a
    // map of this file that held transports or servers as it was read (session-map's), which the
    // rewrite kept where other code still uses it (marked: it stays empty): in the rewritten text
    // it looks like data kept by the session id, but it goes with the sessions (trial 76A B1: the
    // transport and server maps were the reasons a file was left unchanged).
    let mapsAsRead: Set<string> | undefined;
    const wasSessionMap = (f: Finding) =>
      f.ruleId === 'session-state' &&
      f.file === file.file &&
      (mapsAsRead ??= new Set(findingsBefore(file).flatMap((b) => (b.ruleId === 'session-map' && b.reasons?.includes('holds-transports') ? [b.subject ?? ''] : [])))).has(findingCodeOf(f) ?? '');
    const own = keyed.filter((f) => samePackage(file, f) && !wasSessionMap(f));
    // What one caller would read of another's (its data, its login, its browser): application state
    // (session-state), not a count, a log level or subscriptions all of them would share, which the
    // rewrite leaves to review; nor a set of the session ids themselves, nor a store of the
    // sessions' own objects (a transport with its owner: session-map), which goes with them. Also
    // a tool that keeps or looks up what it does by the session id (in a store of another module).
    // So too a store of "session objects" (its values' type named for a session: `Map<string,
    // Session>`) whose entries tools of the package read or write as their own per-session state
    // (trial 72A B1: `flows.set(extra.sessionId!, { steps })` under `type Session = { steps }` was
    // taken for bookkeeping that goes with the sessions, and one user read another's flow).
    const toolState = new Set(readingTools.filter((t) => samePackage(file, t)).flatMap((t) => t.state ?? []));
    const leaking = own.filter((f) => (f.ruleId === 'session-state' && !LIMITS_SHARED.has(f.stateKind ?? 'data') && !f.reasons?.includes('holds-session-ids')) || sharesBySessionId(f) || (f.ruleId === 'session-map' && !!f.reasons?.includes('holds-session-objects') && toolState.has(f.subject ?? '')));
    // (State keyed by the session's transport object is not shared but lost: a per-request transport is a new object on every request.)
    const byTransport = leaking.filter((f) => f.ruleId === 'session-state' && !!f.reasons?.includes('transport-keyed'));
    const byId = leaking.filter((f) => !byTransport.includes(f));
    const sharedState =
      leaking.length > 0
        ? [
            ...(byId.length > 0 ? [`state keyed by the MCP session id (${where(byId, lineOnDisk)}) shared by every caller: with no session id on any request, all of them would read and write one entry of it (under a fallback key such as "default", where the code has one)`] : []),
            ...(byTransport.length > 0 ? [`state keyed by the session's transport object (${where(byTransport, lineOnDisk)}): with a transport made for each request, that object is a new one on every request, so no call would find what an earlier one left, even on one instance`] : []),
          ].join(', and ')
        : undefined;
    const kept = withServer.filter((f) => samePackage(file, f));
    const listKept = listChanging.filter((f) => samePackage(file, f));
    const recordState = sharedState ? undefined : recordDataLeft(file, readingTools.filter((f) => samePackage(file, f)), remaining, findingsBefore);
    // (Those of the file itself the codemod already named in the change: it marks them and makes it one to review.)
    const named = rewrites.some((c) => /\bthe client mid-call\b/.test(c.description));
    // (By the server the tool is registered on, where the run finds it: onServerOf.)
    const asks = asking.filter((f) => onServerOf(file, f) && !(named && f.file === file.file));
    const askers = [...new Set(asks.map((f) => (f.tool ? `"${f.tool}"` : `${f.file}:${f.line}`)))];
    const notes = [
      ...(sharedState ? [sharedState] : own.length > 0 ? [`state still keyed by the MCP session id remains (where scan finds it after this run: ${where(own)}): with no session id on any request, every caller now shares one entry of it (under a fallback key such as "default", where the code has one), so key it by the caller the request authenticates before this serves more than one caller`] : []),
      ...(kept.length > 0 ? [`tools keep state with their server or the object they run on (where scan finds it after this run: ${where(kept)}): where that object was built with each session's server, it is now built for each request, so what one call leaves there the next call no longer finds, even on one instance; keep it in a shared store under a handle the tools take, or outside the server, before relying on this`] : []),
      ...(listKept.length > 0 ? [`tools change the lists of the server they run on (where scan finds it after this run: ${where(listKept)}): each session's server is now built for each request, so what one call enables or registers there the next call no longer finds, even on one instance; keep the lists the same for every request before relying on this`] : []),
      ...(recordState ? [recordState.state] : []),
      ...(asks.length > 0 ? [`${askers.length === 1 ? 'a tool' : 'tools'} ${asks.every((f) => samePackage(file, f)) ? 'of this package' : 'registered on its server'} ${askers.length === 1 ? 'asks' : 'ask'} the client mid-call (${joinNames(askers.slice(0, 3))}${askers.length > 3 ? ` and ${askers.length - 3} more` : ''}, where scan finds ${asks.length === 1 ? 'it' : 'them'} after this run: ${where(asks)}): a server built for each request never sees initialize, so it knows no client capabilities, and ${askers.length === 1 ? 'that call fails' : 'those calls fail'} on every request until rewritten to return input_required (marked)`] : []),
    ];
    if (notes.length === 0) continue;
    // Said once per file, at the dispatch's change where there is one; both are to review.
    for (const change of rewrites) change.safety = 'review';
    rewrites[0].description += `; ${notes.join('; and ')}`;
    // (What remains, for a message: state keyed by the session id, state kept with the server, or both.)
    const remains = [...(own.length > 0 ? ['state keyed by the MCP session id every caller may share'] : []), ...(kept.length > 0 ? ['state kept with the server'] : []), ...(listKept.length > 0 ? ['a change to the lists kept with the server'] : []), ...(asks.length > 0 ? ['a tool that asks the client mid-call'] : [])].join(', or ');
    // (The state a finding names: its `state`, else the name session-state's message starts with.)
    // State the tools keep with their server: with servers built per request, what one call leaves
    // the next no longer finds, even on one instance (trial 61A B1: a wizard's answers in
    // buildServer() were gone at its summary, and fix exited 0). Not written either.
    // So too a change to the server's lists a tool makes (trial 71A B3), with its own advice.
    const listState = listKept.length > 0 ? `the changes its tools make to their server's lists (${listChangeLabels(listKept)}, at ${where(listKept, lineOnDisk)}): with a server built for each request, what one call enables or registers there the next call no longer finds, even on one instance` : undefined;
    const serverState = kept.length > 0 || listState ? [...(kept.length > 0 ? [`state the tools keep with their server (${where(kept, lineOnDisk)}): with a server built for each request, what one call leaves there the next call no longer finds, even on one instance`] : []), ...(listState ? [listState] : [])].join('; and ') : undefined;
    const serverAdvice = listState ? `${kept.length > 0 ? 'keep that state in a shared store under a handle the tools take, or outside the server, and ' : ''}keep the tool, prompt and resource lists the same for every request (one tool that checks, from a shared store, what an earlier call did, say)` : undefined;
    demoted.push({ file, sharedState, serverState, ...(serverAdvice ? { serverAdvice } : {}), ...(recordState ? { recordState } : {}), leakingStates: new Set(leaking.flatMap((f) => f.state ?? [f.subject ?? f.message.split(' ')[0]])), leaking, remains });
  }
  return demoted;
}

/** How a stateful-tool finding says a handler changes lists, up to the parenthesis its calls follow: `changes the tool list at run time (`. */
const LIST_CHANGE_CLAUSE = /\bchanges (?:the (?:tool|prompt|resource) list|the server's lists|its lists) at run time \(/g;
/** A call that only announces a change (`sendToolListChanged`, `notifications/tools/list_changed` by hand): nothing kept on the server. */
const ANNOUNCES_ONLY = /^(?:[\w$.]*\.)?send\w*ListChanged(?:\(\))?$|^notifications\//;
/**
 * The calls that only take something off a server's lists (a tool disabled or removed), by their
 * last member's name: it comes back with the next request's server, and no later call loses what
 * it needs (review 89 point 6: a tool that hides itself behind a feature flag held the file).
 * Every other call is taken to add what a later call must find, whatever its name (`enable()`,
 * `register()`, a helper `installExtras()`: review 90 point 1); a helper named for taking off
 * (`removeAdminTools()`, review 91 point 3) takes off.
 */
const TAKES_OFF_LIST = /^(disable|remove|delete|hide|unregister)(?![a-z])\w*$/;

/** `text` without what its parentheses hold: `tools.get(keyOf(x))!.enable()` → `tools.get!.enable`. */
function withoutArguments(text: string): string {
  let out = text;
  for (let previous = ''; previous !== out; ) (previous = out), (out = out.replace(/\([^()]*\)/g, ''));
  return out;
}

/**
 * The calls of a finding's list-change clauses (`query.enable()`, `tool`, `sendToolListChanged`),
 * read with their nested parentheses (`tools.get(keyOf(name))!.enable()`, review 89 point 9); only
 * calls: a clause may go on in words, `register(), which registers on the server`.
 */
function listChangeCalls(message: string): string[] {
  const calls: string[] = [];
  for (const m of message.matchAll(LIST_CHANGE_CLAUSE)) {
    const from = m.index! + m[0].length;
    let depth = 1;
    let at = from;
    const parts: string[] = [];
    let part = from;
    for (; at < message.length && depth > 0; at++) {
      const c = message[at];
      if (c === '(' || c === '[') depth++;
      else if (c === ')' || c === ']') depth--;
      else if (depth === 1 && message.startsWith(', ', at)) parts.push(message.slice(part, at)), (part = at + 2);
    }
    parts.push(message.slice(part, at - 1));
    calls.push(...parts.map((p) => p.trim()).filter((p) => p.length > 0 && !/\s/.test(withoutArguments(p))));
  }
  return calls;
}

/**
 * Whether a stateful-tool finding's handler adds to a list of the server it runs on (a tool
 * enabled, one registered, also through a helper) what a later call must find, not only announces
 * a change of a list held elsewhere nor takes something away (trial 71A B3, review 89 point 6).
 */
function changesListOnServer(message: string): boolean {
  return listChangeCalls(message).some((call) => !ANNOUNCES_ONLY.test(call) && !TAKES_OFF_LIST.test(withoutArguments(call).replace(/[!?]/g, '').split('.').pop() ?? ''));
}

/** The tools and calls of list-change findings, for a message: `connect_database's query.enable()`. */
function listChangeLabels(found: readonly Finding[]): string {
  const labels = found.map((f) => `${f.tool ? `${f.tool}'s` : "a handler's"} ${joinNames(listChangeCalls(f.message).filter((call) => !ANNOUNCES_ONLY.test(call)).map((call) => (/^[\w$.]+$/.test(call) ? `${call}()` : call)))}`);
  const distinct = [...new Set(labels)];
  return joinNames(distinct.slice(0, 3)) + (distinct.length > 3 ? ` and ${distinct.length - 3} more` : '');
}

/**
 * Whether a finding's tool is registered inside a function (a server factory, a function handed the
 * server) in the text as the run leaves it: its server is then built per request once the dispatch
 * is rewritten. One registered at module level is on a server every request shares, whose
 * dispatch the codemod leaves as it was (trial 71A B3).
 */
function registeredInFunction(f: Finding, findingText: (f: Finding) => string | undefined): boolean {
  const text = findingText(f);
  if (text === undefined) return false;
  const sf = parseFile(text, f.file);
  const lineStart = sf.getLineStarts()[f.line - 1];
  return lineStart !== undefined && !!enclosingFunction(nodeAt(sf, Math.min(lineStart + Math.max(0, f.column - 1), sf.end)));
}

/**
 * Data a session map's records carry beside the transport (`{ transport, cart: [] }`, filed by
 * onsessioninitialized) that the tools read by the session id (`sessions.get(extra.sessionId!)!.cart`),
 * directly or through a helper (trial 68A B1: fix removed the code that made the records, tagged
 * it all safe and exited 0, and every add_item then threw reading `cart` of undefined). Once the
 * rewrite removes the session's bookkeeping, session-state no longer sees a record there (nor the
 * member read back from it) and session-map says the map stays empty, as info: so the members
 * come from the file as it was, and the tools from what still reads that map after the rewrite.
 * Records holding only the transport and its bookkeeping (a time a sweeper reads) are none of this.
 */
function recordDataLeft(file: FileFix, tools: readonly Finding[], remaining: readonly Finding[], findingsBefore: (file: FileFix) => readonly Finding[]): { state: string; advice: string } | undefined {
  // (A cheap test first: the file as it was names a map such a tool reads.)
  const names = new Set(tools.flatMap((f) => f.state ?? []));
  if (names.size === 0 || ![...names].some((name) => file.before.includes(name))) return undefined;
  const members = new Map<string, { fields: string[]; lines: number[] }>();
  // (Not a read in the route that serves the transport, which goes with the rewrite: an ownership
  // check `known.userId !== req.auth?.userId` beside the dispatch is no tool's; review 87.)
  let before: TS.SourceFile | undefined;
  const inRoute = (f: Finding): boolean => {
    before ??= parseFile(file.before, file.absolute);
    const lineStart = before.getLineStarts()[f.line - 1];
    if (lineStart === undefined) return false;
    const fn = enclosingFunction(nodeAt(before, Math.min(lineStart + Math.max(0, f.column - 1), before.end)));
    return !!fn && /\.handleRequest\(/.test(fn.getText(before));
  };
  for (const f of findingsBefore(file)) {
    // (A member read back from a session map's record: session-state's entryRead.)
    const read = f.ruleId === 'session-state' && f.severity === 'error' ? f.entryRead : undefined;
    if (!read || !names.has(read.map) || inRoute(f)) continue;
    const map = members.get(read.map) ?? { fields: [], lines: [] };
    members.set(read.map, map);
    if (!map.fields.includes(read.member)) map.fields.push(read.member), map.lines.push(f.line);
  }
  const [map, held] = [...members][0] ?? [];
  if (!map || !held) return undefined;
  const reading = tools.filter((f) => f.state?.includes(map));
  if (reading.length === 0) return undefined;
  // (A low-level handler's finding may name no tool.)
  const readers = [...new Set(reading.flatMap((f) => (f.tool ? [f.tool] : [])))];
  const fields = joinNames(held.fields);
  // Where no code of the file fills the map any more (session-map's info): no record is made at all.
  const emptied = remaining.some((f) => f.ruleId === 'session-map' && f.file === file.file && f.subject === map && !!f.reasons?.includes('never-filled'));
  const where = held.lines.slice(0, 3).map((line) => `${file.file}:${line}`).join(', ');
  const who = readers.length === 0 ? 'its tools' : readers.length > 3 ? `${readers.slice(0, 3).join(', ')} and ${readers.length - 3} more tool(s)` : joinNames(readers);
  return {
    state: `${map}${map.endsWith('s') ? "'" : "'s"} records holding ${fields} (${where}), which ${who} ${readers.length === 1 ? 'reads' : 'read'} by the MCP session id: with a transport per request ${emptied ? 'no record is ever made, so each of those calls finds none' : 'no request carries a session id to find its record by'}`,
    advice: `move ${fields} out of those records into a Map of its own (explicit-handles gives such a Map an explicit handle the tools take)`,
  };
}
