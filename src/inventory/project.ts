/**
 * What the scanned project is built with, for the inventory header and the checklist: the MCP
 * SDK generation (from the package.json files of the scanned paths, see scannedManifests;
 * workspace-aware), server framework and transports
 * (from cheap text signals collected while the scanner reads each file).
 */
import fs from 'node:fs';
import path from 'node:path';
import { findPackageManifests } from '../scan/files.js';
import { foldersUpTo, toPosix } from '../io.js';
import { catalogAbove, catalogOfRange, fromCatalog, IMPORT_TEXT, installedManifest, isWorkspaceRootManifest, manifestAbove, readManifest, workspaceMemberManifest, type Catalogs } from '../fix/manifest.js';
import { gitTopLevel } from '../check/git.js';
import { isClientOnlyCode, SERVER_MODULE_SPECIFIER, servingText, withoutComments, withoutEmittedCode, withoutTypeImports } from '../analysis/mcp.js';
import { SENDS_ENDPOINT_EVENT } from '../analysis/sse.js';
import { configLines, matchingBracket } from '../rules/config/text.js';
import { escapeRegExp } from '../scan/prefilter.js';


export interface PackageSdk {
  /**
   * Directory of the package.json, relative to the root, `/`-separated ('.' for the root; `..`,
   * `../..` for the package above a root with no package.json of its own).
   */
  dir: string;
  name?: string;
  /** Declared ranges of MCP SDK packages, e.g. { '@modelcontextprotocol/sdk': '^1.17.0' }. */
  mcp: Record<string, string>;
  frameworks: string[];
  /** Hosting frameworks built on SDK v1 it depends on, with no SDK package of its own (FastMCP): `fastmcp@^4.3.2 (FastMCP)`. */
  v1Hosts: string[];
  /**
   * With no SDK package nor known host: dependencies named for MCP that are not installed here,
   * so whether they bring the SDK cannot be told (`@cyanheads/mcp-ts-core@^0.11.0`).
   */
  untold?: string[];
}

export interface ProjectInfo {
  packages: PackageSdk[];
  /** 'v1', 'v2', 'v1+v2' or 'none'. */
  sdk: 'v1' | 'v2' | 'v1+v2' | 'none';
  sdkSummary: string;
  /** Oldest v1 range floor found, e.g. '1.17.0'. */
  v1Floor?: string;
  serverStyles: string[];
  transports: string[];
  /** The code or config (not a comment of it) names the 2026-07-28 routing headers somewhere. */
  mentionsRoutingHeaders: boolean;
  /**
   * What lets request headers through on their way to the server: no CORS and no proxy config
   * found ('none'); a CORS `Access-Control-Allow-Headers: *` and no list of names ('wildcard'),
   * which admits any header on requests without credentials ('wildcard-with-credentials' where
   * the project allows credentials: browsers then read `*` as a header's name); a CORS middleware
   * given no header list, which answers a preflight with the headers the browser asked for
   * ('reflected'); or header lists and proxy configs to check ('lists').
   */
  headerFilters: 'none' | 'wildcard' | 'wildcard-with-credentials' | 'reflected' | 'lists';
  /** OAuth client code exists: code that redeems an authorization code (for the checklist). */
  hasOAuth: boolean;
  /** The `TODO(mcp-migrate)` markers fix left in the MCP code and config read, per file (trial 69C B1). */
  openMarkers?: Array<{ file: string; count: number }>;
}

/**
 * MCP hosting frameworks built on @modelcontextprotocol/sdk v1, and the import that shows code
 * serves through one: a package that does cannot move to the v2 packages before its host does
 * (Cloudflare's McpAgent throws on a v2 server; Vercel's mcp-handler hands tools v1's `extra`).
 */
export const SDK_V1_HOSTS: ReadonlyArray<{
  dependency: string;
  label: string;
  module: RegExp;
  /** The package has other uses: depending on it says nothing of MCP. */
  general?: true;
  /** The first major built on the v2 packages (mcp-handler 2 takes @modelcontextprotocol/server as a peer): from it on, not a v1 host. */
  v2Major?: number;
}> = [
  { dependency: 'mcp-handler', label: "Vercel's mcp-handler", module: /^mcp-handler(\/|$)/, v2Major: 2 },
  { dependency: '@vercel/mcp-adapter', label: "Vercel's mcp-adapter", module: /^@vercel\/mcp-adapter(\/|$)/ },
  { dependency: 'agents', label: "Cloudflare's agents package (McpAgent and its createMcpHandler)", module: /^agents\/mcp$/, general: true },
  { dependency: 'fastmcp', label: 'FastMCP', module: /^fastmcp(\/|$)/ },
  { dependency: 'mcp-framework', label: 'mcp-framework', module: /^mcp-framework(\/|$)/ },
];

/**
 * Whether a host, at the version installed or the range declared, is built on SDK v1: a range
 * whose lowest version is at or past the host's first v2 major is not (`^2.1.0` of mcp-handler;
 * a tag or `*` is taken as v1, as before).
 */
