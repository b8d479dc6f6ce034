import { SPEC, type ConfigRule, type Reporter } from '../types.js';
import { configLines, indentOf, reportYamlLine, urlParts, yamlAncestors, yamlKey, yamlValue, type ConfigLine } from './text.js';

/**
 * A path an MCP server streams on (a GET there opens an SSE stream): the legacy HTTP+SSE endpoint
 * (`/sse`, `/mcp/sse`) and the Streamable HTTP endpoint (`/mcp`), whose GET stream 2026-07-28
 * removed. A path below them (`/mcp/health`) is a route of its own.
 */
const STREAM_PATH = /^\/(?:[\w.-]+\/)*(sse|mcp)\/?$/i;

/** The path of a URL (urlParts) or of a bare path, quotes and query left out. */
function pathOf(value: string): string | undefined {
  const bare = value.trim().replace(/^["']|["']$/g, '');
  return bare.startsWith('/') ? /^[^\s?#]*/.exec(bare)![0] : urlParts(bare)?.path;
}

/** What the check hits: the legacy SSE endpoint or the Streamable HTTP one, as a message says it. */
function endpoint(path: string): string {
  return /sse\/?$/i.test(path) ? `the legacy SSE endpoint (${path})` : `the MCP endpoint's GET stream (${path})`;
}

const MESSAGE_TAIL =
  ': once the server serves 2026-07-28 (the SSE endpoint retired, GET on the MCP endpoint refused: 405 where fix rewrote a GET route, 404 where the server has none) every instance fails the check and is taken out of the pool; point it at a health route of its own (GET /health)';

/**
 * HAProxy `option httpchk GET /sse` (or `http-check send ... uri /sse`); a Kubernetes probe's
 * `httpGet` `path: /sse` (liveness, readiness, startup); a Dockerfile `HEALTHCHECK` or a compose
 * `healthcheck` whose command fetches such a URL. Checks of other paths are not reported.
 */
export const streamHealthCheck: ConfigRule = {
  target: 'config',
  kinds: ['haproxy', 'yaml', 'dockerfile'],
  id: 'stream-health-check',
  category: 'sse-legacy',
  severity: 'warning',
  title: 'Health check on a streaming MCP endpoint',
  why:
    'A health check that opens GET /sse (the legacy HTTP+SSE endpoint) or GET on the Streamable HTTP endpoint passes while ' +
    'the server keeps the 2025 stream. 2026-07-28 retires the SSE endpoint and has no GET stream (servers answer 405), so ' +
    'after the move every instance fails the check and the load balancer or orchestrator takes them all out of service.',
  fix: {
    manual: 'Add a plain health route (GET /health answering 200) and point the check or probe at it before the endpoint changes.',
  },
  docs: `${SPEC}/basic/transports/streamable-http`,
  keywords: ['httpchk', 'http-check', 'probe', 'healthcheck'],
  check(file, report) {
    const lines = configLines(file);
    if (file.kind === 'haproxy') return haproxyChecks(lines, report);
    if (file.kind === 'dockerfile') return commandChecks(lines, report, /^\s*HEALTHCHECK\b/i);
    probeChecks(lines, report);
    // docker-compose: `healthcheck:` whose `test:` fetches the endpoint.
    commandChecks(lines, report, /^\s*-?\s*test\s*:/i, (index) => yamlAncestors(lines, index).includes('healthcheck'));
  },
};

function haproxyChecks(lines: readonly ConfigLine[], report: Reporter): void {
  for (const line of lines) {
    const check = /^\s*(option\s+httpchk(?:\s+[A-Z]+)?|http-check\s+send\b.*?\buri)\s+(\S+)/i.exec(line.code);
    const path = check && pathOf(check[2]);
    if (!check || !path || !STREAM_PATH.test(path)) continue;
    const lead = indentOf(line.code);
    report({ start: line.start + lead, end: line.start + line.code.trimEnd().length, message: `${check[1].split(/\s+/).slice(0, 2).join(' ')} checks ${endpoint(path)}${MESSAGE_TAIL}` });
  }
}

/** A Kubernetes probe's `path:` under `httpGet:` under a `livenessProbe`, `readinessProbe` or `startupProbe`. */
function probeChecks(lines: readonly ConfigLine[], report: Reporter): void {
  lines.forEach((line, index) => {
    if (yamlKey(line.code) !== 'path') return;
    const value = yamlValue(line.code);
    const path = value ? pathOf(value) : undefined;
    if (!path || !STREAM_PATH.test(path)) return;
    const above = yamlAncestors(lines, index);
    const probe = above.find((key) => /^(liveness|readiness|startup)Probe$/.test(key));
    if (above[0] !== 'httpGet' || !probe) return;
    reportYamlLine(lines, index, report, `the ${probe} checks ${endpoint(path)}${MESSAGE_TAIL}`);
  });
}

/** A curl option that makes it fail on an HTTP error status: `-f`, alone or among short flags (`-fsS`), `--fail`, `--fail-with-body`. */
const CURL_FAILS = /(?:^|[\s"'\[,])(?:-[a-zA-Z]*f[a-zA-Z]*|--fail(?:-with-body)?)(?=$|[\s"',\]])/;

/** A check command (`HEALTHCHECK CMD curl -f http://localhost:3000/sse`, a compose `test:`) that fetches a streaming endpoint. */
function commandChecks(lines: readonly ConfigLine[], report: Reporter, start: RegExp, applies: (index: number) => boolean = () => true): void {
  lines.forEach((line, index) => {
    if (!start.test(line.code) || !applies(index)) return;
    // The command may go on over a few lines: a Dockerfile line continued with `\`, a compose list below `test:`.
    const span = [line];
    for (let i = index + 1; i < Math.min(lines.length, index + 8); i++) {
      // (A line of comments only goes on.)
      if (lines[i].code.trim() === '') continue;
      const previous = span[span.length - 1].code.trimEnd();
      // (A compact sequence's items stand at the key's own indent: `test:` over `- CMD`.)
      const item = /^\s*-\s/.test(lines[i].code) && (indentOf(lines[i].code) > indentOf(line.code) || (/:\s*$/.test(line.code) && indentOf(lines[i].code) === indentOf(line.code)));
      const continued = previous.endsWith('\\') || item;
      if (!continued) break;
      span.push(lines[i]);
    }
    // A probe that fails on the connection alone passes a 405 too (trial 42B): curl without a fail
    // flag exits 0 on any status, and fetch() settles on any status unless the check reads it.
    const command = span.map((part) => part.code).join(' ');
    if (/\bcurl\b/.test(command) && !CURL_FAILS.test(command)) return;
    if (/\bfetch\s*\(/.test(command) && !/\.(ok|status)\b/.test(command)) return;
    for (const part of span) {
      for (const url of part.code.matchAll(/https?:\/\/[^\s"',\]]+/gi)) {
        const path = pathOf(url[0]);
        if (!path || !STREAM_PATH.test(path)) continue;
        const at = part.start + url.index!;
        report({ start: at, end: at + url[0].length, message: `the health check fetches ${endpoint(path)}${MESSAGE_TAIL}` });
        return;
      }
    }
  });
}
