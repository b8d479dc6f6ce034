/** `fix` cannot run as asked (a dirty tree, an unknown codemod...): a usage error, exit 2. */
export class FixError extends Error {
  override name = 'FixError';
}
