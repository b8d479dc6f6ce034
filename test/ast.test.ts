/**
 * What counts as a log line (isLogCall): markers quote a callback's work past its log lines, and
 * rules read a value that is only logged as harmless, so a settings call must not pass for one.
 * Where a reference to a module export comes from (moduleExportOf), in the forms compiled CommonJS uses too.
 * Every string a computed name may be (constantStrings), and none where one is unknown.
 */
import { describe, expect, it } from 'vitest';
import type { ts as TS } from 'ts-morph';
import { constantStrings, moduleExportOf, isLogCall, walk } from '../src/analysis/ast.js';
import { parseFile, redeclaredNames } from '../src/analysis/parse.js';
import { ts } from '../src/analysis/typescript.js';

function calls(text: string): Array<[string, boolean]> {
  const found: Array<[string, boolean]> = [];
  walk(parseFile(text, 'a.ts'), (node) => {
    if (ts.isCallExpression(node) && ts.isExpressionStatement(node.parent)) found.push([(node as TS.CallExpression).expression.getText(), isLogCall(node)]);
    return undefined;
  });
  return found;
}

describe('isLogCall', () => {
  it('takes console, loggers and the debug module\'s loggers called bare; not a settings call named like one', () => {
    const text = [
      "import createDebug from 'debug';",
      "const testDebug = createDebug('mcp:http');",
      "const wireDebug = require('debug')('mcp:wire');",
      'declare function setDebug(on: boolean): void;',
      'declare function enableDebug(): void;',
      "console.log('a');",
      "logger.info('b');",
      "this.logger.debug('c');",
      "testDebug('d');",
      "wireDebug('e');",
      "debug('f');",
      'setDebug(true);',
      'enableDebug();',
      "store.save('g');",
    ].join('\n');
    expect(calls(text).filter(([callee]) => !/^(createDebug|require)/.test(callee))).toEqual([
      ['console.log', true],
      ['logger.info', true],
      ['this.logger.debug', true],
      ['testDebug', true],
      ['wireDebug', true],
      ['debug', true],
      ['setDebug', false],
      ['enableDebug', false],
      ['store.save', false],
    ]);
  });

  it("takes a framework's logger on the request or the app (request.log.info, fastify.log.warn); not a log method of another member", () => {
    expect(calls("request.log.info('a');\nfastify.log.warn('b');\nctx.logger.error('c');\nrequest.body.info('d');\nreq.log.send('e');")).toEqual([
      ['request.log.info', true],
      ['fastify.log.warn', true],
      ['ctx.logger.error', true],
      ['request.body.info', false],
      ['req.log.send', false],
    ]);
  });
});

describe('moduleExportOf', () => {
  /** `new X(...)` callees of a file, each with where it comes from. */
  function constructed(text: string, file = 'a.ts'): Array<[string, string | undefined]> {
    const found: Array<[string, string | undefined]> = [];
    walk(parseFile(text, file), (node) => {
      if (!ts.isNewExpression(node)) return undefined;
      const from = moduleExportOf(node.expression);
      found.push([node.expression.getText(), from && `${from.module}#${from.exported}`]);
      return undefined;
    });
    return found;
  }

  it('follows imports, aliases, destructured requires and module namespaces (ESM and CommonJS as tsc emits it)', () => {
    const text = [
      "import { SSEServerTransport as Sdk } from '@modelcontextprotocol/sdk/server/sse.js';",
      "import * as hono from 'hono-mcp-server-sse-transport';",
      "const { StreamableHTTPServerTransport: Shttp } = require('@modelcontextprotocol/sdk/server/streamableHttp.js');",
      "const sse_js_1 = require('@modelcontextprotocol/sdk/server/sse.js');",
      "const wrapped_1 = __importStar(require('./wrapped'));",
      'class Local {}',
      'const notModule = { Thing: Local };',
      'new Sdk(); new hono.SSETransport(); new Shttp(); new sse_js_1.SSEServerTransport(); new wrapped_1.Thing(); new Local(); new notModule.Thing();',
    ].join('\n');
    expect(constructed(text)).toEqual([
      ['Sdk', '@modelcontextprotocol/sdk/server/sse.js#SSEServerTransport'],
      ['hono.SSETransport', 'hono-mcp-server-sse-transport#SSETransport'],
      ['Shttp', '@modelcontextprotocol/sdk/server/streamableHttp.js#StreamableHTTPServerTransport'],
      ['sse_js_1.SSEServerTransport', '@modelcontextprotocol/sdk/server/sse.js#SSEServerTransport'],
      ['wrapped_1.Thing', './wrapped#Thing'],
      ['Local', undefined],
      ['notModule.Thing', undefined],
    ]);
  });
});

