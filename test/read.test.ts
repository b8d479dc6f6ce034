/**
 * Reading files and the MCP marker on raw bytes: the scanner decodes only files whose bytes hold
 * MCP code, so the byte test must answer exactly as the marker on the decoded text does, and the
 * reader's reused buffer must give every file exactly its own bytes.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MCP_MARKER, isMcpBytes, isMcpCode, markerBytes, proxiesToOtherServers } from '../src/analysis/mcp.js';
import { FileReader, compiledBesideSource, decodeText, looksBundled, looksCompiled, looksMinified, skipsAsBundle } from '../src/scan/read.js';
import { SESSION_WORDS, namesSessionWord } from '../src/scan/scanner.js';
import { REPO } from './helpers/cli.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-migrate-read-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/**
 * Every string one alternative of the marker matches, for the constructs the marker uses: a
 * leading lookbehind and a trailing lookahead (dropped: they only narrow), `[xX]` classes, literal
 * characters, `\.`, `\?` and `\(` escapes, and `?` after a character. Anything else throws, so a new
 * construct fails the test until this expander knows it.
 */
function expand(alternative: string): string[] {
  let source = alternative.replace(/^\(\?<!\[A-Za-z\]\)/, '').replace(/\(\?!\[\\w\$\]\)$/, '');
  let results = [''];
  while (source.length > 0) {
    let choices: string[];
    if (source.startsWith('[')) {
      const end = source.indexOf(']');
      choices = [...source.slice(1, end)];
      source = source.slice(end + 1);
    } else if (source.startsWith('\\')) {
      if (!/^\\[.?(]/.test(source)) throw new Error(`unknown escape in ${alternative}`);
      choices = [source[1]];
      source = source.slice(2);
    } else if (/^[A-Za-z0-9_-]/.test(source)) {
      choices = [source[0]];
      source = source.slice(1);
    } else {
      throw new Error(`unknown construct ${source} in ${alternative}`);
    }
    if (source.startsWith('?')) {
      choices = [...choices, ''];
      source = source.slice(1);
    }
    results = results.flatMap((prefix) => choices.map((c) => prefix + c));
  }
  return results;
}

function listCode(root: string): string[] {
  return fs.readdirSync(root, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listCode(full);
    return /\.(c|m)?(t|j)sx?$/.test(entry.name) ? [full] : [];
  });
}

/** `count` texts of one to eight of `pieces` each, from a fixed-seed generator (xorshift): the same texts on every run. */
function* randomTexts(pieces: readonly string[], seed: number, count: number): Generator<string> {
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  for (let n = 0; n < count; n++) {
    let text = '';
    for (let k = 1 + Math.floor(next() * 8); k > 0; k--) text += pieces[Math.floor(next() * pieces.length)];
    yield text;
  }
}

