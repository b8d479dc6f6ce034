import { SPEC, type ConfigRule } from '../types.js';
import { configLines, flowMapping, reportYamlLine, sessionNamed, yamlAncestors, yamlEntry, yamlSiblings } from './text.js';

/** Kong's `sticky-sessions` load-balancing algorithm (upstreams and KongUpstreamPolicy): a cookie pins each client. */
function kongStickySessions(key: string, value: string): string | undefined {
  return key === 'algorithm' && value === 'sticky-sessions' ? 'Kong algorithm sticky-sessions pins each client to one target with a cookie' : undefined;
}

/**
 * Kong upstreams (decK / DB-less declarative config): `hash_on` and `hash_fallback` with their
 * header, query argument or cookie, which are keys of the same mapping (`siblings`).
 */
function kong(key: string, value: string, siblings: () => ReadonlyMap<string, string>): string | undefined {
  if (key === 'hash_on' || key === 'hash_fallback') {
    if (value === 'ip') return `Kong ${key}: ip pins each client IP to one target`;
    // With the cookie named (`hash_on_cookie`), the finding is on the name's line (below).
    if (value === 'cookie' && !siblings().has('hash_on_cookie')) return `Kong ${key}: cookie pins each client to one target`;
    return undefined;
  }
  if (key === 'hash_on_cookie') {
    const setting = siblings().get('hash_on') === 'cookie' ? 'hash_on' : siblings().get('hash_fallback') === 'cookie' ? 'hash_fallback' : undefined;
    return setting && `Kong ${setting}: cookie (${value}) pins each client to one target`;
  }
  const kind = /^hash_(?:on|fallback)_(header|query_arg)$/.exec(key)?.[1];
  if (!kind || siblings().get(/^hash_fallback/.test(key) ? 'hash_fallback' : 'hash_on') !== kind) return undefined;
  const named = sessionNamed(value, kind === 'header' ? 'header' : 'query argument', 'target');
  return named && `Kong hashes ${named}`;
}

/** Kong Ingress Controller `KongUpstreamPolicy`: `spec.hashOn` / `spec.hashOnFallback`. */
function kongUpstreamPolicy(key: string, value: string): string | undefined {
  if (key === 'input') return value === 'ip' ? 'KongUpstreamPolicy hashOn input: ip pins each client IP to one pod' : undefined;
  if (key === 'cookie') return 'KongUpstreamPolicy hashOn cookie pins each client to one pod';
  if (key === 'header' || key === 'queryArg') {
    const named = sessionNamed(value, key === 'header' ? 'header' : 'query argument', 'pod');
    return named && `KongUpstreamPolicy hashes ${named}`;
  }
  return undefined;
}

/** Envoy accepts every field in camelCase too (config dumps, Envoy Gateway output): keys compare in snake case. */
function snake(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

const ENVOY_POLICY = /^hash_polic(y|ies)$/;

/**
 * Envoy `hash_policy` entries (routes, cluster protocol options, TCP and UDP proxies), block or
 * flow style (`value` may be a whole `[{ ... }]`), snake or camel case. `key` and `parent` are in
 * snake case; names are taken from the text as written.
 */
function envoy(key: string, value: string, parent: string | undefined): string | undefined {
  const flow = value.startsWith('{') || value.startsWith('[') ? value : undefined;
  const header = key === 'header_name' && parent === 'header' ? value : flow && /header_?name["']?\s*:\s*["']?([\w-]+)/i.exec(flow)?.[1];
  const headerNamed = header && sessionNamed(header, 'header', 'upstream host');
  if (headerNamed) return `Envoy hash_policy ${headerNamed}`;
  const sourceIp =
    (key === 'source_ip' && ((parent === 'connection_properties' && value === 'true') || (parent !== 'connection_properties' && /^(true|\{\s*\})$/.test(value)))) ||
    (flow !== undefined && /source_?ip["']?\s*:\s*(true\b|\{\s*\})/i.test(flow));
  if (sourceIp) return 'Envoy hash_policy on the source IP pins each client to one upstream host';
  if (key === 'cookie' || (flow && /\bcookie["']?\s*:/i.test(flow))) return 'Envoy hash_policy on a cookie pins each client to one upstream host';
  const query = key === 'name' && parent === 'query_parameter' ? value : flow && /query_?parameter["']?\s*:\s*\{[^}]*\bname["']?\s*:\s*["']?([\w-]+)/i.exec(flow)?.[1];
  const queryNamed = query && sessionNamed(query, 'query parameter', 'upstream host');
  return queryNamed ? `Envoy hash_policy ${queryNamed}` : undefined;
}

/** Contour `HTTPProxy` `loadBalancerPolicy`: the Cookie strategy, or request hashing on a session header or query parameter or the source IP. */
function contour(key: string, value: string, ancestors: readonly string[]): string | undefined {
  if (key === 'strategy' && ancestors[0] === 'loadBalancerPolicy' && value === 'Cookie') return 'Contour loadBalancerPolicy strategy Cookie pins each client to one endpoint';
  if (!ancestors.includes('requestHashPolicies')) return undefined;
  if (key === 'hashSourceIP' && value === 'true') return 'Contour request hashing on the source IP pins each client to one endpoint';
  const option = key === 'headerName' && ancestors[0] === 'headerHashOptions' ? 'header' : key === 'parameterName' && ancestors[0] === 'queryParameterHashOptions' ? 'query parameter' : undefined;
  const named = option && sessionNamed(value, option, 'endpoint');
  return named ? `Contour hashes ${named}` : undefined;
}

/** What one `key: value` says, given the keys of the blocks around it (nearest first) and its mapping's other keys. */
function judge(key: string, value: string, ancestors: readonly string[], siblings: () => ReadonlyMap<string, string>): string | undefined {
  if (/^hash_(on|fallback)/.test(key)) return kong(key, value, siblings);
  if (/^hashOn(Fallback)?$/.test(ancestors[0] ?? '')) return kongUpstreamPolicy(key, value);
  if (ENVOY_POLICY.test(snake(key)) || ancestors.some((a) => ENVOY_POLICY.test(snake(a)))) return envoy(snake(key), value, ancestors[0] && snake(ancestors[0]));
  return kongStickySessions(key, value) ?? contour(key, value, ancestors);
}

/** The Envoy stateful session filter: each client's requests go back to the host that served it first. */
const ENVOY_STATEFUL_SESSION = /stateful_session\.(cookie|header)\.v3\.(?:Cookie|Header)BasedSessionState/;

/** `key: {` or `- {`: where a one-line flow mapping opens, with the key that owns it. */
const FLOW_MAPPING = /(?:(["']?)([\w.@/-]+)\1\s*:|^\s*-)\s*\{/g;

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
        reportYamlLine(lines, index, report, `Envoy stateful session (${stateful[1]}) sends each client back to the host that served it first`);
        return;
      }
      const entry = yamlEntry(line.code);
      const ancestors = yamlAncestors(lines, index);
      let message = entry === undefined ? undefined : judge(entry.key, entry.value, ancestors, () => yamlSiblings(lines, index));
      // One-line flow mappings: `- { name: u, hash_on: ip }`, `hashOn: { header: ... }`, `route: { hash_policy: [...] }`.
      for (const open of message === undefined ? line.code.matchAll(FLOW_MAPPING) : []) {
        const entries = flowMapping(line.code, open.index + open[0].length - 1);
        const within = open[2] ? [open[2], ...ancestors] : ancestors;
        for (const [k, v] of entries) message ??= judge(k, v, within, () => entries);
      }
      if (message) reportYamlLine(lines, index, report, message);
    });
  },
};
