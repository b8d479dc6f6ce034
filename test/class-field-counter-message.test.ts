/**
 * stateful-tool names a field that starts as a number a counter, not a setting (trial 89 point 4):
 * `this.marks++` is no choice a caller made, and the advice is a shared store, not an argument.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyFile } from '../src/scan/files.js';
import { Scanner } from '../src/scan/scanner.js';

const scanner = new Scanner({ severities: {} });

function statefulMessages(rel: string): string[] {
  const file = path.resolve(__dirname, '../fixtures/scan', rel);
  return scanner
    .scanText(path.basename(file), fs.readFileSync(file, 'utf8'), classifyFile(file)!)
    .findings.filter((f) => f.ruleId === 'stateful-tool')
    .map((f) => f.message);
}

describe('stateful-tool counters in fields of the tools object', () => {
  it('calls a numeric field a counter and advises a shared store', () => {
    // (The fixture's other class, CachedEcho, kept for the process by `??=`, has findings of its own.)
    const found = statefulMessages('stateful-tool/class-built-per-request.ts').filter((m) => m.includes('TallySession'));
    expect(found).toHaveLength(2);
    for (const message of found) {
      expect(message).toMatch(/TallySession\.marks, a counter in a field of the object the tools run on/);
      expect(message).toMatch(/finds another counter; keep it in a shared store/);
      expect(message).not.toMatch(/a setting/);
    }
  });

  it('keeps calling a field set from the caller a setting', () => {
    const source = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { z } from 'zod';",
      'class FolderSession {',
      "  private folder = '.';",
      "  readonly server = new McpServer({ name: 'folders', version: '1.0.0' });",
      '  constructor() {',
      "    this.server.tool('cd', { dir: z.string() }, async ({ dir }) => { this.folder = dir; return { content: [] }; });",
      "    this.server.tool('pwd', {}, async () => ({ content: [{ type: 'text', text: this.folder }] }));",
      '  }',
      '}',
      'export const build = () => new FolderSession().server;',
    ].join('\n');
    const found = scanner.scanText('server.ts', source, classifyFile('server.ts')!).findings.filter((f) => f.ruleId === 'stateful-tool');
    expect(found).toHaveLength(2);
    for (const f of found) expect(f.message).toMatch(/FolderSession\.folder, a setting in a field/);
  });
});
