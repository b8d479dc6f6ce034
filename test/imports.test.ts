/**
 * codemods/lib/imports: how a codemod adds an import to a user's file — in the file's module
 * system and quotes, where it runs before its uses, without moving comments that must stay first.
 */
import { describe, expect, it } from 'vitest';
import { applyEdits, removeStatement } from '../codemods/lib/edits.js';
import { ensureNamedImport, importBinding, importedName, moduleImports, removeUnusedBindings } from '../codemods/lib/imports.js';
import { parseFile } from '../src/analysis/parse.js';

function added(path: string, text: string, module = 'zod', names = ['z']): string {
  const result = applyEdits(text, ensureNamedImport(parseFile(text, path), module, names));
  const diagnostics = (parseFile(result, path) as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics;
  expect(diagnostics, result).toEqual([]);
  return result;
}

describe('ensureNamedImport', () => {
  it('adds to an existing named import or destructuring require of the module, before a rest element', () => {
    expect(added('a.ts', "import { ZodError } from 'zod';\n")).toBe("import { ZodError, z } from 'zod';\n");
    expect(added('a.cjs', "const { a, ...rest } = require('zod');\n")).toBe("const { a, z, ...rest } = require('zod');\n");
    expect(added('a.ts', "import { z } from 'zod';\n")).toBe("import { z } from 'zod';\n");
  });

  it('imports under an alias (`a as b` in an import, `a: b` in a require), and finds that binding already there', () => {
    const aliased = ['createMcpHandler as createSdkMcpHandler'];
    const server = '@modelcontextprotocol/server';
    expect(added('a.ts', "import { McpServer } from '@modelcontextprotocol/server';\n", server, aliased)).toBe("import { McpServer, createMcpHandler as createSdkMcpHandler } from '@modelcontextprotocol/server';\n");
    expect(added('a.cjs', "const { McpServer } = require('@modelcontextprotocol/server');\n", server, aliased)).toBe("const { McpServer, createMcpHandler: createSdkMcpHandler } = require('@modelcontextprotocol/server');\n");
    expect(added('a.cjs', "const x = require('y');\n", server, aliased)).toBe("const x = require('y');\nconst { createMcpHandler: createSdkMcpHandler } = require('@modelcontextprotocol/server');\n");
    expect(added('a.ts', "import { createMcpHandler as createSdkMcpHandler } from '@modelcontextprotocol/server';\n", server, aliased)).toBe("import { createMcpHandler as createSdkMcpHandler } from '@modelcontextprotocol/server';\n");
    // The unaliased name is not the aliased binding (nor the other way round).
    expect(added('a.ts', "import { createMcpHandler } from '@modelcontextprotocol/server';\n", server, aliased)).toBe("import { createMcpHandler, createMcpHandler as createSdkMcpHandler } from '@modelcontextprotocol/server';\n");
  });

  it('names a binding the file does not declare (importBinding)', () => {
    const binding = (text: string) => importBinding(parseFile(text, 'a.ts'), '@modelcontextprotocol/server', 'createMcpHandler', 'createSdkMcpHandler');
    expect(binding('const x = 1;\n')).toEqual({ spec: 'createMcpHandler', local: 'createMcpHandler' });
    expect(binding("import { createMcpHandler } from '@modelcontextprotocol/server';\n")).toEqual({ spec: 'createMcpHandler', local: 'createMcpHandler' });
    expect(binding('export function createMcpHandler() {}\n')).toEqual({ spec: 'createMcpHandler as createSdkMcpHandler', local: 'createSdkMcpHandler' });
    expect(binding("import { createMcpHandler } from './mine.js';\nconst createSdkMcpHandler = 1;\n")).toEqual({ spec: 'createMcpHandler as createSdkMcpHandler2', local: 'createSdkMcpHandler2' });
    expect(binding('function f(createMcpHandler: unknown) {}\n').local).toBe('createSdkMcpHandler');
    // An earlier run's alias is used again, not a second one (review 59).
    expect(binding("import { createMcpHandler as createSdkMcpHandler } from '@modelcontextprotocol/server';\nexport function createMcpHandler() {}\n")).toEqual({ spec: 'createMcpHandler as createSdkMcpHandler', local: 'createSdkMcpHandler' });
    const required = importBinding(parseFile("const { createMcpHandler: createSdkMcpHandler } = require('@modelcontextprotocol/server');\nfunction createMcpHandler() {}\n", 'a.cjs'), '@modelcontextprotocol/server', 'createMcpHandler', 'createSdkMcpHandler');
    expect(required).toEqual({ spec: 'createMcpHandler as createSdkMcpHandler', local: 'createSdkMcpHandler' });
  });

  it('turns a type-only import of the name into a value import', () => {
    expect(added('a.ts', "import type { z } from 'zod';\nlet s: z.ZodString;\n")).toBe("import { z } from 'zod';\nlet s: z.ZodString;\n");
    expect(added('a.ts', "import { type z, ZodError } from 'zod';\n")).toBe("import { z, ZodError } from 'zod';\n");
  });

  it('writes a new statement after the last import, in the file quotes, past a trailing comment', () => {
    expect(added('a.ts', 'import x from "x"; // eslint-disable-line\nx();\n')).toBe('import x from "x"; // eslint-disable-line\nimport { z } from "zod";\nx();\n');
    // A default or namespace import of the module gets a statement of its own.
    expect(added('a.ts', "import zod from 'zod';\n")).toBe("import zod from 'zod';\nimport { z } from 'zod';\n");
  });

  it('imports in TypeScript and ES modules even when the file also calls require', () => {
    const ts = "const express = require('express');\nconst app = express();\n";
    expect(added('server.ts', ts)).toBe("const express = require('express');\nimport { z } from 'zod';\nconst app = express();\n");
    const esm = "// loaded with require('./x') elsewhere\nexport function f() {}\n";
    expect(added('f.js', esm)).toMatch(/^import \{ z \} from 'zod';$/m);
  });

  it('requires in CommonJS right after the leading requires, before code that may use the binding', () => {
    const cjs = "'use strict';\nconst a = require('a');\nconst carts = new Map();\nconst b = require('b');\n";
    expect(added('tools.cjs', cjs)).toBe("'use strict';\nconst a = require('a');\nconst { z } = require('zod');\nconst carts = new Map();\nconst b = require('b');\n");
  });

  it('puts a first import below #!, header comments and pragmas, but above a comment that documents the first statement', () => {
    expect(added('a.ts', '#!/usr/bin/env node\nconst x = 1;\n')).toBe("#!/usr/bin/env node\nimport { z } from 'zod';\nconst x = 1;\n");
    expect(added('a.js', '// @ts-check\nconst x = 1;\n')).toBe("// @ts-check\nimport { z } from 'zod';\nconst x = 1;\n");
    expect(added('a.ts', '/* Licensed MIT. */\n\n/** The answer. */\nconst x = 1;\n')).toBe("/* Licensed MIT. */\nimport { z } from 'zod';\n\n/** The answer. */\nconst x = 1;\n");
    expect(added('a.ts', '/** The answer. */\nconst x = 1;\n')).toBe("import { z } from 'zod';\n/** The answer. */\nconst x = 1;\n");
    expect(added('a.cjs', '"use strict";\nmodule.exports = 1;\n')).toBe('"use strict";\nconst { z } = require("zod");\nmodule.exports = 1;\n');
  });
});

describe('moduleImports', () => {
  it('lists top-level imports and requires with their module, quotes, named and whole-module bindings', () => {
    const text = [
      "import express, { json as parseJson } from 'express';",
      'import * as zod from "zod";',
      "const { SSEServerTransport: Legacy } = require('@modelcontextprotocol/sdk/server/sse.js');",
      "const crypto = require('node:crypto');",
      "import './side-effect.js';",
      'function later() { return require("not-top-level"); }',
    ].join('\n');
    const found = moduleImports(parseFile(text, 'server.ts')).map((i) => ({
      module: i.module,
      quote: i.specifier.getText()[0],
      cjs: i.cjs,
      named: i.named?.map((e) => `${importedName(e)}->${e.name.getText()}`),
      whole: i.whole,
      defaultName: i.defaultName,
    }));
    expect(found).toEqual([
      { module: 'express', quote: "'", cjs: false, named: ['json->parseJson'], whole: undefined, defaultName: 'express' },
      { module: 'zod', quote: '"', cjs: false, named: undefined, whole: 'zod', defaultName: undefined },
      { module: '@modelcontextprotocol/sdk/server/sse.js', quote: "'", cjs: true, named: ['SSEServerTransport->Legacy'], whole: undefined, defaultName: undefined },
      { module: 'node:crypto', quote: "'", cjs: true, named: undefined, whole: 'crypto', defaultName: undefined },
      { module: './side-effect.js', quote: "'", cjs: false, named: undefined, whole: undefined, defaultName: undefined },
    ]);
  });
});

describe('removeStatement', () => {
  /** The text with the statements at these indexes of the first block (or of the file) removed. */
  const without = (text: string, pick: (sf: ReturnType<typeof parseFile>) => import('ts-morph').ts.Node[]) => {
    const sf = parseFile(text, 'a.ts');
    return applyEdits(text, pick(sf).map((node) => removeStatement(node, sf)));
  };
  const fnBody = (sf: ReturnType<typeof parseFile>) => (sf.statements[0] as import('ts-morph').ts.FunctionDeclaration).body!.statements;

  it('takes its leading comment and its line, and leaves no blank line opening or closing the block', () => {
    const opening = 'function f() {\n  // why\n  const a = 1;\n\n  use();\n}\n';
    expect(without(opening, (sf) => [fnBody(sf)[0]])).toBe('function f() {\n  use();\n}\n');
    const closing = 'function f() {\n  use();\n\n  const a = 1;\n}\n';
    expect(without(closing, (sf) => [fnBody(sf)[1]])).toBe('function f() {\n  use();\n}\n');
  });

  it('leaves one blank line between neighbours, and no blank line ending the file', () => {
    const middle = 'a();\n\nconst x = 1;\n\nb();\n';
    expect(without(middle, (sf) => [sf.statements[1]])).toBe('a();\n\nb();\n');
    const last = 'a();\n\n// helper\nfunction h() {\n  return 1;\n}\n';
    expect(without(last, (sf) => [sf.statements[1]])).toBe('a();\n');
    // Blank lines that were there before, around what stays, are kept.
    const padded = 'function f() {\n\n  use();\n  const a = 1;\n}\n';
    expect(without(padded, (sf) => [fnBody(sf)[1]])).toBe('function f() {\n\n  use();\n}\n');
  });
});

describe('removeUnusedBindings', () => {
  const removed = (text: string, names: string[]) => applyEdits(text, removeUnusedBindings(parseFile(text, 'a.ts'), new Set(names)).edits);

  it('drops the named imports among the names that nothing uses, and the statement when none is left', () => {
    expect(removed("import { a, b } from 'm';\nb();\n", ['a'])).toBe("import { b } from 'm';\nb();\n");
    expect(removed("import { a } from 'm';\nexport const x = 1;\n", ['a'])).toBe('export const x = 1;\n');
    // Used: kept.
    expect(removed("import { a } from 'm';\na();\n", ['a'])).toBe("import { a } from 'm';\na();\n");
  });

  it('drops a named list beside a default import that stays, with its comma, not leaving `{  }`', () => {
    expect(removed("import express, { type Request } from 'express';\nexpress();\n", ['Request'])).toBe("import express from 'express';\nexpress();\n");
  });

  it('drops an unused default import among the names (review 79 point 3), alone or beside a list that stays', () => {
    expect(removed("import streamFor from './routes.js';\nexport const x = 1;\n", ['streamFor'])).toBe('export const x = 1;\n');
    expect(removed("import streamFor, { endSession } from './routes.js';\nendSession();\n", ['streamFor'])).toBe("import { endSession } from './routes.js';\nendSession();\n");
    expect(removed("import streamFor, { endSession } from './routes.js';\nexport const x = 1;\n", ['streamFor', 'endSession'])).toBe('export const x = 1;\n');
    // A default import not among the names stays, used or not.
    expect(removed("import other from './routes.js';\nexport const x = 1;\n", ['streamFor'])).toBe("import other from './routes.js';\nexport const x = 1;\n");
  });
});
