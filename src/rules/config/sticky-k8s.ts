import { SPEC, type ConfigRule, type Reporter } from '../types.js';
import { CLOUD_RUN_ANNOTATION, CLOUD_RUN_ANNOTATION_MESSAGE, platformAdvice, reportBicep, reportCli, reportTerraform } from './platform.js';
import { k8sOwner } from './k8s-routes.js';
import { Q, SESSION_NAME, STICKY_HASH_VARIABLE, configLines, reportMatches, reportYamlLine, sessionNamed, yamlAncestors, yamlDocuments, yamlEntry, type ConfigLine } from './text.js';

/** What a finding in a manifest that names no MCP adds (k8sOwner: 'unnamed'); sticky-config's marker says the same. */
export const NAMES_NO_MCP = 'nothing in this file names the MCP server (no /mcp route, no name, label, image or host with mcp): if it is another application\'s, keep it';

/** One-line patterns: distinctive keys whose value turns stickiness on. Data, not traversal. */
const ANNOTATIONS: Array<{ pattern: RegExp; message: (match: RegExpExecArray) => string | undefined }> = [
  {
    // ingress-nginx, haproxy-ingress and the generic ingress.kubernetes.io prefix.
    pattern: new RegExp(`[\\w.-]+/affinity${Q}\\s*:\\s*${Q}cookie\\b${Q}`, 'i'),
    message: () => 'Ingress cookie affinity pins each client to one pod',
  },
  {
    pattern: new RegExp(`[\\w.-]+/upstream-hash-by${Q}\\s*:\\s*${Q}([^"'\\n]*)${Q}`, 'i'),
    message: (m) => {
      const variable = STICKY_HASH_VARIABLE.exec(m[1])?.[1].toLowerCase();
      if (!variable) return undefined;
      if (variable === 'http_mcp_session_id') return 'upstream-hash-by $http_mcp_session_id routes by the Mcp-Session-Id header, which 2026-07-28 removed';
      return `upstream-hash-by $${variable} pins each client to one pod`;
    },
  },
  {
    // AWS Load Balancer Controller: ALB Ingress and NLB Service annotations.
    pattern: new RegExp(`[\\w.-]+/[\\w-]*target-group-attributes${Q}\\s*:[^\\n]*?\\bstickiness\\.enabled\\s*=\\s*true\\b[^\\n]*`, 'i'),
    message: () => 'AWS target group stickiness pins each client to one target',
  },
  {
    pattern: new RegExp(`appgw\\.ingress\\.kubernetes\\.io/cookie-based-affinity${Q}\\s*:\\s*${Q}true\\b${Q}`, 'i'),
    message: () => 'Application Gateway cookie-based affinity pins each client to one pod',
  },
  {
    pattern: new RegExp(`haproxy\\.org/cookie-persistence${Q}\\s*:\\s*${Q}[\\w-]+${Q}`, 'i'),
    message: () => 'HAProxy Ingress cookie persistence pins each client to one pod',
  },
  {
    pattern: new RegExp(`(?<=^\\s*(?:-\\s+)?)${Q}sessionAffinity${Q}\\s*:\\s*${Q}ClientIP\\b${Q}`),
    message: () => 'Service sessionAffinity: ClientIP pins each client IP to one pod',
  },
  {
    // GKE BackendConfig `sessionAffinity.affinityType`.
    pattern: new RegExp(`(?<=^\\s*(?:-\\s+)?)${Q}affinityType${Q}\\s*:\\s*${Q}(GENERATED_COOKIE|CLIENT_IP\\w*|HTTP_COOKIE|HEADER_FIELD)\\b${Q}`),
    message: (m) => `GKE session affinity ${m[1]} pins each client to one pod`,
  },
  {
    // Gateway API HTTPRoute / BackendLBPolicy.
    pattern: new RegExp(`(?<=^\\s*(?:-\\s+)?)${Q}sessionPersistence${Q}\\s*:`),
    message: () => 'Gateway API sessionPersistence pins each client to one backend',
  },
  {
    // Azure Container Apps `ingress.stickySessions.affinity`.
    pattern: new RegExp(`(?<=^\\s*(?:-\\s+)?)${Q}affinity${Q}\\s*:\\s*${Q}sticky\\b${Q}`, 'i'),
    message: () => 'Container Apps sticky sessions pin each client to one replica',
  },
  {
    // Cloud Run (Knative service YAML): `spec.template.metadata.annotations`.
    pattern: CLOUD_RUN_ANNOTATION,
    message: () => CLOUD_RUN_ANNOTATION_MESSAGE,
  },
];

