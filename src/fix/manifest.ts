/**
 * package.json for `--target 2026-07-28`: add the v2 packages the migrated files import (as peer
 * dependencies where the SDK was one, at the version the workspace pins, not when the workspace
 * root provides them to a package that declares no SDK of its own), move
 * `@modelcontextprotocol/sdk` to devDependencies once the migrated sources no longer import it,
 * and say when zod is below the v2 floor. Only the edited sections change; everything else in the
 * manifest stays byte for byte.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ts as TS } from 'ts-morph';
import type { Change } from '../../codemods/types.js';
import { ts } from '../analysis/typescript.js';
import { foldersUpTo, stripBom } from '../io.js';
import { importedBindings, joinNames } from '../analysis/ast.js';
import { parseFile } from '../analysis/parse.js';

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

/**
 * The runtime dependencies of @modelcontextprotocol/sdk v1 (1.32) that code imports on its own:
 * a package that imports one without declaring it gets it only through the SDK (trial 30C: an
 * express server whose express came with the SDK). zod is not among them: the v2 server package
 * brings its own.
 */
const SDK_V1_DEPENDENCIES = new Set(['express', 'cors', 'hono', '@hono/node-server', 'ajv', 'ajv-formats', 'content-type', 'cross-spawn', 'eventsource', 'eventsource-parser', 'express-rate-limit', 'jose', 'json-schema-typed', 'pkce-challenge', 'raw-body', 'zod-to-json-schema']);

/** The HTTP frameworks the v1 SDK depends on: an entry that mounts the server may import them without importing the SDK. */
export const HTTP_FRAMEWORKS: ReadonlySet<string> = new Set(['express', 'cors', 'hono', '@hono/node-server', 'express-rate-limit']);

