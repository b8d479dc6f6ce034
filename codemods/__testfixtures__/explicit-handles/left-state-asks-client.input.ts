// State explicit-handles leaves (a timer writes it after the call returns) in a tool that also asks
// the client mid-call: the request is marked where it is made, as for a tool it cannot rewrite
// (trial 69A B2: only the state was marked).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const builds = new Map<string, string>();

export function buildServer() {
  const server = new McpServer({ name: 'builds', version: '1.0.0' });
  server.registerTool('start_build', { description: 'Start a build', inputSchema: { target: z.string() } }, async ({ target }, extra) => {
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