const INGRESS_COOKIE_SETTING = new RegExp(`[\\w.-]+/(session-cookie-[\\w-]+|affinity-mode|affinity-canary-behavior)${Q}\\s*:`, 'i');
const INGRESS_AFFINITY = new RegExp(`[\\w.-]+/affinity${Q}\\s*:`, 'i');

/**
 * Kubernetes and platform stickiness in YAML: Ingress affinity annotations (ingress-nginx,
 * haproxy-ingress, Application Gateway, AWS target groups), Service and GKE session affinity,
 * Gateway API sessionPersistence, Istio/Envoy Gateway consistent hashing on a session, cookie or
 * source IP, Azure Container Apps sticky sessions and Cloud Run session affinity. The managed
 * platforms also where they are set elsewhere (platform.ts): the session affinity of Cloud Run,
 * Kubernetes Services and Google Cloud backend services in Terraform, Container Apps sticky
 * sessions in Bicep and Terraform (azapi), and deployment CLIs in shell scripts and CI steps
 * (`gcloud run deploy --session-affinity`, `gcloud compute backend-services ... --session-affinity`,
 * `kubectl expose --session-affinity=ClientIP`, `az containerapp ingress sticky-sessions set
 * --affinity sticky`). Traefik sticky labels are sticky-traefik's.
 *
 * ingress-nginx `session-cookie-*` / `affinity-mode` annotations only tune `affinity: cookie`, so
 * a document with an affinity line reports that line alone. A document with the tuning
 * annotations but no affinity line (the affinity is set by another overlay or values file)
 * reports its first tuning annotation once.
 */
export const stickyK8s: ConfigRule = {
  target: 'config',
  kinds: ['yaml', 'traefik', 'terraform', 'bicep', 'shell'],
  id: 'sticky-k8s',
  category: 'sticky-lb-config',
  supersedes: ['session-header-config'],
  severity: 'warning',
  title: 'Kubernetes or platform load balancer pins clients to one pod',
  why:
    'Sessionful 2025 servers behind Kubernetes need every request of a session on the pod that holds it, so their Ingress, ' +
    'Service, mesh or cloud load balancer is made sticky by cookie, client IP or the Mcp-Session-Id header. 2026-07-28 ' +
    'servers keep no per-pod session and modern clients send no session header: the affinity hides state bugs, skews load ' +
    'across pods and defeats autoscaling.',
  fix: {
    codemod: 'sticky-config',
    manual:
      'Delete the affinity annotation, `sessionAffinity`, `consistentHash` or sticky label (round-robin is the default) once the server keeps state behind explicit handles.',
    advice: platformAdvice,
  },
  docs: `${SPEC}/basic/transports/streamable-http`,
  keywords: ['affinity', 'session-cookie', 'upstream-hash-by', 'stickiness', 'sticky', 'consistenthash', 'sessionpersistence', 'cookie-persistence'],
  check(file, report) {
    const lines = configLines(file);
    // Terraform, Bicep and scripts name none of the Kubernetes keys below: sticky-config reads
    // neither Bicep nor scripts, so their findings are for a person.
    const manual: Reporter = (r) => report({ ...r, manual: true });
    if (file.kind === 'terraform') return reportTerraform(lines, report);
    if (file.kind === 'bicep') return reportBicep(lines, manual);
    if (file.kind === 'shell') return reportCli(lines, manual);
    // Stickiness of another application's Service or Ingress beside the MCP server's: not reported
    // (k8sOwner). In a manifest that names no MCP at all, it may be another application's: a
    // warning that says so (sticky-config marks it and leaves it).
    const owner = k8sOwner(lines);
    const mcpOnly: Reporter = (r) => {
      const whose = r.start === undefined || r.message.includes('Mcp-Session-Id') ? 'mcp' : owner(r.start);
      if (whose !== 'other') report(whose === 'unnamed' ? { ...r, severity: 'warning', message: `${r.message}; ${NAMES_NO_MCP}` } : r);
    };
    for (const { pattern, message } of ANNOTATIONS) reportMatches(lines, pattern, mcpOnly, message);
    // A CI step that deploys: sticky-config marks what it finds there, it does not edit a script.
    if (/session-affinity|sticky-sessions/.test(file.lower)) reportCli(lines, manual, true);
    reportIngressCookieSettings(lines, mcpOnly);
    if (file.lower.includes('consistenthash')) reportConsistentHash(lines, report);
    reportGcpBackendPolicy(lines, report);
  },
};

