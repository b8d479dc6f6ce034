/**
 * The other modules of a run that a file imports, read when a rule asks for one.
 *
 * Analysis is per file, but a tool's state often lives in a module of its own (`import {
 * todoStorage } from './core/storage.js'`): the tool file shows a call, the store module the Map
 * it fills. A rule that follows such a call asks `ModuleSource.resolve` for the module a relative
 * specifier (or a `#` subpath import the package.json maps, or the name of a package of the run
 * itself, a monorepo's workspace: `@acme/session-store`) names, and `ModuleSource.users` for the
 * package's other files that import a module; only files of the same run are read (what the run
 * walks: its `.gitignore`, excludes and size limit hold), each parsed once while it is in use and
 * dropped after (a few dozen at most are kept). Other package imports (`'zod'`) are never followed.
 *
 * The files a scan of one file resolved are its dependencies: the result cache replays that file
 * only while they, too, are unchanged (`dependencies`).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ts as TS } from 'ts-morph';
import { isExported, moduleExportOf, propertyNameText, resolveIdentifier, unwrap } from './ast.js';
import { parseFile } from './parse.js';
import { ts } from './typescript.js';

export interface LoadedModule {
  /** The module's path as findings name files (relative to the scanned root, `/`-separated). */
  path: string;
  sourceFile: TS.SourceFile;
  /**
   * A value a rule derives from the module, computed once while its text is unchanged and kept
   * after its tree is dropped (users' modules are parsed only when a rule reads `sourceFile`): a
   * summary that tells, without a parse, whether the module deserves a closer look. Computed
   * afresh each time where texts change during the run (fix). Absent for modules not of users().
   */
  derived?<T>(key: string, compute: () => T): T;
  /** The module's text, read without a parse (absent where it cannot be read: empty). For users()' modules. */
  readonly text?: string;
}

export interface ModuleSource {
  /**
   * The module a relative `specifier` names, imported by the file at `fromPath` (as findings name
   * it): `./store.js` is `store.ts` when that is the file there, `./store` any of the code
   * extensions or the folder's `index`; or a package of the run by its name (isWorkspaceImport).
   * Undefined for another package, a file outside the run, or one that cannot be read.
   */
  resolve(fromPath: string, specifier: string): LoadedModule | undefined;
  /**
   * Whether that specifier names the module at `modulePath` (as findings name it), without reading
   * or parsing it: what a file's imports reach, asked of each import before following one.
   */
  names(fromPath: string, specifier: string, modulePath: string): boolean;
  /**
   * Whether that specifier names a barrel of the run that re-exports the module at `modulePath`
   * (users' one hop), read from texts, not parsed: an import from it may be the module's export,
   * under its own name or another, and is followed to tell.
   */
  reexports(fromPath: string, specifier: string, modulePath: string): boolean;
  /**
   * The other files of the run in the package of the module at `modulePath` (as findings name it;
   * the package is the folder of its nearest package.json, or the run's root), and those of the
   * run that import that package by its name, that import it, directly or through a barrel that
   * re-exports it: where its other users are, parsed. The file
   * being scanned depends on them, and on their folders and the module's (a file added there may
   * be a new user). Undefined where the run cannot list them all (it does not list its files, or
   * the package has too many to search). Each is parsed when its `sourceFile` is first read, not
   * before (LoadedModule.derived may answer without it). With `mentioning`, a file of another
   * package, one that imports the module's package by its name, only where its text names one of
   * those words (the function or method a caller calls names it; a package of a monorepo is
   * imported by many files that call none of it).
   */
  users(modulePath: string, mentioning?: readonly string[]): LoadedModule[] | undefined;
  /**
   * LoadedModule.derived for the module at `modulePath` (as findings name it), without loading it:
   * a value a rule derives about that module from the run's other files (which of its users reach
   * a state it keeps), computed once while texts do not change.
   */
  derivedOf?<T>(modulePath: string, key: string, compute: () => T): T;
  /**
   * Whether a package specifier names one of the run's own packages (`@acme/session-store`: a
   * package.json of that "name" in the run's tree, a monorepo's workspace), which `resolve` then
   * follows to its source like a relative import.
   */
  isWorkspaceImport?(specifier: string): boolean;
  /** Whether a file's text imports one of the run's own packages by name: a cheap test before following any (RELATIVE_IMPORT's). */
  importsWorkspace?(text: string): boolean;
}

/** What a run knows of its files: whether one is part of it, its text, and its name in findings. */
export interface RunFiles {
  has(absolute: string): boolean;
  /** The file's text, or undefined when it cannot be read (binary, too large, gone). */
  text(absolute: string): string | undefined;
  label(absolute: string): string;
  /** Texts may change during the run (fix rewrites files): a kept tree is checked against the text first. */
  changing?: boolean;
  /** Every code file of the run (absolute paths). */
  all?(): Iterable<string>;
}

const SOURCE_FOR_OUTPUT: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** Parsed modules kept for the next file that imports them: a package's store modules, not a monorepo's. */
const KEPT = 48;
/** A package with more code files than this is not searched for a module's users (ModuleSource.users). */
const MOST_USERS_SEARCHED = 5000;
/** The specifier of a relative (or `#` subpath) import, re-export, require or dynamic import in a file's text (module-state's RELATIVE_IMPORT). */
const RELATIVE_SPECIFIER = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)['"]((?:\.\.?\/|#)[^'"\n]+)['"]/g;

