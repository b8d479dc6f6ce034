/**
 * The codemod registry, in the order `fix` runs them. Codemods land with `mcp-migrate fix`;
 * until then the registry is empty and reports say that no finding is rewritten automatically.
 */
import type { CodemodMeta } from './types.js';

export const codemods: readonly CodemodMeta[] = [];
