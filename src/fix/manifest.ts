/**
 * package.json for `--target 2026-07-28`: add the v2 packages the migrated files import (as peer
 * dependencies where the SDK was one, at the version the workspace pins, not when the workspace
 * root provides them), move `@modelcontextprotocol/sdk` to devDependencies once the migrated
 * sources no longer import it, and say when zod is below the v2 floor. Only the edited sections change;
 * everything else in the manifest stays byte for byte.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ts as TS } from 'ts-morph';
import type { Change } from '../../codemods/types.js';
import { ts } from '../analysis/typescript.js';
import { foldersUpTo } from '../io.js';

/** Ranges written for the v2 packages (the versions this release of mcp-migrate is tested with). */
export const V2_RANGES: Record<string, string> = {
  '@modelcontextprotocol/server': '^2.4.0',
  '@modelcontextprotocol/client': '^2.4.0',
  '@modelcontextprotocol/core': '^2.4.0',
  '@modelcontextprotocol/node': '^2.1.2',
  '@modelcontextprotocol/express': '^2.0.2',
  '@modelcontextprotocol/hono': '^2.0.2',
  '@modelcontextprotocol/server-legacy': '^2.3.1',
};

const ZOD_FLOOR = '^4.2.0';

/** The zod 3 APIs whose behaviour zod 4 changes and that broke real servers: what to check when raising it. */
const ZOD3_APIS = 'z.record with one argument, ZodError.errors, .default(undefined)';

/** `@modelcontextprotocol/*` packages a source text imports or requires. */
export function mcpImports(text: string): Set<string> {
  const found = new Set<string>();
  for (const module of importedModules(text)) {
    const m = /^(@modelcontextprotocol\/[a-z-]+)/.exec(module);
    if (m) found.add(m[1]);
  }
  return found;
}

const IMPORT_TEXT = /(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*|^\s*import\s+)['"]([^'"\n]+)['"]/gm;

/**
 * Texts read so far, by their text (the fix runner asks several times about each file, in passes
 * over every file: a cache of the last few would miss them all in a monorepo). Emptied at the end
 * of each fix run (forgetImports), and when it grows past a bound outside one.
 */
const importsMemo = new Map<string, Set<string>>();
const IMPORTS_MEMO_BOUND = 50_000;

/** Empties importedModules' cache (the fix runner calls it when a run is over). */
export function forgetImports(): void {
  importsMemo.clear();
}

/**
 * The module specifiers a source text imports, requires or imports dynamically. A text with a
 * template literal is read by TypeScript's import pre-processor, which skips strings and
 * templates: `import { z } from 'zod'` written inside one (a scaffolding script's template)
 * imports nothing. The same text is read once.
 */
export function importedModules(text: string): Set<string> {
  const known = importsMemo.get(text);
  if (known) return known;
  const found = new Set<string>();
  if (!text.includes('`')) for (const m of text.matchAll(IMPORT_TEXT)) found.add(m[1]);
  else for (const f of ts.preProcessFile(text, true, true).importedFiles) found.add(f.fileName);
  if (importsMemo.size >= IMPORTS_MEMO_BOUND) importsMemo.clear();
  importsMemo.set(text, found);
  return found;
}

/**
 * The package `file` belongs to, as npm finds it: the nearest package.json at or above it, under
 * `root` (the run's folder), then above it up to `top` (the repository's top): a folder of a
 * package with no package.json of its own (`fix mcp-server`) is that package's, as with `fix .`.
 */
export function nearestManifest(file: string, root: string, top = root): string | undefined {
  let dir = path.dirname(file);
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) return candidate;
    // Above the run's folder, up to the repository's top (none when the folder is the top).
    if (dir === root) return manifestAbove(path.dirname(root), top);
    if (path.dirname(dir) === dir || !dir.startsWith(root)) return undefined;
    dir = path.dirname(dir);
  }
}

/** The nearest package.json at or above folder `dir`, up to `top` (the repository's top); none when `dir` is not inside `top`. */
export function manifestAbove(dir: string, top: string): string | undefined {
  return foldersUpTo(dir, top).map((d) => path.join(d, 'package.json')).find((f) => fs.existsSync(f));
}