/** An import statement's names and module specifier: `import a, { b as c } from '...'`, `import * as ns from '...'`, `const { b } = require('...')`. */
const IMPORT_NAMES = /\bimport\s+(?:type\s+)?(?:(\w+)\s*,?\s*)?(?:\{([^}]*)\}|\*\s*as\s+(\w+))?\s*from\s*['"]([^'"]+)['"]|\b(?:const|let|var)\s+(?:\{([^}]*)\}|(\w+))\s*=\s*require\(\s*['"]([^'"]+)['"]\s*\)/g;
/** The names a request's context goes by in a tool's handler (the SDK's `extra`, v2's and frameworks' `ctx`/`context`), or its session id read off it. */
const CONTEXT_ARGUMENT = /(?:^|[\s,(])(?:extra|ctx|context)\b|\.sessionId\b/;
/**
 * A local the session id is read into (`const sid = ctx.sessionId!`, `let key = extra.sessionId ??
 * 'anon'`), whose name an argument may then be (`allow(sid)`, trial 75A B4), as the name a
 * handler's destructured context gives it may (`{ sessionId }`, callsWithContext).
 */
const SESSION_LOCAL = /\b(?:const|let|var)\s+(\w+)\s*(?::[^=\n]*)?=[^;\n]*?\.sessionId\b/g;

/** The names an import (an IMPORT_NAMES match) gives what it imports, as patterns of calls: a function, or an object of them (`store.keep`). */
function importedCallees(m: RegExpMatchArray): string[] {
  const callees: string[] = [];
  // (A default import is a function or an object of them: `store(ctx)`, `store.keep(ctx)`.)
  if (m[1]) callees.push(m[1], `${m[1]}\\.\\w+`);
  if (m[3]) callees.push(`${m[3]}\\.\\w+`);
  if (m[6]) callees.push(`${m[6]}\\.\\w+`);
  for (const part of (m[2] ?? m[5] ?? '').split(',')) {
    const local = part.trim().split(/\s+as\s+|\s*:\s*/).pop()?.replace(/^type\s+/, '');
    if (local && /^\w+$/.test(local)) callees.push(local);
  }
  return callees;
}

/**
 * Whether a call's arguments (their text) hand on the session id `text` reads: `extra.sessionId`,
 * a `sessionId` of the handler's destructured context, or a local it was read into (SESSION_LOCAL;
 * which id a local holds, the analysis judges).
 */
function sessionIdArgument(text: string): (args: string) => boolean {
  const locals = ['sessionId', ...[...text.matchAll(SESSION_LOCAL)].map((m) => m[1])];
  const local = new RegExp(`(?:^|[\\s,(])(?:${locals.join('|')})\\b(?!\\s*[:(])`);
  return (args) => /\.sessionId\b/.test(args) || local.test(args);
}

/** Whether `text` calls one of `callees` (patterns, importedCallees) with arguments `hands` accepts. */
function callsWith(text: string, callees: readonly string[], hands: (args: string) => boolean): boolean {
  if (callees.length === 0) return false;
  for (const call of text.matchAll(new RegExp(`(?<![\\w$.])(?:${callees.join('|')})\\s*\\(`, 'g'))) if (hands(argumentsText(text, call.index! + call[0].length))) return true;
  return false;
}

/** The text of a call's arguments, from just after its `(` to its matching `)` (`extra, note.trim()`). */
function argumentsText(text: string, start: number): string {
  let depth = 1;
  for (let i = start; i < text.length && i < start + 2000; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return text.slice(start, i);
  }
  return '';
}

/** The files a specifier may name, in the order TypeScript's and Node's resolution try them. */
export function candidatePaths(base: string): string[] {
  const ext = path.extname(base);
  if (EXTENSIONS.includes(ext)) return [...(SOURCE_FOR_OUTPUT[ext] ?? []).map((source) => base.slice(0, -ext.length) + source), base];
  return [...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(base, `index${e}`))];
}

