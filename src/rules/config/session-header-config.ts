import { SPEC, type ConfigRule } from '../types.js';
import { nginxBlockAround } from './sticky-nginx.js';
import { SESSION_HEADER_MENTION, configLines, flowItemAt, isYamlConfig, opensQuote, yamlAncestors, yamlKey, type ConfigLine } from './text.js';

/** Words that put a header list in a CORS context: nginx/HAProxy headers, ingress annotations, Traefik and env names. */
const CORS_CONTEXT = /access-control-(allow|expose)-headers|accesscontrol(allow|expose)headers|cors-(allow|expose)-headers|\b(allow|expose)(d|ed)?[-_]?headers|cors/i;

/**
 * Statements that mention the header only to strip it, which is harmless once the server ignores
 * it. (Statements that hash or stick on it are the sticky-* rules' findings: those rules
 * supersede this one where their findings overlap, so nothing is re-encoded here.)
 */
function strips(statement: string, yaml: boolean): boolean {
  const lower = statement.toLowerCase();
  const word = /^[\w.-]+/.exec(lower)?.[0] ?? '';
  if (/^(proxy_hide_header|more_clear_headers|more_clear_input_headers)$/.test(word) || /\bdel-header\b/.test(lower)) return true;
  if (word === 'proxy_set_header' && /\s(""|'')\s*;?\s*$/.test(statement)) return true; // clears the header
  // Traefik customRequestHeaders / customResponseHeaders: an empty value removes the header.
  return yaml && SESSION_HEADER_MENTION.test(yamlKey(statement) ?? '') && /:\s*(""|'')\s*$/.test(statement);
}

function previousCode(lines: readonly ConfigLine[], index: number): string {
  for (let i = index - 1; i >= 0; i--) if (lines[i].code.trim() !== '') return lines[i].code;
  return '';
}

type Splitting = 'nginx' | 'shell' | 'line';

/**
 * Where the statement that contains offset `at` starts. nginx: after the last `;` or `{` outside
 * quotes. Dockerfile: after the last `;`, `{`, literal `\n` or the opening quote of `echo`/`printf`,
 * quotes ignored (the nginx config is inside them). Other formats: the line. Leading blanks and a
 * YAML list dash are skipped.
 */