describe('constantStrings', () => {
  /** The values of each `server[...]` key of a text, by the key's text. */
  function keys(text: string): Record<string, string[] | undefined> {
    const found: Record<string, string[] | undefined> = {};
    walk(parseFile(text, 'a.ts'), (node) => {
      if (ts.isElementAccessExpression(node) && node.expression.getText() === 'server') found[node.argumentExpression.getText()] = constantStrings(node.argumentExpression);
      return undefined;
    });
    return found;
  }

  it('follows consts, literal tables, loop variables over them, conditionals and templates', () => {
    const text = [
      "const KINDS = { tools: { method: 'sendToolListChanged' }, prompts: { method: 'sendPromptListChanged' } };",
      "const LIST = ['a', 'b'];",
      "const PART = 'Tool';",
      'server[KINDS.tools.method];',
      "server[KINDS['prompts'].method];",
      'for (const kind of Object.values(KINDS)) server[kind.method];',
      'LIST.forEach((item) => server[item]);',
      "server[flag ? 'x' : 'y'];",
      'server[`send${PART}ListChanged`];',
    ].join('\n');
    expect(keys(text)).toEqual({
      'KINDS.tools.method': ['sendToolListChanged'],
      "KINDS['prompts'].method": ['sendPromptListChanged'],
      'kind.method': ['sendToolListChanged', 'sendPromptListChanged'],
      item: ['a', 'b'],
      "flag ? 'x' : 'y'": ['x', 'y'],
      '`send${PART}ListChanged`': ['sendToolListChanged'],
    });
  });

  it("takes a parameter's values from every call of its function or method in the file, and none where one is unknown or it is exported", () => {
    const text = [
      "const KINDS = { tools: 'sendToolListChanged', prompts: 'sendPromptListChanged' };",
      'function notify(method: string) { server[method]; }',
      "notify(KINDS.tools); notify('sendResourceListChanged');",
      'function unknown(name: string) { server[name]; }',
      "unknown('a'); unknown(somewhere);",
      "export function shared(exportedName: string) { server[exportedName]; }",
      "shared('a');",
      'class Hub {',
      '  each(m: string) { server[m]; }',
      "  all() { for (const k of Object.values(KINDS)) this.each(k); }",
      '}',
      "new Hub().each('sendToolListChanged');",
    ].join('\n');
    expect(Object.values(keys(text))).toEqual([['sendToolListChanged', 'sendResourceListChanged'], undefined, undefined, ['sendToolListChanged', 'sendPromptListChanged']]);
  });

  it('knows nothing of a parameter, a let, a member a table lacks or a table with a spread', () => {
    const text = [
      "let mutable = 'a';",
      "const TABLE = { a: 'x' };",
      "const SPREAD = { ...TABLE, b: 'y' };",
      'function f(name: string) {',
      '  server[name];',
      '  server[mutable];',
      '  server[TABLE.b];',
      '  server[SPREAD[name]];',
      '  server[`send${name}`];',
      '}',
    ].join('\n');
    expect(Object.values(keys(text))).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('redeclaredNames', () => {
  const names = (text: string) => redeclaredNames(parseFile(text, 'x.ts'));
  it('finds a let, const or class declared again in the same block, or beside a parameter', () => {
    expect(names('const a = 1;\nconst a = 2;')).toEqual(['a']);
    expect(names('function f(k: string) { const k = 1; return k; }')).toEqual(['k']);
    expect(names('switch (x) { case 1: let y = 1; break; case 2: let y = 2; }')).toEqual(['y']);
    expect(names('var v = 1;\nlet v = 2;')).toEqual(['v']);
    expect(names("import { x } from './x.js';\nconst x = 1;")).toEqual(['x']);
  });
  it('leaves shadowing in a nested block, var twice and distinct names alone', () => {
    expect(names('const a = 1;\n{ const a = 2; }\nfunction g() { const a = 3; }')).toEqual([]);
    expect(names('var v = 1;\nvar v = 2;\nconst { p, q: [r] } = o;')).toEqual([]);
  });
});
