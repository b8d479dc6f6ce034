/**
 * sticky-config (target any): removes load-balancer stickiness that only sessionful 2025 servers
 * needed, and marks the stickiness it cannot remove by itself.
 *
 *   removed (with a `# mcp-migrate: removed ...` comment in its place, saying why):
 *     nginx `ip_hash;`, `sticky ...;`, `hash <session header | cookie | client address> ...;`
 *     (in nginx files, Dockerfiles that write nginx config and YAML that embeds it);
 *     ingress-nginx `affinity: cookie` with its `affinity-mode` / `session-cookie-*` tuning, and
 *     `upstream-hash-by` on the session header, a cookie or the client address (with its
 *     `upstream-hash-by-subset*` tuning); Service `sessionAffinity: ClientIP` with its
 *     `sessionAffinityConfig`; Cloud Run's `run.googleapis.com/sessionAffinity: 'true'`
 *     annotation; in Terraform, `session_affinity` of a `google_cloud_run_v2_service` (true) or a
 *     `kubernetes_service` (ClientIP); HAProxy `stick ...` rules keyed on Mcp-Session-Id, and
 *     `balance hdr(Mcp-Session-Id)`, which becomes `balance roundrobin`.
 *   rewritten to `lb_policy round_robin` (a comment above saying why): a Caddyfile reverse_proxy's
 *     `lb_policy header Mcp-Session-Id`, `cookie`, `ip_hash` and `client_ip_hash`, each alone on
 *     its line (Caddy's default is random, not round-robin, so the policy is written out).
 *   marked (TODO(mcp-migrate)): every other finding of the sticky-* scanner rules on the file
 *     (HAProxy source/cookie persistence, Traefik sticky cookies, Caddy policies with a fallback
 *     block, in a one-line block or on another header, ALB / Application Gateway / GKE
 *     stickiness, Gateway API sessionPersistence, Istio and Envoy consistentHash, Kong, Envoy
 *     hash_policy and Contour hashing, wrangler Durable Object bindings of an McpAgent, AWS target
 *     group and classic ELB stickiness in Terraform and CloudFormation, Google Cloud backend
 *     services and Container Apps sticky sessions in Terraform, deployment CLI flags in CI steps),
 *     and stickiness that still serves a legacy HTTP+SSE endpoint. A marker goes above the YAML
 *     key of a folded block scalar (`run: >`), never inside it, where it would join the command.
 *   not read: Bicep (its comments are `//`, which fix's markers do not write in config) and shell
 *     scripts (a deployment command is for a person to change: `gcloud run deploy` keeps the
 *     affinity a service has when the flag is left out); sticky-k8s says what to do there.
 *
 * Stickiness stays, marked, while code of the run still keeps sessions, OAuth state or (for client
 * stickiness) state a later call needs on one instance (keptForSessions); an nginx upstream that
 * serves another application beside the MCP one is not touched (servesAnotherApp), nor is a
 * Kubernetes Service or Ingress the file's MCP routes do not reach (k8sOwner).
 *
 * The comment is the record of a change already made, not a marker: it is written as part of the
 * replacement, so a second run finds nothing left to remove and adds nothing. Removing stickiness
 * on the session header is `safe` (2026-07-28 clients send no Mcp-Session-Id, so it hashes an empty
 * key and already balances round-robin); removing client-IP or cookie stickiness is `review`: it
 * is right only once the server keeps no per-instance state.
 */