describe('MCP marker on bytes', () => {
  const alternatives = MCP_MARKER.source.split('|');

  it('reads the marker as the alternatives the expander knows', () => {
    expect(alternatives.length).toBeGreaterThan(5);
    for (const alternative of alternatives) expect(expand(alternative).length, alternative).toBeGreaterThan(0);
    // The expansion of the first one covers every spelling of "mcp".
    expect(expand(alternatives[0])).toHaveLength(8);
  });

  /** The same answer as the marker on the text, for these UTF-8 bytes. */
  const agrees = (text: string) => expect(markerBytes(Buffer.from(text, 'utf8')), JSON.stringify(text)).toBe(MCP_MARKER.test(text));

  it.each(alternatives)('the byte test finds every string %s matches, in any surroundings, as the marker does', (alternative) => {
    for (const word of expand(alternative)) {
      // Non-letters, letters and non-ASCII characters before and after; "fast" before "mcp".
      for (const text of [word, ` ${word} `, `é${word}ü`, `x${word}`, `_${word}`, `9${word}`, `fast${word}`, `Xfast${word}`, `FAST${word}`, `\ufeff${word}`, `import x from '${word}';\n`]) {
        agrees(text);
      }
      expect(isMcpBytes(Buffer.from(word, 'utf8')), word).toBe(true);
      // One character less is no longer a match of this alternative.
      agrees(word.slice(1));
      agrees(word.slice(0, -1));
    }
  });

  it('the byte test agrees with the marker on random text made of the marker\'s pieces', () => {
    const pieces = ['m', 'M', 'c', 'C', 'p', 'P', 'mc', 'Mc', 'mC', 'cp', 'CP', 'fast', 'x', 'é', '日', ' ', '_', '.', '?', 'session', 'Id', 'transport', 'Generator', 'onsession', 'initialized', 'is', 'Initialize', 'Request', 'SSE', 'Streamable', 'HTTP', 'ServerTransport', 'model', 'context', 'protocol', 'register', 'Tool', 'Prompt', 'Resource', 'Routes', '$', '(', 'server', 'observer', '.tool', 'tool(', '.prompt(', '.resource(', 'elicit', 'Input', 'elicitInput', 'ver.', 'ver', 'rver.to',
      // Pieces of the words around the anchors isMcpBytes searches for (xtpro, zeReq, PServ, EServ, zed, Id, Resou, ver., Input).
      'xt', 'xtpro', 'modelconte', 'ze', 'zed', 'zeReq', 'Initiali', 'nitializ', 'PServ', 'EServ', 'SS', 'HTTPS', 'erver', 'Gen', 'IdGen', 'ssion', '?.', 'Resou', 'rce', 'onsessioninitiali'];
    let matches = 0;
    for (const text of randomTexts(pieces, 0x2545f491, 40_000)) {
      agrees(text);
      if (MCP_MARKER.test(text)) matches++;
    }
    // Both answers occur often: the comparison is not one-sided.
    expect(matches).toBeGreaterThan(400);
    expect(matches).toBeLessThan(38_000);
  });

  it('the byte test agrees with the marker on random text made of the framework specifiers\' pieces', () => {
    const pieces = ["'", '"', '@', '/', '`', 'x', 't', 'X', 'mcp', 'mc', 'cp', 'p', 'xmcp', 'tmcp', "'x", '@t', 'é', ' ', 'fast'];
    let matches = 0;
    for (const text of randomTexts(pieces, 0x1b873593, 20_000)) {
      agrees(text);
      if (/['"][@]?[xt]mcp['"/]/.test(text)) matches++;
    }
    // Matches occur: the comparison is not one-sided.
    expect(matches).toBeGreaterThan(100);
  });

  it('says no for ordinary code, and for "mcp" inside a word', () => {
    expect(isMcpBytes(Buffer.from('export const add = (a, b) => a + b;\n'))).toBe(false);
    expect(isMcpBytes(Buffer.from('const tcpPort = 80; const numCpus = 4;\n'))).toBe(false);
    expect(isMcpBytes(Buffer.from('const server = new McpServer();\n'))).toBe(true);
    // A tools module handed the server registers through it; a REST app's registerToolRoutes() is no MCP code (trial 18A).
    expect(isMcpBytes(Buffer.from('export function tools(s) { s.registerTool("a", {}, f); }\n'))).toBe(true);
    expect(isMcpBytes(Buffer.from('export function registerToolRoutes(app) { app.get("/tools", f); }\n'))).toBe(false);
    expect(isMcpCode('export function registerToolRoutes(app) {}')).toBe(false);
    // v1's server.tool() in a tools module handed the server (trial 36B); not another object's tool().
    expect(isMcpBytes(Buffer.from('export function tools(server) {\n  server.tool(\n    "a", {}, f);\n}\n'))).toBe(true);
    expect(isMcpBytes(Buffer.from('const answer = await server.server.elicitInput({ message: "ok?" });\n'))).toBe(true);
    expect(isMcpBytes(Buffer.from('observer.tool(x); agent.tool("a"); server.tools(); elicitInputs();\n'))).toBe(false);
  });

  it('takes the endpoint event of a hand-written HTTP+SSE server for MCP with JSON-RPC beside it, not alone (trial 71B B8, review 89 point 5)', () => {
    const rpc = "res.write(`event: endpoint\ndata: /messages?sessionId=${id}\n\n`);\nout.write(JSON.stringify({ jsonrpc: '2.0', id: msg.id, result }));\n";
    const feed = 'res.write(`event: endpoint\ndata: ${live}\n\n`);\n';
    const compact = "res.write('event:endpoint\\ndata: /m');\nconst reply = { jsonrpc: '2.0' };\n";
    for (const [text, mcp] of [[rpc, true], [feed, false], [compact, true], ["const reply = { jsonrpc: '2.0' };\n", false]] as const) {
      expect(isMcpBytes(Buffer.from(text)), text).toBe(mcp);
      expect(isMcpCode(text), text).toBe(mcp);
    }
  });

  it('takes xmcp and tmcp as module specifiers, not as words', () => {
    const imports = ['import type { ToolMetadata } from "xmcp";', "import { McpServer } from 'tmcp';", "import { HttpTransport } from '@tmcp/transport-http';", "import { headers } from 'xmcp/headers';", "const { McpServer } = require('tmcp');"];
    for (const text of imports) {
      expect(isMcpCode(text), text).toBe(true);
      agrees(text);
    }
    const others = ['const xmcp = 1; // tmcp', "import x from 'my-xmcp';", "import x from 'tmcp-like';", 'const s = "@xtmcp/";', "import { a } from '@tmcp';"];
    for (const text of others.slice(0, 4)) {
      expect(isMcpCode(text), text).toBe(false);
      agrees(text);
    }
    // The bare scope is a specifier too (`'@tmcp'`): whatever it says, both tests say the same.
    agrees(others[4]);
  });

  it('gives the same answer on the Latin-1 view of the bytes as on the decoded text', () => {
    const samples = ['é mcp', 'émcp', 'Ämcp', 'xmcp', '日本Mcp', '\ufeffmcp', 'numCpus', 'const s = "café"; // MCP', 'naïve transport?.sessionId'];
    for (const text of samples) {
      expect(isMcpCode(Buffer.from(text, 'utf8').toString('latin1')), text).toBe(isMcpCode(text));
      agrees(text);
    }
  });

  it('agrees with the marker on every source file of this repository (fixtures, codemods, src, test)', () => {
    const files = ['fixtures', 'codemods', 'src', 'test'].flatMap((dir) => listCode(path.join(REPO, dir)));
    expect(files.length).toBeGreaterThan(50);
    let mcp = 0;
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      const text = bytes.toString('utf8');
      expect(isMcpBytes(bytes), file).toBe(isMcpCode(text));
      if (isMcpCode(text)) mcp++;
    }
    expect(mcp).toBeGreaterThan(50);
    expect(files.length - mcp).toBeGreaterThan(20);
  });

  it('a suppression comment makes a file MCP code (the scanner skips the rest unread)', () => {
    for (const comment of ['// mcp-migrate-ignore session-map', '/* mcp-migrate-ignore */', '# mcp-migrate-ignore sticky-nginx']) {
      expect(isMcpCode(comment), comment).toBe(true);
    }
  });
});

describe('session words (what a module handed the session id names)', () => {
  /** The list's answer, on the text and on its UTF-8 bytes. */
  const agrees = (text: string) => {
    const expected = SESSION_WORDS.some((w) => text.includes(w));
    expect(namesSessionWord(text), JSON.stringify(text)).toBe(expected);
    expect(namesSessionWord(Buffer.from(text, 'utf8')), JSON.stringify(text)).toBe(expected);
    return expected;
  };

  it.each(SESSION_WORDS)('finds %s in any surroundings, and not one character of it less', (word) => {
    for (const text of [word, ` ${word} `, `é${word}ü`, `x${word}`, `const { ${word} y`, `日${word}`]) expect(agrees(text)).toBe(true);
    agrees(word.slice(0, -1));
    agrees(word.slice(1));
  });

  it('agrees with the list on random text made of its pieces', () => {
    const pieces = ['session', 'Session', 'sid', 'Sid', 'Id', 'ID', 'id', '_id', '_key', 'Key', 'key', '_', ':', ',', ')', '(', ' ', 'x', 'é', 'ses', 'sion', 'si', 'd', 'inside'];
    let matches = 0;
    for (const text of randomTexts(pieces, 0x68e31da4, 20_000)) if (agrees(text)) matches++;
    // Both answers occur often: the comparison is not one-sided.
    expect(matches).toBeGreaterThan(500);
    expect(matches).toBeLessThan(19_000);
  });
});

describe('FileReader', () => {
  it('gives each file exactly its bytes through one reused buffer, growing it for large files', () => {
    const small = write('small.ts', 'export const a = 1;\n');
    const large = write('large.ts', `${'// line\n'.repeat(50_000)}export const end = true;\n`); // 400 KB
    const reader = new FileReader(2 * 1024 * 1024, 1024);
    const first = reader.read(small);
    if (!first.ok) throw new Error(first.reason);
    const firstText = decodeText(first.bytes);
    const second = reader.read(large, true);
    if (!second.ok) throw new Error(second.reason);
    expect(decodeText(second.bytes)).toBe(fs.readFileSync(large, 'utf8'));
    const again = reader.read(small, true);
    if (!again.ok) throw new Error(again.reason);
    expect(decodeText(again.bytes)).toBe('export const a = 1;\n');
    expect(firstText).toBe('export const a = 1;\n'); // decoded text does not share the buffer
  });

  it('accepts a file at the limit and refuses one byte more, with its size, whether or not the walk said it is regular', () => {
    const limit = 4096;
    const at = write('at.ts', 'x'.repeat(limit));
    const over = write('over.ts', 'x'.repeat(limit + 1));
    for (const regular of [false, true]) {
      const reader = new FileReader(limit, 512);
      expect(reader.read(at, regular).ok).toBe(true);
      expect(reader.read(over, regular)).toEqual({ ok: false, reason: 'file is 4.0 KB, over the 4.0 KB limit (skipped; raise it with --max-file-size)' });
      expect(reader.read(at, regular).ok).toBe(true);
    }
  });

  it('refuses a FIFO without waiting for a writer, and says why for binary, non-UTF-8 and missing files', () => {
    const fifo = path.join(dir, 'pipe.ts');
    execFileSync('mkfifo', [fifo]);
    const reader = new FileReader();
    expect(reader.read(fifo)).toEqual({ ok: false, reason: 'not a regular file' });
    expect(reader.read(write('blob.js', Buffer.from([0x61, 0x00, 0x01, 0x02, 0x62])))).toEqual({ ok: false, reason: 'binary file (skipped)' });
    // Refused by a reader that writes files back (fix's), with what to do (trial 67B B3).
    expect(reader.read(write('latin1.ts', Buffer.from('caf\xe9', 'latin1')))).toEqual({ ok: false, reason: 'not valid UTF-8 text, not rewritten: fix rewrites UTF-8 files only; save it as UTF-8 and run fix again' });
    // A NUL in a string of a UTF-8 code file (a separator in a template literal) is text (trial 59B B4),
    // also in a file under 100 bytes (review 76); one among invalid UTF-8 is binary, as are control
    // bytes that make up much of the file.
    const code = `const key = \`a\0b\`;\n${'export const one = 1;\n'.repeat(10)}`;
    expect(reader.read(write('separator.ts', Buffer.from(code))).ok).toBe(true);
    expect(reader.read(write('mixed.ts', Buffer.concat([Buffer.from(code), Buffer.from([0xff])])))).toEqual({ ok: false, reason: 'binary file (skipped)' });
    expect(reader.read(write('sparse.ts', Buffer.from(`a${'\0'.repeat(3)}${'b'.repeat(100)}`)))).toEqual({ ok: false, reason: 'binary file (skipped)' });
    expect(reader.read(write('short.ts', Buffer.from("export const SEP = '\0'; // a record separator\n"))).ok).toBe(true);
    expect(reader.read(write('header.js', Buffer.from('\0\u0001binary')))).toEqual({ ok: false, reason: 'binary file (skipped)' });
    expect(reader.read(path.join(dir, 'missing.ts'))).toEqual({ ok: false, reason: 'cannot read: no such file or directory' });
  });

  it('decodes UTF-8 (ASCII or not) and drops a byte order mark', () => {
    const text = (name: string, content: string) => {
      const outcome = new FileReader().read(write(name, content));
      if (!outcome.ok) throw new Error(outcome.reason);
      return decodeText(outcome.bytes);
    };
    expect(text('bom.ts', '\ufeffconst a = "é";\n')).toBe('const a = "é";\n');
    expect(text('ascii.ts', 'const a = 1;\n')).toBe('const a = 1;\n');
    expect(text('cjk.ts', '日本 mcp ✓')).toBe('日本 mcp ✓');
    // A replacement character the file holds itself is UTF-8 text like any other.
    expect(text('replacement.ts', 'const bad = "\ufffd";\n')).toBe('const bad = "\ufffd";\n');
  });

  it("reads text that is not UTF-8 as Latin-1 with nonUtf8: 'latin1', one character a byte, and still refuses binary files (trial 67B B3)", () => {
    const reader = new FileReader(undefined, undefined, 'latin1');
    const read = (name: string, bytes: Buffer) => {
      const outcome = reader.read(write(name, bytes));
      return outcome.ok ? { latin1: outcome.latin1 ?? false, text: decodeText(outcome.bytes) } : outcome;
    };
    // An é saved in ISO-8859-1 in a comment; the code around it is intact, and so are columns.
    const code = Buffer.concat([Buffer.from('// caf\xe9\n', 'latin1'), Buffer.from("const h = req.headers['mcp-session-id'];\n")]);
    expect(read('latin1.ts', code)).toEqual({ latin1: true, text: "// café\nconst h = req.headers['mcp-session-id'];\n" });
    // Windows-1252 quotes (0x93, 0x94) too: any single-byte encoding keeps its ASCII.
    expect(read('cp1252.ts', Buffer.from('// \x93quoted\x94\nexport const a = 1;\n', 'latin1'))).toEqual({ latin1: true, text: '// \u0093quoted\u0094\nexport const a = 1;\n' });
    // A UTF-8 byte order mark in front is read past, as in a UTF-8 file.
    expect(read('bom-latin1.ts', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('// caf\xe9\n', 'latin1')]))).toEqual({ latin1: true, text: '// café\n' });
    // UTF-8 stays UTF-8, unmarked.
    expect(read('utf8.ts', Buffer.from('// café\n'))).toEqual({ latin1: false, text: '// café\n' });
    // Binary stays refused: a NUL among bytes that are not UTF-8.
    expect(read('blob.ts', Buffer.from([0x61, 0x00, 0x01, 0xff, 0x62]))).toEqual({ ok: false, reason: 'binary file (skipped)' });
    // Shift-JIS whose double-byte characters end in 0x5C (表 is 95 5C): read as Latin-1 that byte is a
    // backslash escaping the string's quote, so such a file is read as Shift-JIS (review 86).
    const sjis = Buffer.concat([Buffer.from("const title = '一覧", 'utf8').subarray(0, 15), Buffer.from([0x88, 0xea, 0x97, 0x97, 0x95, 0x5c]), Buffer.from("';\n")]);
    expect(read('sjis.ts', sjis)).toEqual({ latin1: true, text: "const title = '一覧表';\n" });
    // A Latin-1 file whose é (E9) comes before a backslash stays Latin-1: read as Shift-JIS, the pair would swallow the backslash.
    expect(read('path.ts', Buffer.from("const dir = 'C:\\caf\xe9\\x';\n", 'latin1'))).toEqual({ latin1: true, text: "const dir = 'C:\\café\\x';\n" });
  });
});

