/**
 * The other modules of a run that a file imports, read when a rule asks for one.
 *
 * Analysis is per file, but a tool's state often lives in a module of its own (`import {
 * todoStorage } from './core/storage.js'`): the tool file shows a call, the store module the Map
 * it fills. A rule that follows such a call asks `ModuleSource.resolve` for the module a relative
 * specifier names; only files of the same run are read (what the run walks: its `.gitignore`,
 * excludes and size limit hold), each parsed once while it is in use and dropped after (a few
 * dozen at most are kept). Package imports (`'zod'`) are never followed.
 *
 * The files a scan of one file resolved are its dependencies: the result cache replays that file
 * only while they, too, are unchanged (`dependencies`).
 */
import path from 'node:path';
import type { ts as TS } from 'ts-morph';
import { parseFile } from './parse.js';

export interface LoadedModule {
  /** The module's path as findings name files (relative to the scanned root, `/`-separated). */
  path: string;
  sourceFile: TS.SourceFile;
}

export interface ModuleSource {
  /**
   * The module a relative `specifier` names, imported by the file at `fromPath` (as findings name
   * it): `./store.js` is `store.ts` when that is the file there, `./store` any of the code
   * extensions or the folder's `index`. Undefined for a package, a file outside the run, or one
   * that cannot be read.
   */
  resolve(fromPath: string, specifier: string): LoadedModule | undefined;
}

/** What a run knows of its files: whether one is part of it, its text, and its name in findings. */
export interface RunFiles {
  has(absolute: string): boolean;
  /** The file's text, or undefined when it cannot be read (binary, too large, gone). */
  text(absolute: string): string | undefined;
  label(absolute: string): string;
  /** Texts may change during the run (fix rewrites files): a kept tree is checked against the text first. */
  changing?: boolean;
}

const SOURCE_FOR_OUTPUT: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** Parsed modules kept for the next file that imports them: a package's store modules, not a monorepo's. */
const KEPT = 48;

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

  constructor(
    private readonly root: string,
    private readonly files: RunFiles,
  ) {}

  resolve(fromPath: string, specifier: string): LoadedModule | undefined {
    if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
    const from = path.resolve(this.root, fromPath);
    const base = path.resolve(path.dirname(from), specifier);
    for (const candidate of candidatePaths(base)) {
      if (candidate === from || !this.files.has(candidate)) continue;
      this.touched.add(candidate);
      return this.load(candidate);
    }
    return undefined;
  }

  /** The files resolved since the last call (a scanned file's dependencies), and a fresh start. */
  dependencies(): string[] {
    const found = [...this.touched];
    if (found.length > 0) this.touched = new Set();
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