/** Whether a plain range (`^1.7.0`, `~1.8`, `1.9.0`, `>=1.5`) starts below the floor's version; other forms (`*`, `latest`, tags, `workspace:`) are left alone. */
function belowFloor(range: string, floor: string): boolean {
  const version = (r: string) => /^\s*(?:\^|~|>=?)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(r);
  const have = version(range);
  const need = version(floor);
  if (!have || !need) return false;
  for (let i = 1; i <= 3; i++) {
    const a = Number(have[i] ?? 0);
    const b = Number(need[i] ?? 0);
    if (a !== b) return a < b;
  }
  return false;
}

function zodBelowFloor(range: string): boolean {
  const m = /(\d+)(?:\.(\d+))?/.exec(range);
  if (!m) return false;
  const major = Number(m[1]);
  const minor = Number(m[2] ?? 0);
  return major < 4 || (major === 4 && minor < 2);
}

/**
 * Why a package whose sources import zod cannot move to the v2 packages yet, or undefined when its
 * zod is recent enough (`range`: what its package.json, or the workspace's, declares). The v2
 * packages take Standard Schema with JSON Schema, which zod 4.2 gives and zod 3 does not: moved with
 * zod 3, every registerTool with a zod schema stops compiling (TS2769, on Figma-Context-MCP and
 * chrome-devtools-mcp). zod is never raised here (see zodNote), so such a package stays on v1.
 */
export function zodHoldsBack(range: string | undefined, installed?: string): string | undefined {
  const check = `and check the zod 3 APIs it uses (${ZOD3_APIS}, zod-to-json-schema), then run fix again`;
  // What is installed settles it (a ^4.0.0 range with 4.3 installed is ready; 4.1 installed is not).
  if (installed !== undefined && range !== undefined) {
    return zodBelowFloor(installed) ? `zod ${installed} is installed (${range} declared), below what the v2 packages need for tool schemas (zod 4.2 or later: with zod 3, registerTool calls stop compiling): raise it to ${ZOD_FLOOR} by hand ${check}` : undefined;
  }
  if (range === undefined) return `zod is not declared in its package.json (it resolves to whatever copy another package brings, often zod 3 with @modelcontextprotocol/sdk v1), while the v2 packages need zod 4.2 or later for tool schemas: declare zod ${ZOD_FLOOR} ${check}`;
  if (zodBelowFloor(range)) return `zod ${range} is below what the v2 packages need for tool schemas (zod 4.2 or later: with zod 3, registerTool calls stop compiling): raise it to ${ZOD_FLOOR} by hand ${check}`;
  return undefined;
}

/**
 * What to tell the user about a zod range below the v2 floor. zod is never raised here: a major
 * upgrade changes APIs no codemod checks (z.record's arity, ZodError.errors, defaults of
 * `undefined` that zod 4's JSON Schema conversion rejects, zod-to-json-schema returning an empty
 * schema for zod 4 types), and each broke a real server at run time, silently. The official
 * codemod also only warns.
 */
function zodNote(range: string, zodToJsonSchema: boolean): string {
  const converter = zodToJsonSchema ? '; this package uses zod-to-json-schema, which returns an empty schema for zod 4 types (move to z.toJSONSchema())' : '';
  // Already on zod 4 (a 4.0 or 4.1 range): only the floor to raise.
  if (/^\D*4(\.|\s*$)/.test(range)) return `zod ${range} not raised: the v2 packages need zod 4.2 or later (${ZOD_FLOOR}); raise it by hand${converter}`;
  return `zod ${range} not raised: the v2 packages need zod 4.2 or later (${ZOD_FLOOR}). Raise it by hand and check the zod 3 APIs this package uses (${ZOD3_APIS})${converter}`;
}

/** A version taken from the pnpm workspace's default catalog (`"catalog:"`); a named one, `catalog:v1`, is not read. */
export const CATALOG_REF = /^catalog:(default)?$/;

