/**
 * Inline suppressions: `// mcp-migrate-ignore <rule-or-category>[, ...] -- reason` (or `#` in
 * config files) silences matching findings on its own line, or on the line below when the comment stands alone.
 */
import { lineMapper, type RangeMapper } from './lines.js';

export interface Suppression {
  /** 1-based line of the comment. */
  line: number;
  ids: string[];
  reason?: string;
  /** A comment alone on its line covers the next line; a trailing comment covers only its own line. */
  coversNextLine: boolean;
  used: Set<string>;
}

const MARKER = /(?:\/\/|\/\*|#)\s*mcp-migrate-ignore\b([^\n]*)/g;

/** `lines`: the text's line map when the caller has one already. */
export function parseSuppressions(text: string, lines?: RangeMapper): Suppression[] {
  if (!text.includes('mcp-migrate-ignore')) return [];
  const found: Suppression[] = [];
  lines ??= lineMapper(text);
  for (const match of text.matchAll(MARKER)) {
    const rest = match[1].replace(/\*\/.*$/, '');
    const [idsPart, reason] = rest.split(/\s--\s?/, 2);
    const ids = idsPart.split(/[\s,]+/).filter(Boolean);
    const { line, column } = lines.position(match.index);
    const before = text.slice(match.index - column + 1, match.index);
    found.push({ line, ids, reason: reason?.trim() || undefined, coversNextLine: before.trim() === '', used: new Set() });
  }
  return found;
}

/** The suppression that silences a finding, if any; marks it used. */
export function findSuppression(suppressions: Suppression[], line: number, ruleId: string, category: string): Suppression | undefined {
  for (const s of suppressions) {
    if (s.line !== line && !(s.coversNextLine && s.line === line - 1)) continue;
    const id = s.ids.find((candidate) => candidate === ruleId || candidate === category || candidate === 'all');
    if (id) {
      s.used.add(id);
      return s;
    }
  }
  return undefined;
}
