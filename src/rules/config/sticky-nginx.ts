import { SPEC, type ConfigRule } from '../types.js';
import { NGINX_DIRECTIVE_START, STICKY_HASH_VARIABLE, configLines, reportMatches } from './text.js';

/** `hash <key> [consistent];` — the key is checked against STICKY_HASH_VARIABLE. */
export const NGINX_HASH_DIRECTIVE = new RegExp(`${NGINX_DIRECTIVE_START}hash\\s+((?:"[^"]*"|'[^']*'|[^;{}'"\\s])+)(?:\\s+consistent)?\\s*(?:;|$|(?=['"]))`, 'i');

/**
 * nginx upstream stickiness: `ip_hash`, `sticky` (NGINX Plus and the sticky module),
 * `hash` on the session header, a cookie or the client address. Runs on nginx files, on
 * Dockerfiles that write nginx config (`RUN echo`/`printf`, heredocs) and on YAML, where
 * nginx.conf is often embedded in a ConfigMap.
 */
export const stickyNginx: ConfigRule = {
  target: 'config',
  kinds: ['nginx', 'dockerfile', 'yaml'],
  id: 'sticky-nginx',
  category: 'sticky-lb-config',
  supersedes: ['session-header-config'],
  severity: 'warning',
  title: 'nginx pins clients to one upstream',
  why:
    'Sessionful 2025 servers only work when every request of a session reaches the instance that holds it, so their nginx ' +
    'upstreams hash on the client IP, a cookie or the Mcp-Session-Id header. 2026-07-28 servers keep no per-instance session: ' +
    'the stickiness hides state bugs, skews load and stops working for modern clients, which send no session header.',
  fix: { codemod: 'sticky-config', manual: 'Remove the directive and balance round-robin (the default) once the server is stateless.' },
  docs: `${SPEC}/basic/transports/streamable-http`,
  keywords: ['sticky', 'hash'],
  check(file, report) {
    const lines = configLines(file);
    reportMatches(lines, new RegExp(`${NGINX_DIRECTIVE_START}ip_hash\\s*;`), report, () => 'ip_hash pins each client IP to one upstream instance');
    reportMatches(lines, new RegExp(`${NGINX_DIRECTIVE_START}sticky(?:_cookie_insert)?(?=[\\s;])[^;'"]*;?`), report, (m) => {
      const method = /^\s*sticky\s+(cookie|route|learn)\b/.exec(m[0])?.[1];
      return method ? `sticky ${method} pins each client to one upstream instance` : 'sticky pins each client to one upstream instance';
    });
    reportMatches(lines, NGINX_HASH_DIRECTIVE, report, (m) => {
      const variable = STICKY_HASH_VARIABLE.exec(m[1])?.[1].toLowerCase();
      if (!variable) return undefined;
      if (variable === 'http_mcp_session_id') return 'hash $http_mcp_session_id routes by the Mcp-Session-Id header, which 2026-07-28 removed';
      return `hash $${variable} pins each client to one upstream instance`;
    });
  },
};