/** A range as declared, or, for `catalog:`, the version the catalog gives the package (the range when it gives none). */
export function fromCatalog(range: string, name: string, catalog: ReadonlyMap<string, string> | undefined): string {
  return CATALOG_REF.test(range) ? (catalog?.get(name) ?? range) : range;
}

/**
 * The default catalog of the pnpm workspace a folder is in: the nearest pnpm-workspace.yaml at or
 * above it, up to `top` (the repository's top), read once per file through `cache`.
 */
export function catalogAbove(dir: string, top: string, cache: Map<string, Map<string, string> | undefined>): Map<string, string> | undefined {
  const file = foldersUpTo(dir, top).map((d) => path.join(d, 'pnpm-workspace.yaml')).find((f) => fs.existsSync(f));
  if (!file) return undefined;
  if (!cache.has(file)) {
    let yaml: string | undefined;
    try {
      yaml = fs.readFileSync(file, 'utf8');
    } catch {
      yaml = undefined;
    }
    cache.set(file, yaml === undefined ? undefined : catalogNames(yaml));
  }
  return cache.get(file);
}

/**
 * The entries of a pnpm-workspace.yaml's default catalog (`catalog:` and its indented
 * `name: version` lines, quoted or not), name to version. Named catalogs (`catalogs:`) are not read.
 */
export function catalogNames(yaml: string): Map<string, string> {
  const names = new Map<string, string>();
  let inside = false;
  for (const line of yaml.split(/\r?\n/)) {
    if (/^catalog:\s*(#.*)?$/.test(line)) {
      inside = true;
      continue;
    }
    if (!inside || /^\s*(#.*)?$/.test(line)) continue;
    // An unquoted value runs to a comment or the end of the line (`^3.25.0 || ^4.0.0`).
    const entry = /^\s+(?:"([^"]+)"|'([^']+)'|([^\s:#'"][^:]*?))\s*:\s*(?:"([^"]*)"|'([^']*)'|([^#]*?))\s*(#.*)?$/.exec(line);
    if (!entry) {
      inside = false;
      continue;
    }
    names.set(entry[1] ?? entry[2] ?? entry[3], entry[4] ?? entry[5] ?? entry[6]);
  }
  return names;
}

/**
 * The updated manifest text, or undefined when nothing changes. `imports` are the MCP packages
 * the package's source files import after the rewrite. The v2 packages go where the SDK was: a
 * library that has it as a peer dependency gets them as peer dependencies.
 */
