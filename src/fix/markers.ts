/**
 * `TODO(mcp-migrate)` markers: a comment above the line a person must look at, saying what and
 * why with a link to the spec, wrapped at MARKER_WIDTH columns (formatters do not wrap comments,
 * and a 400-character line trips a project's max-len). A marker already present directly above
 * the line (wrapped or on one line, as older runs wrote it) is not added again, so running `fix`
 * twice leaves one marker; one whose finding a later run finds gone is removed (runner.ts, goneMarkers).
 */
import type { ts as TS } from 'ts-morph';
import type { Marker } from '../../codemods/types.js';
import { inStatementList, nodeAt } from '../analysis/ast.js';
import { parseFile } from '../analysis/parse.js';
import { ts } from '../analysis/typescript.js';
import type { FileKind } from '../scan/files.js';
import { DETAIL_REASONS, type Finding, type ReasonId } from '../model.js';
import { isJsonConfig } from '../rules/config/text.js';
import { escapeRegExp } from '../scan/prefilter.js';

export const MARKER_TAG = 'TODO(mcp-migrate)';

/** The column a marker's lines stay within (a word longer than the room left, a link, gets a line of its own). */
export const MARKER_WIDTH = 100;

export interface PlacedMarker extends Marker {
  codemod: string;
  /** True when this run added the comment; false when it was already there or the file type has no comments (JSON). */
  inserted: boolean;
  /** The file cannot hold a comment (plain JSON: wrangler.json): the marker is said, never written. */
  unwritable?: true;
}

/** The markers written into a file (or there already), not those its type could not hold. */
export function writtenMarkers<M extends { unwritable?: true }>(markers: readonly M[]): M[] {
  return markers.filter((m) => !m.unwritable);
}

/**
 * How a marker the run adds for a finding it left starts: which codemod did not rewrite it, or
 * that none does. `ownMarkerRule` reads the rule back out of it.
 */
export function leftFindingHead(ruleId: string, codemod: string | undefined): string {
  return codemod ? `fix (${codemod}) did not rewrite this ${ruleId} finding` : `no codemod rewrites this ${ruleId} finding`;
}

/**
 * Why a codemod that takes a finding left it, where no marker of its own says so: what the
 * codemod rewrites, which this code is not. The end of such a marker.
 */
const LEFT_BECAUSE: Record<string, string> = {
  'stateless-transport':
    "Why it was left: stateless-transport rewrites a route's session dispatch (the branches that find a session's transport by its id or build one) and what serves it; this code is outside such a dispatch, or in a shape it does not follow, so the change is yours.",
  'explicit-handles':
    'Why it was left: explicit-handles rewrites module-level collections keyed by the session id that tool handlers of the same file use; this state is kept in another shape, so the change is yours.',
};

/**
 * Why explicit-handles left a counter or rate limit (a store of a helper module the tools hand the
 * session id, trial 75A B4): it gives none a handle, in any shape.
 */
const COUNTER_LEFT = 'Why it was left: explicit-handles gives no counter or rate limit a handle (a caller that asked for a new one would start its count afresh), so the change is yours.';

export function leftFindingReason(codemod: string | undefined, counter = false): string {
  if (counter && codemod === 'explicit-handles') return COUNTER_LEFT;
  return (codemod && LEFT_BECAUSE[codemod]) ?? '';
}

/** The rule whose finding a marker of the run's own speaks of (see leftFindingHead). */
export function ownMarkerRule(message: string): string | undefined {
  return /\b(?:did not rewrite|no codemod rewrites) this (\S+) finding\b/.exec(message)?.[1];
}

/**
 * A marker a codemod wrote where it left code as it was until something is done ("..., then run
 * fix again"; cors-headers' "Mcp-Session-Id stays in this CORS list while ... still issues session
 * ids ...: drop it once the server is stateless", trial 47C): on the next run the codemod looks
 * again, and writes it again while that holds.
 */
