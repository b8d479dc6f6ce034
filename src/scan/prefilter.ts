/**
 * The cheap text pass. Every rule declares lower-case keywords of which at least one must occur
 * in a file for it to fire; one case-insensitive regular expression built from all of them
 * rejects most files of a monorepo without parsing them. For files it accepts, one more pass finds
 * which keywords occur, and only the rules owning one of them run.
 */
import type { RuleMeta } from '../rules/types.js';

/** A text as a regular expression that matches it literally. */
export function escapeRegExp(keyword: string): string {
  return keyword.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export class Prefilter<R extends RuleMeta> {
  private readonly any: RegExp | undefined;
  /**
   * Every position where some keyword starts, with the longest keyword starting there: a zero-width
   * lookahead so that overlapping keywords are all seen (a plain global match would skip a keyword
   * starting inside an earlier match).
   */
  private readonly each: RegExp | undefined;
  /** Keyword → the keywords it contains (itself included): found with it at the same position. */
  private readonly contained = new Map<string, string[]>();

  constructor(
    private readonly rules: R[],
    private readonly enabled = true,
  ) {
    const keywords = [...new Set(rules.flatMap((rule) => rule.keywords))].sort((a, b) => b.length - a.length);
    const alternation = keywords.map(escapeRegExp).join('|');
    this.any = keywords.length > 0 ? new RegExp(alternation, 'i') : undefined;
    this.each = keywords.length > 0 ? new RegExp(`(?=(${alternation}))`, 'g') : undefined;
    for (const keyword of keywords) this.contained.set(keyword, keywords.filter((other) => keyword.includes(other)));
  }

  /** Whether any rule's keyword occurs (always true when the prefilter is disabled). */
  mayMatch(text: string): boolean {
    return !this.enabled || (!!this.any && this.any.test(text));
  }

  /** The keywords that occur in `lower` (a lower-cased text): one pass, however many rules there are. */
  private keywordsIn(lower: string): Set<string> {
    const found = new Set<string>();
    if (!this.each) return found;
    let last: string | undefined;
    for (const match of lower.matchAll(this.each)) {
      const keyword = match[1];
      if (keyword === last || found.has(keyword)) continue;
      last = keyword;
      for (const inner of this.contained.get(keyword)!) found.add(inner);
    }
    return found;
  }

  /** Rules that can fire on `text` (pass `lower` when the caller has it): all when disabled. */
  candidates(text: string, lower = text.toLowerCase()): R[] {
    if (!this.enabled) return this.rules;
    const found = this.keywordsIn(lower);
    if (found.size === 0) return [];
    return this.rules.filter((rule) => rule.keywords.some((keyword) => found.has(keyword)));
  }
}
