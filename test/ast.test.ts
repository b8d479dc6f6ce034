/**
 * What counts as a log line (isLogCall): markers quote a callback's work past its log lines, and
 * rules read a value that is only logged as harmless, so a settings call must not pass for one.
 */
import { describe, expect, it } from 'vitest';
import type { ts as TS } from 'ts-morph';
import { isLogCall, walk } from '../src/analysis/ast.js';
import { parseFile } from '../src/analysis/parse.js';
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
});