export class ModuleFiles implements ModuleSource {
  private readonly trees = new Map<string, { text: string | undefined; loaded: LoadedModule | undefined }>();
  /** Absolute paths of the files resolutions looked at since `dependencies` was last called. */
  private touched = new Set<string>();
  /** ModuleSource.users' answers by module (while texts do not change): the files found and the folders looked in. */
  private readonly usersMemo = new Map<string, { files: string[]; folders: string[]; naming: ReadonlySet<string> }>();
  /** What each file of a package users() searched imports (importsIn). */
  private readonly importGraph = new Map<string, { targets: string[]; reexports: boolean }>();
  /** Package manifests, parsed; null where one cannot be read. */
  private readonly manifests = new Map<string, Record<string, unknown> | null>();
  /** The run's own packages by name: their folders (workspaces). */
  private workspaceFolders: Map<string, string> | undefined;
  /** A specifier naming one of them in a file's text (workspaces), undefined where the run has none. */
  private workspaceSpecifier: RegExp | undefined;
  /** The file a specifier of a package of the run names, by its folder and subpath (workspaceImport). */
  private readonly workspaceEntries = new Map<string, string | undefined>();
  /** The files of the run that import each of its own packages by name (namingPackage). */
  private importersByName: Map<string, string[]> | undefined;
  /** The words of a file's text, by file (users' `mentioning`). */
  private readonly wordsOf = new Map<string, Set<string>>();
  /** installedElsewhere's answers, by folder and name. */
  private readonly installed = new Map<string, boolean>();
  /** The code files under a package's folder. */
  private readonly scopes = new Map<string, string[]>();
  /** Whether a folder holds a package.json. */
  private readonly packages = new Map<string, boolean>();
  /** LoadedModule.derived's values by file (while texts do not change). */
  private readonly derivedValues = new Map<string, Map<string, unknown>>();
  /** users()' modules by module (while texts do not change). */
  private readonly usersModules = new Map<string, LoadedModule[]>();
  /** The modules whose users' files and folders are in `touched` already. */
  private touchedUsers = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly files: RunFiles,
    /** Whether a folder is a package's (holds a package.json). */
    private readonly isPackage: (folder: string) => boolean = (folder) => fs.existsSync(path.join(folder, 'package.json')),
  ) {}

  resolve(fromPath: string, specifier: string): LoadedModule | undefined {
    const found = this.locate(fromPath, specifier);
    return found === undefined ? undefined : this.load(found);
  }

  names(fromPath: string, specifier: string, modulePath: string): boolean {
    return this.locate(fromPath, specifier) === path.resolve(this.root, modulePath);
  }

  reexports(fromPath: string, specifier: string, modulePath: string): boolean {
    const barrel = this.locate(fromPath, specifier);
    const target = path.resolve(this.root, modulePath);
    return barrel !== undefined && barrel !== target && this.reexportsFile(barrel, target);
  }

  /** Whether a file of the run is a barrel that re-exports (imports, and re-exports something) the file at `target`: read from its text. */
  private reexportsFile(barrel: string, target: string): boolean {
    const imports = this.importsIn(barrel);
    return imports.reexports && imports.targets.includes(target);
  }

  /** The file of the run a specifier of the file at `fromPath` names (absolute), a dependency from then on. */
  private locate(fromPath: string, specifier: string): string | undefined {
    const from = path.resolve(this.root, fromPath);
    // A subpath import of the package (`#mcp/index.ts`, package.json's "imports"), as Node and TypeScript resolve it.
    if (!isRunSpecifier(specifier)) {
      // A package of the run itself, by its name (`@acme/session-store` in a monorepo's workspace).
      const found = this.workspaceImport(from, specifier);
      if (found === undefined || found === from) return undefined;
      this.touched.add(found);
      return found;
    }
    const base = specifier.startsWith('#') ? this.subpathImport(from, specifier) : path.resolve(path.dirname(from), specifier);
    if (base === undefined) return undefined;
    for (const candidate of candidatePaths(base)) {
      if (candidate === from || !this.files.has(candidate)) continue;
      this.touched.add(candidate);
      return candidate;
    }
    return undefined;
  }

  users(modulePath: string, mentioning?: readonly string[]): LoadedModule[] | undefined {
    const absolute = path.resolve(this.root, modulePath);
    const found = this.usersOf(absolute);
    if (!found) return undefined;
    const all = this.allUsers(absolute, found);
    if (!mentioning || found.naming.size === 0) return all;
    return all.filter((_, i) => !found.naming.has(found.files[i]) || this.mentions(found.files[i], mentioning));
  }

  /** Whether the text of a file of the run names one of `words` (a whole word), its words read once per run where texts do not change. */
  private mentions(absolute: string, words: readonly string[]): boolean {
    if (this.changing) {
      const text = this.files.text(absolute) ?? '';
      return words.some((word) => new RegExp(`(?<![\\w$])${word.replace(/\$/g, '\\$')}(?![\\w$])`).test(text));
    }
    let known = this.wordsOf.get(absolute);
    if (!known) this.wordsOf.set(absolute, (known = new Set((this.files.text(absolute) ?? '').match(/[A-Za-z_$][\w$]*/g) ?? [])));
    return words.some((word) => known!.has(word));
  }

  /** users()' modules, every one of them. */
  private allUsers(absolute: string, found: { files: string[]; folders: string[] }): LoadedModule[] {
    // (Once per module until the dependencies are next collected: a store module many files
    // import is asked for its users by every tool that reaches it.)
    if (this.changing || !this.touchedUsers.has(absolute)) {
      for (const dependency of found.folders) this.touched.add(dependency);
      for (const dependency of found.files) this.touched.add(dependency);
      this.touchedUsers.add(absolute);
    }
    // (Each was read to be found: a file that cannot be read imports nothing, importsIn.)
    if (this.changing) return found.files.map((file) => this.lazyModule(file));
    let modules = this.usersModules.get(absolute);
    if (!modules) this.usersModules.set(absolute, (modules = found.files.map((file) => this.lazyModule(file))));
    return modules;
  }

  derivedOf<T>(modulePath: string, key: string, compute: () => T): T {
    return this.derive(path.resolve(this.root, modulePath), key, compute);
  }

  /** LoadedModule.derived's value for the file at `absolute`; computed afresh where texts change. */
  private derive<T>(absolute: string, key: string, compute: () => T): T {
    if (this.changing) return compute();
    let values = this.derivedValues.get(absolute);
    if (!values) this.derivedValues.set(absolute, (values = new Map()));
    if (!values.has(key)) values.set(key, compute());
    return values.get(key) as T;
  }

  /**
   * A file of the run as a module parsed on first use of its tree (one that cannot be read by then
   * reads as empty). users() keeps these for the run, so the tree is held weakly: one no rule holds
   * any more may be collected, and is parsed again if asked for.
   */
  private lazyModule(absolute: string): LoadedModule {
    const load = () => this.load(absolute)?.sourceFile ?? parseFile('', absolute);
    let tree: WeakRef<TS.SourceFile> | undefined;
    let label: string | undefined;
    const files = this.files;
    return {
      get path() {
        return (label ??= files.label(absolute));
      },
      get text() {
        return files.text(absolute) ?? '';
      },
      get sourceFile() {
        let held = tree?.deref();
        if (!held) tree = new WeakRef((held = load()));
        return held;
      },
      derived: <T>(key: string, compute: () => T): T => this.derive(absolute, key, compute),
    };
  }

  /**
   * The files of the run that import any of `modules` (absolute paths), directly or through a
   * barrel, each within its package (users): the files whose findings may change when those
   * modules do (check --changed-since). Read from the files' texts, not parsed; none for a
   * package too large to search.
   */
  importersOf(modules: Iterable<string>): Set<string> {
    const found = new Set<string>();
    for (const file of modules) if (this.files.has(file)) for (const user of this.usersOf(file)?.files ?? []) found.add(user);
    return found;
  }

  /**
   * The modules of the run (as findings name them) whose functions MCP code `text` (the file
   * `user`) imports and calls with a request's context among its arguments (`remember(extra,
   * note)`, `store.keep(ctx, item)` of `import * as store`) or with the session id, and through a
   * barrel it imports them from, the modules the barrel re-exports: a store module that names no
   * MCP is checked as MCP code where one of them is (Scanner's handedTheSession; trial 57B B1). Not
   * a web helper the server mounts without calling it (`app.use(cartMiddleware)`, review 74).
   * Read from the text, not parsed, and asked of the caller: a module's importers are never
   * searched for (that read every file of its package again).
   */
  contextCallees(user: string, text: string): string[] {
    const sessionId = text.includes('sessionId') ? sessionIdArgument(text) : undefined;
    return this.callees(user, text, true, (args) => CONTEXT_ARGUMENT.test(args) || (sessionId?.(args) ?? false));
  }

  /**
   * The modules of the run (as findings name them) whose functions MCP code `text` (the file
   * `user`) imports and calls with the MCP session id (`limiter.take(info.sessionId)` of `const
   * limiter = require('./lib/limiter.cjs')`, `allow(sid)` after `const sid = ctx.sessionId`; trial
   * 76A B4), and through a barrel it imports them from, the modules the barrel re-exports: a
   * module that names no session (its parameter is `key`) is checked as MCP code where one of
   * them is (Scanner's handedTheSession). Read from the text, not parsed; a text that never
   * says `sessionId` hands it nothing.
   */
  sessionIdCallees(user: string, text: string): string[] {
    if (!text.includes('sessionId')) return [];
    return this.callees(user, text, false, sessionIdArgument(text));
  }

  /**
   * The modules of the run whose imported functions `text` (the file `user`) calls with arguments
   * `hands` accepts, and the modules a barrel among them re-exports; by the run's packages' names
   * too where `workspaces` (contextCallees, sessionIdCallees).
   */
  private callees(user: string, text: string, workspaces: boolean, hands: (args: string) => boolean): string[] {
    const found = new Set<string>();
    for (const m of text.matchAll(IMPORT_NAMES)) {
      const specifier = m[4] ?? m[7];
      const target = specifier && (isRunSpecifier(specifier) || (workspaces && this.isWorkspaceImport(specifier))) ? this.locate(user, specifier) : undefined;
      if (!target || !callsWith(text, importedCallees(m), hands)) continue;
      found.add(target);
      const barrel = this.importsIn(target);
      if (barrel.reexports) for (const t of barrel.targets) found.add(t);
    }
    return [...found].map((absolute) => this.files.label(absolute));
  }

  /** The files of the run any of `files` (absolute paths) import, read from their texts (importsIn). */
  importsOf(files: Iterable<string>): Set<string> {
    const found = new Set<string>();
    for (const file of files) if (this.files.has(file)) for (const target of this.importsIn(file).targets) found.add(target);
    return found;
  }

  /** users' files and the folders they were looked for in, for the module at `absolute`; undefined where the package cannot be searched. */
  private usersOf(absolute: string): { files: string[]; folders: string[]; naming: ReadonlySet<string> } | undefined {
    let found = this.changing ? undefined : this.usersMemo.get(absolute);
    if (!found) {
      const dir = this.packageOf(absolute);
      const own = this.packageFiles(dir);
      if (!this.files.all || own.length > MOST_USERS_SEARCHED) return undefined;
      // (A package of the run others import by its name: also the files of the run that name it.)
      const naming = this.namingPackage(dir);
      const inScope = naming.length > 0 ? [...own, ...naming] : own;
      const reaches = (target: string) => target === absolute || this.reexportsFile(target, absolute);
      const files = inScope.filter((file) => file !== absolute && this.importsIn(file).targets.some(reaches));
      // A file added beside one of them, or beside the module, may be a new user: their folders are dependencies too.
      found = { files, folders: [...new Set([absolute, ...files].map((file) => path.dirname(file)))], naming: new Set(naming.filter((file) => files.includes(file))) };
      if (!this.changing) this.usersMemo.set(absolute, found);
    }
    return found;
  }

  /** The code files of the run under `scope`. */
  private packageFiles(scope: string): string[] {
    let files = this.scopes.get(scope);
    if (!files) this.scopes.set(scope, (files = [...(this.files.all?.() ?? [])].filter((file) => file.startsWith(scope + path.sep))));
    return files;
  }

  /**
   * The code files of the run outside the package at `dir` that import it by its name, where it is
   * one of the run's own packages (workspaces; not the root's, whose files are all in its scope
   * already): those that may import the module users() is asked of. Read from the texts in one pass
   * for every such package, once per run: fix adds no import of a package by name, so what it
   * rewrites changes none of them (importsIn, asked of each, is exact).
   */
  private namingPackage(dir: string): string[] {
    if (dir === this.root) return [];
    const name = [...this.workspaces()].find(([, folder]) => folder === dir)?.[0];
    if (name === undefined) return [];
    if (!this.importersByName) {
      const found = new Map<string, string[]>();
      for (const file of this.files.all?.() ?? []) {
        const text = this.files.text(file);
        if (text === undefined || !this.importsWorkspace(text)) continue;
        for (const imported of new Set([...text.matchAll(this.workspaceSpecifier!)].map((m) => packageSpecifier(m[1])?.name))) {
          if (imported === undefined) continue;
          let files = found.get(imported);
          if (!files) found.set(imported, (files = []));
          files.push(file);
        }
      }
      this.importersByName = found;
    }
    return (this.importersByName.get(name) ?? []).filter((file) => !file.startsWith(dir + path.sep));
  }

  /**
   * The files of the run a file's relative (and `#`) imports, re-exports and requires name, read
   * from its text, not parsed, once per run; and whether it re-exports any (a barrel in between).
   */
  private importsIn(absolute: string): { targets: string[]; reexports: boolean } {
    let found = this.changing ? undefined : this.importGraph.get(absolute);
    if (found) return found;
    const text = this.files.text(absolute) ?? '';
    const targets: string[] = [];
    for (const match of text.matchAll(RELATIVE_SPECIFIER)) {
      const base = match[1].startsWith('#') ? this.subpathImport(absolute, match[1]) : path.resolve(path.dirname(absolute), match[1]);
      const target = base === undefined ? undefined : candidatePaths(base).find((candidate) => candidate !== absolute && this.files.has(candidate));
      if (target) targets.push(target);
    }
    // (And the run's own packages it imports by name.)
    if (this.importsWorkspace(text)) {
      for (const match of text.matchAll(this.workspaceSpecifier!)) {
        const target = this.workspaceImport(absolute, match[1]);
        if (target && target !== absolute) targets.push(target);
      }
    }
    found = { targets, reexports: targets.length > 0 && /\bexport\b[^;]*?\bfrom\b/.test(text) };
    if (!this.changing) this.importGraph.set(absolute, found);
    return found;
  }

  private get changing(): boolean {
    return this.files.changing === true;
  }

  /**
   * Where a `#` specifier points by the "imports" of the nearest package.json above the importing
   * file (an exact key, or a pattern with one `*`; of a conditions object, its import, node,
   * default or require target), as an absolute path; undefined when none maps it. The manifest
   * read is a dependency of the file being scanned.
   */
  private subpathImport(from: string, specifier: string): string | undefined {
    const dir = this.packageOf(from);
    const manifest = path.join(dir, 'package.json');
    const imports = this.manifest(dir)?.imports;
    if (!imports || typeof imports !== 'object' || Array.isArray(imports)) return undefined;
    this.touched.add(manifest);
    const target = mappedTarget(imports as Record<string, unknown>, specifier);
    return target !== undefined && target.startsWith('./') ? path.resolve(dir, target) : undefined;
  }

  /** The package.json of a folder, parsed (once per run); null where there is none or it cannot be read. */
  private manifest(dir: string): Record<string, unknown> | null {
    const file = path.join(dir, 'package.json');
    let parsed = this.manifests.get(file);
    if (parsed === undefined) {
      try {
        const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
        parsed = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
      } catch {
        parsed = null;
      }
      this.manifests.set(file, parsed);
    }
    return parsed;
  }

  /**
   * The run's own packages by name (a monorepo's workspaces): the package.json files, with a
   * "name", of the folders that hold its code files and of those above them within the root,
   * read once per run. None under node_modules: an installed package is not the run's. Empty
   * where the run does not list its files.
   */
  private workspaces(): Map<string, string> {
    if (this.workspaceFolders) return this.workspaceFolders;
    const found = new Map<string, string>();
    const seen = new Set<string>();
    for (const file of this.files.all?.() ?? []) {
      for (let dir = path.dirname(file); dir.startsWith(this.root) && !seen.has(dir); dir = path.dirname(dir)) {
        seen.add(dir);
        let known = this.packages.get(dir);
        if (known === undefined) this.packages.set(dir, (known = this.isPackage(dir)));
        const name = known && !dir.split(path.sep).includes('node_modules') ? this.manifest(dir)?.name : undefined;
        if (typeof name === 'string' && packageSpecifier(name)?.name === name && !found.has(name)) found.set(name, dir);
        if (dir === this.root || dir === path.dirname(dir)) break;
      }
    }
    this.workspaceFolders = found;
    // (The specifiers that may name one, in a file's text: `from '@acme/store'`, `require("@acme/store/sub")`.)
    const names = [...found.keys()].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.workspaceSpecifier = names.length > 0 ? new RegExp(`(?:\\bfrom\\s*|\\brequire\\s*\\(\\s*|\\bimport\\s*\\(\\s*)['"]((?:${names.join('|')})(?:/[^'"\\n]*)?)['"]`, 'g') : undefined;
    return found;
  }

  isWorkspaceImport(specifier: string): boolean {
    const split = packageSpecifier(specifier);
    return !!split && this.workspaces().has(split.name);
  }

  importsWorkspace(text: string): boolean {
    this.workspaces();
    const pattern = this.workspaceSpecifier;
    if (!pattern) return false;
    // (A global pattern, for matchAll: test() leaves lastIndex past its match, where matchAll would start.)
    const found = pattern.test(text);
    pattern.lastIndex = 0;
    return found;
  }

  /**
   * The file of the run a specifier naming one of its own packages (`@acme/session-store`, or a
   * subpath of it) imports from the file at `from` (absolute): the module its package.json's
   * "exports" (`.` or the subpath), "module", "main" or "types" name, read as its source (the
   * TypeScript beside a compiled `.js`, `src/` for a build folder's `dist/index.js`, the `.ts` of a
   * `.d.ts`), else its `src/index` or `index`. Undefined for a package that is not the run's, or
   * where Node would find another of that name first (a node_modules on the way up that holds a
   * package of that name that is not a link to the run's). The manifest is a dependency.
   */
  private workspaceImport(from: string, specifier: string): string | undefined {
    const split = packageSpecifier(specifier);
    const dir = split && this.workspaces().get(split.name);
    if (!split || !dir || this.installedElsewhere(path.dirname(from), split.name, dir)) return undefined;
    this.touched.add(path.join(dir, 'package.json'));
    const key = `${dir}\0${split.subpath}`;
    if (!this.changing && this.workspaceEntries.has(key)) return this.workspaceEntries.get(key);
    const manifest = this.manifest(dir) ?? {};
    const exportsField = manifest.exports;
    const exportsMap =
      typeof exportsField === 'string' || (exportsField && typeof exportsField === 'object' && !Array.isArray(exportsField) && !Object.keys(exportsField).some((k) => k.startsWith('.')))
        ? { '.': exportsField }
        : exportsField && typeof exportsField === 'object' && !Array.isArray(exportsField)
          ? (exportsField as Record<string, unknown>)
          : undefined;
    const targets: string[] = [];
    const exported = exportsMap && mappedTarget(exportsMap, split.subpath === '' ? '.' : `./${split.subpath}`);
    if (exported !== undefined) targets.push(exported);
    if (split.subpath === '') {
      for (const field of ['module', 'main', 'types']) if (typeof manifest[field] === 'string') targets.push(manifest[field] as string);
      targets.push('src/index', 'index');
    } else if (!exportsMap) targets.push(split.subpath, `src/${split.subpath}`);
    let found: string | undefined;
    for (const target of targets) {
      const relative = path.normalize(target.replace(/\.d\.([cm]?ts)$/, '.$1'));
      if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
      // (A build folder's output, read as the source it was built from: `dist/index.js` is `src/index.ts`.)
      const parts = relative.split(path.sep);
      const bases = [relative, ...(BUILD_FOLDERS.has(parts[0]) && parts.length > 1 ? [path.join('src', ...parts.slice(1))] : [])];
      found = bases.flatMap((base) => candidatePaths(path.join(dir, base))).find((candidate) => this.files.has(candidate));
      if (found) break;
    }
    if (!this.changing) this.workspaceEntries.set(key, found);
    return found;
  }

  /**
   * Whether Node, resolving `name` from the folder `from`, would find a package of that name in a
   * node_modules on the way up that is not the run's folder `dir` (npm, pnpm and yarn link a
   * workspace there; a copy installed from a registry is another package).
   */
  private installedElsewhere(from: string, name: string, dir: string): boolean {
    const key = `${from}\0${name}`;
    let answer = this.installed.get(key);
    if (answer === undefined) {
      answer = false;
      for (let at = from; ; at = path.dirname(at)) {
        const installed = path.join(at, 'node_modules', name);
        if (fs.existsSync(installed)) {
          try {
            answer = fs.realpathSync(installed) !== fs.realpathSync(dir);
          } catch {
            answer = true;
          }
          break;
        }
        if (at === path.dirname(at)) break;
      }
      this.installed.set(key, answer);
    }
    return answer;
  }

  /** The folder of the nearest package.json above a file, within the run's root (else the root). */
  private packageOf(absolute: string): string {
    for (let dir = path.dirname(absolute); dir.startsWith(this.root) && dir !== path.dirname(dir); dir = path.dirname(dir)) {
      let known = this.packages.get(dir);
      if (known === undefined) this.packages.set(dir, (known = this.isPackage(dir)));
      if (known || dir === this.root) return dir;
    }
    return this.root;
  }

  /** The files resolved since the last call (a scanned file's dependencies), and a fresh start. */
  dependencies(): string[] {
    const found = [...this.touched];
    if (found.length > 0) this.touched = new Set();
    if (this.touchedUsers.size > 0) this.touchedUsers = new Set();
    return found;
  }

  private load(absolute: string): LoadedModule | undefined {
    const known = this.trees.get(absolute);
    const text = known && !this.files.changing ? known.text : this.files.text(absolute);
    // Most recently used last: the first entry is the one to drop.
    this.trees.delete(absolute);
    const entry = known && known.text === text ? known : { text, loaded: text === undefined ? undefined : { path: this.files.label(absolute), sourceFile: parseFile(text, absolute) } };
    this.trees.set(absolute, entry);
    if (this.trees.size > KEPT) this.trees.delete(this.trees.keys().next().value!);
    return entry.loaded;
  }
}

