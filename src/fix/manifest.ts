/**
 * package.json for `--target 2026-07-28`: add the v2 packages the migrated files import, drop
 * `@modelcontextprotocol/sdk` once nothing in the package imports it, and raise zod to the v2
 * floor. Key order, indentation and the final newline of the manifest are kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Change } from '../../codemods/types.js';

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

/** `@modelcontextprotocol/*` packages a source text imports or requires. */
export function mcpImports(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?:from\s*|require\(\s*|import\(\s*)['"](@modelcontextprotocol\/[a-z-]+)/g)) found.add(m[1]);
  return found;
}

/** The nearest package.json at or above `file`, not above `root`. */
export function nearestManifest(file: string, root: string): string | undefined {
  let dir = path.dirname(file);
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) return candidate;
    if (dir === root || path.dirname(dir) === dir || !dir.startsWith(root)) return undefined;
    dir = path.dirname(dir);
  }
}

function zodBelowFloor(range: string): boolean {
  const m = /(\d+)(?:\.(\d+))?/.exec(range);
  if (!m) return false;
  const major = Number(m[1]);
  const minor = Number(m[2] ?? 0);
  return major < 4 || (major === 4 && minor < 2);
}

/**
 * The updated manifest text, or undefined when nothing changes. `imports` are the MCP packages
 * the package's source files import after the rewrite.
 */
export function updateManifest(text: string, imports: Set<string> | undefined, changes: Change[], extra: Record<string, string> = {}): string | undefined {
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(text);
  } catch {
    return undefined;
  }
  const deps = { ...((pkg.dependencies as Record<string, string>) ?? {}) };
  const dev = (pkg.devDependencies as Record<string, string>) ?? {};
  let changed = false;
  for (const [name, range] of Object.entries(extra)) {
    if (deps[name] || dev[name]) continue;
    deps[name] = range;
    changes.push({ line: 1, description: `package.json: added ${name}@${range}`, safety: 'safe' });
    changed = true;
  }
  if (!imports) {
    return changed ? serialise(pkg, deps, text) : undefined;
  }
  for (const name of [...imports].sort()) {
    if (!V2_RANGES[name] || deps[name] || dev[name]) continue;
    deps[name] = V2_RANGES[name];
    changes.push({ line: 1, description: `package.json: added ${name}@${V2_RANGES[name]}`, safety: 'safe' });
    changed = true;
  }
  if (!imports.has('@modelcontextprotocol/sdk') && deps['@modelcontextprotocol/sdk']) {
    delete deps['@modelcontextprotocol/sdk'];
    changes.push({ line: 1, description: 'package.json: removed @modelcontextprotocol/sdk (nothing imports it any more)', safety: 'safe' });
    changed = true;
  }
  if (deps.zod && zodBelowFloor(deps.zod)) {
    changes.push({ line: 1, description: `package.json: zod ${deps.zod} → ${ZOD_FLOOR} (the v2 packages need zod 4.2 or later)`, safety: 'review' });
    deps.zod = ZOD_FLOOR;
    changed = true;
  }
  if (!changed) return undefined;
  return serialise(pkg, deps, text);
}

function serialise(pkg: Record<string, unknown>, deps: Record<string, string>, text: string): string {
  const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
  const sorted = Object.keys((pkg.dependencies as object) ?? {}).every((k, i, a) => i === 0 || a[i - 1] <= k);
  const ordered = sorted ? Object.fromEntries(Object.entries(deps).sort(([a], [b]) => (a < b ? -1 : 1))) : deps;
  const next = { ...pkg, dependencies: ordered };
  return `${JSON.stringify(next, null, indent)}${text.endsWith('\n') ? '\n' : ''}`;
}
