import { flowMapping, keyColumn, yamlAncestors, yamlDocuments, yamlEntry, yamlSiblings, type ConfigLine } from './text.js';

/** A path only an MCP endpoint is served at: `/mcp`, or the legacy `/sse` and `/messages` (a segment of their own: not `/v1/messages` of an LLM API). */
const MCP_ENDPOINT_PATH = /mcp|(?:^|\/)sse(?:\/|$)|^\/messages?(?:\/|$)/i;

/**
 * In the code of one YAML document, in order: a route's path (`path: /mcp` of an Ingress,
 * `value: /mcp` of a Gateway API match) and the Service a route sends to (`service: { name: x }`,
 * `serviceName: x`, the first of `backendRefs`).
 */
const ROUTE_TOKEN =
  /(?:^|[\s{,-])(?:path|value)\s*:\s*["']?(?<path>\/[^\s"',}]*)|\bserviceName\s*:\s*["']?(?<legacy>[\w.-]+)|\bservice\s*:[\s{]*name\s*:\s*["']?(?<service>[\w.-]+)|\bbackendRefs\s*:[\s[{-]*name\s*:\s*["']?(?<ref>[\w.-]+)/g;

/** A name that says it is the MCP server's, or its legacy SSE endpoint's. */
const MCP_NAME = /mcp|(^|[-_.=])sse([-_.,]|$)/i;

/** The objects whose paths send requests to Services. */
const ROUTING_KINDS = new Set(['Ingress', 'HTTPRoute']);

interface Document {
  from: number;
  to: number;
  kind?: string;
  name?: string;
  /** A Service's selector (serviceSelector). */
  selector?: string;
  routes: Array<{ path: string; service: string }>;
}

/** `metadata.name` of a document: the `name:` key directly under a top-level `metadata:`. */
function metadataName(lines: readonly ConfigLine[], from: number, to: number): string | undefined {
  let at = from;
  while (at < to && !/^metadata\s*:/.test(lines[at].code)) at++;
  if (at === to) return undefined;
  const inline = /^metadata\s*:\s*\{.*?\bname\s*:\s*["']?([\w.-]+)/.exec(lines[at].code);
  if (inline) return inline[1];
  let column: number | undefined;
  for (let i = at + 1; i < to; i++) {
    const code = lines[i].code;
    if (code.trim() === '') continue;
    const indent = keyColumn(code);
    if (indent === 0) return undefined;
    column ??= indent;
    if (indent === column && yamlEntry(code)?.key === 'name') return yamlEntry(code)!.value.replace(/^["']|["']$/g, '');
  }
  return undefined;
}

/**
 * A Service's `spec.selector` as sorted `key=value` pairs (`{ app: shop }` or a block), or
 * undefined when the document has none.
 */
function serviceSelector(lines: readonly ConfigLine[], from: number, to: number): string | undefined {
  for (let i = from; i < to; i++) {
    const entry = yamlEntry(lines[i].code);
    if (entry?.key !== 'selector' || yamlAncestors(lines, i)[0] !== 'spec') continue;
    const brace = lines[i].code.indexOf('{');
    const pairs = entry.value.startsWith('{') ? flowMapping(lines[i].code, brace) : i + 1 < to ? yamlSiblings(lines, i + 1) : new Map<string, string>();
    if (pairs.size === 0) return undefined;
    return [...pairs].map(([key, value]) => `${key}=${value}`).sort().join(',');
  }
  return undefined;
}

/**
 * The routes of a document, each path paired with the Service named after it. Undefined when
 * the order does not pair them unambiguously (a backend before its path, a path no backend
 * follows, backends split by weight): then nothing is concluded from the file.
 */
function documentRoutes(code: string): Array<{ path: string; service: string }> | undefined {
  // Backends split by weight (blue/green, canary): only the first of a list is read, so nothing is concluded.
  if (/\bweight\s*:/.test(code)) return undefined;
  const routes: Array<{ path: string; service: string }> = [];
  let pending: string[] = [];
  for (const match of code.matchAll(ROUTE_TOKEN)) {
    const { path, legacy, service, ref } = match.groups!;
    if (path !== undefined) {
      pending.push(path);
      continue;
    }
    const name = legacy ?? service ?? ref!;
    // A backend with no path before it: a defaultBackend, which catches every path, or a route that names its backend first.
    if (pending.length === 0) {
      if (/\bpath\s*:/.test(code)) return undefined;
      routes.push({ path: '/', service: name });
    }
    routes.push(...pending.map((p) => ({ path: p, service: name })));
    pending = [];
  }
  return pending.length > 0 ? undefined : routes;
}

/**
 * Whether the Kubernetes object around a YAML line belongs to another application than the MCP
 * server, going by what the file routes (trial 36C: a web shop's Service beside the MCP server's,
 * in one manifest whose Ingress sends `/mcp` to the MCP Service) or, where it routes no MCP path,
 * by the names of its Services (trial 38C: `webapp-svc` beside `mcp-svc`). It does when the file
 * routes an MCP endpoint's path (`/mcp`, `/sse`, `/messages`) to some Service, or defines a Service
 * whose name or selector says MCP, the object's name does not say MCP, and it is
 *   - a Service none of those routes reaches that selects other pods than the MCP Services of the
 *     file (so the file must define them, with selectors), or
 *   - an Ingress or route whose own routes reach neither an MCP path nor a Service MCP paths reach.
 * A file that routes no MCP path and names no MCP Service, or whose routes cannot be paired,
 * concludes nothing (false everywhere). Built once per file; the answer takes an offset of the file.
 */
function k8sOtherApp(lines: readonly ConfigLine[]): (start: number) => boolean {
  const never = () => false;
  const documents: Document[] = [];
  for (const [from, to] of yamlDocuments(lines)) {
    const code = lines
      .slice(from, to)
      .map((line) => line.code)
      .join('\n');
    const kind = /^kind\s*:\s*["']?(\w+)/m.exec(code)?.[1];
    // Only routing objects route: a Deployment's probe `path: /healthz` or env `value: /mcp` does not.
    const routes = kind && ROUTING_KINDS.has(kind) ? documentRoutes(code) : [];
    if (!routes) return never;
    const selector = kind === 'Service' ? serviceSelector(lines, from, to) : undefined;
    documents.push({ from, to, kind, name: metadataName(lines, from, to), selector, routes });
  }
  const routed = documents.flatMap((d) => d.routes.filter((r) => MCP_ENDPOINT_PATH.test(r.path)).map((r) => r.service));
  // No route to an MCP path: the Services whose name or selector says MCP are the server's (an
  // `mcp-svc` beside a `webapp-svc`, trial 38C).
  const named = routed.length > 0 ? [] : documents.filter((d) => d.kind === 'Service' && d.name !== undefined && (MCP_NAME.test(d.name) || MCP_NAME.test(d.selector ?? ''))).map((d) => d.name!);
  const mcpServices = new Set([...routed, ...named]);
  if (mcpServices.size === 0) return never;
  // The pods the MCP Services of the file select: a Service selecting some of the same pods is the
  // MCP server's (an NLB beside the Ingress's Service; selectors overlap when one's pairs are all the other's).
  const services = new Map(documents.filter((d) => d.kind === 'Service' && d.name !== undefined).map((d) => [d.name!, d]));
  const mcpPods = [...mcpServices].map((name) => services.get(name)?.selector);
  const overlaps = (a: string, b: string) => {
    const [x, y] = [a.split(','), b.split(',')];
    return x.every((pair) => y.includes(pair)) || y.every((pair) => x.includes(pair));
  };
  // Another application's Service: defined here with a selector, beside MCP Services all defined here with theirs, and none of its pods theirs.
  const otherService = (name: string): boolean => {
    const selector = services.get(name)?.selector;
    if (MCP_NAME.test(name) || mcpServices.has(name) || !selector || MCP_NAME.test(selector)) return false;
    return mcpPods.every((pods) => pods !== undefined && !overlaps(pods, selector));
  };
  const other = (d: Document): boolean => {
    if (!d.name || MCP_NAME.test(d.name)) return false;
    if (d.kind === 'Service') return otherService(d.name);
    if (d.kind !== undefined && ROUTING_KINDS.has(d.kind)) return d.routes.length > 0 && d.routes.every((r) => !MCP_ENDPOINT_PATH.test(r.path) && otherService(r.service));
    return false;
  };
  // Each line's document, found once.
  const documentOf = new Int32Array(lines.length).fill(-1);
  documents.forEach((d, i) => documentOf.fill(i, d.from, d.to));
  return (start) => {
    // The last line starting at or before `start` (lines are in order of their starts).
    let low = 0;
    let high = lines.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lines[mid].start <= start) low = mid;
      else high = mid - 1;
    }
    const document = documents[documentOf[low]];
    return !!document && other(document);
  };
}

/**
 * Whether a Kubernetes manifest says nothing of MCP: no route to an MCP endpoint's path, and no
 * name, label, selector, image or host with `mcp` in it (trial 38C: a web app's Service and
 * Ingress, with their own affinity, in a repository that also holds an MCP server). Its
 * stickiness may be the MCP server's under another name, or another application's: fix leaves it
 * for a person to say which.
 */
function k8sNamesNoMcp(lines: readonly ConfigLine[]): boolean {
  const code = lines.map((line) => line.code).join('\n');
  if (/mcp/i.test(code)) return false;
  return ![...code.matchAll(ROUTE_TOKEN)].some((m) => m.groups!.path !== undefined && MCP_ENDPOINT_PATH.test(m.groups!.path));
}

/** Whose a Kubernetes object is: the MCP server's, another application's (k8sOtherApp), or, in a manifest that names no MCP, unknown (k8sNamesNoMcp). */
export type K8sOwner = 'mcp' | 'other' | 'unnamed';

/**
 * Whose the Kubernetes object around an offset of a YAML file is (K8sOwner): what sticky-k8s
 * reports and sticky-config changes or marks. Each reading of the file is made once, when first asked.
 */
export function k8sOwner(lines: readonly ConfigLine[]): (start: number) => K8sOwner {
  let other: ((start: number) => boolean) | undefined;
  let unnamed: boolean | undefined;
  return (start) => ((other ??= k8sOtherApp(lines))(start) ? 'other' : (unnamed ??= k8sNamesNoMcp(lines)) ? 'unnamed' : 'mcp');
}
