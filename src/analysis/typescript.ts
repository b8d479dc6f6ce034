/**
 * The one place the TypeScript compiler is loaded from: the copy ts-morph bundles
 * (`@ts-morph/common`). The scanner uses its raw API (fast, one tree per file, dropped after use)
 * and the codemods use ts-morph's wrappers over the same instance, so a run never loads two
 * compilers. It is loaded with a V8 code cache (see code-cache.ts); the scan path does not load
 * ts-morph itself.
 */
import type { ts as Compiler } from 'ts-morph';
import { requireWithCodeCache } from './code-cache.js';

const compiler = requireWithCodeCache(import.meta.url, '@ts-morph/common/dist/typescript.js') as typeof Compiler;

export { compiler as ts };