export function updateManifest(
  text: string,
  imports: Set<string> | undefined,
  changes: Change[],
  extra: Record<string, string> = {},
  /** What the packages above this one (a workspace root) already depend on. */
  inherited: Record<string, string> = {},
  /** Steps left to a person (a dependency not raised, and why), one line each. */
  notes: string[] = [],
  /** The pnpm workspace's default catalog (name to version), when there is a workspace file. */
  catalog?: ReadonlyMap<string, string>,
  options: {
    /**
     * Whether the package's sources import zod. The v2 packages bring their own zod 4; a package
     * that moves (one that registers tools with zod schemas stays on v1, see zodHoldsBack) has
     * nothing to raise unless its own code uses zod.
     */
    importsZod?: boolean;
    /** A runtime dependency that takes @modelcontextprotocol/sdk as a peer: the SDK stays a runtime dependency. */
    sdkPeerOf?: string;
    /** A workspace root that provides the SDK to packages below it: it keeps the SDK where it is. */
    keepSdk?: boolean;
  } = {},
): string | undefined {
  const { importsZod = true, sdkPeerOf, keepSdk = false } = options;
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!pkg || typeof pkg !== 'object' || Array.isArray(pkg)) return undefined;
  const section = (key: string) => ({ ...((pkg[key] as Record<string, string>) ?? {}) });
  const deps = section('dependencies');
  const peers = section('peerDependencies');
  const dev = section('devDependencies');
  const edited = new Set<'dependencies' | 'peerDependencies' | 'devDependencies'>();
  const has = (name: string) => !!(deps[name] || dev[name] || peers[name]);
  // A v2 package the workspace already pins (often exactly, kept in lockstep): the new ones take
  // the same version rather than a range of their own. The package's own pins first (a
  // `catalog:` one read from the catalog), then the workspace root's, then the catalog's.
  const resolved = (range: string, name: string) => fromCatalog(range, name, catalog);
  const pinsOf = (list: Record<string, string>) => Object.entries(list).map(([name, range]) => [name, resolved(range, name)] as const);
  const pinned = [...pinsOf({ ...dev, ...peers, ...deps }), ...pinsOf(inherited), ...(catalog ?? [])].find(([name, range]) => V2_RANGES[name] && /^\d/.test(range))?.[1];
  for (const [name, range] of Object.entries(extra)) {
    if (has(name)) {
      // Declared below what the rewritten code needs (the v1 SDK's Streamable HTTP came in 1.10): raised in place.
      for (const [key, list] of [['dependencies', deps], ['peerDependencies', peers], ['devDependencies', dev]] as const) {
        const declared = list[name];
        if (!declared || !belowFloor(declared, range)) continue;
        list[name] = range;
        changes.push({ line: 1, description: `package.json: raised ${name} from ${declared} to ${range} (the rewritten code needs it)`, safety: 'review' });
        edited.add(key);
      }
      continue;
    }
    deps[name] = range;
    changes.push({ line: 1, description: `package.json: added ${name}@${range}`, safety: 'safe' });
    edited.add('dependencies');
  }
  if (imports) {
    const peerSdk = !!peers['@modelcontextprotocol/sdk'] && !deps['@modelcontextprotocol/sdk'];
    // A package that bundles its dependencies keeps the SDK among devDependencies only: so do the v2 ones.
    const devSdk = !!dev['@modelcontextprotocol/sdk'] && !deps['@modelcontextprotocol/sdk'] && !peers['@modelcontextprotocol/sdk'];
    const target = peerSdk ? peers : devSdk ? dev : deps;
    const section = peerSdk ? 'peerDependencies' : devSdk ? 'devDependencies' : 'dependencies';
    // A package that takes the SDK from the pnpm workspace's catalog (`"catalog:"`) takes the v2
    // packages from it too, where the catalog has them (sentry-mcp's catalog pins them).
    // (The default catalog only: a named one, `catalog:v1`, is not read.)
    const sdkFromCatalog = CATALOG_REF.test(peers['@modelcontextprotocol/sdk'] ?? dev['@modelcontextprotocol/sdk'] ?? deps['@modelcontextprotocol/sdk'] ?? '');
    for (const name of [...imports].sort()) {
      // Already here, or provided by the workspace root.
      if (!V2_RANGES[name] || has(name) || inherited[name]) continue;
      const catalogued = sdkFromCatalog && !!catalog?.has(name);
      const range = catalogued ? 'catalog:' : (pinned ?? V2_RANGES[name]);
      target[name] = range;
      changes.push({ line: 1, description: `package.json: added ${name}@${range}${peerSdk ? ' (peer dependency, as the SDK was)' : devSdk ? ' (dev dependency, as the SDK was)' : ''}${catalogued ? " (the workspace catalog's version, as the SDK's)" : pinned ? ' (the version the workspace pins)' : ''}`, safety: 'safe' });
      if (sdkFromCatalog && !catalogued) {
        notes.push(
          catalog
            ? `${name} is not in the pnpm workspace's catalog, from which this package takes @modelcontextprotocol/sdk: added as ${range}; add it to the catalog in pnpm-workspace.yaml and write "catalog:" here`
            : `this package takes @modelcontextprotocol/sdk from a workspace catalog this run did not find (it reads the default catalog of pnpm-workspace.yaml): ${name} added as ${range}; add it to that catalog and write "catalog:" here`,
        );
      }
      edited.add(section);
    }
    // Nothing the migrated sources import: out of the runtime dependencies, but kept for the
    // tests and scripts fix did not read (they may still use the v1 client).
    for (const [key, list] of [['dependencies', deps], ['peerDependencies', peers]] as const) {
      const range = list['@modelcontextprotocol/sdk'];
      if (imports.has('@modelcontextprotocol/sdk') || !range || keepSdk) continue;
      if (sdkPeerOf && key === 'dependencies') {
        notes.push(`@modelcontextprotocol/sdk stays in dependencies though the migrated sources no longer import it: ${sdkPeerOf} takes it as a peer dependency and needs it installed at run time`);
        continue;
      }
      delete list['@modelcontextprotocol/sdk'];
      edited.add(key);
      if (!dev['@modelcontextprotocol/sdk']) {
        dev['@modelcontextprotocol/sdk'] = range;
        edited.add('devDependencies');
      }
      changes.push({ line: 1, description: `package.json: @modelcontextprotocol/sdk moved from ${key} to devDependencies (the migrated sources no longer import it; tests may)`, safety: 'safe' });
    }
    // Wherever the package declares zod (a library asks for it as a peer), from the catalog when it says `catalog:`.
    const zod = deps.zod ?? peers.zod ?? dev.zod;
    const zodRange = zod === undefined ? undefined : resolved(zod, 'zod');
    if (importsZod && zodRange && zodBelowFloor(zodRange)) notes.push(zodNote(zodRange === zod ? zodRange : `${zodRange} (catalog:)`, has('zod-to-json-schema')));
  }
  if (edited.size === 0) return undefined;
  let next = text;
  // Later sections first, so that earlier offsets stay valid.
  const values = { dependencies: deps, peerDependencies: peers, devDependencies: dev };
  const sections = [...edited].map((key) => ({ key, value: values[key], at: memberValue(text, key) }));
  sections.sort((a, b) => (b.at?.start ?? Infinity) - (a.at?.start ?? Infinity));
  for (const { key, value, at } of sections) next = spliceMember(next, key, ordered(value, pkg[key]), at);
  return next;
}

