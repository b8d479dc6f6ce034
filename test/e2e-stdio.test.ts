/**
 * The stdio proof: a 2025-style stdio server (one module-level server, its tools beside it,
 * connected to a StdioServerTransport in main()) is moved by the real `fix --target 2026-07-28`
 * onto serveStdio from a factory, built with tsc, and spawned as a real process for a 2026-07-28
 * client (pinned: it probes with server/discover and sends no initialize) and a 2025 one
 * (initialize). Before the move, the pinned client is refused.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Client as ModernClient } from '@modelcontextprotocol/client';
import { StdioClientTransport as ModernStdio } from '@modelcontextprotocol/client/stdio';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as LegacyStdio } from '@modelcontextprotocol/sdk/client/stdio.js';
import { copyFixture, removeTempDirs, run } from './helpers/e2e.js';
import { REPO, runCli } from './helpers/cli.js';

afterAll(() => removeTempDirs());

/** Builds a copy with the repository's tsc (its node_modules are found from the copy's folder). */
async function build(copy: string): Promise<void> {
  const result = await run(process.execPath, [path.join(REPO, 'node_modules/.bin/tsc'), '-p', copy, '--pretty', 'false'], { cwd: REPO, timeoutMs: 120_000 });
  expect(result.code, result.output).toBe(0);
}

/** What a client that adds two notes and lists them sees, and the revision it spoke. */
async function notebookFlow(copy: string, era: '2026-07-28' | '2025'): Promise<{ added: string[]; listed: string; version: string | undefined }> {
  const params = { command: process.execPath, args: [path.join(copy, 'build/server.js')], stderr: 'pipe' as const };
  const client =
    era === '2026-07-28'
      ? new ModernClient({ name: 'e2e-stdio', version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } })
      : new LegacyClient({ name: 'e2e-stdio', version: '1.0.0' });
  const transport = era === '2026-07-28' ? new ModernStdio(params) : new LegacyStdio(params);
  await client.connect(transport as never);
  try {
    const text = (result: unknown) => ((result as { content: Array<{ text: string }> }).content[0]?.text ?? '');
    const added = [text(await client.callTool({ name: 'add_note', arguments: { text: 'milk' } })), text(await client.callTool({ name: 'add_note', arguments: { text: 'eggs' } }))];
    const listed = text(await client.callTool({ name: 'list_notes', arguments: {} }));
    const version = 'getNegotiatedProtocolVersion' in client ? (client as ModernClient).getNegotiatedProtocolVersion() : undefined;
    return { added, listed, version };
  } finally {
    await client.close();
  }
}

describe('fix --target 2026-07-28 on a stdio server: serveStdio answers both eras', () => {
  it('refuses a 2026-07-28 client before the move, and serves it and a 2025 client after', async () => {
    const before = copyFixture('stdio-v1', 'stdio-before');
    await build(before);
    await expect(notebookFlow(before, '2026-07-28')).rejects.toThrow(/did not offer pinned protocol version 2026-07-28/);

    const copy = copyFixture('stdio-v1', 'stdio-2026');
    const fixed = runCli(['fix', copy, '--target', '2026-07-28', '--allow-dirty', '--no-format']);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stdout).toMatch(/serves stdio with serveStdio\(\(\) => createServer\(\)\)/);
    expect(fixed.stdout).toMatch(/moved server and its setup \(2 statement\(s\)\) into createServer\(\)/);
    expect(fixed.stdout).not.toMatch(/StdioServerTransport speaks 2025 only/);
    await build(copy);

    const modern = await notebookFlow(copy, '2026-07-28');
    expect(modern).toEqual({ added: ['1', '2'], listed: 'milk\neggs', version: '2026-07-28' });
    const legacy = await notebookFlow(copy, '2025');
    expect(legacy.added).toEqual(['1', '2']);
    expect(legacy.listed).toBe('milk\neggs');

    // A second run changes nothing.
    const again = runCli(['fix', copy, '--target', '2026-07-28', '--allow-dirty', '--no-format']);
    expect(again.stdout).toMatch(/changed 0 file\(s\)/);
  }, 180_000);
});
