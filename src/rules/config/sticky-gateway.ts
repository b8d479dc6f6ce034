import { SPEC, type ConfigRule, type Reporter } from '../types.js';
import { SESSION_NAME, configLines, yamlAncestors, yamlKey, yamlSiblings, yamlValue, type ConfigLine } from './text.js';

function named(value: string, what: string, target: string): string | undefined {
  const name = value.replace(/^["']|["']$/g, '');
  if (!SESSION_NAME.test(name)) return undefined;
  if (/^mcp-session-id$/i.test(name)) return `hashes on the Mcp-Session-Id ${what}, which 2026-07-28 removed`;
  return `hashes on the ${name} ${what}, pinning each session to one ${target}`;
}

/** Kong's `sticky-sessions` load-balancing algorithm (upstreams and KongUpstreamPolicy): a cookie pins each client. */
function kongStickySessions(key: string, value: string): string | undefined {
  return key === 'algorithm' && value === 'sticky-sessions' ? 'Kong algorithm sticky-sessions pins each client to one target with a cookie' : undefined;
}

/** Kong upstreams (decK / DB-less declarative config): `hash_on` and `hash_fallback` with their header or query argument. */
function kong(key: string, value: string, lines: readonly ConfigLine[], index: number): string | undefined {
  const siblings = () => yamlSiblings(lines, index);
  if (key === 'hash_on' || key === 'hash_fallback') {
    if (value === 'ip') return `Kong ${key}: ip pins each client IP to one target`;
    // With the cookie named (`hash_on_cookie`), the finding is on the name's line (below).
    if (value === 'cookie' && !(lines.length > 0 && siblings().has('hash_on_cookie'))) return `Kong ${key}: cookie pins each client to one target`;
    return undefined;
  }
  if (key === 'hash_on_cookie') {
    const setting = siblings().get('hash_on') === 'cookie' ? 'hash_on' : siblings().get('hash_fallback') === 'cookie' ? 'hash_fallback' : undefined;
    return setting && `Kong ${setting}: cookie (${value.replace(/^["']|["']$/g, '')}) pins each client to one target`;
  }
  const kind = /^hash_(?:on|fallback)_(header|query_arg)$/.exec(key)?.[1];
  if (!kind || siblings().get(/^hash_fallback/.test(key) ? 'hash_fallback' : 'hash_on') !== kind) return undefined;
  const message = named(value, kind === 'header' ? 'header' : 'query argument', 'target');
  return message && `Kong ${message}`;
}

/** Kong Ingress Controller `KongUpstreamPolicy`: `spec.hashOn` / `spec.hashOnFallback`. */
function kongUpstreamPolicy(key: string, value: string): string | undefined {
  if (key === 'input') return value === 'ip' ? 'KongUpstreamPolicy hashOn input: ip pins each client IP to one pod' : undefined;
  if (key === 'cookie') return 'KongUpstreamPolicy hashOn cookie pins each client to one pod';
  if (key === 'header' || key === 'queryArg') {
    const message = named(value, key === 'header' ? 'header' : 'query argument', 'pod');
    return message && `KongUpstreamPolicy ${message}`;
  }
  return undefined;
}

/** Envoy accepts every field in camelCase too (config dumps, Envoy Gateway output): compare in snake case. */
function snake(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * Envoy `hash_policy` entries (routes, cluster protocol options, TCP and UDP proxies), block or
 * flow style, snake or camel case. `key` and `parent` are in snake case.
 */
function envoy(key: string, value: string, parent: string | undefined): string | undefined {
  const flow = value.startsWith('{') || value.startsWith('[') ? snake(value) : undefined;
  const header = key === 'header_name' && parent === 'header' ? value : flow && /header_name["']?\s*:\s*["']?([\w-]+)/.exec(flow)?.[1];
  if (header) {
    const message = named(header, 'header', 'upstream host');
    if (message) return `Envoy hash_policy ${message}`;
  }
  const sourceIp =
    (key === 'source_ip' && ((parent === 'connection_properties' && value === 'true') || (parent !== 'connection_properties' && /^(true|\{\s*\})$/.test(value)))) ||
    (flow !== undefined && /source_ip["']?\s*:\s*(true\b|\{\s*\})/.test(flow));
  if (sourceIp) return 'Envoy hash_policy on the source IP pins each client to one upstream host';
  if (key === 'cookie' || (flow && /\bcookie["']?\s*:/.test(flow))) return 'Envoy hash_policy on a cookie pins each client to one upstream host';
  const query = key === 'name' && parent === 'query_parameter' ? value : flow && /query_parameter["']?\s*:\s*\{[^}]*name["']?\s*:\s*["']?([\w-]+)/.exec(flow)?.[1];
  if (query) {
    const message = named(query, 'query parameter', 'upstream host');
    if (message) return `Envoy hash_policy ${message}`;
  }
  return undefined;
}

/**
 * A hash setting inside a flow mapping on one line: `route: { cluster: c, hash_policy: [...] }`,
 * `- { name: u, hash_on: ip }`, `hashOn: { header: mcp-session-id }`, `loadBalancerPolicy: { strategy: Cookie }`.
 */
function inFlowMapping(code: string): string | undefined {
  const envoyPolicy = /[{,]\s*["']?hash_?policy["']?\s*:\s*(\[.*)/i.exec(code);
  if (envoyPolicy) return envoy('hash_policy', envoyPolicy[1], undefined);
  const kongHash = /[{,]\s*["']?(hash_on|hash_fallback)["']?\s*:\s*["']?(ip|cookie)\b/.exec(code);
  if (kongHash) return kong(kongHash[1], kongHash[2], [], 0);
  const policy = /\bhashOn(?:Fallback)?["']?\s*:\s*\{([^}]*)\}/.exec(code);
  for (const pair of policy?.[1].split(',') ?? []) {
    const [key, value] = pair.split(':').map((part) => part.trim().replace(/^["']|["']$/g, ''));
    const message = key && value !== undefined ? kongUpstreamPolicy(key, value) : undefined;
    if (message) return message;
  }
  if (/\bloadBalancerPolicy["']?\s*:\s*\{[^}]*\bstrategy["']?\s*:\s*["']?Cookie\b/.test(code)) return contour('strategy', 'Cookie', ['loadBalancerPolicy']);
  return undefined;
}

/** The Envoy stateful session filter: each client's requests go back to the host that served it first. */
const ENVOY_STATEFUL_SESSION = /stateful_session\.(cookie|header)\.v3\.(?:Cookie|Header)BasedSessionState/;

/** Contour `HTTPProxy` `loadBalancerPolicy`: the Cookie strategy, or request hashing on a session header or query parameter or the source IP. */
function contour(key: string, value: string, ancestors: readonly string[]): string | undefined {
  if (key === 'strategy' && ancestors[0] === 'loadBalancerPolicy' && value === 'Cookie') return 'Contour loadBalancerPolicy strategy Cookie pins each client to one endpoint';
  if (!ancestors.includes('requestHashPolicies')) return undefined;
  if (key === 'hashSourceIP' && value === 'true') return 'Contour request hashing on the source IP pins each client to one endpoint';
  const option = key === 'headerName' && ancestors[0] === 'headerHashOptions' ? 'header' : key === 'parameterName' && ancestors[0] === 'queryParameterHashOptions' ? 'query parameter' : undefined;
  if (option) {
    const message = named(value, option, 'endpoint');
    return message && `Contour ${message}`;
  }
  return undefined;
}

/**
 * API gateways and proxies configured in YAML that pin each client to one upstream: Kong upstreams
 * (`hash_on` / `hash_fallback`: ip, cookie, or a session header or query argument; the
 * `sticky-sessions` algorithm) and the Kong Ingress Controller's `KongUpstreamPolicy` (`hashOn`,
 * `sticky-sessions`), Envoy `hash_policy` (a session header or query parameter, a cookie, the
 * source IP; snake or camel case) and its stateful session filter, and Contour `HTTPProxy` (the
 * Cookie strategy, request hashing on a session header or query parameter or the source IP).
 * Hashing on a tenant, a path or a consumer is cache locality or per-user routing, not session
 * stickiness, and is not reported.
 */
export const stickyGateway: ConfigRule = {
  target: 'config',
  kinds: ['yaml'],
  id: 'sticky-gateway',
  category: 'sticky-lb-config',
  supersedes: ['session-header-config'],
  severity: 'warning',
  title: 'API gateway or proxy hashes each client onto one upstream',
  why:
    'Sessionful 2025 MCP servers behind Kong, Envoy or Contour need every request of a session on the instance that holds it, ' +
    'so the gateway hashes on the Mcp-Session-Id header, a cookie or the client address. 2026-07-28 servers keep no ' +
    'per-instance session and modern clients send no session header: the hashing hides state bugs and skews load.',
  // sticky-config marks these findings; which setting to drop depends on the gateway's other routes.
  fix: { manual: 'Remove the hash setting and its hash algorithm (round-robin is the default) once the server keeps state behind explicit handles.' },
  docs: `${SPEC}/basic/transports/streamable-http`,
  keywords: ['hash_on', 'hash_fallback', 'hashon', 'hash_polic', 'hashpolic', 'loadbalancerpolicy', 'requesthashpolicies', 'sticky-sessions', 'stateful_session'],
  check(file, report) {
    const lines = configLines(file);
    lines.forEach((line, index) => {
      const stateful = ENVOY_STATEFUL_SESSION.exec(line.code);
      if (stateful) {
        reportLine(line, report, `Envoy stateful session (${stateful[1]}) sends each client back to the host that served it first`);
        return;
      }
      const key = yamlKey(line.code);
      if (key === undefined) return;
      const value = yamlValue(line.code) ?? '';
      let message: string | undefined = kongStickySessions(key, value);
      if (message === undefined && /^hash_(on|fallback)/.test(key)) message = kong(key, value, lines, index);
      else if (message === undefined) {
        const ancestors = yamlAncestors(lines, index);
        const envoyAncestors = ancestors.map(snake);
        if (/^hashOn(Fallback)?$/.test(ancestors[0] ?? '')) message = kongUpstreamPolicy(key, value);
        else if (/^hash_polic(y|ies)$/.test(snake(key)) || envoyAncestors.some((a) => /^hash_polic(y|ies)$/.test(a))) message = envoy(snake(key), value, envoyAncestors[0]);
        else if (key === 'strategy' || ancestors.includes('requestHashPolicies')) message = contour(key, value, ancestors);
      }
      message ??= inFlowMapping(line.code);
      if (message) reportLine(line, report, message);
    });
  },
};

function reportLine(line: ConfigLine, report: Reporter, message: string): void {
  const start = line.start + (line.code.length - line.code.replace(/^\s*(?:-\s+)?/, '').length);
  report({ start, end: line.start + line.code.trimEnd().length, message });
}