import { stickyAws } from '../src/rules/config/sticky-aws.js';
import { caddyPolicies, caddyRewrite, legacyCaddyStream, SSE_NAME, stickyCaddy, stickyCaddyPolicy } from '../src/rules/config/sticky-caddy.js';
import { stickyGateway } from '../src/rules/config/sticky-gateway.js';
import { HEADER_BALANCE, HEADER_STICK, stickyHaproxy } from '../src/rules/config/sticky-haproxy.js';
import { k8sOwner } from '../src/rules/config/k8s-routes.js';
import { NAMES_NO_MCP, stickyK8s } from '../src/rules/config/sticky-k8s.js';
import { SAYS_WHAT_TO_DO, TF_AFFINITY_DELETED, terraformAffinities } from '../src/rules/config/platform.js';
import { NGINX_HASH_DIRECTIVE, servesAnotherApp, stickyNginx, unnamedUpstreamPaths, upstreamAround, upstreamLocations } from '../src/rules/config/sticky-nginx.js';
import { stickyTraefik } from '../src/rules/config/sticky-traefik.js';
import { stickyWrangler } from '../src/rules/config/sticky-wrangler.js';
import { NGINX_DIRECTIVE_START, STICKY_HASH_VARIABLE, blankedText, configLines, foldedScalarKey, isListItem, yamlBlockEnd, yamlEntry, yamlKey, type ConfigLine } from '../src/rules/config/text.js';
import type { ConfigKind, ConfigRule, Report } from '../src/rules/types.js';
import { commentStyle } from '../src/fix/markers.js';
import { eolOf, finish, instructionStart, isHandled, newWork, ownCommentStart, removalComment, removeYamlEntries, startOfLine, yamlChildren, yamlParent, type ConfigWork } from './lib/config-edits.js';
import { lineAt } from './lib/edits.js';
import { SPEC_TRANSPORT } from './lib/messages.js';
import type { CodemodContext, ConfigCodemod, Safety } from './types.js';

/** The scanner rules whose findings this codemod removes or marks. */
const RULES: readonly ConfigRule[] = [stickyNginx, stickyHaproxy, stickyK8s, stickyTraefik, stickyCaddy, stickyWrangler, stickyGateway, stickyAws];

/** Why a removal is right, written into the comment that replaces it. */
const WHY = {
  header: '2026-07-28 clients send no Mcp-Session-Id, so there is nothing to hash; round-robin is the default',
  stateless: '2026-07-28 servers are stateless, any instance may serve any request; round-robin is the default',
  cloudRun: '2026-07-28 servers are stateless, any instance may serve any request; Cloud Run routes without affinity by default',
  service: '2026-07-28 servers are stateless, any pod may serve any request; the default sessionAffinity None balances them',
};

/** What a person does about stickiness this codemod leaves in place, per scanner rule. */
const ADVICE: Record<string, string> = {
  'sticky-nginx': 'remove it once the server keeps no per-instance state (round-robin is the default)',
  'sticky-haproxy': 'once the server keeps no per-instance state, remove the persistence and balance roundrobin (keep a stick-table only if it serves rate limiting)',
  'sticky-k8s': 'once the server keeps no per-instance state, remove it (round-robin is the default)',
  'sticky-traefik': 'once the server keeps no per-instance state, delete the sticky block (round-robin is the default)',
  'sticky-caddy': 'once the server keeps no per-instance state, replace it with lb_policy round_robin (dropping any fallback block)',
  'sticky-gateway': 'once the server keeps no per-instance state, remove the hash setting and its hash algorithm (round-robin is the default)',
  'sticky-aws': 'once the server keeps no per-instance state, disable the stickiness (round-robin is the default)',
  'sticky-wrangler':
    "for an McpAgent, serve MCP statelessly from the Worker, keep cross-call state in a Durable Object, KV or D1 addressed by an explicit handle, then retire this binding with a migration (a deleted_classes migration deletes the class's stored data: only once nothing in it is needed); for another Durable Object, leave it and delete this note",
};

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// nginx

const NGINX_DIRECTIVES: RegExp[] = [
  new RegExp(`${NGINX_DIRECTIVE_START}ip_hash\\s*;`, 'gm'),
  // `sticky learn` and friends may continue on the next lines up to their `;`.
  new RegExp(`${NGINX_DIRECTIVE_START}sticky(?:_cookie_insert)?(?=[\\s;])[^;'"{}]*;?`, 'gm'),
  new RegExp(NGINX_HASH_DIRECTIVE.source, 'gm' + NGINX_HASH_DIRECTIVE.flags.replace(/[gm]/g, '')),
];

