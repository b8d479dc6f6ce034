/**
 * What makes a source file MCP code: it names the SDK or MCP (`mcp` starting a word, or `Mcp`/`MCP`
 * inside camel case, so `numCpus` does not count), imports a framework whose name ends in "mcp"
 * (fastmcp anywhere; xmcp and tmcp as module specifiers, `'xmcp'`, `"tmcp"`, `'@tmcp/transport-http'`,
 * `'xmcp/headers'`: as words they are too short to trust), uses an SDK transport or session API, or
 * registers tools, prompts or resources (a tools module handed the server, in plain JavaScript:
 * `registerTool`, or v1's `server.tool(`), or asks the client through it (`elicitInput`). The
 * scanner applies code rules only to such files, and rules that match generic words rely on it.
 */
export const MCP_MARKER =
  /(?<![A-Za-z])[mM][cC][pP]|Mcp|MCP|fastmcp|['"][@]?[xt]mcp['"/]|modelcontextprotocol|StreamableHTTPServerTransport|SSEServerTransport|sessionIdGenerator|onsessioninitialized|isInitializeRequest|transport\??\.sessionId|registerTool(?![\w$])|registerPrompt(?![\w$])|registerResource(?![\w$])|(?<![A-Za-z])server\.tool\(|(?<![A-Za-z])server\.prompt\(|(?<![A-Za-z])server\.resource\(|elicitInput(?![\w$])/;

export function isMcpCode(text: string): boolean {
  return MCP_MARKER.test(text) || (text.includes(JSON_RPC) && HAND_WRITTEN_SSE_EVENT.test(text));
}

/**
 * A hand-written HTTP+SSE server that names no MCP is known by the endpoint event it sends
 * together with JSON-RPC (trial 71B B8): the event alone is a plain SSE feed's too (a service
 * discovery stream with an `endpoint` event, review 89 point 5).
 */
const HAND_WRITTEN_SSE_EVENT = /event: ?endpoint/;
const JSON_RPC = 'jsonrpc';
const HAND_WRITTEN_SSE_BYTES = ['event: endpoint', 'event:endpoint'].map((b) => Buffer.from(b));
const JSON_RPC_BYTES = Buffer.from(JSON_RPC);

/** ASCII letters, the lookbehind's class. */
function isAsciiLetter(byte: number): boolean {
  return (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
}

/**
 * The two bytes every spelling of "mcp" starts with. Searched capitals first: a search is
 * cheaper for a first byte that occurs less often, and `Mcp`/`MCP` settle it wherever they are.
 */
const MC_PAIRS = ['Mc', 'MC', 'mC', 'mc'] as const;

/**
 * MCP_MARKER's other alternatives, each found through an anchor: a short piece of it that starts
 * with a byte rare in source code. A native search runs at memory speed past the bytes that cannot
 * start the anchor, so rare first bytes make it fast, and searches for pieces shorter than seven
 * bytes avoid a slower algorithm; only where an anchor occurs is the whole word compared.
 * `offset`: where the anchor starts in the word. test/read.test.ts holds the result to the
 * marker's.
 */
const ANCHORED: ReadonlyArray<readonly [anchor: string, words: ReadonlyArray<readonly [word: string, offset: number]>]> = [
  ['xtpro', [['modelcontextprotocol', 10]]],
  ['zeReq', [['isInitializeRequest', 10]]],
  ['PServ', [['StreamableHTTPServerTransport', 13]]],
  ['EServ', [['SSEServerTransport', 2]]],
  ['zed', [['onsessioninitialized', 17]]],
  ['Id', [['sessionIdGenerator', 7], ['transport.sessionId', 17], ['transport?.sessionId', 18]]],
  // A module of tools that is handed the server and never names the SDK (plain JavaScript).
  ['Tool', [['registerTool', 8]]],
  ['Prompt', [['registerPrompt', 8]]],
  ['Resou', [['registerResource', 8]]],
  // ... through v1's server.tool() (trial 36B), or asking the client through the server it was handed.
  // (`ver.` and `Input` start with bytes rarer than `.` or `t`: each search costs a third as much.)
  ['ver.', [['server.tool(', 3], ['server.prompt(', 3], ['server.resource(', 3]]],
  ['Input', [['elicitInput', 6]]],
];

/** A quote (the bytes around a module specifier: `'` or `"`). */
function isQuote(byte: number | undefined): boolean {
  return byte === 0x27 || byte === 0x22;
}

/**
 * Whether the "mcp" at `at` ends a module specifier's xmcp or tmcp (MCP_MARKER's `['"][@]?[xt]mcp['"/]`):
 * `x` or `t` before it, a quote (or `@` after one) before that, and a quote or `/` after it.
 */
function frameworkSpecifierAt(bytes: Buffer, at: number): boolean {
  const letter = bytes[at - 1];
  if (letter !== 0x78 && letter !== 0x74) return false; // x, t
  const after = bytes[at + 3];
  if (!isQuote(after) && after !== 0x2f) return false; // quote, /
  return isQuote(bytes[at - 2]) || (bytes[at - 2] === 0x40 && isQuote(bytes[at - 3])); // quote, or @ after one
}

/** Whether `word` occurs in `bytes` with its anchor at `at` (its byte before the anchor compared first: most anchors are not in the word). */
function wordAt(bytes: Buffer, at: number, word: string, offset: number): boolean {
  const start = at - offset;
  if (start < 0 || bytes[at - 1] !== word.charCodeAt(offset - 1) || bytes.toString('latin1', start, start + word.length) !== word) return false;
  // `server.` starts a word (`observer.tool(` is not one).
  if (word.startsWith('server.')) return start === 0 || !isAsciiLetter(bytes[start - 1]);
  // The register* words and elicitInput end there (`registerToolRoutes` of a REST app is not one).
  return !(word.startsWith('register') || word === 'elicitInput') || !isIdentifierByte(bytes[start + word.length]);
}

/** A byte of an identifier (`[\w$]`); undefined past the end is none. */
function isIdentifierByte(byte: number | undefined): boolean {
  return byte !== undefined && (isAsciiLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte === 0x5f || byte === 0x24);
}

/**
 * Exactly `isMcpCode(text)` for the UTF-8 text these bytes hold (its MCP_MARKER part: markerBytes), without decoding them: the
 * scanner's test on the raw bytes of every file, so that most files of a monorepo are never
 * decoded. Byte searches run in native code; a regular expression over the decoded text costs
 * several times as much. All the marker's characters are ASCII, and UTF-8 never encodes another
 * character with ASCII bytes, so the bytes hold a match exactly where the text does (a byte
 * before "mcp" that belongs to a non-ASCII character is no ASCII letter, as the character is
 * not). test/read.test.ts holds the two to the same answers.
 */
export function isMcpBytes(bytes: Buffer): boolean {
  // (`jsonrpc` first: one search rules out most of the files the marker did not take.)
  return markerBytes(bytes) || (bytes.includes(JSON_RPC_BYTES) && HAND_WRITTEN_SSE_BYTES.some((b) => bytes.includes(b)));
}

/** MCP_MARKER on the bytes (isMcpBytes without the hand-written SSE server's test). */
export function markerBytes(bytes: Buffer): boolean {
  for (const pair of MC_PAIRS) {
    for (let i = bytes.indexOf(pair, 0, 'latin1'); i !== -1; i = bytes.indexOf(pair, i + 1, 'latin1')) {
      const p = bytes[i + 2];
      if (p !== 0x70 && p !== 0x50) continue; // p, P
      if ((pair === 'Mc' && p === 0x70) || (pair === 'MC' && p === 0x50)) return true; // Mcp, MCP anywhere
      if (i === 0 || !isAsciiLetter(bytes[i - 1])) return true; // mcp in any case, starting a word
      if (pair === 'mc' && p === 0x70 && i >= 4 && bytes.toString('latin1', i - 4, i) === 'fast') return true; // fastmcp
      if (pair === 'mc' && p === 0x70 && frameworkSpecifierAt(bytes, i)) return true; // 'xmcp', "@tmcp/
    }
  }
  for (const [anchor, words] of ANCHORED) {
    for (let i = bytes.indexOf(anchor, 0, 'latin1'); i !== -1; i = bytes.indexOf(anchor, i + 1, 'latin1')) {
      for (const [word, offset] of words) if (wordAt(bytes, i, word, offset)) return true;
    }
  }
  return false;
}

/**
 * What a text test of a module specifier allows before a package's name: Deno's `npm:` or `jsr:`
 * (trial 68C B3: a Deno server importing `npm:@modelcontextprotocol/sdk@1.25.0/server/mcp.js` was
 * not taken for SDK code). A regular expression's source; ast.ts packageModule reads them alike.
 */
export const SPECIFIER_SCHEME = '(?:npm:|jsr:)?';
/** What it allows after a package's name: the version such a specifier may name (`@1.25.0`, `@^2`), as a regular expression's source. */
export const SPECIFIER_VERSION = "(?:@[^/'\"`\\s]*)?";

/** An import of the v2 server package or its stdio module, also through Deno's npm: (`'npm:@modelcontextprotocol/server@^2/stdio'`). */
const V2_SERVER_ENTRY = new RegExp(String.raw`['"]${SPECIFIER_SCHEME}@modelcontextprotocol\/server${SPECIFIER_VERSION}(\/stdio)?['"]`);

/**
 * A file on the v2 packages' entry points (createMcpHandler, serveStdio), which still serve 2025
 * clients on their legacy path: what it keeps for them (an `oninitialized`, the handshake reads in
 * it) is their fallback beside the per-request envelope, not a dependency.
 */
export function servesBothEras(text: string): boolean {
  return V2_SERVER_ENTRY.test(text);
}

/**
 * Code of the Agent Client Protocol (ACP: an editor talking to a coding agent over JSON-RPC), which
 * has an initialize of its own (a numeric protocolVersion, agentCapabilities), session/new and an
 * event stream of its own: it mentions MCP only to pass `mcpServers` on to the agent, and names no
 * MCP package (trial 60B B1: its initialize and Last-Event-ID were taken for MCP's). A text test.
 */
export function speaksAcpOnly(text: string): boolean {
  // (Nor where it serves MCP by hand beside it: MCP's headers, methods or endpoint; review 78.)
  return /['"`]session\/(?:new|load|prompt|cancel)['"`]|\bagentCapabilities\b/.test(text) && !/modelcontextprotocol|\bMcpServer\b|fastmcp|mcp-handler|mcp-session-id|mcp-protocol-version|['"`](?:tools\/(?:list|call)|resources\/(?:list|read)|prompts\/(?:list|get)|notifications\/initialized|\/mcp)['"`]/i.test(text);
}

/**
 * A module specifier of `name` (a package, or a package and its path: `mcp-use/server`) as a text
 * test, also as Deno's npm: names it (`'npm:mcp-lite@0.8.0'`, trial 68C B3).
 */
function packageSpecifierText(name: string): RegExp {
  const [pkg, ...rest] = name.split('/');
  const path = rest.map((p) => `\\/${p}`).join('');
  return new RegExp(String.raw`['"]${SPECIFIER_SCHEME}${pkg}${SPECIFIER_VERSION}${path}['"]`);
}

/** A file that imports mcp-lite (`from 'mcp-lite'`, `require('mcp-lite')`): a text test, once per file. */
export const MCP_LITE_MODULE = packageSpecifierText('mcp-lite');
/** A file that imports xmcp (an xmcp tool file imports its types): a text test. */
export const XMCP_MODULE = packageSpecifierText('xmcp');
/** A file that imports tmcp's server (`from 'tmcp'`): a text test. */
export const TMCP_MODULE = packageSpecifierText('tmcp');
/** A file that imports mcp-use's server (`from 'mcp-use/server'`): a text test. */
export const MCP_USE_SERVER_MODULE = packageSpecifierText('mcp-use/server');

/** The SDK's client modules or a client transport (v1's module also as Deno's npm: names it, `@modelcontextprotocol/sdk@1.25.0/client/index.js`). */
const CLIENT_MODULE = new RegExp(String.raw`@modelcontextprotocol\/(sdk${SPECIFIER_VERSION}\/client|client)\b|ClientTransport\b`);

/**
 * What names an MCP server, written once: the SDK's server modules, the hosts' packages, and the
 * server classes and entry points. SERVER_MODULE finds them in a text; SERVER_MODULE_SPECIFIER
 * and SERVER_NAME tell a module specifier and an identifier of code (session.ts namesServerInCode).
 * A package's name may be followed by the version Deno's npm: specifiers name
 * (`npm:@modelcontextprotocol/sdk@1.25.0/server/mcp.js`, trial 68C B3).
 */
const SERVER_PACKAGES = String.raw`@modelcontextprotocol\/(?:sdk${SPECIFIER_VERSION}\/server|(?:server|node|express|hono)${SPECIFIER_VERSION})`;
const SERVER_HOSTS = String.raw`mcp-handler|@vercel\/mcp-adapter`;
const SERVER_NAMES = String.raw`McpServer|\w*ServerTransport|createMcpHandler`;
const SERVER_MODULE = new RegExp(String.raw`${SERVER_PACKAGES}\b|\b(?:${SERVER_NAMES})\b|['"]${SPECIFIER_SCHEME}(?:${SERVER_HOSTS})${SPECIFIER_VERSION}['"]`);
/** A server module as an import or require names it (Deno's `npm:` one too). */
export const SERVER_MODULE_SPECIFIER = new RegExp(String.raw`^${SPECIFIER_SCHEME}(?:${SERVER_PACKAGES}(?:\/|$)|(?:${SERVER_HOSTS})${SPECIFIER_VERSION}$)`);
/** A server class or entry point as an identifier names it. */
export const SERVER_NAME = new RegExp(`^(?:${SERVER_NAMES})$`);

/** Code that names an MCP client module or transport (it may serve too). */
export function namesClient(text: string): boolean {
  return CLIENT_MODULE.test(text);
}

/**
 * MCP client code that serves nothing (a proxy's or CLI's transport, a browser client), read from
 * the text alone (SessionFacts.clientOnly also asks that server names be code): the server
 * codemods do not apply to what it does with sessions and the handshake.
 */
export function isClientOnlyCode(text: string): boolean {
  return namesClient(text) && !mayServe(text);
}

/** `import type { ... } from '...'`: types only, nothing that serves. */
const TYPE_ONLY_IMPORT = /^[ \t]*import\s+type\s[^;]*?from\s*['"][^'"]+['"];?/gm;

/** The text without its type-only imports (a client's UI typing what a server module declares serves nothing). */
export function withoutTypeImports(text: string): string {
  return /\bimport\s+type\s/.test(text) ? text.replace(TYPE_ONLY_IMPORT, '') : text;
}

/** A template literal (its `${...}` parts with no backtick of their own). */
const TEMPLATE_LITERAL = /`(?:\\.|[^`\\])*`/g;
/** A line of a module's imports: code a template writes out when it holds one. */
const EMITTED_IMPORT = /^\s*import\s[^\n]*?\bfrom\s*['"]|\brequire\(\s*['"]/m;

/** Code without its comments (strings kept, so a URL's `//` stays); a regular expression's `//` may cut its line short. */
export function withoutComments(text: string): string {
  return text.replace(/('(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`)|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (match, literal: string | undefined) => literal ?? (match.startsWith('/*') ? match.replace(/[^\n]/g, '') : ''));
}

/**
 * The text without the code its templates write out: a generator's template holding a server's
 * source (`return \`import express from 'express'...\``) is a string, not this file's imports or
 * transports. Only a template with an import or require line of its own goes (lines kept).
 */
export function withoutEmittedCode(text: string): string {
  if (!text.includes('`')) return text;
  return text.replace(TEMPLATE_LITERAL, (literal) => (literal.includes('\n') && EMITTED_IMPORT.test(literal) ? literal.replace(/[^\n]/g, '') : literal));
}

/** The code that may serve: without type-only imports and without code written out by templates. */
export function servingText(text: string): string {
  return withoutEmittedCode(withoutTypeImports(text));
}

/**
 * Code that names an MCP server module or class: it may serve, whatever else it does. A type-only
 * import of a server module serves nothing (a client's UI typing what a server declares), nor a
 * server's source a template writes out.
 */
export function mayServe(text: string): boolean {
  return SERVER_MODULE.test(text) && SERVER_MODULE.test(servingText(text));
}

/**
 * Code that proxies MCP requests to servers it does not control: it reads the target from a
 * request header (`X-Target-URL`, `X-MCP-Target`) or mounts proxy routes (an inspector's). Some of
 * those servers speak 2025 and mint session ids, which the proxy's browser clients must send back.
 */
export function proxiesToOtherServers(text: string): boolean {
  if (/['"`]x-(mcp-)?target(-url)?['"`]/i.test(text)) return true;
  // A proxy that may carry MCP: mounted on or pointed at an MCP path (`app.use('/mcp',
  // createProxyMiddleware(...))`), or in code that serves no MCP endpoint of its own. One beside
  // the code's own MCP endpoint that passes another path on (`app.use('/api',
  // createProxyMiddleware({ target: chroma }))`, a database's REST API) proxies no MCP server
  // (trial 64B B1).
  const own = servesMcpOverHttp(text);
  // (A fresh global copy to walk the calls: PROXY_CALL itself keeps no lastIndex between texts.)
  if (!own) return PROXY_CALL.test(text);
  for (const match of text.matchAll(new RegExp(PROXY_CALL.source, 'g'))) {
    const call = proxyCallSite(text, match.index + match[0].length - 1);
    // (An upstream chosen per request, a `router` option, may be any server: review 82 point 3.)
    // (A router function, not a fixed table of hosts `router: { 'a.local': ... }`: review 83 point 4.)
    if (/mcp|\/sse\b|\/messages?\b|\brouter\s*:\s*[^\s{]/i.test(call)) return true;
  }
  return false;
}

/**
 * The text of a proxy call and of the call it is handed to (`app.use('/mcp', createProxyMiddleware(
 * {...}))`), from the opening parenthesis at `open`: back to the start of the line of the outer call
 * (its mount path may be on the line above, `app.use(\n  '/mcp',`), forward to where the parentheses
 * balance again (written without semicolons, the window stops there; review 82 point 3).
 */
function proxyCallSite(text: string, open: number): string {
  let depth = 0;
  let end = open;
  for (; end < text.length && end < open + 2000; end++) {
    if (text[end] === '(') depth++;
    else if (text[end] === ')' && --depth === 0) break;
  }
  // The outer call: back over the lines whose parentheses this call closes.
  // (Over balanced brackets of other arguments, a middleware's options or arrow body between the
  // mount path and the proxy: review 83 point 1.)
  let start = text.lastIndexOf('\n', open) + 1;
  for (let outer = 0, i = open - 1; i >= 0 && i > open - 600; i--) {
    const c = text[i];
    if (c === ')' || c === '}' || c === ']') outer++;
    else if (c === '(' && outer === 0) {
      start = text.lastIndexOf('\n', i) + 1;
      break;
    } else if (c === '(' || c === '{' || c === '[') {
      if (outer === 0) break;
      outer--;
    } else if (c === ';' && outer === 0) break;
  }
  // And what follows the proxy call inside the outer call (the mount path written after it is rare).
  return text.slice(start, end + 1);
}

/** Calls that make proxy routes or middleware (`createProxyMiddleware(...)`, an inspector's `mcpProxyRoutes(...)`). */
const PROXY_CALL = /\b\w*Proxy(?:Routes|Middleware)\s*\(/;
/**
 * Code that serves MCP over HTTP itself: a Streamable HTTP or SSE server transport (v1's, or the v2
 * packages' Node and web-standard ones), the v2 handler or its Node adapter. A CORS list in such a
 * file also answers the preflight of the MCP endpoint (trial 27B: systemprompt's global cors()),
 * and a proxy beside it may pass other paths on (trial 64B B1).
 */
export function servesMcpOverHttp(text: string): boolean {
  return /\b(?:(?:Node|WebStandard)?StreamableHTTPServerTransport|SSEServerTransport|createMcpHandler|toNodeHandler)\b/.test(text);
}
