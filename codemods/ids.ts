/**
 * The ids of the registered codemods, in registry order, without loading them: the scanner needs
 * only the ids (to say which findings `fix` rewrites), and the codemods pull in ts-morph and the
 * official SDK codemod. test/codemod-order.test.ts checks this list against the registry.
 */
export const CODEMOD_IDS = [
  'server-factory',
  'sse-transport',
  'framework-options',
  'v2-handler',
  'stateless-transport',
  'cors-headers',
  'cors-headers-config',
  'sticky-config',
  'health-check-config',
  'explicit-handles',
  'list-cache',
] as const;
