/**
 * The cheap text pass. Every rule declares lower-case keywords of which at least one must occur
 * in a file for it to fire; one case-insensitive regular expression built from all of them
 * rejects most files of a monorepo without parsing them. For files it accepts, it returns the
 * rules whose own keywords occur, and only those run.
 */
import type { RuleMeta } from '../rules/types.js';

function escape(keyword: string): string {
  return keyword.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export class Prefilter<R extends RuleMeta> {
  private readonly any: RegExp | undefined;

  constructor(
    private readonly rules: R[],
    private readonly enabled = true,
  ) {
    const keywords = [...new Set(rules.flatMap((rule) => rule.keywords))].sort((a, b) => b.length - a.length);
    this.any = keywords.length > 0 ? new RegExp(keywords.map(escape).join('|'), 'i') : undefined;
  }

  /** Whether any rule's keyword occurs (always true when the prefilter is disabled). */
  mayMatch(text: string): boolean {
    return !this.enabled || (!!this.any && this.any.test(text));
  }

  /** Rules that can fire on `text` (pass `lower` when the caller has it): all when disabled. */
  candidates(text: string, lower = text.toLowerCase()): R[] {
    if (!this.enabled) return this.rules;
    if (!this.mayMatch(text)) return [];
    return this.rules.filter((rule) => rule.keywords.some((keyword) => lower.includes(keyword)));
  }
}
