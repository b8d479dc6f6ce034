// State explicit-handles leaves (a timer writes it after the call returns) in a tool that also asks
// the client mid-call: the request is marked where it is made, as for a tool it cannot rewrite
// (trial 69A B2: only the state was marked).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

// TODO(mcp-migrate): builds is keyed by the MCP session id, and the tool start_build leaves work
// running that changes its entries after the call returns (setTimeout(() => builds.set(sid,
// 'done'), 1000)): under explicit handles a handle's value is saved to the shared store once, when
// the handler returns, so what that work changes later would never reach the store (a job polled
// there would stay as the handler left it), and explicit-handles leaves it. Have that work write
// the shared store under the handle itself (or finish it within the call), then give the tools a
// handle argument by hand (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const builds = new Map<string, string>();

export function buildServer() {
  const server = new McpServer({ name: 'builds', version: '1.0.0' });
  server.registerTool('start_build', { description: 'Start a build', inputSchema: { target: z.string() } }, async ({ target }, extra) => {
    // TODO(mcp-migrate): elicitInput() asks the client mid-call, and fails on every request until
    // rewritten: a server built per request (a stateless transport) never sees initialize, so it
    // knows no client capabilities (the SDK's error says the client does not support the request,
    // whatever it declared), and it keeps no stream for the answer. Rewrite it to the 2026-07-28
    // multi-round-trip shape on the v2 packages (fix --target 2026-07-28): return inputRequired({
    // inputRequests: { ... } }), read the answer from ctx.mcpReq.inputResponses when the client
    // calls again, and keep what the call needs to resume in requestState
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr)
    const ok = await server.server.elicitInput({ message: `Build ${target}?`, requestedSchema: { type: 'object', properties: {} } });
    if (ok.action !== 'accept') return { content: [{ type: 'text', text: 'cancelled' }] };
    const sid = extra.sessionId!;
    builds.set(sid, 'running');
    setTimeout(() => builds.set(sid, 'done'), 1000);
    return { content: [{ type: 'text', text: 'started' }] };
  });
  server.registerTool('build_status', { description: 'Build status', inputSchema: {} }, async (_args, extra) => ({ content: [{ type: 'text', text: builds.get(extra.sessionId!) ?? 'none' }] }));
  return server;
}
