import { SPEC, type ConfigRule } from '../types.js';
import { configLines, reportMatches } from './text.js';

/** nginx upstream stickiness: `ip_hash`, `sticky`, `hash $http_mcp_session_id` / cookie hashing. */
export const stickyNginx: ConfigRule = {
  target: 'config',
  kinds: ['nginx', 'dockerfile'],
  id: 'sticky-nginx',
  category: 'sticky-lb-config',
  severity: 'warning',
  title: 'nginx pins clients to one upstream',
  why:
    'Sessionful 2025 servers only work when every request of a session reaches the instance that holds it, so their nginx ' +
    'upstreams hash on the client IP, a cookie or the Mcp-Session-Id header. 2026-07-28 servers keep no per-instance session: ' +
    'the stickiness hides state bugs, skews load and stops working for modern clients, which send no session header.',
  fix: { codemod: 'sticky-config', manual: 'Remove the directive and balance round-robin (the default) once the server is stateless.' },
  docs: `${SPEC}/basic/transports/streamable-http`,
  keywords: ['ip_hash', 'sticky', 'hash $', 'http_mcp_session_id'],
  check(file, report) {
    const lines = configLines(file);
    reportMatches(lines, /^\s*ip_hash\s*;/, report, () => 'ip_hash pins each client IP to one upstream instance');
    reportMatches(lines, /^\s*sticky\b[^;]*;?/, report, () => 'sticky pins each client to one upstream instance');
    reportMatches(lines, /^\s*hash\s+\$(http_mcp_session_id|cookie_\w+|remote_addr|binary_remote_addr|arg_sessionid)\b[^;]*;?/i, report, (m) =>
      m[1].toLowerCase() === 'http_mcp_session_id' ? 'hash $http_mcp_session_id routes by the removed Mcp-Session-Id header' : `hash $${m[1]} pins clients to one upstream instance`,
    );
  },
};
