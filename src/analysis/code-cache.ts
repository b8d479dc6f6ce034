/**
 * Loads a large CommonJS file (the TypeScript compiler) with a V8 code cache.
 *
 * Compiling the compiler's 9 MB of JavaScript is a fifth of a typical scan's time, and it is the
 * same work on every run. V8 can save what it compiled (including the parser functions a run
 * used) and reuse it: a later run skips the compile and starts with warm bytecode. Node 22 does
 * this for every module with `module.enableCompileCache()`; Node 20 has no such switch, so this
 * does it for the one file where it matters.
 *
 * The cache is only an accelerator. It lives in the user's cache folder ($XDG_CACHE_HOME or
 * ~/.cache, then mcp-migrate/), named after the file's size and time and Node's version (writing
 * one removes those of other versions); V8 itself rejects data from another V8 build, other flags
 * or other source. A missing, rejected or
 * unwritable cache means a normal load, silently. MCP_MIGRATE_CACHE=0 turns it off.
 */
import { isAscii } from 'node:buffer';
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { cacheDirectory, readOwnFile, sweepCacheFolder, writeCacheFile } from '../io.js';

/** Writes the code cache and removes the caches of other versions of the same file (`prefix`). */
function saveCodeCache(file: string, data: Buffer, prefix: string): void {
  if (!writeCacheFile(file, data)) return;
  sweepCacheFolder(path.dirname(file), (name) => name.startsWith(prefix) && name.endsWith('.v8cache') && name !== path.basename(file));
}

type CjsModule = { exports: unknown; loaded: boolean; filename: string; paths: string[] };
type ModuleConstructor = new (id: string) => CjsModule;

/**
 * `require(specifier)` from `from`, through the code cache when it is on. The module is put in
 * require's cache, so a later plain `require` of the same file (by ts-morph) gets this instance.
 */
export function requireWithCodeCache(from: string, specifier: string): unknown {
  const require = createRequire(from);
  const file = require.resolve(specifier);
  const existing = require.cache[file];
  if (existing) return existing.exports;
  const dir = cacheDirectory();
  if (!dir) return require(file);

  let source: string;
  let cachePath: string;
  try {
    // The compiler is 9 MB of ASCII: decoding it as Latin-1 gives the same string at half the cost.
    const bytes = fs.readFileSync(file);
    source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
    const stat = fs.statSync(file);
    const key = `${path.basename(file)}-${stat.size}-${Math.round(stat.mtimeMs)}-node${process.version}-${process.arch}.v8cache`;
    cachePath = path.join(dir, key);
  } catch {
    return require(file);
  }
  const cached = readOwnFile(cachePath);
  let script: vm.Script;
  try {
    script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData: cached });
  } catch {
    return require(file);
  }
  const mod = new (Module as unknown as ModuleConstructor)(file);
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  require.cache[file] = mod as unknown as NodeJS.Module;
  try {
    const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
    wrapper.call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
    mod.loaded = true;
  } catch (error) {
    delete require.cache[file];
    throw error;
  }
  // Saved at exit, so the data includes the functions this run compiled lazily (the parser's).
  if (!cached || script.cachedDataRejected) process.once('exit', () => saveCodeCache(cachePath, script.createCachedData(), `${path.basename(file)}-`));
  return mod.exports;
}
