import { CODEMOD_IDS } from '../codemods/ids.js';

/** Ids of the codemods this version of `fix` can run (what reports call automatically fixable). */
export function availableCodemodIds(): ReadonlySet<string> {
  return new Set(CODEMOD_IDS);
}