function reportIngressCookieSettings(lines: readonly ConfigLine[], report: Reporter): void {
  for (const [from, to] of yamlDocuments(lines)) {
    const document = lines.slice(from, to);
    if (document.some((line) => INGRESS_AFFINITY.test(line.code))) continue;
    const first = document.find((line) => INGRESS_COOKIE_SETTING.test(line.code));
    if (!first) continue;
    reportMatches([first], INGRESS_COOKIE_SETTING, report, (m) => `${m[1]} configures Ingress cookie affinity (set in another file?), which pins each client to one pod`);
  }
}

/** Istio DestinationRule and Envoy Gateway BackendTrafficPolicy `consistentHash`. */
function reportConsistentHash(lines: readonly ConfigLine[], report: Reporter): void {
  lines.forEach((line, index) => {
    const entry = yamlEntry(line.code);
    if (entry === undefined) return;
    const { key, value } = entry;
    const inline = /consistentHash["']?\s*:\s*\{(.*)\}/i.exec(line.code)?.[1];
    if (inline !== undefined) {
      const sticky = /httpCookie|useSourceIp\s*:\s*true|(?:httpHeaderName|httpQueryParameterName)\s*:\s*["']?([\w-]+)/i.exec(inline);
      if (sticky && (sticky[1] === undefined || SESSION_NAME.test(sticky[1]))) reportYamlLine(lines, index, report, 'consistentHash pins each client to one pod');
      return;
    }
    const ancestors = yamlAncestors(lines, index);
    if (!ancestors.some((ancestor) => ancestor.toLowerCase() === 'consistenthash')) return;
    const message = consistentHashMessage(key, value, ancestors[0]);
    if (message) reportYamlLine(lines, index, report, message);
  });
}

function consistentHashMessage(key: string, value: string, parent: string | undefined): string | undefined {
  if (key === 'httpCookie') return 'consistentHash on a cookie pins each client to one pod';
  if (key === 'useSourceIp' && value === 'true') return 'consistentHash on the source IP pins each client to one pod';
  if (key === 'type' && /^(SourceIP|Cookie)$/.test(value)) return `consistentHash type ${value} pins each client to one pod`;
  // Envoy Gateway names the header under `header: { name: ... }`; a cookie's `name` is covered by its parent.
  const what = key === 'httpQueryParameterName' ? 'query parameter' : key === 'httpHeaderName' || (key === 'name' && parent === 'header') ? 'header' : undefined;
  const named = what && sessionNamed(value, what, 'pod');
  return named && `consistentHash ${named}`;
}

/** GKE Gateway GCPBackendPolicy: `sessionAffinity: { type: GENERATED_COOKIE | CLIENT_IP }`. */
function reportGcpBackendPolicy(lines: readonly ConfigLine[], report: Reporter): void {
  lines.forEach((line, index) => {
    const entry = yamlEntry(line.code);
    if (entry?.key !== 'type') return;
    const { value } = entry;
    if (!/^(GENERATED_COOKIE|CLIENT_IP\w*|HTTP_COOKIE|HEADER_FIELD)$/.test(value)) return;
    if (yamlAncestors(lines, index)[0] !== 'sessionAffinity') return;
    reportYamlLine(lines, index, report, `GKE session affinity ${value} pins each client to one pod`);
  });
}


