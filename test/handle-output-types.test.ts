/**
 * What explicit-handles writes for SDK v1 servers compiles (strict) against the real SDK and zod:
 * a tool that mints the handle destructures it beside its own arguments, whether its input schema
 * is a shape, empty or absent, and the tools that take the handle get it from their schema. Run
 * through `fix` on a small project, then type-checked with the shared state module it writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { runFix } from '../src/fix/runner.js';
import { REPO, tempDirs } from './helpers/cli.js';
import { strictNodeOptions } from './helpers/typecheck.js';

const { tree } = tempDirs();

/** Three modules, one state each (a module's session-keyed state shares one handle, unless a tool creates it: games.ts below): the three ways a minting tool declares its input. */
const module = (state: string, type: string, tools: string[]) =>
  ["import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';", "import { z } from 'zod';", '', `const ${state} = new Map<string, ${type}>();`, '', 'export function register(server: McpServer): void {', ...tools, '}', ''].join('\n');

const FILES = {
  // A shape beside the minted handle.
  'src/boards.ts': module('boards', '{ size: number; marks: string[] }', [
    "  server.registerTool('new_board', { inputSchema: { size: z.number() } }, async ({ size }, extra) => {",
    '    boards.set(extra.sessionId!, { size, marks: [] });',
    "    return { content: [{ type: 'text', text: `board of ${size}` }] };",
    '  });',
    "  server.registerTool('mark', { inputSchema: { cell: z.number() } }, async ({ cell }, extra) => {",
    '    const board = boards.get(extra.sessionId!);',
    "    if (!board) return { content: [{ type: 'text', text: 'no board' }], isError: true };",
    '    board.marks.push(String(cell));',
    "    return { content: [{ type: 'text', text: board.marks.join(',') }] };",
    '  });',
  ]),
  // An empty schema: the handle is all the minting tool's arguments hold.
  'src/notes.ts': module('notes', 'string[]', [
    "  server.registerTool('open_notes', { inputSchema: {} }, async (_args, extra) => {",
    '    notes.set(extra.sessionId!, []);',
    "    return { content: [{ type: 'text', text: 'opened' }] };",
    '  });',
    "  server.registerTool('note', { inputSchema: { text: z.string() } }, async ({ text }, extra) => {",
    '    notes.get(extra.sessionId!)?.push(text);',
    "    return { content: [{ type: 'text', text: 'noted' }] };",
    '  });',
  ]),
  // The older server.tool(name, shape, cb).
  'src/timers.ts': module('timers', 'number', [
    "  server.tool('start_timer', { label: z.string() }, async ({ label }, extra) => {",
    '    timers.set(extra.sessionId!, Date.now());',
    "    return { content: [{ type: 'text', text: `started ${label}` }] };",
    '  });',
    "  server.tool('elapsed', {}, async (_args, extra) => {",
    '    const started = timers.get(extra.sessionId!);',
    "    return { content: [{ type: 'text', text: String(started === undefined ? 0 : Date.now() - started) }] };",
    '  });',
  ]),
  // Two states in one module (trial 53A): the game new_game starts takes its handle, the language one of its own.
  'src/games.ts': [
    "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
    "import { z } from 'zod';",
    '',
    'const games = new Map<string, { secret: number; guesses: number }>();',
    'const languages = new Map<string, string>();',
    '',
    'export function register(server: McpServer): void {',
    "  server.registerTool('new_game', {}, async (extra) => {",
    '    games.set(extra.sessionId!, { secret: 7, guesses: 0 });',
    "    return { content: [{ type: 'text', text: 'started' }] };",
    '  });',
    "  server.registerTool('guess', { inputSchema: { n: z.number() } }, async ({ n }, extra) => {",
    '    const game = games.get(extra.sessionId!);',
    "    if (!game) return { content: [{ type: 'text', text: 'no game' }], isError: true };",
    '    game.guesses++;',
    "    return { content: [{ type: 'text', text: n === game.secret ? 'right' : 'wrong' }] };",
    '  });',
    "  server.registerTool('set_language', { inputSchema: { language: z.string() } }, async ({ language }, extra) => {",
    '    languages.set(extra.sessionId!, language);',
    "    return { content: [{ type: 'text', text: 'ok' }] };",
    '  });',
    "  server.registerTool('language', {}, async (extra) => ({ content: [{ type: 'text', text: languages.get(extra.sessionId!) ?? 'en' }] }));",
    '}',
    '',
  ].join('\n'),
};

describe('explicit-handles output against SDK v1', () => {
  it('type-checks: the minting tools read the handle they mint, the others take it from their schema', async () => {
    const dir = tree({
      'package.json': JSON.stringify({ name: 'games', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.20.0', zod: '^3.25.0' } }, null, 2),
      ...FILES,
    });
    const result = await runFix({ cwd: dir, target: 'sdk-v1', dryRun: true, format: false });
    const written = Object.fromEntries(result.files.map((f) => [f.file, f.after]));
    // Every module was rewritten: a minting wrapper and a handle argument each.
    for (const [file, state] of [['src/boards.ts', 'boards'], ['src/notes.ts', 'notes'], ['src/timers.ts', 'timers']]) {
      expect(written[file]).toMatch(new RegExp(`mintingHandle\\(${state}, \\{ handle: '\\w+_id'`));
      expect(written[file]).toMatch(/withHandle\(/);
    }
    // Two handles in one module: each state under its own.
    expect(written['src/games.ts']).toMatch(/mintingHandle\(games, \{ handle: 'game_id'/);
    expect(written['src/games.ts']).toMatch(/mintingHandle\(languages, \{ handle: 'language_id'/);
    expect(written['src/mcp-state.ts']).toBeDefined();
    for (const [file, text] of Object.entries(written)) fs.writeFileSync(path.join(dir, file), text!);
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
    // Strict, as most servers are, and not (the redis client's get() is typed string | Buffer there; trial 19A).
    for (const strict of [true, false]) {
      const program = ts.createProgram(
        Object.keys(FILES).map((file) => path.join(dir, file)),
        strictNodeOptions({ strict }),
      );
      const errors = ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? path.relative(dir, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
      expect(errors, `strict: ${strict}`).toEqual([]);
    }
  }, 60_000);
});
