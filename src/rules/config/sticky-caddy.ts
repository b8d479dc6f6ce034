import { SPEC, type ConfigRule } from '../types.js';
import { SESSION_NAME, configLines, type ConfigLine } from './text.js';

/** One `lb_policy` directive directly inside a Caddyfile `reverse_proxy` block. */
export interface CaddyPolicy {
  /** Index of its line in `configLines`. */
  line: number;
  /** Offsets, in the line's code, of `lb_policy` and of the end of its last argument. */
  start: number;
  end: number;
  /** The policy as written (`cookie`, `header`, `ip_hash` ...) and its arguments, unquoted. */
  policy: string;
  args: string[];
  /**
   * The directive is all the code of its line: not inside a one-line block (`reverse_proxy a b {
   * lb_policy ip_hash }`) and opening no block of its own (`lb_policy cookie {` with a `fallback`).
   * Only such a line is rewritten; the others are marked.
   */
  alone: boolean;
  /**
   * Tokens of the blocks around it, innermost (the `reverse_proxy` line) first, with the tokens of
   * the named matchers they use (`@sse path /sse*`): the paths and upstreams it serves.
   */
  route: string[];
}

/** A Caddyfile token: quoted with `"` or a backtick, or a run of non-blanks (`{host}` is a placeholder, not a brace). */
const TOKEN = /"(?:\\.|[^"\\])*"|`[^`]*`|\S+/g;

/** `<<MARK` opens a heredoc: its lines, up to the one that starts with MARK, are text (CSS braces in a `respond` body), not blocks. */
const HEREDOC = /^<<([A-Za-z_]\w*)$/;

