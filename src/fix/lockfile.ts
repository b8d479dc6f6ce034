/**
 * What a lockfile says a package asks of the MCP SDK, for a package that is not installed (a fresh
 * clone): `fix --target 2026-07-28` must know whether a library the code imports is built on
 * SDK v1 before it moves the code to v2, with or without node_modules.
 *
 * Read as text, one format each: npm's package-lock.json (and npm-shrinkwrap.json), pnpm's
 * pnpm-lock.yaml (v5 to v9), yarn.lock (classic and berry) and bun.lock. Each records, per
 * package, its dependencies and (all but yarn classic and npm's lockfile v1) its peer
 * dependencies. The copy looked at is the one the importing package resolves: npm's at its own
 * node_modules or the top one, pnpm's importer version, yarn's entry for the declared range; when
 * that cannot be told, the copies must agree.
 */
import path from 'node:path';
import { escapeRegExp } from '../scan/prefilter.js';

export const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock'] as const;

/** Per lockfile, the install that brings it up to date and the frozen install CI runs. */
const INSTALLS: Record<(typeof LOCKFILES)[number], [string, string]> = {
  'package-lock.json': ['npm install', 'npm ci'],
  'npm-shrinkwrap.json': ['npm install', 'npm ci'],
  'pnpm-lock.yaml': ['pnpm install', 'pnpm install --frozen-lockfile'],
  'yarn.lock': ['yarn install', 'yarn install --immutable'],
  'bun.lock': ['bun install', 'bun install --frozen-lockfile'],
};

/** Yarn 1's lockfile: it has no `__metadata:` block (Berry's has). */
const yarnClassic = (base: string, text: string) => base === 'yarn.lock' && !/^__metadata:/m.test(text);

/** The install and the frozen install for a lockfile (`file`, its `text`): yarn 1 has no --immutable. */
export function installsFor(file: string, text: string): [string, string] {
  const base = path.basename(file) as (typeof LOCKFILES)[number];
  if (yarnClassic(base, text)) return ['yarn install', 'yarn install --frozen-lockfile'];
  return INSTALLS[base] ?? INSTALLS['package-lock.json'];
}

const SDK = '@modelcontextprotocol/sdk';

/** What the lockfile records of `name`'s need for the SDK: the range or version, and how it needs it. */
export type LockedNeed = { how: 'dependency' | 'peer dependency'; range: string; /** A peer dependency marked optional (peerDependenciesMeta): the library works without the SDK. */ optional?: true };

/** The package asking: its folder relative to the lockfile's (`''` at the same place), and the range it declares. */
export type Importer = { dir: string; range?: string };

/**
 * The SDK entry of `name` in a lockfile's text (`file` names the format), for the importer: the
 * need; 'none' when the lockfile holds the copy and records no need for the SDK (in a format that
 * records peer dependencies); undefined when it cannot tell.
 */
export function lockedSdkNeed(file: string, text: string, name: string, importer: Importer = { dir: '' }): LockedNeed | 'none' | undefined {
  const base = path.basename(file);
  if (base === 'bun.lock') return fromBun(text, name);
  if (base.endsWith('.json')) return fromNpm(text, name, importer);
  return fromIndented(text, name, importer, yarnClassic(base, text));
}

type NpmEntry = { version?: string; dependencies?: Record<string, string>; peerDependencies?: Record<string, string>; peerDependenciesMeta?: Record<string, { optional?: boolean }>; requires?: Record<string, string> };

/** What a package's manifest (installed, or its lockfile entry) asks of the SDK: a dependency, a peer one (optional or not), or none. */
export function manifestNeed(pkg: Omit<NpmEntry, 'version' | 'requires'>): LockedNeed | 'none' {
  const peer = needOf(pkg.peerDependencies?.[SDK], 'peer dependency');
  return needOf(pkg.dependencies?.[SDK], 'dependency') ?? (peer && pkg.peerDependenciesMeta?.[SDK]?.optional === true ? { ...peer, optional: true } : peer) ?? 'none';
}

/**
 * The version of `name` a lockfile resolves for the importer (zod's, say, on a fresh clone): npm's
 * copy at the importer's node_modules or the top one, pnpm's importer entry, bun's one entry,
 * yarn's block for the declared range (or the only one); undefined when it cannot tell.
 */