/**
 * Whether a specifier names another module of the run (relative, or a `#` subpath import), not a
 * package; with the run's modules, also one of the run's own packages by name (a monorepo's
 * workspace, ModuleSource.isWorkspaceImport).
 */
export function isRunSpecifier(specifier: string, modules?: ModuleSource): boolean {
  return /^(\.\.?\/|#)/.test(specifier) || (modules?.isWorkspaceImport?.(specifier) ?? false);
}

/** Folders a package's build writes to, whose files are built from `src/` (workspaceImport). */
const BUILD_FOLDERS = new Set(['dist', 'build', 'lib', 'out', 'esm', 'cjs']);

/** A package specifier's name and subpath: `@acme/store/sub` is `@acme/store` and `sub`; undefined for a relative, absolute, `#` or scheme (`node:`) one. */
function packageSpecifier(specifier: string): { name: string; subpath: string } | undefined {
  const match = /^((?:@[\w.-]+\/)?[\w][\w.-]*)(?:\/(.+))?$/.exec(specifier);
  return match ? { name: match[1], subpath: match[2] ?? '' } : undefined;
}

/**
 * What a package.json map ("imports", or "exports" by subpath) maps a key to: an exact key, or a
 * pattern with one `*`; of a conditions object, its import, node, default or require target.
 */
function mappedTarget(map: Record<string, unknown>, key: string): string | undefined {
  const pick = (target: unknown): string | undefined => {
    if (typeof target === 'string') return target;
    if (!target || typeof target !== 'object' || Array.isArray(target)) return undefined;
    const conditions = target as Record<string, unknown>;
    for (const condition of ['import', 'node', 'default', 'require']) if (condition in conditions) return pick(conditions[condition]);
    return undefined;
  };
  const exact = pick(map[key]);
  if (exact !== undefined) return exact;
  for (const [pattern, value] of Object.entries(map)) {
    const star = pattern.indexOf('*');
    if (star < 0 || pattern.indexOf('*', star + 1) >= 0 || !key.startsWith(pattern.slice(0, star)) || !key.endsWith(pattern.slice(star + 1)) || key.length < pattern.length - 1) continue;
    const matched = key.slice(star, key.length - (pattern.length - star - 1));
    return pick(value)?.replaceAll('*', matched);
  }
  return undefined;
}

/**
 * The package export a module of the run hands on under `name`: `export { X } from 'pkg'`,
 * `import { X } from 'pkg'; export { X }`, or the same in a module it names
 * (`export { X } from './sdk.js'`, `export * from './sdk.js'`), at most `hops` modules on, or a
 * package's star (`export * from 'pkg'`, taken to hand `name` on where nothing else does). A shared
 * package of a monorepo that re-exports the SDK so that every package uses one version (trial 46C
 * B1). Undefined where the name is the module's own, or not found.
 */
export function packageExportOf(module: LoadedModule, name: string, modules: ModuleSource, hops = 3): { module: string; exported: string } | undefined {
  const follow = (from: string, exported: string) => {
    if (!isRunSpecifier(from, modules)) return { module: from, exported };
    const next = hops > 0 ? modules.resolve(module.path, from) : undefined;
    return next && packageExportOf(next, exported, modules, hops - 1);
  };
  const starts: string[] = [];
  for (const statement of module.sourceFile.statements) {
    if (!ts.isExportDeclaration(statement) || statement.isTypeOnly) continue;
    const from = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
    const clause = statement.exportClause;
    if (!clause) {
      // `export * from './sdk.js'` or `from '@modelcontextprotocol/server'`: followed after the named ones.
      if (from !== undefined) starts.push(from);
      continue;
    }
    const element = ts.isNamedExports(clause) ? clause.elements.find((el) => el.name.text === name && !el.isTypeOnly) : undefined;
    if (!element) continue;
    const local = (element.propertyName ?? element.name).text;
    if (from !== undefined) return follow(from, local);
    // `export { X }` of a name the module imports.
    for (const other of module.sourceFile.statements) {
      const bindings = ts.isImportDeclaration(other) && !other.importClause?.isTypeOnly && ts.isStringLiteral(other.moduleSpecifier) ? other.importClause?.namedBindings : undefined;
      const imported = bindings && ts.isNamedImports(bindings) ? bindings.elements.find((el) => el.name.text === local && !el.isTypeOnly) : undefined;
      if (imported) return follow(((other as TS.ImportDeclaration).moduleSpecifier as TS.StringLiteral).text, (imported.propertyName ?? imported.name).text);
    }
    return undefined;
  }
  // The run's modules first; then a package's star, which this run cannot list: the name is taken
  // to come from it, unless the module declares it itself (the caller tests the package and name).
  for (const from of starts.filter((f) => isRunSpecifier(f, modules))) {
    const found = follow(from, name);
    if (found) return found;
  }
  const own = module.sourceFile.statements.some((st) => (ts.isClassDeclaration(st) || ts.isFunctionDeclaration(st)) ? st.name?.text === name : ts.isVariableStatement(st) && st.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name));
  const star = own ? undefined : starts.find((f) => !isRunSpecifier(f, modules));
  return star === undefined ? undefined : { module: star, exported: name };
}