/** The legacy HTTP+SSE location (`/sse`, `/messages`) that proxies to upstream `name`, if any. */
function legacySseLocation(code: string, name: string): string | undefined {
  return upstreamLocations(code, name).find((path) => /\bsse\b|\/sse|messages?\b/i.test(path));
}

function nginxDirectives(text: string, kind: ConfigKind, lines: readonly ConfigLine[], prefix: string, ctx: CodemodContext, work: ConfigWork): void {
  const code = lines.map((line) => line.code).join('\n');
  const eol = eolOf(text);
  for (const pattern of NGINX_DIRECTIVES) {
    for (const match of code.matchAll(pattern)) {
      const lead = match[0].length - match[0].trimStart().length;
      const start = match.index + lead;
      const statement = match[0].trimStart().trimEnd();
      const end = start + statement.length;
      if (!statement.endsWith(';')) continue; // the scanner's finding gets a marker
      const hashed = /^hash\s/.test(statement) ? STICKY_HASH_VARIABLE.exec(statement)?.[1].toLowerCase() : undefined;
      if (/^hash\s/.test(statement) && !hashed) continue; // cache locality, not stickiness
      const what = collapse(text.slice(start, end));
      const byHeader = hashed === 'http_mcp_session_id';
      // Stickiness of another application's upstream, beside the MCP one: not the server's (the scanner reports none).
      if (!byHeader && servesAnotherApp(code, start)) {
        work.handled.push([start, end]);
        continue;
      }
      // Stickiness that a legacy SSE endpoint still needs: its stream lives on one instance.
      const upstream = upstreamAround(code, start);
      const location = !byHeader && upstream ? legacySseLocation(code, upstream) : undefined;
      const sse = hashed?.startsWith('arg_session')
        ? 'it routes by the legacy ?sessionId='
        : location
          ? `upstream ${upstream} serves location ${location}`
          : !byHeader && upstream && SSE_NAME.test(upstream)
            ? `upstream ${upstream} is the legacy SSE pool`
            : undefined;
      if (sse) {
        work.handled.push([start, end]);
        work.markers.push({
          pos: start,
          message: `"${what}" keeps legacy HTTP+SSE clients on the instance that holds their stream (${sse}): keep it until that endpoint is retired, then remove it`,
          link: SPEC_TRANSPORT,
        });
        continue;
      }
      // An upstream nothing in the file ties to MCP (a monorepo's storefront): marked, not removed (trial 35B).
      const unnamed = byHeader ? undefined : unnamedUpstreamPaths(code, start);
      if (unnamed) {
        work.handled.push([start, end]);
        work.markers.push({
          pos: start,
          message: `"${what}" pins clients of upstream ${unnamed.upstream}, which only ${unnamed.paths.join(', ')} reach${unnamed.paths.length === 1 ? 'es' : ''}: nothing in this file routes an MCP path there, so it was left. If the MCP server is behind it, remove it once the server keeps no per-instance state; if another application there keeps sessions in memory, keep it and suppress the finding`,
          link: SPEC_TRANSPORT,
        });
        continue;
      }
      const safety: Safety = byHeader ? 'safe' : 'review';
      work.handled.push([start, end]);
      if (keptForSessions(ctx, work, start, `"${what}"`, !byHeader)) continue;
      if (!ctx.allows(safety)) continue;
      const comment = removalComment(prefix, `"${what}"`, byHeader ? WHY.header : WHY.stateless);
      const ls = kind === 'dockerfile' ? instructionStart(text, start) : text.lastIndexOf('\n', start - 1) + 1;
      const lastNewline = text.indexOf('\n', end);
      const le = lastNewline === -1 ? text.length : lastNewline + 1;
      const indent = /^[ \t]*/.exec(text.slice(ls))![0];
      const alone = text.slice(ls, start).trim() === '' && code.slice(end, lastNewline === -1 ? code.length : lastNewline).trim() === '';
      if (alone) {
        const first = lines.findIndex((line) => line.start === ls);
        const from = first >= 0 ? lines[ownCommentStart(lines, first, -1)].start : ls;
        work.edits.push({ start: from, end: le, text: `${indent}${comment}${lastNewline === -1 ? '' : eol}` });
      } else {
        // `printf '...{\n    ip_hash;\n ...'`: the escaped newline before the directive goes with it.
        const escapedNewline = /\\n[ \t]*$/.exec(text.slice(ls, start));
        const spaces = /^[ \t]*/.exec(text.slice(end))![0].length;
        work.edits.push(escapedNewline ? { start: start - escapedNewline[0].length, end, text: '' } : { start, end: end + spaces, text: '' });
        work.edits.push({ start: ls, end: ls, text: `${indent}${comment}${eol}` });
      }
      work.changes.push({
        line: lineAt(text, start),
        description: byHeader
          ? `removed ${what} (2026-07-28 clients send no Mcp-Session-Id; round-robin)`
          : `removed ${what}: round-robin is right once the server keeps no per-instance state`,
        safety,
      });
    }
  }
}

