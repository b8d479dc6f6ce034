/**
 * CommonJS servers move to the v2 packages by the require table: it is held to the installed
 * packages (every value a path hands out that the table moves must exist in its v2 module), and a
 * require the table cannot move keeps the whole package on v1 (half a package on v2 fails at run time).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REQUIRE_MAP, rewriteRequires, unmovedRequires } from '../codemods/lib/require-map.js';
import { runFix } from '../src/fix/runner.js';
import { tempTree } from './helpers/cli.js';

describe('REQUIRE_MAP', () => {
  it.each(Object.entries(REQUIRE_MAP))('%s: what it moves exists in the v2 module, and what it leaves does not', async (v1Path, entry) => {
    const v1 = (await import(v1Path)) as Record<string, unknown>;
    const v2 = (await import(entry.module)) as Record<string, unknown>;
    const there = (name: string) => (entry.renames?.[name] ?? name) in v2;
    const moved = entry.names ?? Object.keys(v1);
    expect(moved.filter((name) => !there(name)), `moved but missing from ${entry.module}`).toEqual([]);
    // A name list that leaves out a value the v2 module has would refuse files that could move.
    expect(Object.keys(v1).filter((name) => there(name) && !moved.includes(name))).toEqual([]);
  });
});

describe('rewriteRequires', () => {
  it('moves a namespace require as tsc emits CommonJS, renaming the members v2 renamed', () => {
    const text = 'const streamableHttp_js_1 = require("@modelcontextprotocol/sdk/server/streamableHttp.js");\nexports.t = () => new streamableHttp_js_1.StreamableHTTPServerTransport({ sessionIdGenerator: undefined });\n';
    expect(rewriteRequires(text)).toEqual({
      count: 1,
      text: 'const streamableHttp_js_1 = require("@modelcontextprotocol/node");\nexports.t = () => new streamableHttp_js_1.NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });\n',
      unmoved: [],
    });
    expect(unmovedRequires(text)).toEqual([]);
  });

  it('moves from types.js only the values v2 has under the same name', () => {
    const guard = "const { isInitializeRequest } = require('@modelcontextprotocol/sdk/types.js');\n";
    expect(rewriteRequires(guard).text).toBe("const { isInitializeRequest } = require('@modelcontextprotocol/server');\n");
    const schemas = "const { ListToolsRequestSchema, isInitializeRequest } = require('@modelcontextprotocol/sdk/types.js');\n";
    expect(rewriteRequires(schemas)).toEqual({ text: schemas, count: 0, unmoved: [{ spec: '@modelcontextprotocol/sdk/types.js', index: schemas.indexOf('require') }] });
    expect(unmovedRequires(schemas)).toEqual([{ spec: '@modelcontextprotocol/sdk/types.js', index: schemas.indexOf('require') }]);
    const namespace = 'const types_js_1 = require("@modelcontextprotocol/sdk/types.js");\nserver.setRequestHandler(types_js_1.CallToolRequestSchema, run);\n';
    expect(rewriteRequires(namespace).count).toBe(0);
    // Handed on whole, the namespace's members cannot be checked.
    const handedOn = 'const types_js_1 = require("@modelcontextprotocol/sdk/types.js");\nuse(types_js_1);\nif (types_js_1.isInitializeRequest(body)) start();\n';
    expect(rewriteRequires(handedOn).count).toBe(0);
    const checked = 'const types_js_1 = require("@modelcontextprotocol/sdk/types.js");\nif ((0, types_js_1.isInitializeRequest)(body)) start();\n';
    expect(rewriteRequires(checked).text).toBe('const types_js_1 = require("@modelcontextprotocol/server");\nif ((0, types_js_1.isInitializeRequest)(body)) start();\n');
  });

  it('renames an aliased export, and leaves a renamed export the namespace hands on (it would be undefined there)', () => {
    const aliased = "const { StreamableHTTPServerTransport: Transport } = require('@modelcontextprotocol/sdk/server/streamableHttp.js');\n";
    expect(rewriteRequires(aliased).text).toBe("const { NodeStreamableHTTPServerTransport: Transport } = require('@modelcontextprotocol/node');\n");
    const plain = "const { StreamableHTTPServerTransport } = require('@modelcontextprotocol/sdk/server/streamableHttp.js');\n";
    expect(rewriteRequires(plain).text).toBe("const { NodeStreamableHTTPServerTransport: StreamableHTTPServerTransport } = require('@modelcontextprotocol/node');\n");
    for (const handedOn of [
      "const mod = require('@modelcontextprotocol/sdk/server/streamableHttp.js');\nconst { StreamableHTTPServerTransport } = mod;\n",
      "const mod = require('@modelcontextprotocol/sdk/server/streamableHttp.js');\nexport const T = mod['StreamableHTTPServerTransport'];\n",
    ]) {
      expect(rewriteRequires(handedOn).count).toBe(0);
      expect(unmovedRequires(handedOn).map((u) => u.spec)).toEqual(['@modelcontextprotocol/sdk/server/streamableHttp.js']);
    }
  });

  it('reads calls, not the words of a comment or a string', () => {
    const text = "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\n// was: const { SSEServerTransport } = require('@modelcontextprotocol/sdk/server/sse.js');\nexport const hint = \"require('@modelcontextprotocol/sdk/server/sse.js')\";\n";
    expect(unmovedRequires(text, 'server.ts')).toEqual([]);
    expect(rewriteRequires(text, 'server.ts')).toEqual({ text, count: 0, unmoved: [] });
  });

  it('gives what it left at its offset in the text as it was, whatever the rewrite before it moved', () => {
    const text = "const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');\nconst { SSEServerTransport } = require('@modelcontextprotocol/sdk/server/sse.js');\n";
    const result = rewriteRequires(text);
    expect(result.count).toBe(1);
    expect(result.unmoved).toEqual([{ spec: '@modelcontextprotocol/sdk/server/sse.js', index: text.lastIndexOf('require') }]);
  });

  it('leaves a path with no v2 home, and says so', () => {
    const sse = "const { SSEServerTransport } = require('@modelcontextprotocol/sdk/server/sse.js');\n";
    expect(rewriteRequires(sse).count).toBe(0);
    expect(unmovedRequires(sse).map((u) => u.spec)).toEqual(['@modelcontextprotocol/sdk/server/sse.js']);
  });
});

describe('fix --target 2026-07-28 on CommonJS', () => {
  it('keeps a package on v1 when one of its CommonJS files cannot move, instead of moving the rest', async () => {
    const dir = tempTree({
      'package.json': JSON.stringify({ name: 'cjs-server', dependencies: { '@modelcontextprotocol/sdk': '^1.26.0' } }),
      'src/server.ts': [
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        "import { makeTransport } from './transport.js';",
        "export const server = new McpServer({ name: 'x', version: '1.0.0' });",
        'await server.connect(makeTransport());',
        '',
      ].join('\n'),
      'src/transport.cjs': [
        '"use strict";',
        'const types_js_1 = require("@modelcontextprotocol/sdk/types.js");',
        'const stdio_js_1 = require("@modelcontextprotocol/sdk/server/stdio.js");',
        'exports.makeTransport = () => new stdio_js_1.StdioServerTransport();',
        'exports.isList = (r) => types_js_1.ListToolsRequestSchema.safeParse(r).success;',
        '',
      ].join('\n'),
    });
    execFileSync('git', ['init', '-q'], { cwd: dir });
    execFileSync('git', ['add', '-A'], { cwd: dir });
    execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'init'], { cwd: dir });
    const result = await runFix({ cwd: dir, target: '2026-07-28', dryRun: true, format: false });
    expect(result.errors.map((e) => [e.file, e.message])).toEqual([['package.json', expect.stringMatching(/^stays on SDK v1 \(cjs-server\): src\/transport\.cjs:2 cannot move to the v2 packages \(this file loads @modelcontextprotocol\/sdk\/types\.js with require\(\)/)]]);
    expect(result.files.filter((f) => f.after !== f.before && /@modelcontextprotocol\/(server|node)/.test(f.after))).toEqual([]);
  });
});