/** An expression another module of the run holds, and that module (to follow the names it uses). */
export interface ModuleValue {
  expression: TS.Expression;
  module: LoadedModule;
}

/**
 * What a module of the run exports under `name` (`'default'` for its default export) when it is a
 * constant written out there: `export const NAME = ...`, `const NAME = ...; export { NAME }`,
 * `export default ...`, `exports.NAME = ...` and `module.exports = { NAME }`, through re-exports
 * (`export { NAME } from './constants.js'`, `export * from ...`), at most `hops` modules on. The
 * initializer as written, followed where it names another constant (see moduleValue). Undefined
 * for a `let`, a function, a class, or a name this run cannot read.
 */
export function exportedValue(module: LoadedModule, name: string, modules: ModuleSource, hops = 3): ModuleValue | undefined {
  return findExport(
    module,
    name,
    modules,
    hops,
    (site, at, left) =>
      site.kind === 'variable'
        ? site.isConst && site.node.initializer ? moduleValue(site.node.initializer, at, modules, left) : undefined
        : site.kind === 'statement'
          ? undefined
          : moduleValue(site.node, at, modules, left),
    (at, left) => {
      // CommonJS: `exports.NAME = ...`, `module.exports.NAME = ...`, `module.exports = { NAME, ... }`.
      for (const statement of at.sourceFile.statements) {
        if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression) || statement.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
        const { left: target, right } = statement.expression;
        const written = target.getText(at.sourceFile);
        if (written === `exports.${name}` || written === `module.exports.${name}`) return moduleValue(right, at, modules, left);
        const whole = unwrap(right);
        if (written !== 'module.exports' || !ts.isObjectLiteralExpression(whole)) continue;
        const property = whole.properties.find((p) => p.name !== undefined && propertyNameText(p.name) === name);
        if (property && ts.isPropertyAssignment(property)) return moduleValue(property.initializer, at, modules, left);
        if (property && ts.isShorthandPropertyAssignment(property)) return moduleValue(property.name, at, modules, left);
      }
      return undefined;
    },
    true,
  );
}