describe('minified bundles', () => {
  // A hand-written server: ordinary statements on their own lines.
  const server = [
    "import express from 'express';",
    "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
    'const app = express();',
    "app.get('/health', (_req, res) => { res.send('ok'); });",
    'app.listen(3000);',
  ];

  it('is long MCP code whose long lines are code: minified statements and functions', () => {
    const minified = `${'!function(e){var t={};function n(r){if(t[r])return t[r].exports;var o=t[r]={i:r,l:!1,exports:{}};return e[r].call(o.exports,o,o.exports,n),o.l=!0,o.exports}'.repeat(150)}\n`;
    expect(minified.length).toBeGreaterThan(20_000);
    expect(looksMinified(minified)).toBe(true);
    // Arrow functions only (an esbuild --minify output), with a licence comment above.
    const arrows = `/*! licence */\n${'const a=(e,t)=>e.map(r=>r+t),b=s=>s.trim();'.repeat(600)}\n`;
    expect(looksMinified(arrows)).toBe(true);
  });

  it('is not a hand-written file whose long line is data: an inline SVG, a base64 image, prose', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">${'<path d="M10,20 L30,40 C50,60 70,80 90,100 Z" style="fill:#fff;stroke:#000"/>'.repeat(400)}</svg>`;
    const base64 = Buffer.from('x'.repeat(30_000)).toString('base64');
    const prose = 'This tool returns the function of each part, so that a client can call it again. '.repeat(400);
    for (const [name, data] of [['svg', svg], ['base64', base64], ['prose', prose]] as const) {
      const file = [...server, `export const DATA = ${JSON.stringify(data)};`, ''].join('\n');
      expect(file.length, name).toBeGreaterThan(20_000);
      expect(file.length / file.split('\n').length, name).toBeGreaterThan(500);
      expect(looksMinified(file), name).toBe(false);
    }
    // Short files and files of short lines are never bundles.
    expect(looksMinified([...server, `export const LOGO = '${'<g/>'.repeat(100)}';`].join('\n'))).toBe(false);
    expect(looksMinified(`${server.join('\n')}\n`.repeat(200))).toBe(false);
  });
});

