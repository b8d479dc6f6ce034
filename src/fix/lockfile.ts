/**
 * What a lockfile says a package asks of the MCP SDK, for a package that is not installed (a fresh
 * clone): `fix --target 2026-07-28` must know whether a library the code imports is built on
 * SDK v1 before it moves the code to v2, with or without node_modules.
 *
 * Read as text, one format each: npm's package-lock.json (and npm-shrinkwrap.json), pnpm's
 * pnpm-lock.yaml (v5 to v9), yarn.lock (classic and berry) and bun.lock. Each records, per
 * package, its dependencies and (all but yarn classic) its peer dependencies.
 */
import path from 'node:path';

export const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock'] as const;

const SDK = '@modelcontextprotocol/sdk';

/** What the lockfile records of `name`'s need for the SDK: the range or version, and how it needs it. */
export type LockedNeed = { how: 'dependency' | 'peer dependency'; range: string };

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The SDK entry of `name` in a lockfile's text (`file` names the format): the need; 'none' when
 * the lockfile lists the package and records no need for the SDK; undefined when it cannot tell
 * (the package is not in it, or yarn classic, which records no peer dependencies, has it without one).
 */
export function lockedSdkNeed(file: string, text: string, name: string): LockedNeed | 'none' | undefined {
  const base = path.basename(file);
  const need = base === 'bun.lock' ? fromBun(text, name) : base.endsWith('.json') ? fromNpm(text, name) : fromIndented(text, name);
  if (need) return need;
  const yarnClassic = base === 'yarn.lock' && !/^__metadata:/m.test(text);
  return !yarnClassic && new RegExp(`["'/\\s]${escape(name)}["'@/:]`).test(text) ? 'none' : undefined;
}

type NpmEntry = { dependencies?: Record<string, string>; peerDependencies?: Record<string, string>; requires?: Record<string, string> };

function fromNpm(text: string, name: string): LockedNeed | undefined {
  let lock: { packages?: Record<string, NpmEntry>; dependencies?: Record<string, NpmEntry> };
  try {
    lock = JSON.parse(text);
  } catch {
    return undefined;
  }
  // v2/v3: every installed copy under its node_modules path (a workspace's own first, then the hoisted one).
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    if (key !== `node_modules/${name}` && !key.endsWith(`/node_modules/${name}`)) continue;
    const need = needOf(entry?.dependencies?.[SDK], 'dependency') ?? needOf(entry?.peerDependencies?.[SDK], 'peer dependency');
    if (need) return need;
  }
  // v1: a tree of dependencies, each with what it requires.
  return needOf(lock.dependencies?.[name]?.requires?.[SDK], 'dependency');
}

function needOf(range: unknown, how: LockedNeed['how']): LockedNeed | undefined {
  return typeof range === 'string' && range.trim() ? { how, range: range.trim() } : undefined;
}

/** bun.lock: one line per package, `"name": ["name@version", "", { "dependencies": {...}, "peerDependencies": {...} }, ...]`. */
function fromBun(text: string, name: string): LockedNeed | undefined {
  const line = new RegExp(`^\\s*"${escape(name)}":\\s*\\["${escape(name)}@.*$`, 'm').exec(text)?.[0];
  if (!line) return undefined;
  const section = (key: string) => new RegExp(`"${key}":\\s*\\{[^}]*"${escape(SDK)}":\\s*"([^"]+)"`).exec(line)?.[1];
  return needOf(section('dependencies'), 'dependency') ?? needOf(section('peerDependencies'), 'peer dependency');
}

/**
 * pnpm-lock.yaml and yarn.lock: a package's block is a key line naming it (`'@hono/mcp@0.1.0':`,
 * `/@hono/mcp@0.1.0(...)`, `/@hono/mcp/0.1.0:`, `"@hono/mcp@^0.1.0", "@hono/mcp@^0.1.1":`,
 * `"@hono/mcp@npm:^0.1.0":`) and the lines indented under it, where the SDK is listed under
 * `dependencies:` or `peerDependencies:`.
 */
function fromIndented(text: string, name: string): LockedNeed | undefined {
  const lines = text.split(/\r?\n/);
  const key = new RegExp(`^(\\s*)(?:.*[\\s,])?['"]?/?${escape(name)}[@/][^\\s'"]*?['"]?(?:,.*)?:\\s*$`);
  const sdk = new RegExp(`^\\s*['"]?${escape(SDK)}['"]?:?\\s+['"]?([^'"\\s]+)`);
  for (let i = 0; i < lines.length; i++) {
    const match = key.exec(lines[i]);
    if (!match) continue;
    const indent = match[1].length;
    let how: LockedNeed['how'] | undefined;
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j];
      if (!line.trim()) continue;
      const depth = line.length - line.trimStart().length;
      if (depth <= indent) break;
      const section = /^\s*(dependencies|peerDependencies|optionalDependencies|peerDependenciesMeta|dependenciesMeta|[\w-]+):\s*$/.exec(line)?.[1];
      if (section) {
        how = section === 'dependencies' || section === 'optionalDependencies' ? 'dependency' : section === 'peerDependencies' ? 'peer dependency' : undefined;
        continue;
      }
      const range = how ? sdk.exec(line)?.[1] : undefined;
      if (how && range) return { how, range };
    }
  }
  return undefined;
}