/** Where a module exports a name, as findExport hands it on. */
export type ExportSite =
  | { kind: 'expression'; node: TS.Expression }
  | { kind: 'local'; node: TS.Identifier }
  | { kind: 'statement'; node: TS.FunctionDeclaration | TS.ClassDeclaration | TS.EnumDeclaration | TS.TypeAliasDeclaration | TS.InterfaceDeclaration }
  | { kind: 'variable'; node: TS.VariableDeclaration; isConst: boolean };

/**
 * The one walk over a module's exports that each reader of them shares: what `take` makes of the
 * export named `name` (`export default ...`, `export { local }`, an exported function, class,
 * enum, type alias, interface or variable), followed through `export { name } from` and `export * from` at most `hops` modules
 * on; where the module has no ES export of it, what `commonJs` finds (its `exports.name = ...`).
 * `skipTypeOnly`: `export type { ... }` names no value.
 */
export function findExport<T>(
  module: LoadedModule,
  name: string,
  modules: ModuleSource,
  hops: number,
  take: (site: ExportSite, module: LoadedModule, hops: number) => T | undefined,
  commonJs: (module: LoadedModule, hops: number) => T | undefined,
  skipTypeOnly = false,
): T | undefined {
  const sf = module.sourceFile;
  const starts: string[] = [];
  for (const statement of sf.statements) {
    if (ts.isExportAssignment(statement)) {
      if (name === 'default' && !statement.isExportEquals) return take({ kind: 'expression', node: statement.expression }, module, hops);
    } else if (ts.isExportDeclaration(statement)) {
      if (skipTypeOnly && statement.isTypeOnly) continue;
      const from = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
      const clause = statement.exportClause;
      if (!clause) {
        if (from !== undefined) starts.push(from);
        continue;
      }
      if (!ts.isNamedExports(clause)) continue;
      const element = clause.elements.find((el) => el.name.text === name);
      if (!element) continue;
      const local = element.propertyName ?? element.name;
      if (from === undefined) return ts.isIdentifier(local) ? take({ kind: 'local', node: local }, module, hops) : undefined;
      const next = hops > 0 ? modules.resolve(module.path, from) : undefined;
      return next && findExport(next, local.text, modules, hops - 1, take, commonJs, skipTypeOnly);
    } else if (isExported(statement)) {
      const isDefault = ts.getModifiers(statement as TS.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ?? false;
      if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && (isDefault ? name === 'default' : statement.name?.text === name)) return take({ kind: 'statement', node: statement }, module, hops);
      if ((ts.isEnumDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && statement.name.text === name) return take({ kind: 'statement', node: statement }, module, hops);
      // (An interface names no value: where `take` makes nothing of it, a value of its name may follow.)
      if (ts.isInterfaceDeclaration(statement) && statement.name.text === name) {
        const found = take({ kind: 'statement', node: statement }, module, hops);
        if (found !== undefined) return found;
      }
      if (ts.isVariableStatement(statement)) {
        const decl = statement.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === name);
        if (decl) return take({ kind: 'variable', node: decl, isConst: (statement.declarationList.flags & ts.NodeFlags.Const) !== 0 }, module, hops);
      }
    }
  }
  const assigned = commonJs(module, hops);
  if (assigned !== undefined) return assigned;
  for (const from of starts) {
    const next = hops > 0 ? modules.resolve(module.path, from) : undefined;
    const found = next && findExport(next, name, modules, hops - 1, take, commonJs, skipTypeOnly);
    if (found) return found;
  }
  return undefined;
}

