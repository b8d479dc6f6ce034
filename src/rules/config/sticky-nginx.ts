import { SPEC, type ConfigRule } from '../types.js';
import { NGINX_DIRECTIVE_START, STICKY_HASH_VARIABLE, configLines, reportMatches, type ConfigLine } from './text.js';

/** `hash <key> [consistent];` — the key is checked against STICKY_HASH_VARIABLE. */
export const NGINX_HASH_DIRECTIVE = new RegExp(`${NGINX_DIRECTIVE_START}hash\\s+((?:"[^"]*"|'[^']*'|[^;{}'"\\s])+)(?:\\s+consistent)?\\s*(?:;|$|(?=['"]))`, 'i');

/** `{`…`}` block bounds: the index of the brace that closes the one at `open`. */
function closingBrace(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === '{') depth++;
    else if (code[i] === '}' && --depth === 0) return i;
  }
  return code.length;
}

/**
 * The nginx block around an offset of its code (comments blanked, offsets kept): where its body
 * starts (after its `{`; 0 at the top level) and ends (its `}`), and the statement that opens it
 * (`upstream mcp`, `location /mcp`, `map $http_mcp_session_id $client`; empty at the top level).
 */
export function nginxBlockAround(code: string, pos: number): { header: string; start: number; end: number } {
  let depth = 0;
  for (let i = pos - 1; i >= 0; i--) {
    if (code[i] === '}') depth++;
    else if (code[i] === '{') {
      if (depth === 0) {
        const before = code.slice(0, i);
        const header = before.slice(Math.max(before.lastIndexOf(';'), before.lastIndexOf('{'), before.lastIndexOf('}')) + 1).trim();
        return { header, start: i + 1, end: closingBrace(code, i) };
      }
      depth--;
    }
  }
  return { header: '', start: 0, end: code.length };
}

/** Name of the `upstream` block around an offset of nginx config. */
export function upstreamAround(code: string, pos: number): string | undefined {
  return /^upstream\s+([\w.-]+)$/.exec(nginxBlockAround(code, pos).header)?.[1];
}

const LOCATION = /\blocation\s+(?:[=~^*]+\s*)?("[^"]*"|'[^']*'|[^\s{]+)\s*\{/g;