/**
 * Stickiness the code of this run still needs once rewritten (a session transport fix left, a
 * legacy SSE endpoint it did not retire): marked to stay until that code is stateless, not
 * removed. Whether a marker was placed.
 */
function keptForSessions(ctx: CodemodContext, work: ConfigWork, pos: number, what: string, byClient = true): boolean {
  // The servers' code was not part of the run: what it still keeps on one instance is unknown.
  if (ctx.noServerCode) {
    work.markers.push({
      pos,
      message: `${what} keeps each client on one instance, and no MCP server code was part of this run, so whether the servers behind it still keep sessions or state in one instance's memory is unknown here: keep it, and run fix on the repository (or with the servers' packages too), which removes it once their code serves every request statelessly`,
      link: SPEC_TRANSPORT,
    });
    return true;
  }
  // Tools that keep what a later call needs in one instance's memory: client stickiness is all
  // that holds them together (stickiness by the removed header pins no 2026-07-28 client anyway).
  if (!ctx.sessionsKeptIn && byClient && ctx.stateKeptIn) {
    work.markers.push({
      pos,
      message: `${what} keeps each client on one instance, and ${ctx.stateKeptIn} keeps state a later call needs in that instance's memory (a stateful-tool or session-state finding this run left): a call that reaches another instance would not find it. Keep it until that state is in a store every instance reaches, then remove it (run fix again)`,
      link: SPEC_TRANSPORT,
    });
    return true;
  }
  // The web application's own sessions in this process's memory (trial 73B B5): its routes need the stickiness, whatever MCP does.
  if (!ctx.sessionsKeptIn && byClient && ctx.webSessionsKeptIn) {
    work.markers.push({
      pos,
      message: `${what} keeps each client on one instance, and ${ctx.webSessionsKeptIn} keeps the web application's sessions in that instance's memory (a session middleware with its default in-memory store), which its routes (a login, a cart) need on every request: keep it, or keep those sessions in a store every instance reaches (connect-redis, say) and then remove it. The MCP endpoint itself needs none`,
      link: SPEC_TRANSPORT,
    });
    return true;
  }
  if (!ctx.sessionsKeptIn && ctx.authKeptIn) {
    work.markers.push({
      pos,
      message: `${what} keeps each client on one instance, and ${ctx.authKeptIn} keeps OAuth tokens, codes or clients in that instance's memory (auth-store): another instance would answer 401. Keep it until they are in a store every instance reaches, then remove it (run fix again)`,
      link: SPEC_TRANSPORT,
    });
    return true;
  }
  if (!ctx.sessionsKeptIn) return false;
  work.markers.push({
    pos,
    message: `${what} keeps each client on the instance that holds its session, and ${ctx.sessionsKeptIn} still keeps sessions on one instance after this run (a sessionful transport or a legacy SSE endpoint left for a person): keep it until that code serves every request statelessly, then remove it (run fix again)`,
    link: SPEC_TRANSPORT,
  });
  return true;
}

// ---------------------------------------------------------------------------------------------
// HAProxy: persistence keyed on the removed header