/**
 * The enum or type alias (`is` says which) that a module of the run exports under `name`, as
 * findExport finds it (through `export ... from` and barrels): what constantString reads an
 * imported enum's members from, and a handler's context its declared type.
 */
export function exportedDeclaration<T extends TS.EnumDeclaration | TS.TypeAliasDeclaration>(module: LoadedModule, name: string, modules: ModuleSource, is: (node: TS.Node) => node is T): T | undefined {
  return findExport(
    module,
    name,
    modules,
    3,
    (site, at) => (site.kind === 'statement' ? (is(site.node) ? site.node : undefined) : site.kind === 'local' ? at.sourceFile.statements.find((st): st is T => is(st) && st.name.text === site.node.text) : undefined),
    () => undefined,
  );
}

/** A declaration of a type: what a module may export a type as (exportedType). */
export type TypeDeclaration = TS.InterfaceDeclaration | TS.TypeAliasDeclaration | TS.ClassDeclaration | TS.EnumDeclaration;

/**
 * CodemodContext.importedType for the file at `filePath` (as findings name it): the exportedType
 * of the module its import (or that of a module read on the way, `from`) of `specifier` names,
 * with that module's path.
 */
export function importedTypeFor(modules: ModuleSource, filePath: string): (specifier: string, name: string, from?: string) => { decl: TypeDeclaration; path: string } | undefined {
  return (specifier, name, from = filePath) => {
    const module = modules.resolve(from, specifier);
    const found = module && exportedType(module, name, modules);
    return found && { decl: found.decl, path: found.module.path };
  };
}

