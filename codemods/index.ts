/**
 * The codemod registry, in the order `fix` runs them. Order matters:
 *   0. server-factory turns one module-level server connected per session or request into a
 *      factory first, so the per-request rewrites below have a server per request to connect.
 *   1. sse-transport moves legacy HTTP+SSE endpoints to a per-request Streamable HTTP route first,
 *      so the route it writes is what v2-handler converts on the 2026-07-28 target.
 *      framework-options sets a framework's own options (@rekog/mcp-nest's) to stateless serving;
 *      it reads and writes only those options, so its place depends on no other codemod.
 *   2. v2-handler (2026-07-28) runs the official v1→v2 surface codemod, then rewires HTTP serving
 *      onto createMcpHandler; it subsumes stateless-transport on that target.
 *   3. stateless-transport (sdk-v1) rewrites session dispatch to per-request transports.
 *   4. cors-headers, cors-headers-config and sticky-config only touch header lists and
 *      load-balancer config; health-check-config only marks health checks.
 *   5. explicit-handles runs on handlers whose transport wiring is already stateless.
 *   6. list-cache reads the final v2 registrations (after every tool is in place).
 */
import { corsHeaders, corsHeadersConfig } from './cors-headers.js';
import { explicitHandles } from './explicit-handles.js';
import { frameworkOptions } from './framework-options.js';
import { healthCheckConfig } from './health-check-config.js';
import { listCache } from './list-cache.js';
import { serverFactory } from './server-factory.js';
import { sseTransport } from './sse-transport.js';
import { stickyConfig } from './sticky-config.js';
import { statelessTransport } from './stateless-transport.js';
import type { Codemod } from './types.js';
import { v2Handler } from './v2-handler.js';

export const codemods: readonly Codemod[] = [
  serverFactory,
  sseTransport,
  frameworkOptions,
  v2Handler,
  statelessTransport,
  corsHeaders,
  corsHeadersConfig,
  stickyConfig,
  healthCheckConfig,
  explicitHandles,
  listCache,
];