/** The paths of the locations that proxy to upstream `name` (`location /app { proxy_pass http://name; }`). */
export function upstreamLocations(code: string, name: string): string[] {
  const proxies = new RegExp(`proxy_pass\\s+https?://${name.replace(/[.-]/g, '\\$&')}(?=[/;\\s]|$)`);
  const found: string[] = [];
  for (const match of code.matchAll(LOCATION)) {
    const open = match.index + match[0].length - 1;
    if (proxies.test(code.slice(open, closingBrace(code, open)))) found.push(match[1].replace(/^["']|["']$/g, ''));
  }
  return found;
}

/**
 * A location path an MCP endpoint may be served at: `/mcp`, the legacy `/sse` and `/messages`, a
 * JSON-RPC `/rpc`, what may front tools or an API (`/tools`, `/api`, `/agent`), or everything (`/`).
 */
const MCP_PATH = /mcp|\bsse\b|messages?\b|\brpc\b|\btools?\b|\bapi\b|\bagents?\b|\bai\b|\bllm\b|\bgateway\b|\bstreams?\b|\bevents?\b|^\/$/i;

/**
 * The upstream around an offset and the paths of the locations that proxy to it, when none of
 * them is a path MCP may be served at (MCP_PATH); undefined otherwise (unnamedUpstreamPaths).
 */
function upstreamOfOwnPaths(code: string, pos: number): { upstream: string; paths: string[] } | undefined {
  const upstream = upstreamAround(code, pos);
  const paths = upstream ? upstreamLocations(code, upstream) : [];
  return upstream && paths.length > 0 && !paths.some((p) => MCP_PATH.test(p)) ? { upstream, paths } : undefined;
}

/** Whether a location of the file names MCP (`location /mcp`). */
function routesMcpPath(code: string): boolean {
  return [...code.matchAll(LOCATION)].some((m) => /mcp/i.test(m[1]));
}

/**
 * Whether the upstream around an offset serves another application beside the MCP server: a
 * location whose path names MCP (`location /mcp`) proxies to another upstream, none of whose
 * servers is this one's, the upstream's name does not say MCP, and every location that proxies to
 * it has a path of its own (`/app`) or is the catch-all `/`, which nginx does not pick for `/mcp`
 * beside the longer `/mcp` prefix (trial 27A: a dashboard's
 * `ip_hash` beside a round-robin MCP pool; trial 36C: a web app's `ip_hash` at `location /`). Its
 * stickiness is that application's business: not reported, not removed. A path MCP may be served
 * at (`/tools`, `/api`) still counts as the MCP server's.
 */
export function servesAnotherApp(code: string, pos: number): boolean {
  const upstream = upstreamAround(code, pos);
  if (!upstream || /mcp/i.test(upstream)) return false;
  const paths = upstreamLocations(code, upstream);
  if (paths.length === 0 || !paths.every((p) => p === '/' || !MCP_PATH.test(p))) return false;
  // The MCP location proxies to another upstream, whose servers are not this one's (the same
  // server behind both serves its OAuth routes at `/`, say): then this one is another application's.
  const own = upstreamServers(code, upstream);
  return mcpUpstreams(code).some((other) => other !== upstream && !upstreamServers(code, other).some((server) => own.includes(server)));
}

/** The upstreams a location whose path names MCP (`location /mcp`) proxies to. */
function mcpUpstreams(code: string): string[] {
  const found: string[] = [];
  for (const match of code.matchAll(LOCATION)) {
    if (!/mcp/i.test(match[1])) continue;
    const open = match.index + match[0].length - 1;
    const target = /proxy_pass\s+https?:\/\/([\w.-]+)/.exec(code.slice(open, closingBrace(code, open)))?.[1];
    if (target) found.push(target);
  }
  return found;
}

/** The `server` lines of upstream `name` (`mcp-1:3000`). */
function upstreamServers(code: string, name: string): string[] {
  const header = new RegExp(`\\bupstream\\s+${name.replace(/[.-]/g, '\\$&')}\\s*\\{`).exec(code);
  if (!header) return [];
  const open = header.index + header[0].length - 1;
  return [...code.slice(open, closingBrace(code, open)).matchAll(/(?:^|[{;\s])server\s+([^\s;]+)/g)].map((m) => m[1]);
}

/**
 * The paths of an upstream's locations, when none of them is a path MCP may be served at and
 * neither the upstream's name nor any location of the file names MCP (`upstream storefront`,
 * reached only at `location /shop/`, trial 35B): nothing in the file says the MCP server is behind
 * it. Its stickiness is still reported, but said to be of unknown use, and not removed (a
 * monorepo's deploy config serves other applications too). Undefined otherwise.
 */
export function unnamedUpstreamPaths(code: string, pos: number): { upstream: string; paths: string[] } | undefined {
  const own = upstreamOfOwnPaths(code, pos);
  // A named location (`@app`) is reached from wherever try_files or error_page name it, `/` say: unknown, not unnamed.
  if (!own || /mcp/i.test(own.upstream) || own.paths.some((p) => p.startsWith('@'))) return undefined;
  return routesMcpPath(code) ? undefined : own;
}

/** What a finding adds about an upstream nothing in the file ties to MCP (unnamedUpstreamPaths). */
export function unnamedUpstreamNote(found: { upstream: string; paths: string[] }): string {
  return ` (upstream ${found.upstream}, reached only at ${found.paths.join(', ')}: nothing in this file routes an MCP path there; if the MCP server is not behind it, suppress this finding)`;
}

/**
 * nginx upstream stickiness: `ip_hash`, `sticky` (NGINX Plus and the sticky module),
 * `hash` on the session header, a cookie or the client address. Runs on nginx files, on
 * Dockerfiles that write nginx config (`RUN echo`/`printf`, heredocs) and on YAML, where
 * nginx.conf is often embedded in a ConfigMap.
 */
export const stickyNginx: ConfigRule = {
  target: 'config',
  kinds: ['nginx', 'dockerfile', 'yaml'],
  id: 'sticky-nginx',
  category: 'sticky-lb-config',
  supersedes: ['session-header-config'],
  severity: 'warning',
  title: 'nginx pins clients to one upstream',
  why:
    'Sessionful 2025 servers only work when every request of a session reaches the instance that holds it, so their nginx ' +
    'upstreams hash on the client IP, a cookie or the Mcp-Session-Id header. 2026-07-28 servers keep no per-instance session: ' +
    'the stickiness hides state bugs, skews load and stops working for modern clients, which send no session header.',
  fix: { codemod: 'sticky-config', manual: 'Remove the directive and balance round-robin (the default) once the server is stateless.' },
  docs: `${SPEC}/basic/transports/streamable-http`,
  keywords: ['sticky', 'hash'],
  check(file, report) {
    const lines = configLines(file);
    // Where a line's code starts in the file's code joined by lines (what upstreamAround reads).
    const code = lines.map((line) => line.code).join('\n');
    const offsets = new Map<ConfigLine, number>();
    lines.reduce((at, line) => (offsets.set(line, at), at + line.code.length + 1), 0);
    const otherApp = (m: RegExpExecArray, line: ConfigLine) => /upstream/.test(code) && servesAnotherApp(code, offsets.get(line)! + m.index);
    const note = (m: RegExpExecArray, line: ConfigLine) => {
      const unnamed = /upstream/.test(code) ? unnamedUpstreamPaths(code, offsets.get(line)! + m.index) : undefined;
      return unnamed ? unnamedUpstreamNote(unnamed) : '';
    };
    reportMatches(lines, new RegExp(`${NGINX_DIRECTIVE_START}ip_hash\\s*;`), report, (m, line) => (otherApp(m, line) ? undefined : `ip_hash pins each client IP to one upstream instance${note(m, line)}`));
    reportMatches(lines, new RegExp(`${NGINX_DIRECTIVE_START}sticky(?:_cookie_insert)?(?=[\\s;])[^;'"]*;?`), report, (m, line) => {
      if (otherApp(m, line)) return undefined;
      const method = /^\s*sticky\s+(cookie|route|learn)\b/.exec(m[0])?.[1];
      return `${method ? `sticky ${method}` : 'sticky'} pins each client to one upstream instance${note(m, line)}`;
    });
    reportMatches(lines, NGINX_HASH_DIRECTIVE, report, (m, line) => {
      const variable = STICKY_HASH_VARIABLE.exec(m[1])?.[1].toLowerCase();
      if (!variable) return undefined;
      if (variable === 'http_mcp_session_id') return 'hash $http_mcp_session_id routes by the Mcp-Session-Id header, which 2026-07-28 removed';
      if (otherApp(m, line)) return undefined;
      return `hash $${variable} pins each client to one upstream instance${note(m, line)}`;
    });
  },
};
