// A draft as the tools keep it: data only, its revisions' type from another module.
import type { Revision } from './revision.js';

export interface Draft {
  title: string;
  text: string;
  revisions: Revision[];
}

export function newDraft(title: string): Draft {
  return { title, text: '', revisions: [] };
}
