/**
 * The codemod registry, in the order `fix` runs them. Order matters:
 *   1. v2-handler (2026-07-28) runs the official v1→v2 surface codemod first, then rewires HTTP
 *      serving onto createMcpHandler; it subsumes stateless-transport on that target.
 *   2. stateless-transport (sdk-v1) rewrites session dispatch to per-request transports; it must
 *      run before cors-headers so the CORS lists it leaves are the ones cors-headers edits.
 *   3. sse-transport moves legacy SSE endpoints (or marks them).
 *   4. cors-headers and sticky-config only touch header lists and load-balancer config.
 *   5. explicit-handles runs last, on handlers whose transport wiring is already stateless.
 */
import { corsHeaders, corsHeadersConfig } from './cors-headers.js';
import { explicitHandles } from './explicit-handles.js';
import { stickyConfig } from './sticky-config.js';
import { statelessTransport } from './stateless-transport.js';
import type { Codemod } from './types.js';
import { v2Handler } from './v2-handler.js';

export const codemods: readonly Codemod[] = [v2Handler, statelessTransport, corsHeaders, corsHeadersConfig, stickyConfig, explicitHandles];

export function codemodById(id: string): Codemod | undefined {
  return codemods.find((c) => c.id === id);
}