/** The package a bare module specifier names (`express`, `@hono/node-server` from `@hono/node-server/vercel`); undefined for a relative or built-in one. */
export function packageOf(specifier: string): string | undefined {
  if (/^(\.|\/|node:|#)/.test(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Of the modules a source imports, the packages the v1 SDK depends on (what may come only through it). */
export function sdkDependencyImports(modules: Iterable<string>): Set<string> {
  const found = new Set<string>();
  for (const m of modules) {
    const name = packageOf(m);
    if (name && SDK_V1_DEPENDENCIES.has(name)) found.add(name);
  }
  return found;
}

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

/** An import, require or dynamic import's module specifier (group 1), as written in the text. */
export const IMPORT_TEXT = /(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*|^\s*import\s+)['"]([^'"\n]+)['"]/gm;

/**
 * Texts read so far, by their text (the fix runner asks several times about each file, in passes
 * over every file: a cache of the last few would miss them all in a monorepo). Emptied at the end
 * of each fix run (forgetImports), and when it grows past a bound outside one.
 */
const importsMemo = new Map<string, Set<string>>();
const IMPORTS_MEMO_BOUND = 50_000;

/** Empties importedModules' cache, and zodTakesSdkSchemas' (the fix runner calls it when a run is over). */
export function forgetImports(): void {
  importsMemo.clear();
  sdkSchemasMemo.clear();
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

/**
 * The version a raise to `range` (`^1.10.2`) writes, with the operator the declared range had: a
 * tilde stays a tilde (`~1.10.0` → `~1.10.2`), an exact pin stays exact (`1.10.1` → `1.10.2`).
 */
function withOperatorOf(declared: string, range: string): string {
  const operator = /^\s*(\^|~|>=?)?\s*v?\d/.exec(declared)?.[1] ?? '';
  return `${operator}${range.replace(/^[\s^~>=]*/, '')}`;
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

/** The version a zod range or version names first (`^4.1.5` → 4.1), if it names one. */
function zodVersion(range: string): { major: number; minor: number } | undefined {
  const m = /(\d+)(?:\.(\d+))?/.exec(range);
  return m ? { major: Number(m[1]), minor: Number(m[2] ?? 0) } : undefined;
}

function zodBelowFloor(range: string): boolean {
  const v = zodVersion(range);
  return !!v && (v.major < 4 || (v.major === 4 && v.minor < 2));
}

/** Where a source's own zod takes the SDK's schemas (zodTakesSdkSchemas): its line, and the use as written (`z.infer<typeof CallToolRequestSchema>`). */
export type SdkSchemaUse = { line: number; use: string };

/** zodTakesSdkSchemas' answers by text (the fix runner asks twice about each file); emptied with importsMemo. */
const sdkSchemasMemo = new Map<string, SdkSchemaUse | null>();

/** Methods of a schema that take schemas or shapes: on one of the SDK's, what they are given joins it. */
const SCHEMA_COMBINATORS = new Set(['extend', 'safeExtend', 'merge', 'augment', 'setKey', 'catchall', 'and', 'or', 'pipe']);

/** Methods of a schema that read a value (`CallToolRequestSchema.parse(body)`): the SDK's zod at work, not the package's. */
const SCHEMA_READERS = new Set(['parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'spa', 'decode', 'encode', 'safeDecode', 'safeEncode']);

/**
 * The first place a source hands a zod schema the SDK exports to its own zod (trial 57C B2): a
 * type `z.infer<typeof CallToolRequestSchema>` (z.input, z.output, z.TypeOf alike), a zod call
 * given one (`z.array(ToolSchema)`, `z.object({ request: CallToolRequestSchema })`), or one
 * extended with the package's zod (`CallToolResultSchema.extend({ note: z.string() })`). Moved,
 * those schemas come from the v2 packages and are zod 4 ones: with zod 3, z.infer of one stops
 * compiling (TS2344: not a ZodType), and zod 3 and zod 4 schemas built into one another fail at
 * run time. So such a package's zod is not its own business, as a low-level Server's is. Only a
 * name ending in Schema imported from @modelcontextprotocol/sdk counts, with a zod imported from
 * 'zod': `CallToolRequestSchema.parse(body)` runs the SDK's zod alone, and `zod/v4` (zod 3.25's
 * copy of zod 4) reads zod 4 schemas. Undefined when there is none.
 */
export function zodTakesSdkSchemas(text: string, file = 'source.ts'): SdkSchemaUse | undefined {
  if (!text.includes('@modelcontextprotocol/sdk') || !text.includes('Schema') || !importedModules(text).has('zod')) return undefined;
  const known = sdkSchemasMemo.get(text);
  if (known !== undefined) return known ?? undefined;
  const found = findZodOnSdkSchemas(text, file);
  if (sdkSchemasMemo.size >= IMPORTS_MEMO_BOUND) sdkSchemasMemo.clear();
  sdkSchemasMemo.set(text, found ?? null);
  return found;
}

function findZodOnSdkSchemas(text: string, file: string): SdkSchemaUse | undefined {
  const sf = parseFile(text, file);
  // zod's namespace (`{ z }`, `* as z`, the default export), and the names taken from it one by one (`{ infer as Infer, object }`).
  const zodNamespaces = new Set<string>();
  const zodNames = new Set<string>();
  // The SDK's schemas by their local names, and the SDK modules imported whole (`* as types`).
  const schemas = new Set<string>();
  const sdkNamespaces = new Set<string>();
  for (const statement of sf.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const module = statement.moduleSpecifier.text;
    for (const { local, exported } of importedBindings(statement)) {
      if (module === 'zod') (exported === '*' || exported === 'default' || exported === 'z' ? zodNamespaces : zodNames).add(local);
      else if (/^@modelcontextprotocol\/sdk(\/|$)/.test(module)) {
        if (exported === '*') sdkNamespaces.add(local);
        else if (/Schema$/.test(exported)) schemas.add(local);
      }
    }
  }
  if (schemas.size === 0 && sdkNamespaces.size === 0) return undefined;
  if (zodNamespaces.size === 0 && zodNames.size === 0) return undefined;
  // The name an expression or a type's entity name starts from (`z` of `z.object({}).merge`, `types` of `types.ToolSchema`).
  const rootOf = (node: TS.Node): TS.Identifier | undefined => {
    let n = node;
    for (;;) {
      if (ts.isIdentifier(n)) return n;
      if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n) || ts.isCallExpression(n) || ts.isNonNullExpression(n) || ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n)) n = n.expression;
      else if (ts.isQualifiedName(n)) n = n.left;
      else return undefined;
    }
  };
  // An SDK schema named here: `CallToolRequestSchema`, `types.ToolSchema` (a property of it, `.shape.params`, is one too).
  const sdkSchema = (node: TS.Node): boolean => {
    if (ts.isIdentifier(node)) return schemas.has(node.text);
    const left = ts.isPropertyAccessExpression(node) ? node.expression : ts.isQualifiedName(node) ? node.left : undefined;
    if (!left) return false;
    if (ts.isIdentifier(left) && sdkNamespaces.has(left.text)) return /Schema$/.test(ts.isPropertyAccessExpression(node) ? node.name.text : (node as TS.QualifiedName).right.text);
    return sdkSchema(left);
  };
  const isZod = (node: TS.Node) => {
    const root = rootOf(node);
    return !!root && (zodNamespaces.has(root.text) || zodNames.has(root.text));
  };
  const oneLine = (node: TS.Node) => {
    const written = node.getText(sf).replace(/\s+/g, ' ');
    return written.length > 80 ? `${written.slice(0, 77)}...` : written;
  };
  // The name a call is made by, as short as it reads: `z.object`, `.merge`, `object`.
  const callee = (call: TS.CallExpression) => {
    const e = call.expression;
    if (ts.isPropertyAccessExpression(e)) return ts.isIdentifier(e.expression) ? `${e.expression.text}.${e.name.text}` : `.${e.name.text}`;
    return oneLine(e);
  };
  // The first SDK schema a node's subtree hands on: not one only read (`.parse()`), nor one in a function's body (that runs on its own, later).
  const handed = (node: TS.Node): TS.Node | undefined => {
    // A zod call inside (`z.object({ tools: z.array(ToolSchema) })`) is named for itself.
    if (ts.isFunctionLike(node) || (ts.isCallExpression(node) && isZod(node.expression))) return undefined;
    if ((ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) && sdkSchema(node)) {
      // Climbed past the properties it is read through: the callee of a reader (`X.shape.params.parse(v)`) hands nothing.
      let top: TS.Node = node;
      while (ts.isPropertyAccessExpression(top.parent) && top.parent.expression === top) top = top.parent;
      const reads = ts.isPropertyAccessExpression(top) && SCHEMA_READERS.has(top.name.text) && ts.isCallExpression(top.parent) && top.parent.expression === top;
      // A property name (`{ CallToolRequestSchema: ... }`, `a.CallToolRequestSchema`) is no reference.
      const named = (ts.isPropertyAssignment(node.parent) && node.parent.name === node) || (ts.isPropertyAccessExpression(node.parent) && node.parent.name === node);
      if (!reads && !named) return node;
    }
    return ts.forEachChild(node, handed);
  };
  // A node that builds with the package's zod (`z.string()` in a shape), outside functions' bodies.
  const usesZod = (node: TS.Node): boolean => {
    if (ts.isFunctionLike(node)) return false;
    const named = (ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) || (ts.isPropertyAssignment(node.parent) && node.parent.name === node);
    if (ts.isIdentifier(node) && !named && (zodNamespaces.has(node.text) || zodNames.has(node.text))) return true;
    return !!ts.forEachChild(node, (c) => usesZod(c) || undefined);
  };
  let found: SdkSchemaUse | undefined;
  const at = (node: TS.Node, use: string) => (found = { line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, use });
  const visit = (node: TS.Node): void => {
    if (found) return;
    // `z.infer<typeof CallToolRequestSchema>`, `TypeOf<typeof types.ToolSchema>`, `z.input<typeof X | typeof Y>`.
    if (ts.isTypeReferenceNode(node) && node.typeArguments && isZod(node.typeName)) {
      const queried = (n: TS.Node): boolean => (ts.isTypeQueryNode(n) && sdkSchema(n.exprName)) || !!ts.forEachChild(n, (c) => queried(c) || undefined);
      if (node.typeArguments.some(queried)) return void at(node, oneLine(node));
    }
    if (ts.isCallExpression(node)) {
      // A zod call given an SDK schema: `z.array(ToolSchema)`, `z.object({}).merge(ResultSchema)`.
      if (isZod(node.expression)) {
        const given = node.arguments.map(handed).find((n) => n !== undefined);
        if (given) return void at(node, `${callee(node)}(${oneLine(given)})`);
      }
      // An SDK schema given the package's zod: `CallToolResultSchema.extend({ note: z.string() })`.
      const e = node.expression;
      if (ts.isPropertyAccessExpression(e) && SCHEMA_COMBINATORS.has(e.name.text) && sdkSchema(e.expression) && node.arguments.some((a) => usesZod(a))) return void at(node, `${oneLine(e)}(...)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Why a package's zod meets the SDK's (zodHoldsBack): the schemas of its tools and prompts, or the SDK's own schemas its zod takes. */
export type ZodUse = 'tools' | 'sdk-schemas';

/** How each ZodUse is said: what the v2 packages need zod 4.2 for, and what breaks with zod 3. */
const ZOD_USES: Record<ZodUse, { what: string; breaks: string }> = {
  tools: { what: 'for tool schemas', breaks: 'with zod 3, registerTool calls stop compiling' },
  'sdk-schemas': { what: 'where its zod takes their schemas', breaks: 'theirs are zod 4 schemas, which zod 3 does not take: z.infer<typeof ...> of one stops compiling (TS2344)' },
};

/**
 * Why a package whose sources import zod cannot move to the v2 packages yet, or undefined when its
 * zod is recent enough (`range`: what its package.json, or the workspace's, declares, from its pnpm
 * catalog where it names one; a catalog reference nothing resolved holds it, as zod 3 would;
 * `installed`: the version installed, or the one the lockfile resolves, `source` says which). The v2
 * packages take Standard Schema with JSON Schema, which zod 4.2 gives and zod 3 does not: moved with
 * zod 3, every registerTool with a zod schema stops compiling (TS2769, on Figma-Context-MCP and
 * chrome-devtools-mcp). zod is never raised here (see zodNote), so such a package stays on v1.
 * `use` says why the package's zod meets the SDK's: its tool or prompt schemas (`tools`), or the
 * SDK's own schemas taken by its zod (`sdk-schemas`, see zodTakesSdkSchemas; trial 57C B2). Both
 * are held at the one floor the v2 packages name.
 */
export function zodHoldsBack(range: string | undefined, installed?: string, source: 'installed' | 'locked' = 'installed', use: ZodUse = 'tools'): string | undefined {
  const { what, breaks } = ZOD_USES[use];
  // From zod 3, APIs whose behaviour zod 4 changed need a look; from an earlier zod 4, the raise alone.
  const check3 = `and check the zod 3 APIs it uses (${ZOD3_APIS}, zod-to-json-schema), then run fix again`;
  const from = installed ?? range;
  const check = from !== undefined && zodVersion(from)?.major === 4 ? 'and run fix again' : check3;
  // What is installed settles it (a ^4.0.0 range with 4.3 installed is ready; 4.1 installed is not);
  // on a fresh clone, what the lockfile resolves.
  if (installed !== undefined && range !== undefined) {
    // The range already asks for zod 4.2 or later: the lockfile (or node_modules) is behind it.
    if (zodBelowFloor(installed) && catalogOfRange(range) === undefined && zodVersion(range) !== undefined && !zodBelowFloor(range)) {
      return `zod ${installed} is ${source === 'locked' ? 'what the lockfile resolves' : 'installed'}, though package.json declares ${range}: the ${source === 'locked' ? 'lockfile is' : 'installed copy is'} out of date. Install the dependencies again (npm install, or your package manager's), so that zod 4.2 or later is what resolves, then run fix again`;
    }
    return zodBelowFloor(installed) ? `zod ${installed} is ${source === 'locked' ? 'what the lockfile resolves' : 'installed'} (${range} declared), below what the v2 packages need ${what} (zod 4.2 or later: ${breaks}): raise it to ${ZOD_FLOOR} by hand ${check}` : undefined;
  }
  // Taken from a catalog this run could not read: of unknown version, which may well be zod 3.
  if (range !== undefined && catalogOfRange(range) !== undefined) return `zod is declared as ${range}, from a pnpm catalog this run could not read (no pnpm-workspace.yaml at or above the package, up to the repository's top, gives zod in it), so its version is unknown, while the v2 packages need zod 4.2 or later ${what} (${breaks}): install the dependencies (the installed zod settles it) or give zod in that catalog, then run fix again`;
  if (range === undefined) return `zod is not declared in its package.json (it resolves to whatever copy another package brings, often zod 3 with @modelcontextprotocol/sdk v1), while the v2 packages need zod 4.2 or later ${what}: declare zod ${ZOD_FLOOR} ${check}`;
  if (zodBelowFloor(range)) return `zod ${range} is below what the v2 packages need ${what} (zod 4.2 or later: ${breaks}): raise it to ${ZOD_FLOOR} by hand ${check}`;
  return undefined;
}

/**
 * What to tell the user about a zod range below the v2 floor. zod is never raised here: a major
 * upgrade changes APIs no codemod checks (z.record's arity, ZodError.errors, defaults of
 * `undefined` that zod 4's JSON Schema conversion rejects, zod-to-json-schema returning an empty
 * schema for zod 4 types), and each broke a real server at run time, silently. The official
 * codemod also only warns.
 */
function zodNote(range: string, zodToJsonSchema: boolean, catalog?: string, schemasToSdk = true): string {
  const converter = zodToJsonSchema ? '; this package uses zod-to-json-schema, which returns an empty schema for zod 4 types (move to z.toJSONSchema())' : '';
  // Taken from a catalog: raised there, not in package.json.
  const where = catalog === undefined ? '' : ` in ${catalogLabel(catalog)} (pnpm-workspace.yaml)`;
  // Its zod is its own (trial 25C: a low-level Server whose JSON schemas come from zod-to-json-schema).
  if (!schemasToSdk) {
    const check = /^\D*4(\.|\s*$)/.test(range) ? '' : ` first check the zod 3 APIs it uses (${ZOD3_APIS})`;
    return `zod ${range} left as it is: this package hands the SDK no zod schema (it registers no tool or prompt with one, and its zod takes none of the SDK's schemas), and the v2 packages bring their own zod 4, so it may stay; should you raise it${where},${check}${check && converter ? ' and' : ''}${converter ? ` move off zod-to-json-schema (it returns an empty schema for zod 4 types; z.toJSONSchema() does not)` : ''}${check || converter ? '' : ' nothing else changes'}`;
  }
  // Already on zod 4 (a 4.0 or 4.1 range): only the floor to raise.
  if (/^\D*4(\.|\s*$)/.test(range)) return `zod ${range} not raised: the v2 packages need zod 4.2 or later (${ZOD_FLOOR}); raise it by hand${where}${converter}`;
  return `zod ${range} not raised: the v2 packages need zod 4.2 or later (${ZOD_FLOOR}). Raise it by hand${where} and check the zod 3 APIs this package uses (${ZOD3_APIS})${converter}`;
}

/** A pnpm workspace's catalogs by name (`default` for the `catalog:` key), each a package name to its version. */
export type Catalogs = ReadonlyMap<string, ReadonlyMap<string, string>>;

/**
 * The catalog a declared range takes its version from, as pnpm reads it: `catalog:` and
 * `catalog:default` the default one, `catalog:prod` the one named prod; undefined for any other range.
 */
export function catalogOfRange(range: string): string | undefined {
  const m = /^catalog:(.*)$/.exec(range);
  return m ? m[1].trim() || 'default' : undefined;
}

/** How a catalog is named to a person: the default one, or one by its name. */
function catalogLabel(catalog: string): string {
  return catalog === 'default' ? "the pnpm workspace's catalog" : `the pnpm workspace's catalog "${catalog}"`;
}

/**
 * A range as declared, or, for a catalog reference, the version that catalog gives the package. A
 * reference nothing resolves (no workspace file, no such catalog, or not the package in it) comes
 * back as written: a version no one knows, which callers must not read as a range.
 */
export function fromCatalog(range: string, name: string, catalogs: Catalogs | undefined): string {
  const catalog = catalogOfRange(range);
  return catalog === undefined ? range : (catalogs?.get(catalog)?.get(name) ?? range);
}

/**
 * The catalogs of the pnpm workspace a folder is in: the nearest pnpm-workspace.yaml at or above
 * it, up to `top` (the repository's top), read once per file through `cache`.
 */
export function catalogAbove(dir: string, top: string, cache: Map<string, Catalogs | undefined>): Catalogs | undefined {
  const file = foldersUpTo(dir, top).map((d) => path.join(d, 'pnpm-workspace.yaml')).find((f) => fs.existsSync(f));
  if (!file) return undefined;
  if (!cache.has(file)) {
    let yaml: string | undefined;
    try {
      yaml = fs.readFileSync(file, 'utf8');
    } catch {
      yaml = undefined;
    }
    cache.set(file, yaml === undefined ? undefined : catalogsOf(yaml));
  }
  return cache.get(file);
}

/** A key or a value of a catalog entry: double-quoted (without escapes), single-quoted (`''` for a quote), or plain. */
const SCALAR = `"([^"\\\\]*)"|'((?:[^']|'')*)'`;
/** A plain key: not a quote, a comment, a sequence's dash or a complex key's `?`, up to the colon. */
const PLAIN_KEY = `[^\\s:#'"?-][^:]*?`;
/** `name: version`, a comment after it or not (a plain value runs to ` #` or the end of the line: `^3.25.0 || ^4.0.0`; it starts with no YAML indicator). */
const CATALOG_ENTRY = new RegExp(`^(?:${SCALAR}|(${PLAIN_KEY}))\\s*:\\s+(?:${SCALAR}|([^\\s'"#|>&*!%@\`{[\\]][^#]*?))(?:\\s+#.*)?\\s*$`);
/** A named catalog's key under `catalogs:`: `prod:` and nothing after it but a comment. */
const CATALOG_KEY = new RegExp(`^(?:${SCALAR}|(${PLAIN_KEY}))\\s*:(?:\\s+#.*)?\\s*$`);

/**
 * The catalogs of a pnpm-workspace.yaml: the default one (its `catalog:` key, or `default` under
 * `catalogs:`) and the named ones (`catalogs:`), each a package name to its version. A small line
 * reader for these two keys only, in block style: keys and values plain or quoted, comments, blank
 * lines. It stops reading a catalog at the first line it does not understand (a flow mapping
 * `catalog: { zod: ^4 }`, a value on a line of its own, a block scalar, an anchor or alias, tab
 * indentation, an escape in double quotes): what it read before stays, what comes after is left
 * out, so that a package there stays of unknown version rather than a wrong one.
 */
export function catalogsOf(yaml: string): Map<string, Map<string, string>> {
  const catalogs = new Map<string, Map<string, string>>();
  const named = (name: string) => catalogs.get(name) ?? catalogs.set(name, new Map()).get(name)!;
  const unquote = (m: RegExpExecArray, at: number) => m[at] ?? m[at + 1]?.replace(/''/g, "'") ?? m[at + 2];
  // Where the line belongs: under `catalog:` or `catalogs:` (or neither), the catalog whose
  // entries are read, and the indentation of the catalogs' names and of their entries.
  let section: 'catalog' | 'catalogs' | undefined;
  let current: Map<string, string> | undefined;
  let nameIndent = -1;
  let entryIndent = -1;
  for (const line of yaml.split(/\r?\n/)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const indent = /^ */.exec(line)![0].length;
    if (indent === 0) {
      section = /^(catalogs?)\s*:(?:\s+#.*)?\s*$/.exec(line)?.[1] as typeof section;
      current = section === 'catalog' ? named('default') : undefined;
      nameIndent = entryIndent = -1;
      continue;
    }
    if (!section) continue;
    const text = line.slice(indent);
    if (section === 'catalogs' && (nameIndent === -1 || indent === nameIndent)) {
      const key = CATALOG_KEY.exec(text);
      if (!key) {
        section = undefined;
        continue;
      }
      nameIndent = indent;
      current = named(unquote(key, 1));
      entryIndent = -1;
      continue;
    }
    const entry = current && indent > nameIndent && (entryIndent === -1 || indent === entryIndent) ? CATALOG_ENTRY.exec(text) : null;
    if (!entry) {
      // Not understood: the rest of this section is not read.
      section = undefined;
      current = undefined;
      continue;
    }
    entryIndent = indent;
    const value = unquote(entry, 4);
    if (!/^(~|null)$/i.test(value)) current!.set(unquote(entry, 1), value);
  }
  for (const [name, catalog] of catalogs) if (catalog.size === 0) catalogs.delete(name);
  return catalogs;
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
  /** The pnpm workspace's catalogs (see catalogsOf), when there is a workspace file. */
  catalogs?: Catalogs,
  options: {
    /**
     * Whether the package's sources import zod. The v2 packages bring their own zod 4; a package
     * that moves (one that registers tools with zod schemas stays on v1, see zodHoldsBack) has
     * nothing to raise unless its own code uses zod.
     */
    importsZod?: boolean;
    /**
     * Whether the package's zod meets the SDK's: it registers tools or prompts and imports zod, or
     * its zod takes the SDK's schemas (`z.infer<typeof CallToolRequestSchema>`, see
     * zodTakesSdkSchemas; trial 57C B2). Those need zod 4.2. A package whose zod is its own business
     * (a low-level Server's JSON schemas, zod-to-json-schema) may keep zod 3: the v2 packages bring
     * their own zod 4.
     */
    zodSchemasToSdk?: boolean;
    /**
     * Whether the run brought zod into sources that did not import it (the official codemod's
     * `z.object({})`): declared at the v2 floor unless the package or its workspace root has it.
     */
    introducesZod?: boolean;
    /** A runtime dependency that takes @modelcontextprotocol/sdk as a peer: the SDK stays a runtime dependency. */
    sdkPeerOf?: string;
    /** A workspace root that provides the SDK to packages below it: it keeps the SDK where it is. */
    keepSdk?: boolean;
    /**
     * Of `imports`, those the run brought into a file that did not import them before: only they
     * are added. One the code already imported resolves as it did (through the workspace, say),
     * and declaring it here would only move it away from the lockfile.
     */
    introduced?: ReadonlySet<string>;
    /** Packages the v1 SDK depends on that the migrated sources import (sdkDependencyImports): undeclared, they keep the SDK a runtime dependency. */
    sdkDependencies?: ReadonlySet<string>;
    /** A source file of the package the run did not read that still imports the v1 SDK (as findings name it): the SDK stays a runtime dependency. */
    sdkUsedBy?: string;
    /** The zod version installed for the package (else the range it declares), where its sources import zod. */
    zodInstalled?: string;
  } = {},
): string | undefined {
  const { importsZod = true, zodSchemasToSdk = true, introducesZod = false, sdkPeerOf, keepSdk = false, introduced, sdkDependencies, sdkUsedBy, zodInstalled } = options;
  // A v1 SDK range raised for a package on zod 3 below 3.25 stops below 1.21: 1.23 and later depend
  // on zod ^3.25 || ^4, and npm installs them with a zod 4 of their own, whose schemas the package's
  // zod 3 ones do not match, so tsc fails on every tool (trial 60C B1); 1.21 and 1.22 declare types
  // from an optional package (@cfworker/json-schema) that tsc fails on without skipLibCheck.
  // (A declared `^3.22 || ^4` is judged by its highest alternative; review 78.)
  const zodBefore325 = (() => {
    const versions = (zodInstalled ?? '').split('||').map((alternative) => zodVersion(alternative)).filter((v) => v !== undefined);
    const v = versions.sort((a, b) => b.major - a.major || b.minor - a.minor)[0];
    return !!v && v.major === 3 && v.minor < 25;
  })();
  // (`^` and `>=` ranges reach past 1.21; `~1.10.2` stays within its minor.)
  const sdkRange = (name: string, range: string) => (name === '@modelcontextprotocol/sdk' && zodBefore325 && /^(\^|>=)\d/.test(range) ? `>=${range.replace(/^(\^|>=)/, '')} <1.21.0` : range);
  const sdkCapNote = (name: string, range: string) => (sdkRange(name, range) !== range ? `; kept below 1.21, as later releases need zod ^3.25 or newer where the package's zod is ${zodInstalled}: raise zod to lift that` : '');
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
  const resolved = (range: string, name: string) => fromCatalog(range, name, catalogs);
  // The catalog the SDK is taken from (`"catalog:"`, `"catalog:prod"`), if it is, and how it is named to a person.
  const sdkDeclared = peers['@modelcontextprotocol/sdk'] ?? dev['@modelcontextprotocol/sdk'] ?? deps['@modelcontextprotocol/sdk'];
  const sdkCatalog = sdkDeclared === undefined ? undefined : catalogOfRange(sdkDeclared);
  // A v2 package the workspace already pins (often exactly, kept in lockstep): the new ones take
  // the same version rather than a range of their own. The package's own pins first (one taken
  // from a catalog read there), then the workspace root's, then those of the catalog the SDK is
  // taken from, then the default catalog's.
  const pinsOf = (list: Record<string, string>) => Object.entries(list).map(([name, range]) => [name, resolved(range, name)] as const);
  const cataloguedPins = [...new Set([sdkCatalog, 'default'])].flatMap((name) => [...((name && catalogs?.get(name)) || [])]);
  const pinned = [...pinsOf({ ...dev, ...peers, ...deps }), ...pinsOf(inherited), ...cataloguedPins].find(([name, range]) => V2_RANGES[name] && /^\d/.test(range))?.[1];
  for (const [name, range] of Object.entries(extra)) {
    if (has(name)) {
      // Declared below what the rewritten code needs (the v1 SDK's Streamable HTTP came in 1.10): raised in place.
      for (const [key, list] of [['dependencies', deps], ['peerDependencies', peers], ['devDependencies', dev]] as const) {
        const declared = list[name];
        if (!declared) continue;
        // Taken from a catalog: its version is in pnpm-workspace.yaml, which fix does not edit, and
        // a range written here instead would leave the catalog's entry behind. Said, not raised.
        const catalog = catalogOfRange(declared);
        if (catalog !== undefined) {
          const version = resolved(declared, name);
          const note =
            version === declared
              ? `${name} is declared as ${declared}, from a pnpm catalog this run could not read, so its version is unknown: the rewritten code needs ${range}; check that the catalog gives at least that`
              : belowFloor(version, range)
                ? `${name} ${version} (${declared}) is below what the rewritten code needs (${range}) and was not raised: package.json takes it from ${catalogLabel(catalog)} in pnpm-workspace.yaml; raise it there by hand`
                : undefined;
          if (note && !notes.includes(note)) notes.push(note);
          continue;
        }
        if (!belowFloor(declared, range)) continue;
        const operated = withOperatorOf(declared, range);
        const raised = sdkRange(name, operated);
        list[name] = raised;
        changes.push({ line: 1, description: `package.json: raised ${name} from ${declared} to ${raised} (the code needs it${sdkCapNote(name, operated)})`, safety: 'review' });
        edited.add(key);
      }
      continue;
    }
    deps[name] = sdkRange(name, range);
    changes.push({ line: 1, description: `package.json: added ${name}@${deps[name]}${sdkCapNote(name, range)}`, safety: 'safe' });
    edited.add('dependencies');
  }
  if (imports) {
    const peerSdk = !!peers['@modelcontextprotocol/sdk'] && !deps['@modelcontextprotocol/sdk'];
    // A package that bundles its dependencies keeps the SDK among devDependencies only: so do the v2 ones.
    const devSdk = !!dev['@modelcontextprotocol/sdk'] && !deps['@modelcontextprotocol/sdk'] && !peers['@modelcontextprotocol/sdk'];
    const target = peerSdk ? peers : devSdk ? dev : deps;
    const section = peerSdk ? 'peerDependencies' : devSdk ? 'devDependencies' : 'dependencies';
    // A package that takes the SDK from a catalog of the pnpm workspace (`"catalog:"`,
    // `"catalog:prod"`) takes the v2 packages from the same one, where it has them (sentry-mcp's
    // catalog pins them), written as the SDK's reference is.
    for (const name of [...imports].sort()) {
      // Already here, provided by the workspace root, or imported before this run. The root's
      // entry stands for a package that took the SDK from it too; one that declared the SDK itself
      // is installed on its own (`pnpm deploy`, `npm install --omit=dev` in its folder, a Docker
      // image of it) and declares its replacements itself, at the root's version.
      if (!V2_RANGES[name] || has(name) || (inherited[name] && sdkDeclared === undefined) || (introduced && !introduced.has(name))) continue;
      const catalogued = sdkCatalog !== undefined && !!catalogs?.get(sdkCatalog)?.has(name);
      // The root's own range for it, where it is a plain one (not `workspace:` or `catalog:`).
      const rootRange = inherited[name] && /^[\^~]?\d/.test(inherited[name]) ? inherited[name] : undefined;
      const range = catalogued ? sdkDeclared! : (rootRange ?? pinned ?? V2_RANGES[name]);
      target[name] = range;
      changes.push({ line: 1, description: `package.json: added ${name}@${range}${peerSdk ? ' (peer dependency, as the SDK was)' : devSdk ? ' (dev dependency, as the SDK was)' : ''}${catalogued ? ` (from ${catalogLabel(sdkCatalog)}, as the SDK)` : rootRange ? ' (as the workspace root declares it)' : pinned ? ' (the version the workspace pins)' : ''}`, safety: 'safe' });
      if (sdkCatalog !== undefined && !catalogued) {
        notes.push(
          catalogs?.has(sdkCatalog)
            ? `${name} is not in ${catalogLabel(sdkCatalog)}, from which this package takes @modelcontextprotocol/sdk: added as ${range}; add it to the catalog in pnpm-workspace.yaml and write "${sdkDeclared}" here`
            : `this package takes @modelcontextprotocol/sdk from ${catalogLabel(sdkCatalog)} (${sdkDeclared}), which this run did not find in a pnpm-workspace.yaml: ${name} added as ${range}; add it to that catalog and write "${sdkDeclared}" here`,
        );
      }
      edited.add(section);
    }
    // zod the run's own rewrite imports, where nothing declares it: it would resolve only where another package hoists one.
    if (introducesZod && !has('zod') && !inherited.zod) {
      target.zod = ZOD_FLOOR;
      changes.push({ line: 1, description: `package.json: added zod@${ZOD_FLOOR}${peerSdk ? ' (peer dependency, as the SDK was)' : devSdk ? ' (dev dependency, as the SDK was)' : ''} (the rewritten code imports it: z.object({}) for an empty input schema)`, safety: 'safe' });
      edited.add(section);
    }
    // Nothing the migrated sources import: out of the runtime dependencies, but kept for the
    // tests and scripts fix did not read (they may still use the v1 client).
    for (const [key, list] of [['dependencies', deps], ['peerDependencies', peers]] as const) {
      const range = list['@modelcontextprotocol/sdk'];
      if (imports.has('@modelcontextprotocol/sdk') || !range || keepSdk) continue;
      if (sdkUsedBy !== undefined) {
        notes.push(`@modelcontextprotocol/sdk stays in ${key} though the migrated sources no longer import it: ${sdkUsedBy}, which this run did not read, still imports it; move that file to the v2 packages (run fix on it), then move the SDK to devDependencies`);
        continue;
      }
      if (sdkPeerOf && key === 'dependencies') {
        notes.push(`@modelcontextprotocol/sdk stays in dependencies though the migrated sources no longer import it: ${sdkPeerOf} takes it as a peer dependency and needs it installed at run time`);
        continue;
      }
      // A package the code imports that nothing here declares installs only as the SDK's own
      // dependency: moved to devDependencies, a production install (--omit=dev) would lose it.
      const through = [...(sdkDependencies ?? [])].filter((name) => !has(name) && !inherited[name]).sort();
      if (through.length > 0 && key === 'dependencies') {
        notes.push(`@modelcontextprotocol/sdk stays in dependencies though the migrated sources no longer import it: they import ${joinNames(through)}, which package.json does not declare and which install${through.length === 1 ? 's' : ''} only as the SDK's dependenc${through.length === 1 ? 'y' : 'ies'}, so a production install without the SDK would lose ${through.length === 1 ? 'it' : 'them'}. Declare ${through.length === 1 ? 'it' : 'them'} with your package manager, then move the SDK to devDependencies`);
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
    // A Vite build bundles the v2 packages, whose `_shims` export resolves by condition: a library
    // build (not SSR) takes the browser one, and the bundle then fails at start-up
    // ("StdioServerTransport is not supported in this environment"; trial 31B, Shopify's dev-mcp).
    const scripts = (pkg.scripts ?? {}) as Record<string, unknown>;
    const builtWithVite = (has('vite') || !!inherited.vite) && Object.values(scripts).some((script) => typeof script === 'string' && /(^|[\s;&|])vite\b[^;&|]*\sbuild\b/.test(script) && !/--ssr\b/.test(script));
    if (builtWithVite && [...imports].some((name) => V2_RANGES[name])) {
      notes.push('this package builds with Vite, which bundles the v2 packages: their `_shims` export resolves by condition, and a Vite library build takes the browser one, so the bundle fails at start-up (StdioServerTransport "is not supported in this environment"). Build for Node (build.ssr, or resolve.conditions with "node"), or keep @modelcontextprotocol/* external, and run the bundle once before you ship it');
    }
    // Wherever the package declares zod (a library asks for it as a peer), from its catalog when it names one.
    const zod = deps.zod ?? peers.zod ?? dev.zod;
    const zodRange = zod === undefined ? undefined : resolved(zod, 'zod');
    const zodCatalog = zod === undefined ? undefined : catalogOfRange(zod);
    if (importsZod && zodRange && zodBelowFloor(zodRange)) notes.push(zodNote(zodCatalog === undefined ? zodRange : `${zodRange} (${zod})`, has('zod-to-json-schema'), zodCatalog, zodSchemasToSdk));
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
  if (at) return text.slice(0, at.start) + renderLike(text.slice(at.start, at.end), value, eol, indent) + text.slice(at.end);
  const close = text.lastIndexOf('}');
  let last = close - 1;
  while (last >= 0 && /\s/.test(text[last])) last--;
  const empty = text[last] === '{';
  if (compact) {
    // Spaced as the writer spaced the rest of the line (`{ "a": "1", "b": {} }` or `{"a":"1"}`).
    const line = text.trim();
    if (empty) return `${text.slice(0, last + 1)}${JSON.stringify(key)}:${JSON.stringify(value)}${text.slice(close)}`;
    const { colon, comma } = jsonSpacing(line);
    return `${text.slice(0, last + 1)}${comma}${JSON.stringify(key)}${colon}${renderLike(line, value, eol, indent)}${text.slice(last + 1)}`;
  }
  const rendered = JSON.stringify(value, null, indent).replace(/\n/g, `${eol}${indent}`);
  return `${text.slice(0, last + 1)}${empty ? '' : ','}${eol}${indent}${JSON.stringify(key)}: ${rendered}${eol}${text.slice(close)}`;
}

/**
 * How JSON written on one line spaces its colons and commas (`"a": "1", "b"` or `"a":"1","b"`);
 * with one entry only, its colon tells how spaced the writer's JSON is.
 */
function jsonSpacing(line: string): { colon: string; comma: string } {
  const colon = /"\s*:\s*["{[]/.exec(line)?.[0].slice(1, -1) ?? ': ';
  const comma = /["}\]]\s*,\s*"/.exec(line)?.[0].slice(1, -1) ?? (colon.includes(' ') ? ', ' : ',');
  return { colon, comma };
}

/**
 * A section's new value laid out as its old one was: on one line when it was written on one line
 * (`{ "a": "1", "b": "2" }`, with its own spacing), else an entry a line, indented as its first
 * entry was, the closing brace as it stood.
 */
function renderLike(old: string, value: Record<string, string>, eol: string, indent: string): string {
  const entries = Object.entries(value).map(([k, v]) => [JSON.stringify(k), JSON.stringify(v)] as const);
  if (entries.length === 0) return '{}';
  if (!old.includes('\n')) {
    const { colon, comma } = jsonSpacing(old);
    const pad = /^\{\s+"/.test(old) || old.replace(/\s/g, '') === '{}' ? ' ' : '';
    return `{${pad}${entries.map(([k, v]) => `${k}${colon}${v}`).join(comma)}${pad}}`;
  }
  const inner = /\n([ \t]*)"/.exec(old)?.[1] ?? `${indent}${indent}`;
  const close = /\n([ \t]*)\}$/.exec(old)?.[1] ?? indent;
  const colon = /"[ \t]*:[ \t]*"/.exec(old)?.[0].slice(1, -1) ?? ': ';
  return `{${eol}${entries.map(([k, v]) => `${inner}${k}${colon}${v}`).join(`,${eol}`)}${eol}${close}}`;
}

/** A package.json with `workspaces`, or one beside a pnpm-workspace.yaml: the root of a workspace. */
export function isWorkspaceRootManifest(manifest: string, json: (file: string) => Record<string, unknown> | undefined): boolean {
  const pkg = json(manifest);
  return !!pkg && (pkg.workspaces !== undefined || fs.existsSync(path.join(path.dirname(manifest), 'pnpm-workspace.yaml')));
}

/**
 * The members of the workspace whose root manifest is `root`, by package name: the folders its
 * `workspaces` (or pnpm-workspace.yaml's `packages:`) name, `dir/*` and `dir/**` one level down,
 * or a folder. `json` reads a manifest (undefined when it cannot).
 */
export function workspaceMembers(root: string, json: (file: string) => Record<string, unknown> | undefined): Map<string, { manifest: string; json: Record<string, unknown> }> {
  const members = new Map<string, { manifest: string; json: Record<string, unknown> }>();
  const dir = path.dirname(root);
  const workspaces = json(root)?.workspaces as string[] | { packages?: string[] } | undefined;
  let pnpm: string[] = [];
  try {
    pnpm = [...fs.readFileSync(path.join(dir, 'pnpm-workspace.yaml'), 'utf8').matchAll(/^\s*-\s*['"]?([^'"#\n]+?)['"]?\s*$/gm)].map((m) => m[1]);
  } catch {
    // No pnpm workspace file.
  }
  const patterns = [...(Array.isArray(workspaces) ? workspaces : (workspaces?.packages ?? [])), ...pnpm].filter((p) => typeof p === 'string' && !p.startsWith('!'));
  for (const pattern of patterns) {
    const base = pattern.replace(/\/\*\*?$/, '');
    let folders: string[] = [path.join(dir, base)];
    if (base !== pattern) {
      try {
        folders = fs.readdirSync(path.join(dir, base), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(dir, base, e.name));
      } catch {
        folders = [];
      }
    }
    for (const folder of folders) {
      const manifest = path.join(folder, 'package.json');
      const pkg = json(manifest);
      if (pkg && typeof pkg.name === 'string' && !members.has(pkg.name)) members.set(pkg.name, { manifest, json: pkg });
    }
  }
  return members;
}

/** The manifest of the workspace member named `name` of the workspace above `from` (up to `top`), or undefined. */
export function workspaceMemberManifest(name: string, from: string, top: string, json: (file: string) => Record<string, unknown> | undefined): { manifest: string; json: Record<string, unknown> } | undefined {
  const root = foldersUpTo(from, top).map((dir) => path.join(dir, 'package.json')).find((manifest) => fs.existsSync(manifest) && isWorkspaceRootManifest(manifest, json));
  return root ? workspaceMembers(root, json).get(name) : undefined;
}

/** A package.json parsed (past a byte order mark), or undefined when it cannot be read or is not a JSON object. */
export function readManifest(file: string): Record<string, unknown> | undefined {
  try {
    const json = JSON.parse(stripBom(fs.readFileSync(file, 'utf8')));
    return json && typeof json === 'object' ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The package.json of a package installed for the package in folder `from`, as Node would find it (its node_modules, or one above), up to `top`. */
export function installedManifest(name: string, from: string, top: string): Record<string, unknown> | undefined {
  for (const dir of foldersUpTo(from, top)) {
    const found = readManifest(path.join(dir, 'node_modules', name, 'package.json'));
    if (found) return found;
  }
  return undefined;
}
