import { codemods } from '../codemods/index.js';

/** Ids of the codemods this version of `fix` can run (what reports call automatically fixable). */
export function availableCodemodIds(): ReadonlySet<string> {
  return new Set(codemods.map((c) => c.id));
}
