/**
 * TODO(mcp-migrate) markers: wrapped within MARKER_WIDTH columns, found again however they were
 * written (wrapped, or on one line as earlier versions wrote them), never added twice, and
 * reported at the line their tag is on.
 */
import { describe, expect, it } from 'vitest';
import { lineInRewrite } from '../codemods/lib/edits.js';
import { parseFile } from '../src/analysis/parse.js';
import { findingCode, findMarkers, inMarkerLayout, insertMarkers, isRefusalMarker, leftFindingHead, MARKER_TAG, MARKER_WIDTH, markerCode, markerLines, markerText, ownMarkerRule } from '../src/fix/markers.js';

const LINK = 'https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http';
const LONG =
  'this McpServer is shared by every request, and an SDK server answers through the transport it connected last: with a transport per request, concurrent requests would lose their answers. Build a new server per request';
const SHORT = 'drop the sticky upstream';

/** The words of the comment lines, the comment prefixes taken off: what a reader sees, on one line. */
function joined(lines: string[], style = '//'): string {
  return lines.map((l) => l.trim().slice(style.length).trim()).join(' ');
}

describe('markerLines', () => {
  it('wraps a long marker within the width, indented like its line, words and link whole', () => {
    const lines = markerLines(LONG, LINK, '    ', '//');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) {
      expect(line.startsWith('    // ')).toBe(true);
      expect(line.length).toBeLessThanOrEqual(MARKER_WIDTH);
    }
    expect(lines[0]).toContain(`${MARKER_TAG}: this McpServer`);
    expect(lines.at(-1)).toBe(`    // (${LINK})`);
    expect(joined(lines)).toBe(markerText(LONG, LINK));
  });

  it('keeps a short marker on one line, and a word longer than the room on a line of its own', () => {
    expect(markerLines(SHORT, 'https://x.test/a', '', '#')).toEqual([`# ${MARKER_TAG}: ${SHORT} (https://x.test/a)`]);
    const url = `https://example.test/${'a'.repeat(120)}`;
    const lines = markerLines('see', url, '', '//');
    expect(lines).toEqual([`// ${MARKER_TAG}: see`, `// (${url})`]);
  });

  it('never closes a block comment and puts runs of white space on one line', () => {
    expect(markerText('a */ b\n  c', LINK)).toBe(`${MARKER_TAG}: a * / b c (${LINK})`);
  });
});

describe('findMarkers', () => {
  it('finds wrapped and one-line markers at their first lines, with message and link', () => {
    const text = [
      'const a = 1;',
      ...markerLines(LONG, LINK, '', '//'),
      'const b = 2;',
      `  // ${MARKER_TAG}: ${SHORT} (https://x.test/a)`,
      '  upstream();',
    ];
    const found = findMarkers(text);
    expect(found.map((m) => [m.line, m.message, m.link])).toEqual([
      [2, LONG, LINK],
      [text.length - 1, SHORT, 'https://x.test/a'],
    ]);
    expect(found[0].lines).toBe(markerLines(LONG, LINK, '', '//').length);
  });

  it('finds a wrapped marker in CRLF lines as in LF ones (trial 39B: each run added its lines again on Windows files)', () => {
    const lf = ['const a = 1;', ...markerLines(LONG, LINK, '  ', '//'), 'const b = 2;'];
    const crlf = lf.map((line) => `${line}\r`);
    const found = (lines: string[]) => findMarkers(lines).map((m) => [m.line, m.lines, m.message, m.link]);
    expect(found(crlf)).toEqual(found(lf));
    expect(found(crlf)[0][1]).toBeGreaterThan(1);
  });

  it('takes a person\'s own TODO(mcp-migrate) without a link as its line alone, not the comments after it', () => {
    const text = [`// ${MARKER_TAG}: check this by hand`, '// unrelated note', 'run();'];
    expect(findMarkers(text).map((m) => [m.line, m.lines, m.message])).toEqual([[1, 1, 'check this by hand']]);
  });

  it('reads # comments (config files) the same way', () => {
    const found = findMarkers(['upstream mcp {', ...markerLines(LONG, LINK, '    ', '#'), '    ip_hash;', '}']);
    expect(found.map((m) => [m.line, m.message])).toEqual([[2, LONG]]);
  });
});

