/**
 * Inline suppressions: a line comment `// mcp-migrate-ignore <rule-or-category>[, ...] -- reason`
 * in code (or `#` in config files) silences matching findings on its own line, or on the line
 * below when the comment stands alone. In code only a real line comment counts: not the text of a
 * string or template, nor a line inside a block or JSDoc comment (help text, documentation).
 */
import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
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

/** Config files: whatever comment their syntax has (`#`, and `//` or `/*` in JSONC and Terraform). */
const MARKER = /(?:\/\/|\/\*|#)\s*mcp-migrate-ignore\b([^\n]*)/g;
/** Code: a line comment (isLineComment tells a real one from the same text in a string or a block comment). */
const CODE_MARKER = /\/\/\s*mcp-migrate-ignore\b([^\n]*)/g;

/**
 * `lines`: the text's line map when the caller has one already. `code`: the parsed code (asked
 * only when the text names mcp-migrate-ignore), whose comments alone may hold a suppression;
 * without it the text is a config file's.
 */
export function parseSuppressions(text: string, lines?: RangeMapper, code?: () => TS.SourceFile): Suppression[] {
  if (!text.includes('mcp-migrate-ignore')) return [];
  const found: Suppression[] = [];
  lines ??= lineMapper(text);
  const sourceFile = code?.();
  for (const match of text.matchAll(sourceFile ? CODE_MARKER : MARKER)) {
    if (sourceFile && !isLineComment(sourceFile, match.index)) continue;
    const rest = match[1].replace(/\*\/.*$/, '');
    const [idsPart, reason] = rest.split(/\s--\s?/, 2);
    const ids = idsPart.split(/[\s,]+/).filter(Boolean);
    const { line, column } = lines.position(match.index);
    const before = text.slice(match.index - column + 1, match.index);
    found.push({ line, ids, reason: reason?.trim() || undefined, coversNextLine: before.trim() === '', used: new Set() });
  }
  return found;
}

/**
 * Whether a `//` comment starts at `offset` of the code: the parser's view, so that the same text
 * in a string, a template or JSX text, or inside a block comment, does not count. Every comment is
 * trivia before some token (the end-of-file token for the last ones): the token whose full range
 * holds the offset is found the way the language service finds one.
 */
function isLineComment(sourceFile: TS.SourceFile, offset: number): boolean {
  let node: TS.Node = sourceFile;
  for (;;) {
    const inner = node.getChildren(sourceFile).find((child) => child.pos <= offset && offset < child.end);
    if (!inner) break;
    node = inner;
  }
  // JSX text has no trivia: a `//` in it is text.
  if (node.kind === ts.SyntaxKind.JsxText) return false;
  // Those on the line the trivia starts on are the previous token's trailing comments, the rest leading ones.
  const ranges = [...(ts.getTrailingCommentRanges(sourceFile.text, node.pos) ?? []), ...(ts.getLeadingCommentRanges(sourceFile.text, node.pos) ?? [])];
  return ranges.some((range) => range.pos === offset && range.kind === ts.SyntaxKind.SingleLineCommentTrivia);
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
