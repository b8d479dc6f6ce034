/**
 * health-check-config (deployment config), target any: health checks that fetch the MCP
 * endpoint's stream (a Dockerfile `HEALTHCHECK` or compose `healthcheck` fetching `/mcp` or
 * `/sse`, a Kubernetes probe's `httpGet` path, HAProxy `option httpchk GET /sse`) are marked.
 *
 * Once the server serves 2026-07-28, GET on the MCP endpoint answers 405 (stateless-transport and
 * v2-handler make it so) and the SSE endpoint is retired: every instance would fail the check. The
 * right target is a health route of the application's own, which this codemod cannot know, so
 * it only marks the check, in any fix run that reads the config (it is wrong as soon as the server
 * serves 2026-07-28, whichever run makes it so; trial 33A).
 */
import { streamHealthCheck } from '../src/rules/config/stream-health-check.js';
import { finish, isHandled, newWork } from './lib/config-edits.js';
import type { ConfigCodemod } from './types.js';

export const healthCheckConfig: ConfigCodemod = {
  kind: 'config',
  id: 'health-check-config',
  title: 'Health checks on the MCP endpoint\'s stream, marked for a health route of their own',
  target: 'any',
  configKinds: streamHealthCheck.kinds,
  resolves: [streamHealthCheck.id],
  keywords: streamHealthCheck.keywords,
  transform({ text, kind }, ctx) {
    const work = newWork();
    streamHealthCheck.check({ path: ctx.path, text, lower: text.toLowerCase(), kind }, (report) => {
      const pos = report.start ?? 0;
      if (isHandled(work, pos)) return;
      work.handled.push([pos, report.end ?? pos]);
      work.markers.push({ pos, message: report.message, link: streamHealthCheck.docs });
    });
    if (work.markers.length === 0) return { text, changes: [], markers: [] };
    return finish(text, work, kind);
  },
};
