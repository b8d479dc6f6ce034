/**
 * Which files a run looks at. globby walks directories (honouring `.gitignore` at every level);
 * `classifyFile` decides, from the name alone, whether a file is code the parser reads or
 * deployment config the text rules read.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { globby } from 'globby';
import type { ConfigKind } from '../rules/types.js';

export type FileKind = { type: 'code'; ext: string } | { type: 'config'; kind: ConfigKind };

const CODE_EXTENSIONS = new Set(['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts']);

/** Build output, dependencies and generated code: never the user's source. */
export const DEFAULT_IGNORES = [
  '**/node_modules/**',
  '**/.git/**',
  '**/dist/**',
  '**/build/**',
  '**/out/**',
  '**/.next/**',
  '**/.nuxt/**',
  '**/.svelte-kit/**',
  '**/.turbo/**',
  '**/.vercel/**',
  '**/.wrangler/**',
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
 * would keep a migrated repository red in CI.
 */
export const TEST_IGNORES = [
  '**/*.test.*',
  '**/*.spec.*',
  '**/*.e2e.*',
  '**/__tests__/**',
  '**/__mocks__/**',
  '**/test/**',
  '**/tests/**',
  '**/e2e/**',
];

export function classifyFile(filePath: string): FileKind | undefined {
  const base = path.basename(filePath);
  const lowerBase = base.toLowerCase();
  const ext = path.extname(lowerBase);
  if (CODE_EXTENSIONS.has(ext)) {
    if (/\.d\.(ts|mts|cts)$/.test(lowerBase) || /\.min\.(js|mjs|cjs)$/.test(lowerBase)) return undefined;
    return { type: 'code', ext };
  }
  if (/^(dockerfile|containerfile)(\..+)?$/.test(lowerBase) || ext === '.dockerfile') return { type: 'config', kind: 'dockerfile' };
  if (/^wrangler(\.[\w-]+)?\.(json|jsonc|toml)$/.test(lowerBase)) return { type: 'config', kind: 'wrangler' };
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

export interface DiscoveredFile {
  /** Absolute path. */
  absolute: string;
  kind: FileKind;
}

export interface DiscoveryResult {
  files: DiscoveredFile[];
  errors: Array<{ path: string; message: string }>;
}

export interface DiscoveryOptions {
  include?: string[];
  exclude?: string[];
  /** Scan test files too (default: skip TEST_IGNORES). */
  includeTests?: boolean;
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

/**
 * Walks one directory. A custom `fs` adapter turns unreadable directories into error lines
 * instead of aborting the walk (fast-glob would otherwise throw or silently drop them).
 */
async function walkDirectory(dir: string, options: DiscoveryOptions, errors: DiscoveryResult['errors']): Promise<string[]> {
  const reportError = (target: string, error: NodeJS.ErrnoException) => {
    // globby walks twice when honouring .gitignore (once to find the ignore files): report once.
    const message = `cannot read directory: ${describeFsError(error)}`;
    if (!errors.some((e) => e.path === target && e.message === message)) errors.push({ path: target, message });
  };
  const guardedFs = {
    ...fs,
    readdir: ((target: string, opts: unknown, callback: (error: NodeJS.ErrnoException | null, entries?: unknown[]) => void) => {
      const cb = typeof opts === 'function' ? (opts as typeof callback) : callback;
      const realOpts = typeof opts === 'function' ? undefined : opts;
      fs.readdir(target, realOpts as fs.ObjectEncodingOptions & { withFileTypes: true }, (error, entries) => {
        if (error && (error.code === 'EACCES' || error.code === 'EPERM' || error.code === 'ELOOP')) {
          reportError(target, error);
          cb(null, []);
          return;
        }
        cb(error, entries as unknown[]);
      });
    }) as unknown as typeof fs.readdir,
  };
  const patterns = options.include && options.include.length > 0 ? options.include : ['**/*'];
  // .gitignore files count at every level, including the repository's above `dir`, unless the
  // user named a directory that those ancestors ignore: then only the ones inside it count.
  const ignoreOptions = isGitIgnored(dir) ? { ignoreFiles: ['**/.gitignore'] } : { gitignore: true };
  const entries = await globby(patterns, {
    cwd: dir,
    absolute: true,
    dot: true,
    ...ignoreOptions,
    onlyFiles: false,
    objectMode: true,
    followSymbolicLinks: false,
    ignore: [...DEFAULT_IGNORES, ...(options.includeTests ? [] : TEST_IGNORES), ...(options.exclude ?? [])],
    fs: guardedFs as never,
  });
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.dirent.isFile()) {
      files.push(entry.path);
    } else if (entry.dirent.isSymbolicLink() && classifyFile(entry.path)) {
      // Symlinks to files are followed; symlinked directories are not descended (no loops, no duplicates).
      try {
        if (fs.statSync(entry.path).isFile()) files.push(entry.path);
      } catch (error) {
        errors.push({ path: entry.path, message: `cannot read: ${describeFsError(error as NodeJS.ErrnoException)}` });
      }
    }
  }
  return files;
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

/** Lists the files to scan under each path. Missing paths throw; unreadable parts become errors. */
export async function discoverFiles(paths: string[], options: DiscoveryOptions = {}, cwd = process.cwd()): Promise<DiscoveryResult> {
  const errors: DiscoveryResult['errors'] = [];
  const seen = new Set<string>();
  const files: DiscoveredFile[] = [];
  const add = (absolute: string) => {
    const normalised = path.resolve(absolute);
    if (seen.has(normalised)) return;
    const kind = classifyFile(normalised);
    if (!kind) return;
    seen.add(normalised);
    files.push({ absolute: normalised, kind });
  };
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
      for (const file of await walkDirectory(absolute, options, errors)) add(file);
    } else if (classifyFile(absolute)) {
      add(absolute);
    } else {
      errors.push({ path: absolute, message: 'not a file type mcp-migrate scans (TypeScript/JavaScript or deployment config)' });
    }
  }
  files.sort((a, b) => (a.absolute < b.absolute ? -1 : a.absolute > b.absolute ? 1 : 0));
  return { files, errors };
}

/** A path given on the command line does not exist: a usage error (exit 2). */
export class PathError extends Error {
  override name = 'PathError';
}