describe('insertMarkers', () => {
  const code = ['function main() {', '  const server = new McpServer();', '  serve(server);', '}', ''].join('\n');

  it('adds the wrapped comment above the line and reports the line its tag is on', () => {
    const { text, inserted } = insertMarkers(code, [{ line: 2, message: LONG, link: LINK }], '//', 'test');
    const lines = text.split('\n');
    const comment = markerLines(LONG, LINK, '  ', '//');
    expect(lines.slice(1, 1 + comment.length)).toEqual(comment);
    expect(lines[1 + comment.length]).toBe('  const server = new McpServer();');
    expect(inserted.map((m) => [m.line, m.inserted])).toEqual([[2, true]]);
  });

  it('is idempotent, and a marker an earlier version wrote on one line counts as present', () => {
    const first = insertMarkers(code, [{ line: 2, message: LONG, link: LINK }], '//', 'test').text;
    const again = insertMarkers(first, [{ line: 2 + markerLines(LONG, LINK, '  ', '//').length, message: LONG, link: LINK }], '//', 'test');
    expect(again.text).toBe(first);
    expect(again.inserted.map((m) => [m.line, m.inserted])).toEqual([[2, false]]);

    const oneLine = code.replace('  const server', `  // ${markerText(LONG, LINK)}\n  const server`);
    const old = insertMarkers(oneLine, [{ line: 3, message: LONG, link: LINK }], '//', 'test');
    expect(old.text).toBe(oneLine);
    expect(old.inserted.map((m) => [m.line, m.inserted])).toEqual([[2, false]]);
  });

  it('goes above a doc comment that ends right above the line, not between it and its declaration', () => {
    const documented = ['/**', ' * Clients by session id.', ' */', 'const clients = new Set<string>();', '// A plain comment stays with its line.', 'const other = 1;', ''].join('\n');
    const { text, inserted } = insertMarkers(documented, [{ line: 4, message: SHORT, link: LINK }, { line: 6, message: `${SHORT}, too`, link: LINK }], '//', 'test');
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^\/\/ TODO\(mcp-migrate\): /);
    expect(lines.slice(lines.indexOf('/**'), lines.indexOf('/**') + 4)).toEqual(['/**', ' * Clients by session id.', ' */', 'const clients = new Set<string>();']);
    // Above the plain comment too: it says what its line does.
    const plain = findMarkers(lines)[1];
    expect(lines[plain.line - 1 + plain.lines]).toBe('// A plain comment stays with its line.');
    expect(inserted.map((m) => lines[m.line - 1].startsWith('// TODO(mcp-migrate)'))).toEqual([true, true]);
    // Again, at the declaration's new line: already there.
    const again = insertMarkers(text, [{ line: lines.indexOf('const clients = new Set<string>();') + 1, message: SHORT, link: LINK }], '//', 'test');
    expect(again.text).toBe(text);
  });

  it('goes above a doc comment followed by line comments: both belong to the declaration below (trial 15A, an event store class)', () => {
    const code = ['import { x } from "y";', '', '/**', ' * Events in memory.', ' */', '// from the SDK examples', 'export class Store {}', ''].join('\n');
    const { text, inserted } = insertMarkers(code, [{ line: 7, message: SHORT, link: LINK }], '//', 'test');
    const lines = text.split('\n');
    const marker = findMarkers(lines)[0];
    expect(marker.line).toBe(3);
    expect(lines.slice(marker.line - 1 + marker.lines)).toEqual(['/**', ' * Events in memory.', ' */', '// from the SDK examples', 'export class Store {}', '']);
    expect(inserted.map((m) => m.line)).toEqual([3]);
    // Again: already there.
    expect(insertMarkers(text, [{ line: lines.indexOf('export class Store {}') + 1, message: SHORT, link: LINK }], '//', 'test').text).toBe(text);
    // Where an earlier version put it, between the doc comment and the line comment: found there, not added again.
    const between = code.replace('// from the SDK examples', `${markerLines(SHORT, LINK, '', '//').join('\n')}\n// from the SDK examples`);
    const old = insertMarkers(between, [{ line: between.split('\n').indexOf('export class Store {}') + 1, message: SHORT, link: LINK }], '//', 'test');
    expect(old.text).toBe(between);
    expect(old.inserted.map((m) => m.inserted)).toEqual([false]);
  });

  it("goes above the statement around a function when the line is in its parameter list (a default value), not between its parameters (trial 17A)", () => {
    const code = ['const connect = async (', '  server: Server,', '  make: () => Transport = () => new StdioServerTransport(),', ') => {', '  await server.connect(make());', '};', ''].join('\n');
    const { text, inserted } = insertMarkers(code, [{ line: 3, message: SHORT, link: LINK }], '//', 'test');
    const lines = text.split('\n');
    expect(findMarkers(lines)[0].line).toBe(1);
    expect(lines.slice(findMarkers(lines)[0].lines)).toEqual(code.split('\n'));
    expect(inserted.map((m) => m.line)).toEqual([1]);
    // A line in the body stays where it is.
    const body = insertMarkers(code, [{ line: 5, message: SHORT, link: LINK }], '//', 'test').text.split('\n');
    expect(body[findMarkers(body)[0].line - 1 + findMarkers(body)[0].lines]).toBe('  await server.connect(make());');
    // Again: already there.
    expect(insertMarkers(text, [{ line: lines.indexOf('  make: () => Transport = () => new StdioServerTransport(),') + 1, message: SHORT, link: LINK }], '//', 'test').text).toBe(text);
  });

  it('goes above the line comments that describe the line, not between them and it, unless they open the file', () => {
    const described = ['function serve() {', "  res.writeHead(200, { 'Content-Type': 'text/event-stream' });", '', '  // Create SSE transport', "  const transport = new SSEServerTransport('/messages', res);", '}', ''].join('\n');
    const { text, inserted } = insertMarkers(described, [{ line: 5, message: LONG, link: LINK }], '//', 'test');
    const lines = text.split('\n');
    const comment = markerLines(LONG, LINK, '  ', '//');
    expect(lines.slice(3, 3 + comment.length + 2)).toEqual([...comment, '  // Create SSE transport', "  const transport = new SSEServerTransport('/messages', res);"]);
    expect(inserted.map((m) => [m.line, m.inserted])).toEqual([[4, true]]);
    // Again: already there. And where an earlier version put it, between the comment and the line, too.
    const code = lines.indexOf("  const transport = new SSEServerTransport('/messages', res);") + 1;
    expect(insertMarkers(text, [{ line: code, message: LONG, link: LINK }], '//', 'test').text).toBe(text);
    const between = described.replace('  // Create SSE transport\n', `  // Create SSE transport\n${comment.join('\n')}\n`);
    const old = insertMarkers(between, [{ line: 5 + comment.length, message: LONG, link: LINK }], '//', 'test');
    expect(old.text).toBe(between);
    expect(old.inserted.map((m) => [m.line, m.inserted])).toEqual([[5, false]]);
    // A header comment is about the file: a marker for its first import goes below it.
    const header = ['// The mail server, over Streamable HTTP.', "import express from 'express';", ''].join('\n');
    expect(insertMarkers(header, [{ line: 2, message: SHORT, link: LINK }], '//', 'test').text).toBe(['// The mail server, over Streamable HTTP.', ...markerLines(SHORT, LINK, '', '//'), "import express from 'express';", ''].join('\n'));
  });

  it('goes above comments that act on the next line (@ts-ignore, eslint-disable-next-line, mcp-migrate-ignore)', () => {
    const directed = ['app.get(', '  // eslint-disable-next-line @typescript-eslint/no-explicit-any', '  // @ts-ignore', "  '/sse', serveSse() as any,", ');', ''].join('\n');
    const { text } = insertMarkers(directed, [{ line: 4, message: SHORT, link: LINK }], '//', 'test');
    const lines = text.split('\n');
    expect(lines[1]).toMatch(/^ {2}\/\/ TODO\(mcp-migrate\): /);
    const code = lines.indexOf("  '/sse', serveSse() as any,");
    expect(lines.slice(code - 2, code)).toEqual(['  // eslint-disable-next-line @typescript-eslint/no-explicit-any', '  // @ts-ignore']);
    expect(insertMarkers(text, [{ line: code + 1, message: SHORT, link: LINK }], '//', 'test').text).toBe(text);
  });

  it('places several markers, two on one line, each reported at its own tag line', () => {
    const markers = [
      { line: 3, message: SHORT, link: LINK },
      { line: 2, message: LONG, link: LINK },
      { line: 2, message: `${LONG}, again`, link: LINK },
    ];
    const { text, inserted } = insertMarkers(code, markers, '//', 'test');
    const lines = text.split('\n');
    const tagLines = lines.flatMap((l, i) => (l.includes(MARKER_TAG) ? [i + 1] : []));
    expect(inserted.map((m) => m.line)).toEqual(tagLines);
    // The marker planned first stands on top; each is found again with its own message.
    expect(findMarkers(lines).map((m) => m.message)).toEqual([LONG, `${LONG}, again`, SHORT]);
    expect(inserted.map((m) => m.message)).toEqual([LONG, `${LONG}, again`, SHORT]);
    expect(insertMarkers(text, [], '//', 'test').text).toBe(text);
  });
});