describe('TypeScript sources', () => {
  // Trial 71B B2: a .ts server with one long generated line (a table left unformatted) was skipped as a bundle, and check passed its session map.
  it('are never bundles, whatever their lines, where the same text in a .js file is', () => {
    const table = `export const ROUTES = [${Array.from({ length: 700 }, (_, i) => `{name:'r${i}',run:(a)=>{return a+${i}}}`).join(',')}];`;
    const text = ["import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';", table, 'const transports: Record<string, StreamableHTTPServerTransport> = {};', ''].join('\n');
    expect(skipsAsBundle(text, true, '/repo/src/routes.js')).toBe(true);
    for (const file of ['/repo/src/server.ts', '/repo/src/server.mts', '/repo/src/server.cts', '/repo/src/App.tsx']) expect(skipsAsBundle(text, true, file), file).toBe(false);
  });
});

describe("bundles a bundler wrote without minifying them", () => {
  const session = ["var transports = {};", "const sid = req.headers['mcp-session-id'];"];
  it("are Bun's `// @bun` output, esbuild's modules copied from node_modules, webpack's module table", () => {
    expect(looksBundled(['#!/usr/bin/env bun', '// @bun', 'var __defProp = Object.defineProperty;', ...session].join('\n'))).toBe(true);
    expect(looksBundled(['// @bun', ...session].join('\n'))).toBe(true);
    const esbuild = ['// node_modules/zod/lib/index.mjs', 'var z = {};', '', '// node_modules/@modelcontextprotocol/sdk/dist/esm/server/streamableHttp.js', ...session, '', '// src/server.ts', 'start();'];
    expect(looksBundled(esbuild.join('\n'))).toBe(true);
    expect(looksBundled(['/******/ (() => {', '/***/ "./src/server.ts":', 'var x = __webpack_require__("./node_modules/x.js");'].join('\n'))).toBe(true);
  });

  it('are not a hand-written server that mentions node_modules or Bun once', () => {
    expect(looksBundled(['// node_modules/@modelcontextprotocol/sdk/dist/esm/server/mcp.js has the types', ...session].join('\n'))).toBe(false);
    expect(looksBundled(['// node_modules/x/index.js', ...session].join('\n'))).toBe(false);
    expect(looksBundled(["// Run with bun: bun run src/server.ts", '// @bun-types are in devDependencies', ...session].join('\n'))).toBe(false);
    expect(looksBundled(["const dir = 'node_modules/';", "// @bun is not a pragma here", ...session].join('\n'))).toBe(false);
    expect(looksBundled(['// @bun-types are in devDependencies', ...session].join('\n'))).toBe(false);
  });
});