function unquote(token: string): string {
  return /^(["`])[\s\S]*\1$/.test(token) ? token.slice(1, -1) : token;
}

interface Token {
  text: string;
  at: number;
}

/**
 * The `lb_policy` directives of a Caddyfile's `reverse_proxy` blocks. Caddy reads a file as
 * directives of whitespace-separated tokens, one per line, whose `{ ... }` blocks nest; this walks
 * the tokens of the comment-blanked lines with a stack of the directives that opened each block. A
 * one-line block is read too (Caddy itself rejects it, but templates and generated files write it).
 */
export function caddyPolicies(lines: readonly ConfigLine[]): CaddyPolicy[] {
  const openers: string[][] = [];
  const matchers = new Map<string, string[]>();
  const found: Array<{ policy: CaddyPolicy; around: string[][] }> = [];
  let heredoc: string | undefined;

  // A directive ends at the end of its line, or at a brace of a one-line block.
  const directive = (segment: Token[], index: number, startsLine: boolean, ending: 'line' | '{' | '}') => {
    if (segment.length === 0) return;
    const words = segment.map((token) => unquote(token.text));
    const parent = openers[openers.length - 1];
    if (parent?.[0].startsWith('@')) matchers.get(parent[0])?.push(...words);
    if (words[0].startsWith('@')) matchers.set(words[0], [...(matchers.get(words[0]) ?? []), ...words.slice(1)]);
    if (words[0] !== 'lb_policy' || parent?.[0] !== 'reverse_proxy' || words.length < 2) return;
    const last = segment[segment.length - 1];
    found.push({
      policy: { line: index, start: segment[0].at, end: last.at + last.text.length, policy: words[1], args: words.slice(2), alone: startsLine && ending === 'line', route: [] },
      around: [...openers].reverse(),
    });
  };

  lines.forEach((line, index) => {
    if (heredoc !== undefined) {
      // The closing mark may be followed by the directive's further arguments (`HTML 200`).
      if (line.raw.trim().split(/\s/)[0] === heredoc) heredoc = undefined;
      return;
    }
    let segment: Token[] = [];
    let startsLine = true;
    for (const match of line.code.matchAll(TOKEN)) {
      const text = match[0];
      if (text === '{' || text === '}') {
        directive(segment, index, startsLine, text);
        // A block with no directive before its brace (the global options) opens as ''.
        if (text === '{') openers.push(segment.length > 0 ? segment.map((token) => unquote(token.text)) : ['']);
        else openers.pop();
        segment = [];
        startsLine = false;
        continue;
      }
      segment.push({ text, at: match.index });
      heredoc = HEREDOC.exec(text)?.[1] ?? heredoc;
    }
    directive(segment, index, startsLine, 'line');
  });

  // Named matchers may be defined below the route that uses them: resolved once all are read.
  return found.map(({ policy, around }) => {
    const tokens = around.flat();
    return { ...policy, route: tokens.flatMap((token) => (token.startsWith('@') ? [token, ...(matchers.get(token) ?? [])] : [token])) };
  });
}

/** Headers that identify a client rather than a request: hashing on them pins the client (as HAProxy's `hdr()` rule reads them). */
const CLIENT_HEADER = /^(cookie|x-forwarded-for|x-real-ip)$/i;

/** Why a policy pins clients or sessions to one upstream, or undefined for balancing that does not. */
export function stickyCaddyPolicy({ policy, args }: Pick<CaddyPolicy, 'policy' | 'args'>): string | undefined {
  const [name] = args;
  switch (policy) {
    case 'ip_hash':
    case 'client_ip_hash':
      return `lb_policy ${policy} pins each client IP to one upstream`;
    case 'cookie':
      return 'lb_policy cookie pins each client to one upstream';
    case 'header':
      if (name === undefined) return undefined;
      if (/^mcp-session-id$/i.test(name)) return `lb_policy header ${name} routes by the Mcp-Session-Id header, which 2026-07-28 removed`;
      if (SESSION_NAME.test(name)) return `lb_policy header ${name} pins each session to one upstream`;
      if (CLIENT_HEADER.test(name)) return `lb_policy header ${name} pins each client to one upstream`;
      return undefined;
    case 'query':
      return name !== undefined && SESSION_NAME.test(name) ? `lb_policy query ${name} routes by the legacy SSE session id` : undefined;
    default:
      // Balancing that pins nobody (round_robin, least_conn, random, random_choose, first,
      // weighted_round_robin), and uri_hash, which keeps a resource on one upstream, not a client.
      return undefined;
  }
}

/** A pool or site named for the legacy SSE endpoint: `notes_sse`, `sse-backend`, `sse.example.com`. */
export const SSE_NAME = /(^|[-_.])sse([-_.]|$)/i;

/**
 * Why a Caddy policy still serves legacy HTTP+SSE clients, whose stream lives on one instance:
 * it hashes the legacy `?sessionId=`, a path of its route is the SSE endpoint (`handle /sse*`,
 * `@legacy path /messages*`), or an upstream or site is named for it (`mcp-sse:3001`,
 * `sse.example.com`). Undefined otherwise.
 */
export function legacyCaddyStream(policy: CaddyPolicy): string | undefined {
  if (policy.policy === 'query') return `it routes by the legacy ?${policy.args[0]}=`;
  const path = policy.route.find((token) => token.startsWith('/') && /\bsse\b|\bmessages?\b/i.test(token));
  if (path) return `its route serves ${path}`;
  const host = policy.route.map((token) => token.replace(/^[a-z0-9+]+:\/\//i, '').replace(/:\d+$/, '')).find((name) => !name.startsWith('/') && SSE_NAME.test(name));
  return host ? `${host} is named for the legacy SSE endpoint` : undefined;
}

/**
 * How sticky-config rewrites a policy to `lb_policy round_robin`: 'header' for a hash of the removed
 * header (safe: 2026-07-28 clients never send it), 'client' for cookie or client-address stickiness
 * (review: right once the server keeps no per-instance state); undefined when it only marks it (a
 * block of options, a one-line block, another header, the legacy `?sessionId=`).
 */
export function caddyRewrite(policy: CaddyPolicy): 'header' | 'client' | undefined {
  if (!policy.alone) return undefined;
  if (policy.policy === 'header') return /^mcp-session-id$/i.test(policy.args[0] ?? '') && policy.args.length === 1 ? 'header' : undefined;
  // Client stickiness on the legacy SSE endpoint's route stays while that endpoint does (marked).
  return ['cookie', 'ip_hash', 'client_ip_hash'].includes(policy.policy) && !legacyCaddyStream(policy) ? 'client' : undefined;
}

/**
 * Caddy `reverse_proxy` load balancing that pins a client or a session to one upstream:
 * `lb_policy header` on Mcp-Session-Id (or another session header, or one naming the client),
 * `cookie`, `ip_hash`, `client_ip_hash`, and `query` on the legacy SSE `sessionId`. Not reported:
 * the balancing policies (round_robin, least_conn, random ...) and `uri_hash`, which keeps a
 * resource on one upstream for caching, not a client. session-header-config does not read
 * Caddyfiles, so no other finding covers the same line: this rule supersedes none.
 */
export const stickyCaddy: ConfigRule = {
  target: 'config',
  kinds: ['caddy'],
  id: 'sticky-caddy',
  category: 'sticky-lb-config',
  severity: 'warning',
  title: 'Caddy pins clients to one upstream',
  why:
    'Sessionful 2025 servers need every request of a session on the instance that holds it, so a Caddy reverse_proxy in ' +
    'front of several of them picks the upstream by a cookie, the client address or a hash of the Mcp-Session-Id header. ' +
    '2026-07-28 requests carry no session id and any instance may serve any request: a header hash has nothing left to ' +
    'hash, and client stickiness keeps state bugs hidden and skews load.',
  fix: {
    codemod: 'sticky-config',
    manual: 'Use `lb_policy round_robin` (or `least_conn`) in the reverse_proxy block, without a fallback block, once the server is stateless.',
  },
  docs: `${SPEC}/basic/transports/streamable-http`,
  keywords: ['lb_policy'],
  check(file, report) {
    const lines = configLines(file);
    for (const policy of caddyPolicies(lines)) {
      const message = stickyCaddyPolicy(policy);
      if (message === undefined) continue;
      const { start } = lines[policy.line];
      // A finding sticky-config only marks names no codemod (trial 19C).
      report({ start: start + policy.start, end: start + policy.end, message, ...(caddyRewrite(policy) ? {} : { manual: true }) });
    }
  },
};