export function isRefusalMarker(message: string): boolean {
  return /\b(then run fix again|drop it once the server is stateless)$/.test(message.trim());
}

/**
 * A marker that asks for something and a run of fix after it ("..., then run fix again", also
 * mid-sentence: sse-transport's "then run fix again to move the endpoint ..."): the code it sits
 * in waits on that.
 */
export function waitsForRerun(message: string): boolean {
  return /\bthen run fix again\b/.test(message);
}

/**
 * How stateless-transport's marker on a transport it left because a session callback does work a
 * per-request transport never runs (onsessionclosed's `dropCart(id)`: callbackWork) ends its
 * first sentence, which says why.
 */
export const CALLBACK_WORK_LEFT = ', and a per-request transport never calls it';

/**
 * A codemod's marker in a route that leaves the route's session dispatch as it was until a person
 * acts: one that asks for a run of fix after it (waitsForRerun), or stateless-transport's on a
 * session callback's work (trial 75A B2: the dispatch's other parts were said to be outside any
 * dispatch). `cause`: what it says stops the route, for a marker elsewhere to name (the text before
 * its first colon, or a callback's first sentence); `byHand` for a callback's work, which asks for
 * the transport to be made stateless by hand rather than for a run of fix.
 */
export function routeLeft(message: string): { cause: string | undefined; byHand: boolean } | undefined {
  const callback = message.indexOf(CALLBACK_WORK_LEFT);
  if (callback > 0) return { cause: message.slice(0, callback + CALLBACK_WORK_LEFT.length), byHand: true };
  return waitsForRerun(message) ? { cause: /^[^:]{8,120}(?=:)/.exec(message)?.[0], byHand: false } : undefined;
}

/** The code a marker names: calls (`getMcpServer()`) and names in backquotes (`server`, `this.server`). */
export function markerCode(message: string): string[] {
  return [...message.matchAll(/`([A-Za-z_$][\w$.]*?)(?:\(\))?`|\b([A-Za-z_$][\w$.]*)\(\)/g)].map((m) => m[1] ?? m[2]);
}

/** The code a finding's message opens with (`getMcpServer` of "getMcpServer() hands out ...", `server`), if any. */
export function findingCode(message: string): string | undefined {
  return /^`?([A-Za-z_$][\w$.]*?)(?:\(\))?`? /.exec(message)?.[1];
}

/**
 * The code a finding is about as its message opens with it: its subject, where its rule sets one
 * (session-map, session-state); else read from the message (findingCode), for the rules that set none.
 */
export function findingCodeOf(finding: Pick<Finding, 'subject' | 'message'>): string | undefined {
  return finding.subject ?? findingCode(finding.message);
}

/** Whether a marker names, as code, the code a finding is about (findingCodeOf: a marker about `server` and "server is one server ..."). */
export function namesFindingCode(marker: string, finding: Pick<Finding, 'subject' | 'message'>): boolean {
  const code = findingCodeOf(finding);
  return code !== undefined && markerCode(marker).includes(code);
}

/**
 * What a finding's message says it is about, in its closing parenthesis (`... (sendToolListChanged)`,
 * `... (elicitInput)`): a marker that names it speaks of the finding. Not for a finding that gives
 * more than one reason (a tool that keeps state and asks the client mid-call): the parenthesis
 * names what the last one is about only.
 */
export function findingSubject(message: string, reasons: readonly string[] = []): string | undefined {
  if (reasons.filter((r) => !CONTEXT_REASONS.has(r) && !DETAIL_REASONS.has(r as ReasonId)).length > 1) return undefined;
  return /\(([^()]{3,60})\)$/.exec(message)?.[1];
}

/** Reasons that say where a finding's code is, not why it is stateful. */
export const CONTEXT_REASONS = new Set(['list-handler', 'read-handler', 'legacy-path', 'process-state', 'connection-state', 'disk-state']);

