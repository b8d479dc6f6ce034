/**
 * The one place the TypeScript compiler is loaded from: the copy ts-morph bundles
 * (`@ts-morph/common`). The scanner uses its raw API (fast, one tree per file, dropped after use)
 * and the codemods use ts-morph's wrappers over the same instance, so a run never loads two
 * compilers. It is loaded with a V8 code cache (see code-cache.ts); the scan path does not load
 * ts-morph itself.
 */
import type { ts as Compiler } from 'ts-morph';
import { requireWithCodeCache } from './code-cache.js';

const loaded = requireWithCodeCache(import.meta.url, '@ts-morph/common/dist/typescript.js') as Record<string, unknown>;

/**
 * The compiler's exports as plain values. Its bundle exports each name through a getter (an
 * esbuild module object), so every `ts.isCallExpression(...)` or `ts.SyntaxKind.X` the rules run
 * (millions per scan) called a function before the value; read once here, they are plain
 * property loads. Every export is a
 * function or a constant the compiler never reassigns after it loads.
 */
const compiler = Object.fromEntries(Object.keys(loaded).map((name) => [name, loaded[name]])) as unknown as typeof Compiler;

export { compiler as ts };