function haproxyHeaderRules(text: string, lines: readonly ConfigLine[], prefix: string, ctx: CodemodContext, work: ConfigWork): void {
  const eol = eolOf(text);
  lines.forEach((line, index) => {
    const balance = HEADER_BALANCE.exec(line.code);
    const stick = HEADER_STICK.exec(line.code);
    const match = balance ?? stick;
    if (!match) return;
    work.handled.push([line.start, line.start + line.raw.length]);
    if (keptForSessions(ctx, work, line.start, `"${collapse(match[2])}"`, false)) return;
    if (!ctx.allows('safe')) return;
    const indent = match[1];
    const what = collapse(match[2]);
    const from = lines[ownCommentStart(lines, index, -1)].start;
    const end = startOfLine(lines, index + 1, text);
    const newline = index + 1 < lines.length ? eol : '';
    if (balance) {
      const comment = `${prefix} mcp-migrate: replaced "${what}" with roundrobin: 2026-07-28 clients send no Mcp-Session-Id, and HAProxy balances requests without it round-robin (${SPEC_TRANSPORT})`;
      work.edits.push({ start: from, end, text: `${indent}${comment}${eol}${indent}balance roundrobin${newline}` });
      work.changes.push({ line: index + 1, description: `replaced ${what} with balance roundrobin (2026-07-28 clients send no Mcp-Session-Id)`, safety: 'safe' });
    } else {
      work.edits.push({ start: from, end, text: `${indent}${removalComment(prefix, `"${what}"`, '2026-07-28 clients send no Mcp-Session-Id, so there is nothing to stick on')}${newline}` });
      work.changes.push({ line: index + 1, description: `removed ${what} (2026-07-28 clients send no Mcp-Session-Id)`, safety: 'safe' });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Caddy: `lb_policy` of a reverse_proxy

function caddyLoadBalancing(text: string, lines: readonly ConfigLine[], prefix: string, ctx: CodemodContext, work: ConfigWork): void {
  const eol = eolOf(text);
  for (const policy of caddyPolicies(lines)) {
    if (stickyCaddyPolicy(policy) === undefined) continue;
    const line = lines[policy.line];
    const start = line.start + policy.start;
    const rewrite = caddyRewrite(policy);
    // The cookie policy's second argument is its HMAC secret: a comment does not repeat it.
    const what = policy.policy === 'cookie' ? ['lb_policy', 'cookie', ...policy.args.slice(0, 1)].join(' ') : collapse(line.code.slice(policy.start, policy.end));
    const sse = rewrite === 'header' ? undefined : legacyCaddyStream(policy);
    if (sse) {
      work.handled.push([start, line.start + policy.end]);
      work.markers.push({
        pos: start,
        message: `"${what}" keeps legacy HTTP+SSE clients on the instance that holds their stream (${sse}): keep it until that endpoint is retired, then remove it`,
        link: SPEC_TRANSPORT,
      });
      continue;
    }
    if (!rewrite) continue; // the scanner's finding gets a marker
    const byHeader = rewrite === 'header';
    const safety: Safety = byHeader ? 'safe' : 'review';
    work.handled.push([line.start, line.start + line.raw.length]);
    if (keptForSessions(ctx, work, start, `"${what}"`, !byHeader)) continue;
    if (!ctx.allows(safety)) continue;
    const indent = line.raw.slice(0, policy.start);
    const from = lines[ownCommentStart(lines, policy.line, -1)].start;
    const why = byHeader ? '2026-07-28 clients send no Mcp-Session-Id, so there is nothing to hash' : '2026-07-28 servers are stateless, any instance may serve any request';
    const comment = `${prefix} mcp-migrate: replaced "${what}" with round_robin: ${why} (${SPEC_TRANSPORT})`;
    // Up to the end of the directive: a comment after it on the line stays.
    work.edits.push({ start: from, end: line.start + policy.end, text: `${indent}${comment}${eol}${indent}lb_policy round_robin` });
    work.changes.push({
      line: policy.line + 1,
      description: byHeader
        ? `replaced ${what} with lb_policy round_robin (2026-07-28 clients send no Mcp-Session-Id)`
        : `replaced ${what} with lb_policy round_robin: right once the server keeps no per-instance state`,
      safety,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Kubernetes YAML: ingress-nginx annotations and Service session affinity

interface YamlGroup {
  entries: number[];
  what: string;
  why: string;
  safety: Safety;
  description: string;
}

const ANNOTATION_PREFIX = /^([\w.-]+)\/(.+)$/;

function siblingsMatching(lines: readonly ConfigLine[], index: number, test: (key: string) => boolean): number[] {
  const parent = yamlParent(lines, index);
  if (parent === undefined) return [];
  return yamlChildren(lines, parent).filter((child) => child !== index && !isListItem(lines[child].code) && test(yamlKey(lines[child].code) ?? ''));
}

function k8sGroups(lines: readonly ConfigLine[], work: ConfigWork): YamlGroup[] {
  const groups: YamlGroup[] = [];
  const short = (index: number) => ANNOTATION_PREFIX.exec(yamlKey(lines[index].code) ?? '')?.[2] ?? yamlKey(lines[index].code) ?? '';
  lines.forEach((line, index) => {
    if (isListItem(line.code)) return;
    const entry = yamlEntry(line.code);
    if (entry === undefined) return;
    const { key, value } = entry;
    const annotation = ANNOTATION_PREFIX.exec(key);
    if (annotation && annotation[2] === 'affinity' && /^cookie$/i.test(value)) {
      const tuning = siblingsMatching(lines, index, (k) => /^[\w.-]+\/(affinity-mode|affinity-canary-behavior|session-cookie-[\w-]+)$/.test(k));
      groups.push({
        entries: [index, ...tuning],
        what: `${key}: ${value}${tuning.length > 0 ? ` (and ${tuning.map(short).join(', ')})` : ''}`,
        why: WHY.stateless,
        safety: 'review',
        description: `removed Ingress cookie affinity (${key}${tuning.length > 0 ? ` and ${tuning.length} tuning annotation(s)` : ''}): round-robin is right once the server keeps no per-instance state`,
      });
    } else if (annotation && annotation[2] === 'upstream-hash-by') {
      const variable = STICKY_HASH_VARIABLE.exec(value)?.[1].toLowerCase();
      if (!variable) return;
      if (variable.startsWith('arg_session')) {
        work.handled.push([line.start, line.start + line.raw.length]);
        work.markers.push({
          pos: line.start,
          message: `upstream-hash-by ${value} keeps legacy HTTP+SSE clients on the pod that holds their stream: keep it until that endpoint is retired, then remove it`,
          link: SPEC_TRANSPORT,
        });
        return;
      }
      const tuning = siblingsMatching(lines, index, (k) => /^[\w.-]+\/upstream-hash-by-subset(-size)?$/.test(k));
      const byHeader = variable === 'http_mcp_session_id';
      groups.push({
        entries: [index, ...tuning],
        what: `${key}: ${value}${tuning.length > 0 ? ` (and ${tuning.map(short).join(', ')})` : ''}`,
        why: byHeader ? WHY.header : WHY.stateless,
        safety: byHeader ? 'safe' : 'review',
        description: byHeader
          ? `removed upstream-hash-by ${value} (2026-07-28 clients send no Mcp-Session-Id; round-robin)`
          : `removed upstream-hash-by ${value}: round-robin is right once the server keeps no per-instance state`,
      });
    } else if (key === 'run.googleapis.com/sessionAffinity' && /^true$/i.test(value)) {
      groups.push({
        entries: [index],
        what: `${key}: '${value}'`,
        why: WHY.cloudRun,
        safety: 'review',
        description: 'removed Cloud Run session affinity (run.googleapis.com/sessionAffinity): right once the server keeps no per-instance state',
      });
    } else if (key === 'sessionAffinity' && value === 'ClientIP') {
      const config = siblingsMatching(lines, index, (k) => k === 'sessionAffinityConfig');
      groups.push({
        entries: [index, ...config],
        what: `sessionAffinity: ClientIP${config.length > 0 ? ' (and sessionAffinityConfig)' : ''}`,
        why: WHY.service,
        safety: 'review',
        description: 'removed Service sessionAffinity: ClientIP (default None): right once the server keeps no per-pod state',
      });
    }
  });
  return groups;
}

function k8sAffinity(text: string, lines: readonly ConfigLine[], prefix: string, ctx: CodemodContext, work: ConfigWork): void {
  const owner = k8sOwner(lines);
  for (const group of k8sGroups(lines, work)) {
    // Stickiness by the removed header is the MCP server's wherever it is.
    const whose = group.safety === 'safe' ? 'mcp' : owner(lines[group.entries[0]].start);
    // Another application's Service or Ingress beside the MCP server's: not the server's (the scanner reports none).
    if (whose === 'other') continue;
    for (const entry of group.entries) work.handled.push([lines[entry].start, startOfLine(lines, yamlBlockEnd(lines, entry), text)]);
    // A manifest that names no MCP: whose stickiness this is, a person says (trial 38C: a web app's
    // Service lost the affinity its in-memory sessions needed).
    if (whose === 'unnamed') {
      work.markers.push({ pos: lines[group.entries[0]].start, message: `${group.what}: ${NAMES_NO_MCP}; if it is the MCP server's, remove it once the server keeps no per-instance state`, link: SPEC_TRANSPORT });
      continue;
    }
    if (keptForSessions(ctx, work, lines[group.entries[0]].start, group.what, group.safety !== 'safe')) continue;
    if (!ctx.allows(group.safety)) continue;
    work.edits.push(...removeYamlEntries(text, lines, group.entries, removalComment(prefix, group.what, group.why)));
    work.changes.push({ line: group.entries[0] + 1, description: group.description, safety: group.safety });
  }
}

// ---------------------------------------------------------------------------------------------
// Terraform: `session_affinity` of a Cloud Run v2 service or a Kubernetes Service

function terraformAffinity(text: string, lines: readonly ConfigLine[], prefix: string, ctx: CodemodContext, work: ConfigWork): void {
  const eol = eolOf(text);
  const code = blankedText(lines);
  for (const found of terraformAffinities(code)) {
    if (!TF_AFFINITY_DELETED.test(found.type)) continue; // the scanner's finding gets a marker
    const what = collapse(text.slice(found.start, found.end));
    work.handled.push([found.start, found.end]);
    if (keptForSessions(ctx, work, found.start, `${what} (${found.resource})`)) continue;
    if (!ctx.allows('review')) continue;
    const index = lines.findIndex((line, i) => found.start >= line.start && (i + 1 === lines.length || found.start < lines[i + 1].start));
    const line = lines[index];
    const indent = /^[ \t]*/.exec(line.raw)![0];
    const comment = removalComment(prefix, `${what} from ${found.resource}`, found.type.startsWith('kubernetes') ? WHY.service : WHY.cloudRun);
    const alone = line.code.slice(0, found.start - line.start).trim() === '' && line.code.slice(found.end - line.start).trim() === '';
    if (alone) {
      const from = lines[ownCommentStart(lines, index, -1)].start;
      work.edits.push({ start: from, end: startOfLine(lines, index + 1, text), text: `${indent}${comment}${index + 1 < lines.length ? eol : ''}` });
    } else {
      // `template { session_affinity = true }`: the attribute goes, the block stays.
      const spaces = /^[ \t]*/.exec(text.slice(found.end))![0].length;
      work.edits.push({ start: found.start, end: found.end + spaces, text: '' });
      work.edits.push({ start: line.start, end: line.start, text: `${indent}${comment}${eol}` });
    }
    work.changes.push({ line: index + 1, description: `removed ${what} from ${found.resource}: right once the server keeps no per-instance state`, safety: 'review' });
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Where a marker about offset `pos` of a YAML file goes: above the key of a scalar whose lines
 * fold into one (`run: >-`, a plain scalar over several lines) when `pos` is on one of its lines,
 * where a comment line would end the scalar or swallow the rest of a command; `pos` itself elsewhere.
 */
function outsideFoldedScalar(lines: readonly ConfigLine[], pos: number): number {
  const index = lines.findIndex((line, i) => pos >= line.start && (i + 1 === lines.length || pos < lines[i + 1].start));
  const key = index < 0 ? undefined : foldedScalarKey(lines, index);
  if (key === undefined) return pos;
  const code = lines[key].code;
  return lines[key].start + (code.length - code.trimStart().length);
}

/** The HAProxy backend around `pos` when it serves legacy SSE (`use_backend x if { path_beg /sse }` or named so). */
function legacyHaproxyBackend(text: string, pos: number): string | undefined {
  const sections = [...text.slice(0, pos).matchAll(/^\s*(backend|listen)\s+([\w.-]+)/gm)];
  const name = sections[sections.length - 1]?.[2];
  if (!name) return undefined;
  const escaped = name.replace(/[.-]/g, '\\$&');
  const routed = new RegExp(`^\\s*use_backend\\s+${escaped}\\s+(if|unless)\\b.*(/sse\\b|/messages\\b)`, 'im').test(text);
  return routed || SSE_NAME.test(name) ? name : undefined;
}

/** Markers for what the scanner still finds and this codemod did not deal with. */
function markRemaining(text: string, kind: ConfigKind, path: string, work: ConfigWork): void {
  const file = { path, text, lower: text.toLowerCase(), kind };
  const lines = kind === 'yaml' || kind === 'traefik' ? configLines(file) : undefined;
  for (const rule of RULES) {
    if (!rule.kinds.includes(kind) || !rule.keywords.some((k) => file.lower.includes(k))) continue;
    rule.check(file, (report: Report) => {
      const pos = report.start ?? 0;
      if (isHandled(work, pos)) return;
      const sse = rule.id === 'sticky-haproxy' ? legacyHaproxyBackend(text, pos) : undefined;
      // The rule's own advice for this kind of finding (a CLI flag, a label), as the rest of a sentence.
      const specific = rule.fix.advice?.({ message: report.message })?.replace(/^\w/, (c) => c.toLowerCase()).replace(/\.$/, '');
      const advice = sse
        ? `backend ${sse} serves the legacy HTTP+SSE endpoint, whose stream lives on one server: keep it until that endpoint is retired, then remove it`
        : (specific ?? ADVICE[rule.id] ?? rule.fix.manual);
      // A message that says what to do (a deployment command's) is the whole marker.
      const message = !sse && SAYS_WHAT_TO_DO.test(report.message) ? report.message : `${report.message}: ${advice}`;
      work.markers.push({ pos: lines ? outsideFoldedScalar(lines, pos) : pos, message, link: rule.docs });
    });
  }
}

export const stickyConfig: ConfigCodemod = {
  kind: 'config',
  id: 'sticky-config',
  title: 'Remove sticky load balancing from deployment config',
  target: 'any',
  configKinds: ['nginx', 'dockerfile', 'yaml', 'haproxy', 'traefik', 'caddy', 'wrangler', 'terraform', 'cloudformation'],
  // sticky-traefik, sticky-wrangler, sticky-gateway and sticky-aws findings are only marked.
  resolves: RULES.map((rule) => rule.id),
  keywords: [...new Set(RULES.flatMap((rule) => rule.keywords))],
  transform({ text, kind }, ctx) {
    const lines = configLines({ path: ctx.path, text });
    const prefix = commentStyle({ type: 'config', kind }, ctx.path);
    const work = newWork();
    if (prefix === '#') {
      if (kind === 'nginx' || kind === 'dockerfile' || kind === 'yaml') nginxDirectives(text, kind, lines, prefix, ctx, work);
      if (kind === 'haproxy' || kind === 'yaml') haproxyHeaderRules(text, lines, prefix, ctx, work);
      if (kind === 'yaml') k8sAffinity(text, lines, prefix, ctx, work);
      if (kind === 'terraform' && !/\.json$/i.test(ctx.path)) terraformAffinity(text, lines, prefix, ctx, work);
      if (kind === 'caddy') caddyLoadBalancing(text, lines, prefix, ctx, work);
    }
    markRemaining(text, kind, ctx.path, work);
    if (work.edits.length === 0 && work.markers.length === 0) return { text, changes: [], markers: [] };
    return finish(text, work);
  },
};