describe('leftFindingHead / ownMarkerRule', () => {
  it('reads back the rule of a marker the run wrote for a finding it left, with or without a codemod, once wrapped and found again', () => {
    for (const [rule, codemod] of [['session-map', 'stateless-transport'], ['stateful-tool', undefined]] as const) {
      const message = `${leftFindingHead(rule, codemod)}: the finding's text. What to do`;
      expect(message.startsWith(codemod ? `fix (${codemod})` : 'no codemod')).toBe(true);
      const lines = [...markerLines(message, LINK, '  ', '//'), '  code();'];
      const [found] = findMarkers(lines);
      expect(ownMarkerRule(found.message)).toBe(rule);
    }
    expect(ownMarkerRule('TODO(mcp-migrate): a person wrote this about session-map')).toBeUndefined();
  });
});

describe('inMarkerLayout / isRefusalMarker / markerCode', () => {
  it('tells a marker laid out as this tool writes one (wrapped, on one line, re-indented) from a person\'s note or a block comment', () => {
    const refusal = 'getMcpServer() hands out one server it keeps: make getMcpServer() build a new server on every call, then run fix again';
    const lines = [...markerLines(refusal, LINK, '    ', '//').map((l) => l.slice(2)), `// ${markerText(SHORT, LINK)}`, `// ${MARKER_TAG}: check this by hand`, `/* ${markerText(SHORT, LINK)} */`, 'run();'];
    expect(findMarkers(lines).map((m) => inMarkerLayout(lines, m, '//'))).toEqual([true, true, false, false]);
    expect(isRefusalMarker(refusal)).toBe(true);
    expect(isRefusalMarker(`${refusal}, or remove it`)).toBe(false);
    expect(markerCode('`server` is one server shared by every request, and getMcpServer() builds it')).toEqual(['server', 'getMcpServer']);
    expect(findingCode('getMcpServer() hands out one server, kept in mcpServer after the first call')).toBe('getMcpServer');
  });
});