export function hostOnV1(host: (typeof SDK_V1_HOSTS)[number], version: string | undefined): boolean {
  return !onV2From(host.v2Major, version);
}

/** Whether a version or range of a package starts at the major its v2-package builds begin with (undefined: never, or unknown). */
export function onV2From(v2Major: number | undefined, version: string | undefined): boolean {
  const floor = v2Major === undefined || version === undefined ? undefined : floorOf(version);
  return floor !== undefined && compareVersions(floor, `${v2Major}.0.0`) >= 0;
}

export const MCP_HANDLER_HOST = SDK_V1_HOSTS.find((h) => h.dependency === 'mcp-handler')!;

const FRAMEWORK_DEPS: Record<string, string> = {
  express: 'express',
  hono: 'hono',
  fastify: 'fastify',
  koa: 'koa',
  next: 'Next.js',
  '@nestjs/core': 'NestJS',
  'mcp-handler': 'Next.js (mcp-handler)',
  '@vercel/mcp-adapter': 'Next.js (mcp-adapter)',
  agents: 'Cloudflare Workers (agents)',
  wrangler: 'Cloudflare Workers',
  fastmcp: 'FastMCP',
  'rekog-mcp-nest': 'NestJS',
  '@rekog/mcp-nest': 'NestJS',
};

const MCP_HANDLER_V1 = "Vercel's mcp-handler (SDK v1: 2025 only)";
const MCP_AGENT = 'McpAgent (Durable Object per session)';
const MCP_HANDLER_V2 = "Vercel's mcp-handler 2 (on the v2 packages)";

/**
 * Whether code (type-only imports and templates' text left out) imports a module that serves MCP:
 * the SDK's server modules or the v2 server packages (SERVER_MODULE_SPECIFIER), or a hosting
 * framework (SDK_V1_HOSTS, the MCP hosts among FRAMEWORK_DEPS). Not a name alone: a web UI's own
 * `McpServer` type is no server.
 */
function importsServingModule(code: string): boolean {
  for (const m of code.matchAll(IMPORT_TEXT)) {
    const spec = m[1];
    if (SERVER_MODULE_SPECIFIER.test(spec) || SDK_V1_HOSTS.some((h) => h.module.test(spec)) || (spec.includes('mcp') && spec in FRAMEWORK_DEPS)) return true;
  }
  return false;
}

/**
 * Whether the object literal around `at` is a copy of options kept as another object's property
 * with the generator blanked (`meta = { config: { ...options, sessionIdGenerator: undefined } }`,
 * a copy for logging that drops functions): it builds no transport. Options handed to a framework
 * by name (`streamableHttp: { sessionIdGenerator: undefined }`) are not a copy.
 */