export function lockedVersion(file: string, text: string, name: string, importer: Importer = { dir: '' }): string | undefined {
  const base = path.basename(file);
  if (base === 'bun.lock') return new RegExp(`^\\s*"${escapeRegExp(name)}":\\s*\\["${escapeRegExp(name)}@([^"]+)"`, 'm').exec(text)?.[1];
  if (base.endsWith('.json')) {
    const lock = parsedNpmLock(text);
    if (!lock) return undefined;
    const keys = [importer.dir ? `${importer.dir}/node_modules/${name}` : undefined, `node_modules/${name}`];
    const entry = lock.packages ? keys.map((k) => (k ? lock.packages![k] : undefined)).find((e) => e !== undefined) : lock.dependencies?.[name];
    return typeof entry?.version === 'string' ? entry.version : undefined;
  }
  if (base === 'pnpm-lock.yaml') return pnpmImporterVersion(text, name, importer.dir);
  // yarn: the block whose header lists the declared range, its `version "4.4.3"` (classic) or `version: 4.4.3` (berry).
  const lines = text.split(/\r?\n/);
  const headers = lines.map((l, i) => [l, i] as const).filter(([l]) => new RegExp(`^['"]?${escapeRegExp(name)}@`).test(l) && l.trimEnd().endsWith(':'));
  const chosen = importer.range ? headers.filter(([l]) => l.includes(`${name}@${importer.range}`) || l.includes(`${name}@npm:${importer.range}`)) : headers;
  if (chosen.length !== 1) return undefined;
  for (let j = chosen[0][1] + 1; j < lines.length && /^\s/.test(lines[j]); j++) {
    const version = /^\s+version:?\s+['"]?([^'"\s]+)/.exec(lines[j])?.[1];
    if (version) return version;
  }
  return undefined;
}

export function needOf(range: unknown, how: LockedNeed['how']): LockedNeed | undefined {
  // pnpm's snapshots add the peers a copy was resolved with: `1.29.0(zod@4.4.3)` is 1.29.0.
  const plain = typeof range === 'string' ? range.trim().replace(/^([^(\s]+)\(.*\)$/, '$1') : '';
  return plain ? { how, range: plain } : undefined;
}

type NpmLock = { packages?: Record<string, NpmEntry>; dependencies?: Record<string, NpmEntry> };

/** The last npm lockfile parsed, by its text: a run asks it of every file's every dependency (a 2 MB lockfile took a minute, read-through 48). */
let lastNpmLock: { text: string; lock: NpmLock | undefined } | undefined;

/** An npm lockfile's JSON, parsed once while the same text is asked of; undefined where it does not parse. */
function parsedNpmLock(text: string): NpmLock | undefined {
  if (lastNpmLock?.text !== text) {
    let lock: NpmLock | undefined;
    try {
      lock = JSON.parse(text);
    } catch {
      lock = undefined;
    }
    lastNpmLock = { text, lock };
  }
  return lastNpmLock.lock;
}

function fromNpm(text: string, name: string, importer: Importer): LockedNeed | 'none' | undefined {
  const lock = parsedNpmLock(text);
  if (!lock) return undefined;
  if (lock.packages) {
    // The copy Node resolves for the importer: in its own node_modules, else the top one.
    const keys = [importer.dir ? `${importer.dir}/node_modules/${name}` : undefined, `node_modules/${name}`];
    const entry = keys.map((k) => (k ? lock.packages![k] : undefined)).find((e) => e !== undefined);
    if (!entry) return undefined;
    return manifestNeed(entry);
  }
  // v1: a tree of dependencies, each with what it requires; peer dependencies are not recorded.
  return needOf(lock.dependencies?.[name]?.requires?.[SDK], 'dependency');
}

/** bun.lock: one line per package, `"name": ["name@version", "", { "dependencies": {...}, "peerDependencies": {...}, "optionalPeers": [...] }, ...]`. */
function fromBun(text: string, name: string): LockedNeed | 'none' | undefined {
  const line = new RegExp(`^\\s*"${escapeRegExp(name)}":\\s*\\["${escapeRegExp(name)}@.*$`, 'm').exec(text)?.[0];
  if (!line) return undefined;
  const section = (key: string) => {
    const range = new RegExp(`"${key}":\\s*\\{[^}]*"${escapeRegExp(SDK)}":\\s*"([^"]+)"`).exec(line)?.[1];
    return range === undefined ? undefined : { [SDK]: range };
  };
  const optional = new RegExp(`"optionalPeers":\\s*\\[[^\\]]*"${escapeRegExp(SDK)}"`).test(line);
  return manifestNeed({ dependencies: section('dependencies'), peerDependencies: section('peerDependencies'), peerDependenciesMeta: optional ? { [SDK]: { optional: true } } : undefined });
}

type Block = { header: string; need?: LockedNeed };

/**
 * pnpm-lock.yaml and yarn.lock: a package's block is a key line naming it (`'@hono/mcp@0.1.0':`,
 * `/@hono/mcp@0.1.0(...)`, `/@hono/mcp/0.1.0:`, `"@hono/mcp@^0.1.0", "@hono/mcp@^0.1.1":`,
 * `"@hono/mcp@npm:^0.1.0":`) and the lines indented under it, where the SDK is listed under
 * `dependencies:` or `peerDependencies:`.
 */
function blocksOf(text: string, name: string): Block[] {
  const lines = text.split(/\r?\n/);
  const key = new RegExp(`^(\\s*)(?:.*[\\s,])?['"]?/?${escapeRegExp(name)}[@/][^\\s'"]*?['"]?(?:,.*)?:\\s*$`);
  const sdk = new RegExp(`^\\s*['"]?${escapeRegExp(SDK)}['"]?:?\\s+['"]?([^'"\\s]+)`);
  const sdkMeta = new RegExp(`^\\s*['"]?${escapeRegExp(SDK)}['"]?:\\s*$`);
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = key.exec(lines[i]);
    if (!match) continue;
    const block: Block = { header: lines[i].trim() };
    blocks.push(block);
    const indent = match[1].length;
    let how: LockedNeed['how'] | undefined;
    // (pnpm and yarn berry list `peerDependenciesMeta:` with the SDK `optional: true` under it.)
    let meta = false;
    let metaSdk = false;
    let optional = false;
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j];
      if (!line.trim()) continue;
      if (line.length - line.trimStart().length <= indent) break;
      const section = /^\s*([\w-]+):\s*$/.exec(line)?.[1];
      if (section) {
        how = section === 'dependencies' || section === 'optionalDependencies' ? 'dependency' : section === 'peerDependencies' ? 'peer dependency' : undefined;
        meta = section === 'peerDependenciesMeta';
        continue;
      }
      if (meta) {
        if (sdkMeta.test(line)) metaSdk = true;
        else if (metaSdk && /^\s*optional:\s*true\s*$/.test(line)) optional = true;
        else if (/^\s*['"]?[@\w]/.test(line) && /:\s*$/.test(line)) metaSdk = false;
        continue;
      }
      const range = how && !block.need ? sdk.exec(line)?.[1] : undefined;
      if (how && range) block.need = needOf(range, how);
    }
    if (optional && block.need?.how === 'peer dependency') block.need = { ...block.need, optional: true };
  }
  return blocks;
}

function fromIndented(text: string, name: string, importer: Importer, noPeers: boolean): LockedNeed | 'none' | undefined {
  const blocks = blocksOf(text, name);
  if (blocks.length === 0) return undefined;
  // The copy the importer resolves: pnpm's importer entry gives its version; yarn's block header
  // lists the range the package.json declares.
  const version = pnpmImporterVersion(text, name, importer.dir);
  const chosen = version
    ? blocks.filter((b) => new RegExp(`^['"]?/?${escapeRegExp(name)}[@/]${escapeRegExp(version)}['"(:]`).test(b.header))
    : importer.range
      ? blocks.filter((b) => b.header.includes(`${name}@${importer.range}`) || b.header.includes(`${name}@npm:${importer.range}`))
      : [];
  const candidates = chosen.length > 0 ? chosen : blocks;
  const needs = candidates.map((b) => b.need);
  const first = needs.find((n) => n !== undefined);
  // Copies that disagree, when the importer's is not known: no answer.
  if (chosen.length === 0 && needs.some((n) => (n === undefined) !== (first === undefined) || (n && first && n.range !== first.range))) return undefined;
  if (first) return first;
  // Listed without the SDK: yarn classic records no peer dependencies, so that proves nothing.
  return noPeers ? undefined : 'none';
}

/** pnpm's `importers:` entry for the package at `dir` (`.` at the top): the version of `name` it resolves. */
function pnpmImporterVersion(text: string, name: string, dir: string): string | undefined {
  const importers = /^importers:\s*$/m.exec(text);
  if (!importers) return undefined;
  const rest = text.slice(importers.index + importers[0].length);
  const section = rest.slice(0, /^\S/m.exec(rest)?.index ?? rest.length);
  const at = new RegExp(`^  ['"]?${escapeRegExp(dir || '.')}['"]?:\\s*$`, 'm').exec(section);
  if (!at) return undefined;
  const own = section.slice(at.index + at[0].length);
  const body = own.slice(0, /^ {2}\S/m.exec(own)?.index ?? own.length);
  const version = new RegExp(`^\\s+['"]?${escapeRegExp(name)}['"]?:\\s*\\n\\s+specifier:.*\\n\\s+version:\\s*['"]?([^\\s'"(]+)`, 'm').exec(body)?.[1];
  return version;
}
