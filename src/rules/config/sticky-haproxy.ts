import { SPEC, type ConfigRule } from '../types.js';
import { SESSION_NAME, configLines, reportMatches, type ConfigLine } from './text.js';

/**
 * The persistence lines sticky-config rewrites (a line's code, without its comment): a `balance` on
 * the Mcp-Session-Id header becomes roundrobin, a `stick` rule on it goes. Group 1 is the
 * indent, group 2 the directive. The rule's findings on other lines name no codemod.
 */
export const HEADER_BALANCE = /^(\s*)(balance\s+hdr\(\s*mcp-session-id\s*\))\s*$/i;
export const HEADER_STICK = /^(\s*)(stick\s+(?:on|match|store-request|store-response)\b.*mcp-session-id.*?)\s*$/i;

function headerPersistence(code: string): boolean {
  return HEADER_BALANCE.test(code) || HEADER_STICK.test(code);
}

/** HAProxy keywords that open a section; `cookie` persistence is only valid in defaults/backend/listen. */
const SECTION = /^\s*(global|defaults|frontend|backend|listen|peers|resolvers|userlist|mailers|program|http-errors|ring|cache)\b/i;

/** `balance` algorithms that pin a client: by address, by cookie, or by a session-carrying header or parameter. */
function stickyBalance(algorithm: string, argument: string | undefined): string | undefined {
  const algo = algorithm.toLowerCase();
  if (algo === 'source') return 'balance source pins each client IP to one server';
  if (algo === 'rdp-cookie') return 'balance rdp-cookie pins each client to one server';
  if (!argument) return undefined;
  const arg = argument.toLowerCase();
  if (algo === 'hdr') {
    if (arg === 'mcp-session-id') return 'balance hdr(mcp-session-id) routes by the Mcp-Session-Id header, which 2026-07-28 removed';
    if (arg === 'cookie' || arg === 'x-forwarded-for' || arg === 'x-real-ip' || SESSION_NAME.test(arg)) return `balance hdr(${argument}) pins each client to one server`;
  }
  if (algo === 'url_param' && SESSION_NAME.test(arg)) return `balance url_param ${argument} routes by the legacy SSE session id`;
  return undefined;
}

/**
 * HAProxy persistence: `stick on|match|store-*` rules, `balance source`/`rdp-cookie`/`hdr(session)`/
 * `url_param sessionId`, `cookie <name>` in a defaults/backend/listen section, `persist rdp-cookie`
 * and the old `appsession`. A `stick-table` alone is not reported: it also backs rate limiting
 * (`track-sc0` + `sc_http_req_rate`), and a table used for persistence always comes with a `stick`
 * rule, which is. In YAML (haproxy.cfg embedded in a ConfigMap) `cookie` needs a mode keyword.
 */
export const stickyHaproxy: ConfigRule = {
  target: 'config',
  kinds: ['haproxy', 'yaml'],
  id: 'sticky-haproxy',
  category: 'sticky-lb-config',
  supersedes: ['session-header-config'],
  severity: 'warning',
  title: 'HAProxy pins clients to one server',
  why:
    'Sessionful 2025 servers need every request of a session on the instance that holds it, so HAProxy backends in front of ' +
    'them persist clients with stick tables, an inserted cookie, source hashing or a hash of the Mcp-Session-Id header. ' +
    '2026-07-28 requests carry no session id and any instance may serve any request: the persistence keeps state bugs hidden ' +
    'and skews load, and header-based rules have nothing left to hash.',
  fix: {
    codemod: 'sticky-config',
    manual:
      'Remove the stick/cookie/persist rules and use `balance roundrobin` or `leastconn` once the server is stateless; keep a stick-table only if it serves rate limiting.',
  },
  docs: `${SPEC}/basic/transports/streamable-http`,
  keywords: ['stick', 'balance', 'cookie', 'persist', 'appsession'],
  check(file, report) {
    const lines = configLines(file);
    const yaml = file.kind === 'yaml';
    const sectionOf = sectionTracker(lines);
    // hash-type consistent only changes how a hash is spread; it is mentioned on the balance finding
    // when it applies to the same section (its own or `defaults`).
    const consistentSections = new Set(lines.filter((line) => /^\s*hash-type\s+consistent\b/i.test(line.code)).map((line) => sectionOf(line)?.id));
    const consistent = (line: ConfigLine) => consistentSections.has(sectionOf(line)?.id) || [...consistentSections].some((id) => id?.startsWith('defaults'));

    // Persistence keyed on the removed header is what sticky-config rewrites (stick on it, balance
    // hdr(mcp-session-id)); the rest it marks (trial 19C: these findings named no codemod).
    const keyedOnHeader: typeof report = (r) => report(headerPersistence(file.text.slice(r.start, r.end)) ? r : { ...r, manual: true });
    reportMatches(lines, /^\s*stick\s+(on|match|store-request|store-response)\b[^\n]*/i, keyedOnHeader, (m) => {
      const sessionHeader = /mcp-session-id/i.test(m[0]);
      return sessionHeader ? `stick ${m[1]} keys persistence on the Mcp-Session-Id header, which 2026-07-28 removed` : `stick ${m[1]} pins each client to one server`;
    });
    reportMatches(lines, /^\s*balance\s+([\w-]+)(?:\s*\(\s*([^)\s]+)\s*\)|\s+([^\s]+))?[^\n]*/i, keyedOnHeader, (m, line) => {
      const message = stickyBalance(m[1], m[2] ?? m[3]);
      return message && consistent(line) ? `${message} (hash-type consistent)` : message;
    });
    const cookie = yaml ? /^\s*cookie\s+[\w.-]+\s+[^\n]*\b(insert|prefix|rewrite)\b[^\n]*/i : /^\s*cookie\s+[\w.-]+\b[^\n]*/i;
    const marked: typeof report = (r) => report({ ...r, manual: true });
    reportMatches(lines, cookie, marked, (m, line) => {
      if (!yaml && sectionOf(line)?.keyword === 'frontend') return undefined;
      const mode = /\b(insert|prefix|rewrite)\b/i.exec(m[0])?.[1]?.toLowerCase();
      return mode ? `cookie ${mode} persistence pins each client to one server` : 'cookie persistence pins each client to one server';
    });
    reportMatches(lines, /^\s*(persist\s+rdp-cookie|appsession\s+\S+)[^\n]*/i, marked, (m) => `${m[1].split(/\s+/)[0]} pins each client to one server`);
  },
};

interface Section {
  keyword: string;
  /** Unique per section: keyword and line offset. */
  id: string;
}

function sectionTracker(lines: readonly ConfigLine[]): (line: ConfigLine) => Section | undefined {
  const sections = new Map<ConfigLine, Section | undefined>();
  let current: Section | undefined;
  for (const line of lines) {
    const match = SECTION.exec(line.code);
    if (match) current = { keyword: match[1].toLowerCase(), id: `${match[1].toLowerCase()}@${line.start}` };
    sections.set(line, current);
  }
  return (line) => sections.get(line);
}
