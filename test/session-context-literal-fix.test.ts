// fix on a sessionful server whose tools key their state by a context they build themselves
// (review 89 point 1): `const ctx = { sessionId: extra.sessionId!, at: Date.now() }` spreads
// nothing, so `ctx.sessionId` is the MCP session id, explicit-handles moves the state, and the
// transport is made stateless. The build before the mend took such a `ctx` for no session
// carrier, left the file unchanged and exited 1.
import { describe, expect, it } from 'vitest';
import { runFix } from '../src/fix/runner.js';
import { tempDirs } from './helpers/cli.js';

const { repo: project } = tempDirs();

const SERVER = [
  "import express from 'express';",
  "import { randomUUID } from 'node:crypto';",
  "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
  "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
  "import { z } from 'zod';",
  '',
  'const journals = new Map<string, string[]>();',
  'function buildServer() {',
  "  const server = new McpServer({ name: 'journal', version: '1' });",
  "  server.registerTool('write_entry', { inputSchema: { entry: z.string() } }, async ({ entry }, extra) => {",
  '    const ctx = { sessionId: extra.sessionId!, writtenAt: Date.now() };',
  '    journals.set(ctx.sessionId, [...(journals.get(ctx.sessionId) ?? []), entry]);',
  "    return { content: [{ type: 'text', text: 'written' }] };",
  '  });',
  "  server.registerTool('read_journal', {}, async (_args, extra) => {",
  '    const ctx = { sessionId: extra.sessionId! };',
  "    return { content: [{ type: 'text', text: (journals.get(ctx.sessionId) ?? []).join('\\n') }] };",
  '  });',
  '  return server;',
  '}',
  'const transports: Record<string, StreamableHTTPServerTransport> = {};',
  'const app = express();',
  'app.use(express.json());',
  "app.post('/mcp', async (req, res) => {",
  "  const sid = req.headers['mcp-session-id'] as string | undefined;",
  '  let transport = sid ? transports[sid] : undefined;',
  '  if (!transport) {',
  '    transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (id) => { transports[id] = transport!; } });',
  '    await buildServer().connect(transport);',
  '  }',
  '  await transport.handleRequest(req, res, req.body);',
  '});',
  'app.listen(3000);',
  '',
].join('\n');

describe('fix: a context the tool builds as an object literal (review 89 point 1)', () => {
  it('moves the state keyed by ctx.sessionId to a handle and makes the transport stateless, holding nothing', async () => {
    const result = await runFix({ cwd: project({ 'src/server.ts': SERVER }), target: 'sdk-v1', dryRun: true, format: false });
    expect(result.errors.filter((e) => /left unchanged|cannot turn into the handle/.test(e.message))).toEqual([]);
    const after = result.files.find((f) => f.file === 'src/server.ts')?.after ?? '';
    expect(after).toMatch(/journal_id/);
    expect(after).toMatch(/sessionIdGenerator: undefined/);
    expect(after).not.toMatch(/journals\.set\(ctx\.sessionId/);
  });

  it('does the same where the literal spreads the arguments after the id (review 90 point 6)', async () => {
    const spread = SERVER.replace('async ({ entry }, extra) => {', 'async (args, extra) => {\n    const { entry } = args;').replace('const ctx = { sessionId: extra.sessionId!, writtenAt: Date.now() };', 'const ctx = { sessionId: extra.sessionId!, ...(args as object) };');
    expect(spread).not.toBe(SERVER);
    const result = await runFix({ cwd: project({ 'src/server.ts': spread }), target: 'sdk-v1', dryRun: true, format: false });
    expect(result.errors.filter((e) => /left unchanged|cannot turn into the handle/.test(e.message))).toEqual([]);
    const after = result.files.find((f) => f.file === 'src/server.ts')?.after ?? '';
    expect(after).toMatch(/journal_id/);
    expect(after).toMatch(/sessionIdGenerator: undefined/);
  });
});
