// fix on a sessionful server whose tools keep their own per-session data in a Map whose values'
// type is named for a session (`type Session = { steps: string[] }`): scan calls that store one of
// "session objects" (session-map), but the tools read and write it as their state. The transport
// must not be made stateless while it stays keyed by the session id (trial 72A B1: fix did, exit
// 0, and a second user read the first one's flow).
import { describe, expect, it } from 'vitest';
import { findMarkers, withoutMarkers } from '../src/fix/markers.js';
import { runFix } from '../src/fix/runner.js';
import { tempDirs } from './helpers/cli.js';

const { repo: project } = tempDirs();

const server = (valueType: string, fields = 'steps: string[]') =>
  [
    "import express from 'express';",
    "import { randomUUID } from 'node:crypto';",
    "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
    "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
    "import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';",
    "import { z } from 'zod';",
    '',
    `type ${valueType} = { ${fields} };`,
    `const flows = new Map<string, ${valueType}>();`,
    'function buildServer(): McpServer {',
    "  const s = new McpServer({ name: 'flows', version: '1.0.0' });",
    "  s.registerTool('start_flow', { inputSchema: { first: z.string() } }, async ({ first }, extra) => {",
    '    flows.set(extra.sessionId!, { steps: [first] });',
    "    return { content: [{ type: 'text', text: 'started' }] };",
    '  });',
    "  s.registerTool('flow_step', { inputSchema: { step: z.string() } }, async ({ step }, extra) => {",
    '    const f = flows.get(extra.sessionId!);',
    "    if (!f) return { isError: true, content: [{ type: 'text', text: 'no flow' }] };",
    '    f.steps.push(step);',
    "    return { content: [{ type: 'text', text: f.steps.join(',') }] };",
    '  });',
    '  return s;',
    '}',
    'const transports: Record<string, StreamableHTTPServerTransport> = {};',
    'const app = express();',
    'app.use(express.json());',
    "app.post('/mcp', async (req, res) => {",
    "  const sid = req.headers['mcp-session-id'] as string | undefined;",
    '  let transport = sid ? transports[sid] : undefined;',
    '  if (!transport && isInitializeRequest(req.body)) {',
    '    transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (id) => { transports[id] = transport!; } });',
    '    await buildServer().connect(transport);',
    '  }',
    "  if (!transport) { res.status(400).end(); return; }",
    '  await transport.handleRequest(req, res, req.body);',
    '});',
    'app.listen(3000);',
    '',
  ].join('\n');

describe('fix: a store of "session objects" the tools keep their data in (trial 72A B1)', () => {
  // A record named for sessions that carries the session's own id is a record of the session: the
  // file is left as it was, marked at that store, while the tools keep their data in it.
  for (const name of ['Session', 'UserSession']) {
    it(`leaves the file as it was (exit 1) where its values are typed ${name} and carry the session's id, marked at that store`, async () => {
      const text = server(name, 'id: string; steps: string[]');
      const result = await runFix({ cwd: project({ 'src/server.ts': text }), target: 'sdk-v1', dryRun: true, format: false });
      const file = result.files.find((f) => f.file === 'src/server.ts');
      // The code as it was, with a marker at the store that holds the transport (trial 76A B1).
      const lines = (file?.after ?? text).split('\n');
      const markers = findMarkers(lines);
      expect(withoutMarkers(lines, markers).join('\n')).toBe(text);
      expect(markers.map((m) => lines[m.line - 1 + m.lines])).toEqual([`const flows = new Map<string, ${name}>();`]);
      expect(result.summary.failed).toBe(1);
      expect(result.errors).toContainEqual({ file: 'src/server.ts', message: expect.stringMatching(/^left unchanged: making its transport stateless would leave state keyed by the MCP session id \(src\/server\.ts:9\)/) });
    });
  }
  // One that holds the tools' data alone is their per-session state (trial 77): it moves under a
  // handle, and the transport is made stateless with it, nothing left keyed by the session id.
  for (const name of ['Session', 'UserSession']) {
    it(`moves the state under a handle and makes the transport stateless where its values are typed ${name} and hold only the tools' data`, async () => {
      const result = await runFix({ cwd: project({ 'src/server.ts': server(name) }), target: 'sdk-v1', dryRun: true, format: false });
      const after = result.files.find((f) => f.file === 'src/server.ts')!.after;
      expect(after).toContain(`const flows = handleState<${name}>('flows');`);
      expect(after).toMatch(/mintingHandle\(flows, \{ handle: 'flow_id'/);
      expect(after).toMatch(/sessionIdGenerator: undefined/);
      expect(after).not.toMatch(/TODO\(mcp-migrate\)|extra\.sessionId/);
      expect(result.summary.failed).toBe(0);
    });
  }
});
