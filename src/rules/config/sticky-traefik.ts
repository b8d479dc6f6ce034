import { SPEC, adviceByMessage, type ConfigRule, type Reporter } from '../types.js';
import { Q, configLines, isYamlConfig, reportMatches, yamlAncestors, yamlChildKeys, yamlKey, type ConfigLine } from './text.js';

/** Blocks under which a Traefik `sticky` key configures a load balancer (file provider, IngressRoute, TraefikService). */
const TRAEFIK_PARENTS = /^(loadbalancer|weighted|services|service)$/i;

/** Traefik v2/v3 docker labels and the Kubernetes Service annotation; one finding per service. */
const TRAEFIK_LABEL = new RegExp(
  `(traefik\\.http\\.services\\.([\\w-]+)\\.loadbalancer|traefik\\.ingress\\.kubernetes\\.io/service)\\.sticky\\.cookie(?:\\.(\\w+))?${Q}\\s*[=:]\\s*${Q}([^"'\\s,]*)`,
  'i',
);

/** What reportLabels says (a label, or the Service annotation), told from a sticky block's finding. */
const LABEL_MESSAGE = /^Traefik (label|sticky cookie on service|sticky cookie pins each client to one pod)/;

/** Traefik v1 docker labels. */
const TRAEFIK_V1_LABEL = new RegExp(`traefik\\.(?:[\\w-]+\\.)?backend\\.loadbalancer\\.stick(?:iness|y)\\s*[=:]\\s*${Q}true\\b`, 'i');

/**
 * Traefik dynamic configuration: `sticky: { cookie: ... }` in YAML (file provider, IngressRoute
 * and TraefikService CRDs) and `[http.services.<name>.loadBalancer.sticky.cookie]` tables or
 * `sticky.cookie.*` keys in TOML (plus v1 `stickiness` tables). One finding per sticky block.
 * Also the same setting as docker labels in YAML (docker-compose, swarm stacks:
 * `traefik.http.services.<name>.loadbalancer.sticky.cookie=true` or its `.name` and other
 * options, one finding per service; v1's `traefik.backend.loadbalancer.sticky=true`) and as the
 * `traefik.ingress.kubernetes.io/service.sticky.cookie` annotation of a Kubernetes Service.
 */
export const stickyTraefik: ConfigRule = {
  target: 'config',
  kinds: ['traefik', 'yaml'],
  id: 'sticky-traefik',
  category: 'sticky-lb-config',
  supersedes: ['session-header-config'],
  severity: 'warning',
  title: 'Traefik sticky cookie pins clients to one server',
  why:
    'A Traefik sticky cookie sends every request of a client to the server that answered its first one, which is what ' +
    'sessionful 2025 MCP servers need. 2026-07-28 servers keep no per-instance session, so the cookie only hides state bugs ' +
    'and skews load; MCP clients that do not keep cookies were never pinned anyway.',
  fix: {
    manual: 'Delete the `sticky` block from the load balancer (round-robin is the default) once the server is stateless.',
    advice: adviceByMessage([[LABEL_MESSAGE, 'Delete the sticky labels or annotations (round-robin is the default) once the server is stateless.']]),
  },
  docs: `${SPEC}/basic/transports/streamable-http`,
  keywords: ['sticky', 'stickiness'],
  check(file, report) {
    const lines = configLines(file);
    if (!isYamlConfig(file)) checkToml(lines, report);
    else {
      checkYaml(lines, report, file.kind === 'traefik');
      reportLabels(lines, report);
    }
  },
};

function reportLabels(lines: readonly ConfigLine[], report: Reporter): void {
  const seen = new Set<string>();
  reportMatches(lines, TRAEFIK_LABEL, report, (m) => {
    const service = (m[2] ?? m[1]).toLowerCase();
    if (!m[3] && m[4].toLowerCase() === 'false') return undefined;
    if (seen.has(service)) return undefined;
    seen.add(service);
    return m[2] ? `Traefik sticky cookie on service ${m[2]} pins each client to one container` : 'Traefik sticky cookie pins each client to one pod';
  });
  reportMatches(lines, TRAEFIK_V1_LABEL, report, () => 'Traefik label enables sticky sessions, pinning each client to one container');
}

function checkYaml(lines: readonly ConfigLine[], report: Reporter, traefikFile: boolean): void {
  lines.forEach((line, index) => {
    if (yamlKey(line.code) !== 'sticky') return;
    const inline = /sticky["']?\s*:\s*\{\s*["']?cookie\b/i.test(line.code);
    if (!inline && !yamlChildKeys(lines, index).includes('cookie')) return;
    if (!traefikFile && !yamlAncestors(lines, index).some((key) => TRAEFIK_PARENTS.test(key))) return;
    const at = line.code.indexOf('sticky');
    report({ start: line.start + at, end: line.start + line.code.trimEnd().length, message: 'Traefik sticky cookie pins each client to one server' });
  });
}

const TOML_TABLE = /^\s*\[{1,2}\s*([^\]]*?)\.(sticky|stickiness)((?:\.[\w"-]+)*)\s*\]{1,2}/i;
const TOML_KEY = /(?<=^\s*|[{,]\s*)((?:[\w"-]+\.)*)(sticky|stickiness)((?:\.[\w"-]+)*)\s*=\s*(\S.*)?$/i;

function checkToml(lines: readonly ConfigLine[], report: Reporter): void {
  let table = '';
  let reportedTable: string | undefined;
  for (const line of lines) {
    const header = /^\s*\[{1,2}\s*([^\]]+?)\s*\]{1,2}/.exec(line.code);
    if (header) table = header[1];
    const sticky = TOML_TABLE.exec(line.code);
    if (sticky) {
      // `[x.loadBalancer.sticky]` followed by `[x.loadBalancer.sticky.cookie]` is one block.
      const block = `${sticky[1]}.${sticky[2]}`.toLowerCase();
      if (block !== reportedTable) {
        reportedTable = block;
        reportAt(line, line.code.indexOf('['), report);
      }
      continue;
    }
    if (header) continue;
    const key = TOML_KEY.exec(line.code);
    if (!key || /^false\b/i.test(key[4] ?? '')) continue;
    const block = `${table}.${key[1]}${key[2]}`.toLowerCase();
    if (block === reportedTable) continue;
    reportedTable = block;
    reportAt(line, key.index + (key[0].length - key[0].trimStart().length), report);
  }
}

function reportAt(line: ConfigLine, at: number, report: Reporter): void {
  report({ start: line.start + at, end: line.start + line.code.trimEnd().length, message: 'Traefik sticky cookie pins each client to one server' });
}