/** The section's entries, sorted when the manifest had them sorted (npm's own order). */
function ordered(deps: Record<string, string>, before: unknown): Record<string, string> {
  const keys = Object.keys((before as object) ?? {});
  const sorted = keys.every((k, i) => i === 0 || keys[i - 1] <= k);
  return sorted ? Object.fromEntries(Object.entries(deps).sort(([a], [b]) => (a < b ? -1 : 1))) : deps;
}

/**
 * Where a top-level member's value starts and ends in a JSON object's text (the last one, when
 * the key repeats: that is the one JSON.parse keeps), from the compiler's JSON parse.
 */
function memberValue(text: string, key: string): { start: number; end: number } | undefined {
  const json = ts.parseJsonText('package.json', text);
  const root = json.statements[0]?.expression;
  if (!root || !ts.isObjectLiteralExpression(root)) return undefined;
  const member = root.properties.filter((p): p is TS.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isStringLiteral(p.name) && p.name.text === key).at(-1);
  return member ? { start: member.initializer.getStart(json), end: member.initializer.getEnd() } : undefined;
}

/**
 * The manifest with one top-level member's value replaced (or the member added at the end), in
 * the file's indentation; every other byte stays as it was.
 */
function spliceMember(text: string, key: string, value: Record<string, string>, at: { start: number; end: number } | undefined): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  // A manifest written on one line stays on one line.
  const compact = !text.trim().includes('\n');
  const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
  const rendered = compact ? JSON.stringify(value) : JSON.stringify(value, null, indent).replace(/\n/g, `${eol}${indent}`);
  if (at) return text.slice(0, at.start) + rendered + text.slice(at.end);
  const close = text.lastIndexOf('}');
  let last = close - 1;
  while (last >= 0 && /\s/.test(text[last])) last--;
  const empty = text[last] === '{';
  if (compact) return `${text.slice(0, last + 1)}${empty ? '' : ','}${JSON.stringify(key)}:${rendered}${text.slice(close)}`;
  return `${text.slice(0, last + 1)}${empty ? '' : ','}${eol}${indent}${JSON.stringify(key)}: ${rendered}${eol}${text.slice(close)}`;
}