function statementStart(code: string, at: number, splitting: Splitting): number {
  let start = 0;
  if (splitting === 'nginx') {
    let quote: string | undefined;
    for (let i = 0; i < at; i++) {
      const ch = code[i];
      if (quote) {
        if (ch === quote) quote = undefined;
      } else if ((ch === '"' || ch === "'") && opensQuote(code, i)) quote = ch;
      else if (ch === ';' || ch === '{') start = i + 1;
    }
  } else if (splitting === 'shell') {
    for (const match of code.slice(0, at).matchAll(/[;{]|\\n|\b(?:echo|printf)(?:\s+-\w+)*\s+['"]/g)) start = match.index + match[0].length;
  }
  const lead = /^[\s-]*/.exec(code.slice(start))?.[0].length ?? 0;
  return start + lead;
}

function statementEnd(code: string, from: number, splitting: Splitting): number {
  if (splitting !== 'line') {
    const semicolon = code.indexOf(';', from);
    if (semicolon !== -1) return semicolon + 1;
  }
  return code.trimEnd().length;
}

function messageFor(statement: string, context: string): string {
  if (CORS_CONTEXT.test(context)) {
    if (/expose/i.test(context)) return 'CORS expose list names Mcp-Session-Id, which 2026-07-28 servers never send; drop it';
    return 'CORS allow list names Mcp-Session-Id; drop it and list Mcp-Method, Mcp-Name and MCP-Protocol-Version instead';
  }
  const word = /^["']?([\w.$/-]+)/.exec(statement)?.[1];
  if (word && SESSION_HEADER_MENTION.test(word)) return 'Names the Mcp-Session-Id header, which 2026-07-28 removed';
  return word ? `\`${word}\` uses the Mcp-Session-Id header, which 2026-07-28 removed` : 'Uses the Mcp-Session-Id header, which 2026-07-28 removed';
}

/**
 * Deployment config that mentions the Mcp-Session-Id header: CORS allow/expose lists (nginx
 * `add_header`, HAProxy `set-header`, ingress `cors-allow-headers`, Traefik `accessControl*Headers`,
 * labels and env vars), `proxy_set_header`, and `$http_mcp_session_id` in `map`, `if` or
 * `log_format`. One finding per statement. Not reported: lines that strip the header
 * (`proxy_hide_header`, `del-header`); sticky hashing on the header is the sticky-* rules' finding
 * (they supersede this one).
 */
export const sessionHeaderConfig: ConfigRule = {
  target: 'config',
  kinds: ['nginx', 'dockerfile', 'yaml', 'traefik', 'haproxy', 'wrangler'],
  id: 'session-header-config',
  category: 'session-header',
  severity: 'warning',
  title: 'Deployment config lists or forwards the Mcp-Session-Id header',
  why:
    'The 2026-07-28 revision removed protocol sessions and the Mcp-Session-Id header: modern clients never send it and ' +
    'servers must ignore it. Proxy rules that forward, map or log it carry nothing, and CORS lists that allow it usually lack ' +
    'the headers modern browser clients do send (Mcp-Method, Mcp-Name, MCP-Protocol-Version), so their preflight fails and ' +
    'the client falls back to the legacy protocol.',
  fix: {
    codemod: 'cors-headers-config',
    manual:
      'Drop Mcp-Session-Id from the line; in CORS allow lists, list Mcp-Method, Mcp-Name and MCP-Protocol-Version instead. Delete proxy, map or log rules that only carried the session id.',
  },
  docs: `${SPEC}/basic/transports/streamable-http`,
  keywords: ['mcp-session-id', 'mcp_session_id'],
  check(file, report) {
    const lines = configLines(file);
    const yaml = isYamlConfig(file);
    const splitting: Splitting = file.kind === 'nginx' ? 'nginx' : file.kind === 'dockerfile' ? 'shell' : 'line';
    const mention = new RegExp(SESSION_HEADER_MENTION.source, 'gi');
    lines.forEach((line, index) => {
      /** Where the statements reported on this line start. */
      const reported = new Set<number>();
      for (const match of line.code.matchAll(mention)) {
        // Spelled with underscores, it is the header only as nginx's variable (`$http_mcp_session_id`):
        // elsewhere it is a name of something else (a database column, a field).
        if (match[0].includes('_') && !/http_$/i.test(line.code.slice(0, match.index))) continue;
        const from = statementStart(line.code, match.index, splitting);
        const to = statementEnd(line.code, match.index, splitting);
        const statement = line.code.slice(from, to);
        if (strips(statement, yaml)) continue;
        // An item of a flow sequence (`labels: ["...", "..."]`) is reported on its own: another
        // item of the line may be another rule's finding. The message still reads the whole line.
        const [start, end] = (yaml ? flowItemAt(line.code, match.index) : undefined) ?? [from, to];
        if (reported.has(start)) continue; // the statement names the header twice
        // A statement of a block its line opens with a statement reported already (`map
        // $http_mcp_session_id $sid { default $http_mcp_session_id; }`): one construct, one finding.
        // (A block over several lines keeps a finding per line, as the marker of each line says.)
        if (splitting === 'nginx' && reported.size > 0) {
          const block = nginxBlockAround(line.code, from);
          if (block.start > 0 && reported.has(statementStart(line.code, block.start - 1, splitting))) continue;
        }
        // A YAML list item (`- Mcp-Session-Id`) takes its meaning from the key of its list.
        // A Kubernetes env `value:` takes it from the `name:` above it.
        const key = yaml ? yamlKey(line.code) : undefined;
        const listItem = yaml && (key === undefined || line.code.trimStart().startsWith('-'));
        const context = listItem ? `${statement} ${yamlAncestors(lines, index)[0] ?? ''}` : key === 'value' ? `${statement} ${previousCode(lines, index)}` : statement;
        report({ start: line.start + start, end: line.start + Math.max(end, start), message: messageFor(statement, context) });
        reported.add(start);
      }
    });
  },
};
