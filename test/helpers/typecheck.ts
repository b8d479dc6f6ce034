/**
 * The compiler settings the output type checks use: strict, as most servers are, for Node's
 * ES modules (NodeNext), with Node's types. `lib` and the rest as each check needs.
 */
import ts from 'typescript';

export function strictNodeOptions(extra: ts.CompilerOptions = {}): ts.CompilerOptions {
  return {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ['node'],
    ...extra,
  };
}
