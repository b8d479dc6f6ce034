import { SPEC, type ConfigRule } from '../types.js';
import { SESSION_NAME, configLines, yamlAncestors, yamlKey, yamlSiblings, yamlValue, type ConfigLine } from './text.js';

function named(value: string, what: string, target: string): string | undefined {
  const name = value.replace(/^["']|["']$/g, '');
  if (!SESSION_NAME.test(name)) return undefined;
  if (/^mcp-session-id$/i.test(name)) return `hashes on the Mcp-Session-Id ${what}, which 2026-07-28 removed`;
  return `hashes on the ${name} ${what}, pinning each session to one ${target}`;
}

/** Kong upstreams (decK / DB-less declarative config): `hash_on` and `hash_fallback` with their header or query argument. */
function kong(key: string, value: string, lines: readonly ConfigLine[], index: number): string | undefined {
  const fallback = /^hash_fallback/.test(key);
  const setting = fallback ? 'hash_fallback' : 'hash_on';
  if (key === 'hash_on' || key === 'hash_fallback') {
    if (value === 'ip') return `Kong ${key}: ip pins each client IP to one target`;
    if (value === 'cookie') return `Kong ${key}: cookie pins each client to one target`;
    return undefined;
  }
  const kind = /^hash_(?:on|fallback)_(header|query_arg)$/.exec(key)?.[1];
  if (!kind || yamlSiblings(lines, index).get(setting) !== kind) return undefined;
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

/** Envoy route `hash_policy` entries, block or flow style. */
function envoy(key: string, value: string, parent: string | undefined): string | undefined {
  const flow = value.startsWith('{') || value.startsWith('[') ? value : undefined;
  const header = key === 'header_name' && parent === 'header' ? value : flow && /header_name["']?\s*:\s*["']?([\w-]+)/.exec(flow)?.[1];
  if (header) {
    const message = named(header, 'header', 'upstream host');
    if (message) return `Envoy hash_policy ${message}`;
  }
  if ((key === 'source_ip' && parent === 'connection_properties' && value === 'true') || (flow && /source_ip["']?\s*:\s*true\b/.test(flow))) {
    return 'Envoy hash_policy on the source IP pins each client to one upstream host';
  }
  if (key === 'cookie' || (flow && /\bcookie["']?\s*:/.test(flow))) return 'Envoy hash_policy on a cookie pins each client to one upstream host';
  const query = key === 'name' && parent === 'query_parameter' ? value : flow && /query_parameter["']?\s*:\s*\{[^}]*name["']?\s*:\s*["']?([\w-]+)/.exec(flow)?.[1];
  if (query) {
    const message = named(query, 'query parameter', 'upstream host');
    if (message) return `Envoy hash_policy ${message}`;
  }
  return undefined;
}

/** Contour `HTTPProxy` `loadBalancerPolicy`: the Cookie strategy, or request hashing on a session header or the source address. */
function contour(key: string, value: string, ancestors: readonly string[]): string | undefined {
  if (key === 'strategy' && ancestors[0] === 'loadBalancerPolicy' && value === 'Cookie') return 'Contour loadBalancerPolicy strategy Cookie pins each client to one endpoint';
  if (!ancestors.includes('requestHashPolicies')) return undefined;
  if (key === 'hashSourceAddress' && value === 'true') return 'Contour request hashing on the source address pins each client to one endpoint';
  if (key === 'headerName' && ancestors[0] === 'headerHashOptions') {
    const message = named(value, 'header', 'endpoint');
    return message && `Contour ${message}`;
  }
  return undefined;
}

/**
 * API gateways and proxies configured in YAML that hash requests onto one upstream by client:
 * Kong upstreams (`hash_on` / `hash_fallback`: ip, cookie, or a session header or query
 * argument) and the Kong Ingress Controller's `KongUpstreamPolicy` (`hashOn`), Envoy route
 * `hash_policy` (a session header or query parameter, a cookie, the source IP), and Contour
 * `HTTPProxy` (the Cookie strategy, request hashing on a session header or the source address).
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
  keywords: ['hash_on', 'hash_fallback', 'hashon', 'hash_policy', 'loadbalancerpolicy', 'requesthashpolicies'],
  check(file, report) {
    const lines = configLines(file);
    lines.forEach((line, index) => {
      const key = yamlKey(line.code);
      if (key === undefined) return;
      const value = yamlValue(line.code) ?? '';
      let message: string | undefined;
      if (/^hash_(on|fallback)/.test(key)) message = kong(key, value, lines, index);
      else {
        const ancestors = yamlAncestors(lines, index);
        if (/^hashOn(Fallback)?$/.test(ancestors[0] ?? '')) message = kongUpstreamPolicy(key, value);
        else if (key === 'hash_policy' || ancestors.includes('hash_policy')) message = envoy(key, value, ancestors[0]);
        else if (key === 'strategy' || ancestors.includes('requestHashPolicies')) message = contour(key, value, ancestors);
      }
      if (!message) return;
      const start = line.start + (line.code.length - line.code.replace(/^\s*(?:-\s+)?/, '').length);
      report({ start, end: line.start + line.code.trimEnd().length, message });
    });
  },
};