describe('compiled output', () => {
  const server = ["import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';", 'const transports = {};', "transports[req.headers['mcp-session-id']] = transport;"];

  it('is a file that ends with the source map comment a compiler writes, a file or an inline map', () => {
    expect(looksCompiled([...server, '//# sourceMappingURL=index.js.map'].join('\n'))).toBe(true);
    expect(looksCompiled([...server, '//# sourceMappingURL=index.js.map', ''].join('\n'))).toBe(true);
    expect(looksCompiled([...server, '//# sourceMappingURL=data:application/json;base64,eyJ2ZXJzaW9uIjozfQ=='].join('\n'))).toBe(true);
    // An inline map runs to many kilobytes.
    expect(looksCompiled([...server, `//# sourceMappingURL=data:application/json;base64,${'A'.repeat(50_000)}`].join('\n'))).toBe(true);
  });

  it('is not a hand-written file that only mentions one, above its code or in a string', () => {
    expect(looksCompiled(['//# sourceMappingURL=index.js.map', ...server].join('\n'))).toBe(false);
    expect(looksCompiled([...server, "const hint = '//# sourceMappingURL=x.map';"].join('\n'))).toBe(false);
    expect(looksCompiled(server.join('\n'))).toBe(false);
  });

  it('is scanned nowhere: tsc output committed in a package lib/ beside its sources gives each finding once, and names the compiled file as skipped', async () => {
    const { scan } = await import('../src/index.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mm-compiled-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.mkdirSync(path.join(dir, 'lib'));
    fs.writeFileSync(path.join(dir, 'src', 'index.ts'), `${server.join('\n')}\n`);
    fs.writeFileSync(path.join(dir, 'lib', 'index.js'), `${server.join('\n')}\n//# sourceMappingURL=index.js.map\n`);
    const result = await scan({ paths: [dir], cache: false });
    fs.rmSync(dir, { recursive: true, force: true });
    expect([...new Set(result.findings.map((f) => f.file))]).toEqual(['src/index.ts']);
    expect(result.skipped).toEqual(['lib/index.js']);
  });

  // tsc run in place (trial 34C): `route.js` beside `route.ts`, without a source map comment.
  const emitted = ['"use strict";', 'Object.defineProperty(exports, "__esModule", { value: true });', 'var transports = {};', "transports[req.headers['mcp-session-id']] = transport;"];
  const downlevel = ['var __awaiter = (this && this.__awaiter) || function () {};', 'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";', 'export function handle() { return __awaiter(this, void 0, void 0, function* () {}); }'];

  it("is JavaScript with a compiler's emit beside a TypeScript source of the same name", () => {
    const has = (...files: string[]) => (p: string) => files.includes(p);
    expect(compiledBesideSource('/p/app/route.js', emitted.join('\n'), has('/p/app/route.ts'))).toBe('/p/app/route.ts');
    expect(compiledBesideSource('/p/app/route.js', downlevel.join('\n'), has('/p/app/route.tsx'))).toBe('/p/app/route.tsx');
    expect(compiledBesideSource('/p/app/route.cjs', emitted.join('\n'), has('/p/app/route.cts'))).toBe('/p/app/route.cts');
    // No source beside it, a source of another name or kind, or hand-written JavaScript (no emit of a compiler).
    expect(compiledBesideSource('/p/app/route.js', emitted.join('\n'), has('/p/app/other.ts', '/p/lib/route.ts'))).toBeUndefined();
    expect(compiledBesideSource('/p/app/route.mjs', emitted.join('\n'), has('/p/app/route.ts'))).toBeUndefined();
    expect(compiledBesideSource('/p/app/route.js', server.join('\n'), has('/p/app/route.ts'))).toBeUndefined();
    expect(compiledBesideSource('/p/app.v2/route', emitted.join('\n'), has('/p/app.v2/route.ts'))).toBeUndefined();
  });
});

describe('proxiesToOtherServers', () => {
  it('answers the same for the same text however often it is asked (a global pattern kept no state between files)', () => {
    const proxy = "import { createProxyMiddleware } from 'http-proxy-middleware';\napp.use('/x', createProxyMiddleware({ target: 'http://a' }));\n";
    expect([1, 2, 3].map(() => proxiesToOtherServers(proxy))).toEqual([true, true, true]);
    // Beside an MCP endpoint of the code's own, a proxy of another path is none; one of an MCP path is (trial 64B B1, review 82).
    const own = "new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });\n";
    expect(proxiesToOtherServers(`${own}app.use('/api', createProxyMiddleware({ target: 'http://db:8000' }))\napp.get('/healthz', (_q, r) => r.json({ mcp: '/mcp' }))\n`)).toBe(false);
    expect(proxiesToOtherServers(`${own}app.use(\n  '/upstream/mcp',\n  createProxyMiddleware({ target: 'http://tools:8080' }),\n);\n`)).toBe(true);
    // Over a middleware's options between the path and the proxy; a fixed table of hosts is no per-request router (review 83).
    expect(proxiesToOtherServers(`${own}app.use(\n  '/upstream/mcp',\n  rateLimit({ windowMs: 1000, max: 5 }),\n  createProxyMiddleware({ target: 'http://tools:8080' }),\n);\n`)).toBe(true);
    expect(proxiesToOtherServers(`${own}app.use('/api', createProxyMiddleware({ target: 'http://db:8000', router: { 'staging.example.com': 'http://staging-db:8000' } }));\n`)).toBe(false);
    expect(proxiesToOtherServers(`${own}app.use('/servers/:id', createProxyMiddleware({ router: (req) => pick(req) }));\n`)).toBe(true);
  });
});
