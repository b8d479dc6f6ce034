/**
 * The one place the TypeScript compiler API is imported from. ts-morph bundles the compiler;
 * the scanner uses its raw API (fast, one tree per file, dropped after use) and the codemods use
 * ts-morph's wrappers over the same copy, so a run never loads two compilers.
 */
import { ts } from 'ts-morph';

export { ts };