/**
 * Whether a marker's text names a piece of state a finding depends on (a `state` entry: `carts`,
 * `setSessionOwner()`, `sessionManager (accessToken)`, named by what precedes the parenthesis), as
 * a whole name: explicit-handles marks the state where it is declared, not at the tool.
 */
export function namesState(text: string, state: string): boolean {
  const name = escapeRegExp(stateEntryName(state));
  return new RegExp(`(?<![\\w$#])${name}(?![\\w$])`).test(text);
}

/** The name a `state` entry of a finding goes by: `carts` of `carts (a limit counter)`, `sessionManager` of `sessionManager (accessToken)`. */
export function stateEntryName(state: string): string {
  return state.replace(/ \(.*\)$/, '');
}

/** How a comment starts in this file, or undefined when it cannot hold one (JSON: wrangler.json, templates, Terraform's JSON syntax). */
export function commentStyle(kind: FileKind, file: string): '//' | '#' | undefined {
  if (kind.type === 'code') return '//';
  if (isJsonConfig({ path: file })) return /\.jsonc$/i.test(file) ? '//' : undefined;
  return '#';
}

/** Runs of white space as one space: how a marker's text compares, however it was wrapped. */
function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A message as a marker holds it: on one line, unable to close a block comment. */
export function markerMessage(message: string): string {
  return normalize(message.replace(/\*\//g, '* /'));
}

/**
 * A finding's message as the marker left for it says it: without the lines of the routes it names
 * (session-header's `(a session's stream and its end; GET at line 108, DELETE at line 109)`), which
 * the markers inserted above them, the formatter and any later edit move (trial 77B B4: a marker
 * said lines 124 and 125 of routes at 162 and 163). The routes' method and path still say where.
 */
export function findingAsMarked(message: string): string {
  return message.replace(/; [A-Z]+ at lines? \d+(?:(?:, | and )\d+)*(?:, [A-Z]+ at lines? \d+(?:(?:, | and )\d+)*)*(?=\))/g, '');
}

/** A marker's whole text, on one line. */
export function markerText(message: string, link: string): string {
  return `${MARKER_TAG}: ${markerMessage(message)} (${normalize(link)})`;
}

/** A marker's comment lines, indented like the line it stands above. */
export function markerLines(message: string, link: string, indent: string, style: '//' | '#'): string[] {
  const prefix = `${indent}${style} `;
  const lines: string[] = [];
  let line = '';
  for (const word of markerText(message, link).split(' ')) {
    if (line !== '' && prefix.length + line.length + 1 + word.length > MARKER_WIDTH) {
      lines.push(prefix + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(prefix + line);
  return lines;
}

/** A marker found in a text: where its first line is (1-based) and how many lines it takes. */
export interface FoundMarker {
  line: number;
  lines: number;
  message: string;
  link: string;
  /** Its whole text, on one line. */
  text: string;
}

const COMMENT_LINE = /^\s*(?:\/\/|#)\s?(.*?)\r?$/;
/** How a marker ends: its link in parentheses (and `*\/` where it sits in a block comment). */
const LINK_END = / \((https?:[^)\s]*)\)\s*(\*\/)?$/;
/** A wrapped marker has a few lines; a longer run of comments after a tag is not its continuation. */
const MAX_MARKER_LINES = 12;

/** The lines without these markers (found in them by findMarkers, in document order). */
export function withoutMarkers(lines: readonly string[], markers: readonly FoundMarker[]): string[] {
  const kept = [...lines];
  for (const m of [...markers].sort((a, b) => b.line - a.line)) kept.splice(m.line - 1, m.lines);
  return kept;
}

/** `TODO(mcp-migrate): ...` markers in these lines, one-line or wrapped. */
export function findMarkers(lines: readonly string[]): FoundMarker[] {
  const found: FoundMarker[] = [];
  for (let i = 0; i < lines.length; i++) {
    const at = lines[i].indexOf(`${MARKER_TAG}: `);
    if (at === -1) continue;
    let text = lines[i].slice(at);
    let last = i;
    // Continuation lines: comments up to the one that ends with the link.
    while (!LINK_END.test(text) && last + 1 < lines.length && last - i < MAX_MARKER_LINES) {
      const next = COMMENT_LINE.exec(lines[last + 1]);
      if (!next || next[1].includes(`${MARKER_TAG}: `)) break;
      text = `${text} ${next[1]}`;
      last++;
    }
    if (!LINK_END.test(text)) last = i; // not one of ours, or cut short: its first line only
    text = normalize(last === i ? lines[i].slice(at) : text);
    const m = LINK_END.exec(text);
    const body = text.slice(MARKER_TAG.length + 2, m ? m.index : undefined).replace(/\s*\*\/$/, '');
    found.push({ line: i + 1, lines: last - i + 1, message: body, link: m?.[1] ?? '', text: m?.[2] ? text.slice(0, -2).trimEnd() : text });
    i = last;
  }
  return found;
}

/**
 * Whether a marker found in these lines is laid out as this tool writes one: `//` or `#` line
 * comments of one indent, its text ending with its link (a marker in a block comment, or a
 * person's note without a link, is not).
 */
export function inMarkerLayout(lines: readonly string[], marker: FoundMarker, style: '//' | '#' = '//'): boolean {
  if (!marker.link) return false;
  const own = lines.slice(marker.line - 1, marker.line - 1 + marker.lines).map((line) => line.replace(/\r$/, ''));
  const indent = /^[ \t]*/.exec(own[0])![0];
  return own[0].startsWith(`${indent}${style} ${MARKER_TAG}: `) && own.every((line) => line.startsWith(`${indent}${style} `)) && normalize(own.map((line) => line.slice(indent.length + style.length + 1)).join(' ')) === marker.text;
}

/** A line that is (part of) a `//` or block comment of code. */
export const CODE_COMMENT_LINE = /^\s*(\/\/|\/\*|\*)/;

/**
 * Comments that act on the line below them: a marker between one and its line would part them
 * (`eslint-disable-next-line` stops working; so does this tool's own `mcp-migrate-ignore`).
 */
const DIRECTIVE = /^\s*\/\/\s*(@ts-ignore|@ts-expect-error|eslint-disable-next-line|biome-ignore|prettier-ignore|istanbul ignore|c8 ignore|v8 ignore|mcp-migrate-ignore|@ts-nocheck)\b/;

/** Above the directive comments standing right above `index`. */
function aboveDirectives(lines: readonly string[], index: number): number {
  let at = index;
  while (at > 0 && DIRECTIVE.test(lines[at - 1])) at--;
  return at;
}

/** The first line of a `/** ... *\/` block that ends on the line above `index`, else `index`. */
export function aboveDocComment(lines: readonly string[], index: number): number {
  if (index === 0 || !lines[index - 1].trim().endsWith('*/')) return index;
  for (let i = index - 1; i >= 0 && index - i <= 200; i--) {
    const line = lines[i].trim();
    if (line.startsWith('/**')) return i;
    if (i < index - 1 && !line.startsWith('*')) return index;
  }
  return index;
}

/**
 * For a line that starts inside a function's parameter list (a default value, `createTransport =
 * () => new StdioServerTransport()`), the first line of the statement around that function: a
 * comment between parameters is valid but reads as part of the signature. Else the line itself (0-based).
 */
function outsideParameters(sourceFile: TS.SourceFile, lineStarts: readonly number[], index: number): number {
  let pos = lineStarts[index] ?? 0;
  while (pos < sourceFile.text.length && /[ \t]/.test(sourceFile.text[pos])) pos++;
  let inParameter = false;
  for (let n: TS.Node | undefined = nodeAt(sourceFile, pos); n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isParameter(n)) inParameter = true;
    if (inStatementList(n) || ts.isClassElement(n)) return inParameter ? sourceFile.getLineAndCharacterOfPosition(n.getStart(sourceFile)).line : index;
  }
  return index;
}

/**
 * `source`: the file's name, for the grammar its code is parsed with (TSX, JavaScript) where a
 * marker's place needs the tree, or that tree when the caller has it (parsed from `text`).
 */
export function insertMarkers(text: string, markers: Marker[], style: '//' | '#', codemod: string, source: string | TS.SourceFile = 'markers.ts'): { text: string; inserted: PlacedMarker[] } {
  const lines = text.split('\n');
  // Parsed once, for the markers' places (code only).
  let tree: { sourceFile: TS.SourceFile; starts: readonly number[] } | undefined;
  const codeLine = (index: number) => {
    if (style !== '//') return index;
    if (!tree) {
      const sourceFile = typeof source === 'string' ? parseFile(text, source) : source;
      tree = { sourceFile, starts: sourceFile.getLineStarts() };
    }
    return outsideParameters(tree.sourceFile, tree.starts, index);
  };
  // `at`: the 0-based line of a marker already there (its first line); `comment`: the lines to add.
  const planned: Array<{ marker: Marker; index: number; at?: number; comment?: string[] }> = [];
  for (const marker of markers) {
    let index = codeLine(Math.max(0, Math.min(lines.length - 1, marker.line - 1)));
    // Above a doc comment that ends right above the line: between the two it would part the
    // declaration from its documentation.
    if (style === '//') index = aboveDirectives(lines, aboveDocComment(lines, index));
    // The comment lines directly above (no blank line between) are the line's own (`// Create
    // the transport`): the marker goes above them, not between them and the line they describe,
    // unless they open the file (its header, about the file, not this line). The same marker
    // among them means an earlier run added it (above them or, as earlier versions did, below);
    // another marker among them is joined, on top of it.
    // A doc comment above those comments documents the line too (`/** ... */ // from ... class`): above it as well.
    let above = index;
    let documented = false;
    for (;;) {
      while (above > 0 && lines[above - 1].trim().startsWith(style)) above--;
      const doc = style === '//' && above < index ? aboveDocComment(lines, above) : above;
      if (doc === above) break;
      above = doc;
      documented = true;
    }
    const text = markerText(marker.message, marker.link);
    const among = findMarkers(lines.slice(above, index));
    const present = among.find((m) => m.text.includes(text));
    const indent = /^[ \t]*/.exec(lines[index])![0];
    if (!present && (above > 0 || documented)) index = among.length > 0 ? above + among[0].line - 1 : above;
    if (planned.some((p) => p.index === index && p.marker.message === marker.message)) continue;
    if (present) planned.push({ marker, index, at: above + present.line - 1 });
    else planned.push({ marker, index, comment: markerLines(marker.message, marker.link, indent, style) });
  }
  const added = planned.filter((p) => p.comment);
  // Insert bottom-up so earlier insertions do not shift later ones; at one line, the marker planned first ends on top.
  for (const p of [...added].reverse().sort((a, b) => b.index - a.index)) lines.splice(p.index, 0, ...p.comment!);
  // Where each marker's first line ends up (1-based): pushed down by the comments added at or above it.
  const linesAddedAbove = (index: number, before: (q: (typeof planned)[number]) => boolean) =>
    added.filter((q) => q.index < index || (q.index === index && before(q))).reduce((n, q) => n + q.comment!.length, 0);
  const placed: PlacedMarker[] = planned.map((p, i) =>
    p.at !== undefined
      ? { ...p.marker, line: p.at + 1 + linesAddedAbove(p.at, () => true), codemod, inserted: false }
      : { ...p.marker, line: p.index + 1 + linesAddedAbove(p.index, (q) => planned.indexOf(q) < i), codemod, inserted: true },
  );
  return { text: lines.join('\n'), inserted: placed.sort((a, b) => a.line - b.line) };
}