describe('lineInRewrite', () => {
  const before = [
    "app.post('/a', async (req, res) => {",
    '  const transport = new StreamableHTTPServerTransport({});',
    '  await transport.handleRequest(req, res);',
    '});',
    "app.post('/b', async (req, res) => {",
    '  const transport = new StreamableHTTPServerTransport({});',
    '  await transport.handleRequest(req, res);',
    '});',
    '',
  ].join('\n');
  const sf = parseFile(before, 'routes.ts');

  it('keeps a marker of a replaced line on the line that replaced it, not on an identical line left where it was (read-through 66)', () => {
    const after = before.replace('new StreamableHTTPServerTransport', 'new NodeStreamableHTTPServerTransport');
    expect([lineInRewrite(sf, 2, after), lineInRewrite(sf, 6, after)]).toEqual([2, 6]);
  });

  it('keeps each of identical lines on its own line once both are replaced and lines before them go (review 65)', () => {
    const after = before.replaceAll('new StreamableHTTPServerTransport', 'new NodeStreamableHTTPServerTransport').replace("app.post('/a', async (req, res) => {\n", '');
    expect([lineInRewrite(sf, 2, after), lineInRewrite(sf, 6, after)]).toEqual([1, 5]);
  });

  it('follows a line the rewrite moved', () => {
    const after = ['// moved up', '  const transport = new StreamableHTTPServerTransport({});', ...before.split('\n').filter((_l, i) => i !== 1)].join('\n');
    expect(lineInRewrite(sf, 2, after)).toBe(2);
  });
});