/**
 * The type a module of the run exports under `name` (an interface, a type alias, a class or an
 * enum), as findExport finds it (through `export ... from` and barrels, `export type` too), with
 * the module that declares it: what explicit-handles judges an imported value type by (trial 76B B4).
 */
export function exportedType(module: LoadedModule, name: string, modules: ModuleSource): { decl: TypeDeclaration; module: LoadedModule } | undefined {
  const isType = (node: TS.Node): node is TypeDeclaration => ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isClassDeclaration(node) || ts.isEnumDeclaration(node);
  return findExport(
    module,
    name,
    modules,
    3,
    (site, at) => {
      const decl = site.kind === 'statement' ? site.node : site.kind === 'local' ? at.sourceFile.statements.find((st) => isType(st) && st.name?.text === site.node.text) : undefined;
      return decl && isType(decl) ? { decl, module: at } : undefined;
    },
    () => undefined,
  );
}

/**
 * An expression of a module of the run with the name it is (a `const` of the module, or one it
 * imports from another module of the run) replaced by that constant's initializer, `hops` names
 * deep; anything else as it is.
 */
export function moduleValue(expression: TS.Expression, module: LoadedModule, modules: ModuleSource, hops = 3): ModuleValue | undefined {
  const e = unwrap(expression) as TS.Expression;
  if (!ts.isIdentifier(e)) return { expression: e, module };
  if (hops <= 0) return undefined;
  const decl = resolveIdentifier(e);
  if (decl && ts.isVariableDeclaration(decl) && ts.isVariableDeclarationList(decl.parent) && decl.parent.flags & ts.NodeFlags.Const) {
    return decl.initializer && moduleValue(decl.initializer, module, modules, hops - 1);
  }
  // Imported or required from another module (`import { A } from './a.js'`, `const { A } = require('./a')`).
  const imported = moduleExportOf(e);
  const next = imported && imported.exported !== '*' ? modules.resolve(module.path, imported.module) : undefined;
  return next && exportedValue(next, imported!.exported, modules, hops - 1);
}