function blankedCopy(code: string, at: number): boolean {
  let depth = 0;
  let open = at;
  for (; open >= 0; open--) {
    const ch = code[open];
    if (ch === '}') depth++;
    else if (ch === '{' && depth-- === 0) break;
  }
  if (open < 0) return false;
  const property = /([\w$]+)\s*:\s*$/.exec(code.slice(Math.max(0, open - 80), open));
  if (!property || /transport|stream|http|server|mcp|option/i.test(property[1])) return false;
  return /^\{\s*\.\.\./.test(code.slice(open, matchingBracket(code, open) + 1));
}

/** Text signals per code file; each maps to a style or transport label (`unless`: a match it rules out). */
const SIGNALS: Array<{ re: RegExp; style?: string; transport?: string; unless?: (code: string, at: number) => boolean }> = [
  { re: /\bfrom\s+['"](node:)?http['"]|require\(\s*['"](node:)?http['"]\s*\)/, style: 'node:http' },
  { re: /\bexport\s+default\s+\{[^}]*\bfetch\b|\bcreateMcpHandler\b[\s\S]*export\s+default\s+handler/, style: 'Workers / web-standard' },
  // (@hono/mcp's StreamableHTTPTransport built with no options has no session id generator either; trial 30B.)
  { re: /sessionIdGenerator\s*:\s*(undefined|void 0)|new\s+(WebStandardStreamableHTTPServerTransport|StreamableHTTPTransport)\(\s*\)/, transport: 'Streamable HTTP (stateless, 2025)', unless: blankedCopy },
  { re: /sessionIdGenerator\s*:\s*(?!undefined|void 0|(?:[\w$]+\.)*sessionIdGenerator\b)[^,}\s]/, transport: 'Streamable HTTP (stateful sessions)' },
  { re: /\bSSEServerTransport\b|['"]hono-mcp-server-sse-transport['"]/, transport: 'HTTP+SSE (legacy)' },
  // A hand-written one: the 'endpoint' event with its data, on the wire or handed to an SSE writer (not a client's test of the event line).
  { re: SENDS_ENDPOINT_EVENT, transport: 'HTTP+SSE (legacy)' },
  { re: /\bStdioServerTransport\b|\bserveStdio\b/, transport: 'stdio' },
  { re: /['"]@chatmcp\/sdk(\/[\w./-]*)?['"][\s\S]*\bRestServerTransport\b|\bRestServerTransport\b[\s\S]*['"]@chatmcp\/sdk(\/[\w./-]*)?['"]/, transport: "@chatmcp/sdk's RestServerTransport (one transport for every client)" },
  // createMcpHandler is two things: the v2 SDK's (2026-07-28) and Vercel's mcp-handler (SDK v1, 2025 only).
  // (Also agents 0.20's own, from agents/mcp/server, built on the v2 packages.)
  { re: /\bcreateMcpHandler\b[\s\S]*['"](?:@modelcontextprotocol\/server|agents\/mcp\/server)['"]|['"](?:@modelcontextprotocol\/server|agents\/mcp\/server)['"][\s\S]*\bcreateMcpHandler\b/, transport: '2026-07-28 handler (createMcpHandler)' },
  { re: /['"](mcp-handler|@vercel\/mcp-adapter)['"]/, transport: MCP_HANDLER_V1 },
  { re: /\bextends\s+\w*McpAgent\b/, transport: MCP_AGENT },
];

/** Whether `re` matches `text` somewhere `unless` does not rule out. */
function someMatch(text: string, re: RegExp, unless: (code: string, at: number) => boolean): boolean {
  for (const match of text.matchAll(new RegExp(re.source, 'g'))) if (!unless(text, match.index)) return true;
  return false;
}



/**
 * A CORS middleware's call (`cors()`, `cors({ origin: true })`, Nest's `app.enableCors()`): with
 * no header list, the cors, @fastify/cors, hono/cors and @koa/cors middlewares answer a preflight
 * with the headers the browser asked for, Mcp-Method and Mcp-Name among them.
 */
const CORS_MIDDLEWARE = String.raw`\b(?:enable)?cors\s*\(`;
const CORS_MIDDLEWARE_CALL = new RegExp(CORS_MIDDLEWARE, 'gi');
const HAS_CORS_MIDDLEWARE = new RegExp(CORS_MIDDLEWARE, 'i');
/** The CORS packages as an import or require names them. */
const CORS_PACKAGES = String.raw`['"\u0060](?:cors|hono\/cors|@fastify\/cors|@koa\/cors)['"\u0060]`;
const CORS_PACKAGE = new RegExp(CORS_PACKAGES, 'gi');

/** CORS set up in code or config: its headers by name, a CORS middleware, an allow-list option. */
const CORS = new RegExp(String.raw`access-?control-?allow-?(headers|origin|methods|credentials)|${CORS_MIDDLEWARE}|${CORS_PACKAGES}|\ballow(ed)?headers\s*:`, 'i');

/**
 * A mount or a route on one path (group 2) up to its handlers: `app.use('/assets', `,
 * `app.get('/card.json', auth, `. What follows is one of its handlers.
 */
const ON_PATH = String.raw`\.(?:use|get|post|put|patch|delete|all|options|head)\(\s*(['"\u0060])([^'"\u0060]*)\1\s*,\s*(?:[\w$.]+\s*,\s*)*`;
/** `app.use('/assets', cors(...))`, `app.get('/card.json', cors(...), handler)`: a CORS middleware mounted on one path (group 2). */
const MOUNTED_CORS = new RegExp(String.raw`${ON_PATH}${CORS_MIDDLEWARE}`, 'gi');
/** `const cardCors = cors(...)`: a CORS middleware kept under a name (group 1), mounted where that name is. */
const NAMED_CORS = new RegExp(String.raw`\b(?:const|let|var)\s+([\w$]+)\s*=\s*${CORS_MIDDLEWARE}`, 'gi');

/** A path segment that names an MCP endpoint: one with mcp in it, or the SSE transport's `sse` and `messages`. */
const MCP_SEGMENT = String.raw`(?:[^'"\u0060/]*mcp[^'"\u0060/]*|sse|messages?)`;
/** A mount path that names the MCP endpoint (`/mcp`, `/api/sse`). */
const MCP_MOUNT = new RegExp(String.raw`(?:^|/)${MCP_SEGMENT}(?:/|$)`, 'i');

/** Whether a mount path may hold the MCP endpoint: the root, a path naming it, or a prefix of a path of this file that names it. */
function mayHoldMcp(mount: string, code: string): boolean {
  if (/^\/?\*?$/.test(mount) || MCP_MOUNT.test(mount)) return true;
  const prefix = escapeRegExp(mount.replace(/\/+$/, ''));
  return new RegExp(String.raw`['"\u0060]${prefix}/(?:[^'"\u0060]*/)?${MCP_SEGMENT}[/'"\u0060]`, 'i').test(code);
}

/**
 * The code without the CORS middlewares mounted on paths that cannot hold the MCP endpoint
 * (skybridge's `app.use('/assets', cors())` beside an /mcp route without any): they filter no MCP
 * request's headers. When no other CORS middleware is left, its package's import goes too.
 */
function withoutCorsElsewhere(code: string): string {
  // Both patterns end in a CORS middleware call: without one there is nothing to take out.
  if (!HAS_CORS_MIDDLEWARE.test(code)) return code;
  let out = code;
  const blank = (from: number, open: number) => {
    const end = matchingBracket(code, open) + 1;
    out = out.slice(0, from) + ' '.repeat(end - from) + out.slice(end);
  };
  for (const m of code.matchAll(MOUNTED_CORS)) {
    if (!mayHoldMcp(m[2], code)) blank(m.index, m.index + m[0].length - 1);
  }
  // One kept under a name (hf-mcp-server's serverCardCors) when every use of the name is a handler
  // of a mount or route on such a path: its header list filters no MCP request either.
  for (const m of code.matchAll(NAMED_CORS)) {
    const name = m[1].replace(/\$/g, '\\$');
    const uses = [...code.matchAll(new RegExp(String.raw`(?<![\w$])${name}(?![\w$])`, 'g'))].length - 1;
    const paths = [...code.matchAll(new RegExp(String.raw`${ON_PATH}${name}(?![\w$])`, 'g'))].map((use) => use[2]);
    if (uses > 0 && paths.length === uses && !paths.some((p) => mayHoldMcp(p, code))) blank(m.index + m[0].search(/(enable)?cors\s*\($/i), m.index + m[0].length - 1);
  }
  if (out === code) return code;
  return HAS_CORS_MIDDLEWARE.test(out) ? out : out.replace(CORS_PACKAGE, (p) => ' '.repeat(p.length));
}

/** Words every pattern readHeaderFilters looks for in code starts from (CORS, its packages, header lists, credentials). */
const HEADER_FILTER_WORDS = /cors|access-?control|allow(?:ed)?headers|credentials/;
/** A module file's extension, dropped to compare an import with the file it names. */
const MODULE_EXTENSION = /\.(?:[cm]?[jt]sx?)$/;

/** The modules a file imports by a relative path (`./middleware/cors.js`), as paths beside `file` without their extension. */
function relativeImports(text: string, file: string): string[] {
  const dir = path.posix.dirname(toPosix(file));
  return [...text.matchAll(IMPORT_TEXT)].filter((m) => /^\.\.?\//.test(m[1])).map((m) => path.posix.join(dir, m[1]).replace(MODULE_EXTENSION, ''));
}

/** The values an allow-list of request headers is given: `'Access-Control-Allow-Headers': '*'`, `setHeader('Access-Control-Allow-Headers', ...)`, `allowedHeaders: [...]`, nginx's `add_header`. */
const ALLOW_HEADERS_OPTION = /\ballow(?:ed)?headers\s*:\s*(?<value>\[[^\]]*\]|(['"`])[^'"`]*\2)/gi;
const ALLOW_HEADERS_VALUES = [
  /access-control-allow-headers['"`]?\s*[:,]\s*(['"`])(?<value>[^'"`]*)\1/gi,
  ALLOW_HEADERS_OPTION,
  /add_header\s+['"]?access-control-allow-headers['"]?\s+(['"]?)(?<value>[^;'"]*)\1/gi,
];

/** `*` alone, quoted or in a list of one: any request header, on a request without credentials (Fetch standard, CORS protocol). */
const WILDCARD = /^\[?\s*(['"`]?)\*\1\s*,?\s*\]?$/;

/** Credentials allowed: with them a browser takes `Access-Control-Allow-Headers: *` for a header named `*`. */
const CREDENTIALS = /access-control-allow-credentials['"`]?[\s:,]+['"`]?true\b|\bcredentials\s*:\s*true\b/i;

/** A reverse proxy's or a gateway's routes in deployment config (nginx, HAProxy, Traefik, Caddy, a Kubernetes Ingress or Gateway route). */
const PROXY_CONFIG = /\bproxy_pass\b|^\s*reverse_proxy\s|^\s*upstream\s+\S+\s*\{|^\s*backend\s+\S+|traefik\.http\.routers|^\s*routers\s*:|^\s*kind\s*:\s*(Ingress|Gateway|HTTPRoute|VirtualService)\b/im;

/**
 * Code that redeems an authorization code, as oauth-iss reads it: finishAuth, exchangeAuthorization,
 * auth({ authorizationCode }), a token request with grant_type=authorization_code, or the SDK's
 * OAuthClientProvider. Not a server's metadata (`grant_types_supported: ['authorization_code']`)
 * nor a resource server's token validation.
 */
const OAUTH_CLIENT = /\bfinishauth\s*\(|\bexchangeauthorization\s*\(|\bauthorizationcode\s*:|\boauthclientprovider\b|grant_type['"`]?\s*[:=]\s*['"`]?authorization_code/;

/** What of a package's MCP code decides the SDK it serves with (see sdkOf): whether it has any, and whether any imports the v1 SDK for values. */
export class SdkUse {
  mcpCode = false;
  importsV1 = false;

  /** Feed one code file's text (`lower`: the same, lower-cased, when the caller has it; `serving`: its servingText, likewise). */
  add(text: string, lower = text.toLowerCase(), serving?: string): void {
    if (!lower.includes('mcp') && !lower.includes('modelcontextprotocol')) return;
    this.mcpCode = true;
    if (!this.importsV1 && lower.includes('@modelcontextprotocol/sdk') && /['"]@modelcontextprotocol\/sdk[/'"]/.test(serving ?? servingText(text))) this.importsV1 = true;
  }
}

export class ProjectSignals {
  readonly styles = new Set<string>();
  readonly transports = new Set<string>();
  routingHeaders = false;
  oauth = false;
  /** CORS or a proxy config seen, and what allow-lists of request headers say (see ProjectInfo.headerFilters). */
  corsOrProxy = false;
  wildcardHeaders = false;
  listedHeaders = false;
  /** A reverse proxy's or gateway's config: its routes are for a person to check. */
  proxy = false;
  /** A CORS middleware called with no header list of its own (it reflects what the browser asks for). */
  reflectingMiddleware = false;
  credentials = false;
  /** Whether the MCP code seen has any, and imports the v1 SDK (not only its types). */
  readonly sdkUse = new SdkUse();
  /** The `TODO(mcp-migrate)` markers of each file fed, where it has any. */
  readonly markers: Array<{ file: string; count: number }> = [];
  /** The code files (as given to add) that may serve MCP: a package with none is no server's (a client's web UI). */
  readonly servingFiles: string[] = [];
  /** Code that is not MCP code but sets CORS (a middleware module of its own), by path: counted where MCP code imports it. */
  private readonly corsModules = new Map<string, string>();
  /** The modules MCP code imports by a relative path, without their extension (`src/middleware/cors`). */
  private readonly importedByMcp = new Set<string>();

  /**
   * Feed one file's text (called by the scanner for every config file and MCP code file); `path`
   * tells a config file's comment syntax (configLines), `#` when not given.
   */
  add(text: string, kind: 'code' | 'config', path = ''): void {
    // What fix left for a person: its markers are comments, counted before comments are dropped.
    const marked = text.includes('TODO(mcp-migrate)') ? text.split('TODO(mcp-migrate)').length - 1 : 0;
    if (marked > 0) this.markers.push({ file: toPosix(path), count: marked });
    // What a comment says (a TODO naming Mcp-Method, an explanation of the CORS list) decides nothing.
    const code = kind === 'code' ? withoutComments(text) : configLines({ path, text }).map((l) => l.code).join('\n');
    const codeLower = code.toLowerCase();
    if (codeLower.includes('mcp-method') && codeLower.includes('mcp-name')) this.routingHeaders = true;
    const lower = text.toLowerCase();
    // Most MCP code sets no CORS or header list: its header filters cost one test of the text.
    // A file that only talks to MCP servers (a REST API calling one with the client) filters the
    // headers of its own routes, not of any MCP endpoint.
    if (kind === 'config' || (HEADER_FILTER_WORDS.test(lower) && !isClientOnlyCode(text))) this.readHeaderFilters(code, kind);
    if (kind !== 'code' || !lower.includes('mcp') && !lower.includes('modelcontextprotocol')) return;
    for (const target of relativeImports(text, path)) this.importedByMcp.add(target).add(`${target}/index`);
    // A generator's template holding a server's source is a string: its imports and transport are not this project's.
    const emitted = withoutEmittedCode(text);
    const serving = withoutTypeImports(emitted);
    this.sdkUse.add(text, lower, serving);
    if (importsServingModule(serving)) this.servingFiles.push(path);
    if (OAUTH_CLIENT.test(codeLower)) this.oauth = true;
    for (const signal of SIGNALS) {
      if (!signal.unless ? !signal.re.test(emitted) : !someMatch(emitted, signal.re, signal.unless)) continue;
      if (signal.style) this.styles.add(signal.style);
      if (signal.transport) this.transports.add(signal.transport);
    }
  }

  /**
   * Feed a code file that is not MCP code but may set CORS (`cors({ allowedHeaders })` in a
   * middleware module the server mounts): its header lists count once `settle` finds MCP code
   * that imports it, so a web app of its own elsewhere in the repository does not.
   */
  addNeighbour(text: string, path: string): void {
    if (HEADER_FILTER_WORDS.test(text.toLowerCase())) this.corsModules.set(toPosix(path).replace(MODULE_EXTENSION, ''), text);
  }

  /** Counts the CORS of the modules MCP code imports (addNeighbour): once every file is in. */
  settle(): void {
    for (const [module, text] of this.corsModules) if (this.importedByMcp.has(module)) this.readHeaderFilters(withoutComments(text), 'code');
    this.corsModules.clear();
  }

  private readHeaderFilters(text: string, kind: 'code' | 'config'): void {
    const code = kind === 'code' ? withoutCorsElsewhere(text) : text;
    if (CORS.test(code)) this.corsOrProxy = true;
    if (kind === 'config' && PROXY_CONFIG.test(code)) this.corsOrProxy = this.proxy = true;
    /** Values read of the header by its name (not of an `allowedHeaders:` option). */
    let named = 0;
    for (const re of ALLOW_HEADERS_VALUES) {
      for (const match of code.matchAll(re)) {
        if (re !== ALLOW_HEADERS_OPTION) named++;
        if (WILDCARD.test(match.groups!.value.trim())) this.wildcardHeaders = true;
        else this.listedHeaders = true;
      }
    }
    // The header set from a value not written out (`ALLOWED.join(',')`): a list nobody can check here.
    if (named < (code.match(/access-control-allow-headers/gi)?.length ?? 0)) this.listedHeaders = true;
    if (kind === 'code') {
      for (const call of code.matchAll(CORS_MIDDLEWARE_CALL)) {
        const open = call.index + call[0].length - 1;
        if (!/\ballow(?:ed)?headers\b/i.test(code.slice(open + 1, matchingBracket(code, open)))) this.reflectingMiddleware = true;
      }
    }
    if (CREDENTIALS.test(code)) this.credentials = true;
  }

  /** What lets request headers through (see ProjectInfo.headerFilters). */
  headerFiltersSeen(): ProjectInfo['headerFilters'] {
    if (!this.corsOrProxy) return 'none';
    if (this.reflectingMiddleware && !this.proxy && !this.wildcardHeaders && !this.listedHeaders) return 'reflected';
    if (!this.wildcardHeaders || this.listedHeaders) return 'lists';
    return this.credentials ? 'wildcard-with-credentials' : 'wildcard';
  }
}

/** The lowest version a range or version names (`^1.12` → 1.12.0, `~2` → 2.0.0), or undefined for a tag, `*` or a path. */
export function floorOf(range: string): string | undefined {
  const match = /^\D*?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(range.trim());
  return match ? `${match[1]}.${match[2] ?? '0'}.${match[3] ?? '0'}` : undefined;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/**
 * The SDK's packages: v1's one, and v2's. Not the project's tools (the inspector, the official
 * codemod, the conformance suite), nor servers published under the scope (`server-filesystem`,
 * the example apps' `server-debug`: applications built on the SDK, whose name shares the prefix).
 */
export const SDK_PACKAGE = /^@modelcontextprotocol\/(sdk|server|server-legacy|client|core|node|express|hono)$/;

/** The v2 packages (a client on @modelcontextprotocol/client is on v2 too). */
const V2_PACKAGES = ['@modelcontextprotocol/server', '@modelcontextprotocol/node', '@modelcontextprotocol/express', '@modelcontextprotocol/hono', '@modelcontextprotocol/client'];

/**
 * The SDK these packages serve with (ProjectInfo.sdk), `use` being their code's: a project's
 * packages (report), or one package and its files (fix's default target, per package).
 */
export function sdkOf(packages: readonly PackageSdk[], use: SdkUse): ProjectInfo['sdk'] {
  const v1Declared = packages.some((p) => p.mcp['@modelcontextprotocol/sdk']);
  const v2 = packages.some((p) => V2_PACKAGES.some((n) => n in p.mcp));
  // Declared beside the v2 packages but imported by no code (agents 0.20 asks for it as a peer): not what the project serves with.
  const v1Unused = v2 && use.mcpCode && !use.importsV1;
  const v1 = (v1Declared && !v1Unused) || packages.some((p) => p.v1Hosts.length > 0);
  return v1 && v2 ? 'v1+v2' : v1 ? 'v1' : v2 ? 'v2' : 'none';
}

/**
 * The package.json files of what a run scans (`paths`, absolute): those under each folder, and
 * the one of the package each path is in, the nearest at or above it up to `top` (the
 * repository's top): a folder with no package.json of its own (`report mcp-server`) belongs to
 * the package above it, as a file does.
 */
function scannedManifests(paths: readonly string[], top: () => string): string[] {
  const found = new Set<string>();
  for (const p of paths) {
    let folder = false;
    try {
      folder = fs.statSync(p).isDirectory();
    } catch {
      continue;
    }
    const dir = folder ? p : path.dirname(p);
    const own = path.join(dir, 'package.json');
    const enclosing = fs.existsSync(own) ? own : manifestAbove(dir, top());
    if (enclosing) found.add(enclosing);
    // A workspace package that declares no MCP package takes the SDK its workspace root declares (trial 18A, `report apps/srv`).
    const root = enclosing && !declaresMcp(enclosing) ? workspaceRootAbove(path.dirname(enclosing), top()) : undefined;
    if (root) found.add(root);
    if (folder) for (const file of findPackageManifests(p)) found.add(file);
  }
  return [...found];
}

/** Whether a package.json names a package of the SDK's scope or a known MCP host among its dependencies (text test: cheap, and unparsable ones count as not). */
function declaresMcp(manifest: string): boolean {
  try {
    return /"@modelcontextprotocol\/|"(fastmcp|mcp-framework|mcp-handler|@vercel\/mcp-adapter|agents)"\s*:/.test(fs.readFileSync(manifest, 'utf8'));
  } catch {
    return false;
  }
}

/** The workspace root above a package folder (a package.json with `workspaces`, or one beside pnpm-workspace.yaml), up to `top`. */
function workspaceRootAbove(dir: string, top: string): string | undefined {
  if (path.resolve(dir) === path.resolve(top)) return undefined;
  return foldersUpTo(path.dirname(dir), top)
    .map((folder) => path.join(folder, 'package.json'))
    .find((manifest) => fs.existsSync(manifest) && isWorkspaceRootManifest(manifest, readManifest));
}

/**
 * The packages a serving file belongs to (the deepest package folder holding it); all of them
 * when no file was seen to serve (a tree with config only, a server this test cannot see).
 */
function servingPackages(packages: readonly PackageSdk[], servingFiles: readonly string[], root: string): readonly PackageSdk[] {
  if (servingFiles.length === 0) return packages;
  const dirs = packages.map((p) => ({ p, dir: path.resolve(root, p.dir) }));
  const serving = new Set<PackageSdk>();
  for (const file of servingFiles) {
    const absolute = path.resolve(root, file);
    const holders = dirs.filter((d) => absolute.startsWith(d.dir.endsWith(path.sep) ? d.dir : d.dir + path.sep));
    const deepest = holders.sort((a, b) => b.dir.length - a.dir.length)[0];
    if (deepest) serving.add(deepest.p);
  }
  return serving.size === 0 ? packages : packages.filter((p) => serving.has(p));
}

/**
 * Of a package's runtime dependencies named for MCP (`@cyanheads/mcp-ts-core`: other packages
 * are not read), those whose installed package.json asks for @modelcontextprotocol/sdk: a
 * framework the code serves through, built on v1 (`host`), and those not installed here (`untold`).
 */
function frameworksOnV1(dir: string, runtime: Record<string, string>, top: string): { hosts: string[]; untold: string[]; v2: Record<string, string> } {
  const hosts: string[] = [];
  const untold: string[] = [];
  // The v2 packages a framework (a workspace's own kit) is built on: the package's SDK through it (trial 19A).
  const v2: Record<string, string> = {};
  for (const [name, range] of Object.entries(runtime)) {
    if (!/mcp/i.test(name) || SDK_PACKAGE.test(name) || name.startsWith('@modelcontextprotocol/')) continue;
    // Not installed (a fresh clone): a package of the same workspace is read from its folder (trial 19A).
    const onDisk = installedManifest(name, dir, top);
    const member = onDisk ? undefined : workspaceMemberManifest(name, dir, top, readManifest)?.json;
    const installed = onDisk ?? member;
    if (!installed) {
      untold.push(`${name}@${range}`);
      continue;
    }
    const its = { ...(installed.peerDependencies as object), ...(installed.dependencies as object) } as Record<string, string>;
    const sdk = its['@modelcontextprotocol/sdk'];
    if (sdk) hosts.push(`${name}@${range} (${member ? 'workspace package' : 'installed'} ${String(installed.version)}, on @modelcontextprotocol/sdk@${sdk})`);
    else for (const v2Package of V2_PACKAGES) if (its[v2Package]) v2[v2Package] ??= `${its[v2Package]} (through ${name})`;
  }
  return { hosts, untold, v2 };
}

/** What the project is built with, from the package.json files of `paths` (absolute; default the root: see scannedManifests) and the signals. */
export async function analyseProject(root: string, signals: ProjectSignals, paths: readonly string[] = [root]): Promise<ProjectInfo> {
  signals.settle();
  const packages: PackageSdk[] = [];
  const catalogs = new Map<string, Catalogs | undefined>();
  // The workspace's catalog may sit above the scanned folder (`scan packages/x`), as fix finds it.
  let top: string | undefined;
  const repositoryTop = () => (top ??= gitTopLevel(root) ?? root);
  const handlerRanges: string[] = [];
  for (const file of scannedManifests(paths, repositoryTop)) {
    const pkg = readManifest(file);
    if (!pkg) continue;
    const deps = { ...(pkg.devDependencies as object), ...(pkg.peerDependencies as object), ...(pkg.dependencies as object) } as Record<string, string>;
    const mcp: Record<string, string> = {};
    // The SDK's packages; not the project's tools (the inspector, the official codemod, the conformance suite).
    // `catalog:`, `catalog:prod` (pnpm): the version that catalog of the workspace gives, when it gives one.
    // The repository's top (where the workspace's catalogs may sit) is looked for only when a range asks for a catalog.
    const version = (name: string, range: string) => (catalogOfRange(range) !== undefined ? fromCatalog(range, name, catalogAbove(path.dirname(file), repositoryTop(), catalogs)) : range);
    for (const [name, range] of Object.entries(deps)) if (SDK_PACKAGE.test(name)) mcp[name] = version(name, String(range));
    // A package migrated to the v2 packages keeps the v1 SDK among devDependencies for its tests:
    // that is not the SDK it serves with.
    const runtime = { ...(pkg.peerDependencies as object), ...(pkg.dependencies as object) } as Record<string, string>;
    if (mcp['@modelcontextprotocol/sdk'] && !runtime['@modelcontextprotocol/sdk'] && V2_PACKAGES.some((n) => n in mcp)) delete mcp['@modelcontextprotocol/sdk'];
    if (deps['mcp-handler']) handlerRanges.push(version('mcp-handler', deps['mcp-handler']));
    const frameworks = [...new Set(Object.keys(deps).filter((d) => FRAMEWORK_DEPS[d]).map((d) => FRAMEWORK_DEPS[d]))];
    // Serving through FastMCP (or mcp-framework, mcp-handler) with no SDK package declared: on v1 all the same.
    // A host with other uses (agents) counts where the code serves through it (an McpAgent).
    const serves = (h: (typeof SDK_V1_HOSTS)[number]) => !h.general || (h.dependency === 'agents' && signals.transports.has(MCP_AGENT));
    const v1Hosts = Object.keys(mcp).length > 0 ? [] : SDK_V1_HOSTS.filter((h) => serves(h) && deps[h.dependency] && hostOnV1(h, version(h.dependency, deps[h.dependency]))).map((h) => `${h.dependency}@${deps[h.dependency]} (${h.label})`);
    // No SDK package and no known host: a framework named for MCP may bring the SDK (mcp-ts-core 0.11 brings v1); its installed package.json tells.
    let untold: string[] = [];
    if (Object.keys(mcp).length === 0 && v1Hosts.length === 0) {
      const found = frameworksOnV1(path.dirname(file), runtime, path.resolve(root, repositoryTop()));
      v1Hosts.push(...found.hosts);
      untold = found.untold;
      if (found.hosts.length === 0) Object.assign(mcp, found.v2);
    }
    const dir = toPosix(path.relative(root, path.dirname(file))) || '.';
    if (Object.keys(mcp).length > 0 || frameworks.length > 0 || v1Hosts.length > 0 || untold.length > 0)
      packages.push({ dir, name: typeof pkg.name === 'string' ? pkg.name : undefined, mcp, frameworks, v1Hosts, ...(untold.length > 0 ? { untold } : {}) });
  }
  const v1Ranges = packages.map((p) => p.mcp['@modelcontextprotocol/sdk']).filter((r): r is string => !!r);
  const floors = v1Ranges.map(floorOf).filter((f): f is string => !!f).sort(compareVersions);
  const sdk = sdkOf(packages, signals.sdkUse);
  const describe = (p: PackageSdk) =>
    `${p.dir === '.' ? (p.name ?? 'root') : p.dir === '..' || p.dir.startsWith('../') ? (p.name ?? p.dir) : p.dir}: ${[...Object.entries(p.mcp).map(([n, r]) => `${n}@${r}`), ...p.v1Hosts.map((h) => `${h}, built on @modelcontextprotocol/sdk v1`)].join(', ')}`;
  const withSdk = packages.filter((p) => Object.keys(p.mcp).length > 0 || p.v1Hosts.length > 0);
  const untold = packages.flatMap((p) => p.untold ?? []);
  const sdkSummary =
    withSdk.length > 0
      ? withSdk.map(describe).join('; ')
      : untold.length > 0
        ? `no @modelcontextprotocol package declared; ${untold.join(', ')} may bring one, but ${untold.length === 1 ? 'it is' : 'they are'} not installed here to tell`
        : 'no @modelcontextprotocol package declared';
  // The frameworks of the packages that serve MCP (a file of theirs may serve), not of a client's web UI beside them.
  const styles = new Set<string>(servingPackages(packages, signals.servingFiles, root).flatMap((p) => p.frameworks));
  for (const s of signals.styles) styles.add(s);
  return {
    packages,
    sdk,
    sdkSummary,
    v1Floor: floors[0],
    // `Next.js` beside `Next.js (mcp-handler)` says the same twice.
    serverStyles: [...styles].filter((style) => ![...styles].some((other) => other.startsWith(`${style} (`))).sort(),
    // mcp-handler 2 is on the v2 packages: its label says so where every package asks for it.
    transports: [...signals.transports].map((t) => (t === MCP_HANDLER_V1 && handlerRanges.length > 0 && handlerRanges.every((r) => !hostOnV1(MCP_HANDLER_HOST, r)) ? MCP_HANDLER_V2 : t)).sort(),
    mentionsRoutingHeaders: signals.routingHeaders,
    headerFilters: signals.headerFiltersSeen(),
    hasOAuth: signals.oauth,
    ...(signals.markers.length > 0 ? { openMarkers: [...signals.markers].sort((a, b) => a.file.localeCompare(b.file)) } : {}),
  };
}
