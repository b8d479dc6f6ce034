/**
 * Deployment-config rules, read as text. Order only affects the order of findings on one line.
 * The sticky-* rules split by technology and never report the same line; they supersede
 * session-header-config where they report the same code (hashing or sticking on the header).
 */
import { supersededBy, type ConfigFile, type ConfigRule } from '../types.js';
import { sessionHeaderConfig } from './session-header-config.js';
import { singleInstance } from './single-instance.js';
import { sseClientConfig } from './sse-client-config.js';
import { sseGateway } from './sse-gateway.js';
import { statefulGateway } from './stateful-gateway.js';
import { stickyAws } from './sticky-aws.js';
import { stickyCaddy } from './sticky-caddy.js';
import { stickyGateway } from './sticky-gateway.js';
import { stickyHaproxy } from './sticky-haproxy.js';
import { stickyK8s } from './sticky-k8s.js';
import { stickyNginx } from './sticky-nginx.js';
import { stickyTraefik } from './sticky-traefik.js';
import { stickyWrangler } from './sticky-wrangler.js';
import { streamHealthCheck } from './stream-health-check.js';

export const configRules: ConfigRule[] = [stickyNginx, stickyHaproxy, stickyK8s, stickyTraefik, stickyCaddy, stickyWrangler, stickyGateway, stickyAws, sessionHeaderConfig, sseClientConfig, singleInstance, streamHealthCheck, sseGateway, statefulGateway];

/**
 * Whether a report of rule `id` on `file` over [start, end) is one a scan drops because a config
 * rule that supersedes `id` reports the same code (a `stick on hdr(mcp-session-id)` is
 * sticky-haproxy's finding, not session-header-config's): for a codemod that runs rule `id` itself
 * and would otherwise mark what the superseding rule's codemod rewrites or marks.
 */
export function supersededInConfig(file: ConfigFile, id: string): (start: number, end: number) => boolean {
  const winners: Array<[number, number]> = [];
  for (const rule of configRules) {
    if (!rule.supersedes?.includes(id) || !rule.kinds.includes(file.kind) || !rule.keywords.some((k) => file.lower.includes(k))) continue;
    rule.check(file, (report) => {
      const start = report.start ?? 0;
      winners.push([start, Math.max(report.end ?? start, report.covers ?? 0)]);
    });
  }
  return (start, end) => winners.some((winner) => supersededBy(start, end, winner));
}
