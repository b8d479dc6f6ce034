/**
 * The contract every codemod implements (one file per codemod in this folder, listed in order in
 * `index.ts`). A codemod edits one parsed file and reports what it changed and what it left for a
 * person; it never writes to disk itself (the `fix` writer does, atomically).
 */
export type FixTarget = 'sdk-v1' | '2026-07-28';

export interface CodemodMeta {
  id: string;
  title: string;
  /** Which `--target` runs it; 'any' runs on both. */
  target: FixTarget | 'any';
  /** Rule ids whose findings this codemod resolves. */
  resolves: readonly string[];
}
