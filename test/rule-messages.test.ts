/**
 * The session-header rule says what the code does with the header: a CORS list is not a write,
 * an assignment is not a read. (cors-headers keeps the header in CORS lists only while code
 * writes it, so the distinction decides what fix does.) long-running-tool tells progress on the
 * request's stream from progress sent where 2026-07-28 has no stream.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyFile } from '../src/scan/files.js';
import { Scanner } from '../src/scan/scanner.js';
import type { Finding } from '../src/model.js';
import { adviceFor } from '../src/rules/index.js';
import { lastsWithServer } from '../src/rules/stateful-tool.js';
import { scan } from '../src/index.js';
import { tempTree } from './helpers/cli.js';

const scanner = new Scanner({ severities: {} });

/** The findings of one scan fixture (fixtures/scan/<rel>), scanned as the scanner would. */
function fixtureFindings(rel: string) {
  const file = path.resolve(__dirname, '../fixtures/scan', rel);
  return scanner.scanText(path.basename(file), fs.readFileSync(file, 'utf8'), classifyFile(file)!).findings;
}

function messages(text: string, name = 'server.ts'): Array<[number, string]> {
  return scanner
    .scanText(name, `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\n${text}`, classifyFile(name)!)
    .findings.filter((f) => f.ruleId === 'session-header')
    .map((f) => [f.line - 1, f.message]);
}

describe('session-header messages', () => {
  it('names CORS lists as CORS lists, in every shape a header list takes', () => {
    const text = [
      "res.writeHead(204, { 'Access-Control-Expose-Headers': 'Mcp-Session-Id' });",
      "const pairs = [['Access-Control-Allow-Headers', 'mcp-session-id']];",
      "app.use(cors({ exposedHeaders: ['Mcp-Session-Id'] }));",
      "res.setHeader('Access-Control-Allow-Headers', 'content-type, mcp-session-id');",
      // Written into a result's headers object, also as the fallback of a configured list.
      "result.headers['access-control-allow-headers'] = 'content-type, mcp-session-id';",
      "result.headers['access-control-expose-headers'] = cors.expose ?? 'mcp-session-id';",
      "app.use(cors({ allowedHeaders: options.headers || ['Content-Type', 'Mcp-Session-Id'] }));",
    ].join('\n');
    const found = messages(text);
    expect(found.map(([line]) => line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const [, message] of found) expect(message).toMatch(/^CORS (Access-Control-Expose-Headers|Access-Control-Allow-Headers|access-control-(allow|expose)-headers|exposedHeaders|allowedHeaders) lists Mcp-Session-Id; /);
  });

  it('asks a CORS allow list only for the 2026-07-28 request headers it lacks, as a warning', () => {
    const text = [
      "app.use(cors({ allowedHeaders: ['Content-Type', 'Mcp-Session-Id', 'Mcp-Method', 'Mcp-Name', 'MCP-Protocol-Version'] }));",
      "res.setHeader('Access-Control-Allow-Headers', 'content-type, mcp-session-id, mcp-method');",
    ].join('\n');
    const found = scanner
      .scanText('server.ts', `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\n${text}`, classifyFile('server.ts')!)
      .findings.filter((f) => f.ruleId === 'session-header')
      .map((f) => [f.severity, f.message.split('; ')[1]]);
    expect(found).toEqual([
      ['warning', 'drop it (the 2026-07-28 request headers are listed already)'],
      ['warning', 'drop it and list Mcp-Name and MCP-Protocol-Version instead'],
    ]);
  });

  it('tells writes from reads', () => {
    const text = [
      "headers['mcp-session-id'] = ctx.sessionId;",
      "const sid = req.headers['mcp-session-id'];",
      "res.setHeader('Mcp-Session-Id', sid);",
      "const id = request.headers.get('mcp-session-id');",
      "await fetch(url, { headers: { 'Mcp-Session-Id': id } });",
    ].join('\n');
    expect(messages(text)).toEqual([
      [1, 'Writes the Mcp-Session-Id header'],
      [2, 'Reads the Mcp-Session-Id request header'],
      [3, 'Writes the Mcp-Session-Id header (setHeader)'],
      [4, 'Reads the Mcp-Session-Id header (get)'],
      [5, 'Sets the Mcp-Session-Id header'],
    ]);
  });

  it('takes a getter handed the request headers and then the name for a read, even one called header (trial 28C); a writer takes the name first', () => {
    const text = [
      "const sid = header(req.headers, 'mcp-session-id');",
      "const other = pick(request.headers, 'Mcp-Session-Id');",
      "res.header('Mcp-Session-Id', sid);",
      "res.header('Access-Control-Expose-Headers', 'Mcp-Session-Id');",
      "_.set(req.headers, 'mcp-session-id', sid);",
    ].join('\n');
    expect(messages(text).map(([line, message]) => [line, message.split(';')[0]])).toEqual([
      [1, 'Reads the Mcp-Session-Id header (header)'],
      [2, 'Reads the Mcp-Session-Id header (pick)'],
      [3, 'Writes the Mcp-Session-Id header (header)'],
      [4, 'CORS Access-Control-Expose-Headers lists Mcp-Session-Id'],
      // A setter handed the headers object, the name and a value.
      [5, 'Writes the Mcp-Session-Id header (set)'],
    ]);
  });
});

describe('sse-transport on clients', () => {
  const client = (body: string) =>
    scanner
      .scanText('client.ts', `import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';\n${body}`, classifyFile('client.ts')!)
      .findings.filter((f) => f.ruleId === 'sse-transport')
      .map((f) => [f.severity, f.message.split(';')[0]]);

  it('is a warning for a client that only speaks SSE, information for the fallback behind Streamable HTTP', () => {
    expect(client('export const t = new SSEClientTransport(new URL(url));\n')).toEqual([['warning', 'SSEClientTransport connects with the legacy HTTP+SSE transport']]);
    const fallback = [
      "import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';",
      'export async function connect(client, url) {',
      '  try { await client.connect(new StreamableHTTPClientTransport(url)); } catch { await client.connect(new SSEClientTransport(url)); }',
      '}',
    ].join('\n');
    expect(client(fallback)).toEqual([['info', 'SSEClientTransport as the fallback for servers still on HTTP+SSE']]);
  });
});

describe('sse-routing on a hand-written HTTP+SSE transport', () => {
  it("names the 'endpoint' event handed to an SSE writer and the POST routed by the ?sessionId= query it names, not such a query elsewhere", () => {
    const found = fixtureFindings('sse-legacy/sse-writer-endpoint.ts').filter((f) => f.ruleId === 'sse-routing');
    expect(found.map((f) => [f.line, f.severity, f.fix, f.message])).toEqual([
      [20, 'error', 'sse-transport', "Sends the legacy HTTP+SSE 'endpoint' event: a hand-written SSE transport that routes POSTs to this stream"],
      [46, 'error', 'sse-transport', "Routes a message POST by its ?sessionId= query to the stream of one session (the hand-written HTTP+SSE transport's 'endpoint' event names it): only the instance holding that stream can answer"],
    ]);
    // The same query in a file that sends no 'endpoint' event is some other session.
    expect(fixtureFindings('sse-legacy/session-query-elsewhere.ts')).toEqual([]);
  });
});

describe('initialize-request on clients', () => {
  const findings = (text: string) =>
    scanner
      .scanText('transport.ts', text, classifyFile('transport.ts')!)
      .findings.filter((f) => f.ruleId === 'initialize-request')
      .map((f) => [f.severity, f.message.split(':')[0], f.fix]);

  it("calls a client's special case for 'initialize' a client assumption, a server's a gate", () => {
    const client = "import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';\nexport const cache = (m: { method?: string }) => m.method === 'initialize';\n";
    // No codemod is offered: the server rewrite does not apply to a client.
    expect(findings(client)).toEqual([['warning', "Client code that singles out 'initialize' (caches or replays the handshake)", undefined]]);
    const server = "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport const gate = (m: { method?: string }) => m.method === 'initialize';\n";
    expect(findings(server)).toEqual([['error', "Compares the JSON-RPC method with 'initialize' to gate requests on the handshake", 'stateless-transport']]);
  });
});

describe('session-header on clients', () => {
  it('offers no server codemod for what client code does with the header', () => {
    const text = "import { Client } from '@modelcontextprotocol/sdk/client/index.js';\nexport const remember = (h: Headers) => h.get('mcp-session-id');\n";
    const found = scanner.scanText('client.ts', text, classifyFile('client.ts')!).findings.filter((f) => f.ruleId === 'session-header');
    expect(found.map((f) => [f.line, f.fix])).toEqual([[2, undefined]]);
  });
});

describe('session-lifecycle on the v2 packages', () => {
  it('calls an oninitialized beside serveStdio a fallback for 2025 clients (information, no codemod)', () => {
    const text = [
      "import { serveStdio } from '@modelcontextprotocol/server/stdio';",
      "import { McpServer } from '@modelcontextprotocol/server';",
      'serveStdio(() => {',
      "  const server = new McpServer({ name: 'docs', version: '1.0.0' });",
      '  server.server.oninitialized = () => console.error(server.server.getClientVersion());',
      '  return server;',
      '});',
    ].join('\n');
    const found = scanner.scanText('stdio.ts', text, classifyFile('stdio.ts')!).findings.filter((f) => f.ruleId === 'session-lifecycle');
    expect(found.map((f) => [f.severity, f.fix, f.message.split(';')[0]])).toEqual([['info', undefined, 'oninitialized only fires for 2025 clients on the legacy path']]);
  });
});

describe('removed client calls', () => {
  it('reports unsubscribeResource like subscribeResource', () => {
    const text = "import { Client } from '@modelcontextprotocol/sdk/client/index.js';\nexport async function stop(client: Client) {\n  await client.unsubscribeResource({ uri: 'file:///x' });\n}\n";
    const found = scanner.scanText('c.ts', text, classifyFile('c.ts')!).findings.filter((f) => f.ruleId === 'removed-feature');
    expect(found.map((f) => f.line)).toEqual([3]);
  });
});

describe('session-header reads', () => {
  it("tells a client reading the id from a response from a server reading a request's header", () => {
    const text = [
      "export const a = (req: { headers: Record<string, string> }) => req.headers['mcp-session-id'];",
      "export const b = (response: { headers: Record<string, string> }) => response.headers['mcp-session-id'];",
    ].join('\n');
    expect(messages(text)).toEqual([
      [1, 'Reads the Mcp-Session-Id request header'],
      [2, 'Reads the Mcp-Session-Id response header (the id a server minted)'],
    ]);
  });

  it("tells a response an HTTP client package gave, or a proxy hook's upstream response, by bracket access too (trial 55B B1)", () => {
    const text = [
      "import axios from 'axios';",
      "import http from 'k6/http';",
      "const api = axios.create({ baseURL: 'http://mcp' });",
      "export async function a() { const init = await axios.post('/mcp', {}); return init.headers['mcp-session-id']; }",
      "export function b() { const init = http.post('http://mcp/mcp', '{}'); return init.headers['Mcp-Session-Id']; }",
      "export async function c() { const init = await api.get('/mcp'); return init.headers['mcp-session-id']; }",
      "export const d = { proxyRes: (proxyRes: { headers: Record<string, string> }) => proxyRes.headers['mcp-session-id'] };",
      // (A value this code did not get from a client call: still a request's headers.)
      "export function e(init: { headers: Record<string, string> }) { return init.headers['mcp-session-id']; }",
      // Destructured, read off the awaited call, kept in a local, a `let` assigned later (review 71).
      "export async function f() { const { headers } = await axios.post('/mcp', {}); return headers['mcp-session-id']; }",
      "export async function g() { return (await axios.post('/mcp', {})).headers['mcp-session-id']; }",
      "export async function h() { const init = await axios.post('/mcp', {}); const hs = init.headers; return hs['mcp-session-id']; }",
      "export async function i() { let init; init = await axios.post('/mcp', {}); return init.headers['mcp-session-id']; }",
    ].join('\n');
    const response = 'Reads the Mcp-Session-Id response header (the id a server minted)';
    expect(messages(text).map(([line, message]) => [line, message.split(':')[0]])).toEqual([
      [4, response],
      [5, response],
      [6, response],
      [7, response],
      [8, 'Reads the Mcp-Session-Id request header'],
      [9, response],
      [10, response],
      [11, response],
      [12, response],
    ]);
  });
});

describe('session-header on a refusal of an unknown session', () => {
  it('says what a hand-written 404 "Session not found" refuses under 2026-07-28, and what to do (trial 77A B8)', () => {
    const found = fixtureFindings('session-header/unknown-session-refusal.ts').filter((f) => f.ruleId === 'session-header');
    const refused = ': 2026-07-28 servers ignore the header, so a 2025 client whose session another instance minted, or a gateway that still sends the header, is refused';
    expect(found.map((f) => [f.severity, f.fix, f.message])).toEqual([
      ['error', 'stateless-transport', `Answers 404 "Session not found" (-32001) to a request whose Mcp-Session-Id names no session of this instance${refused}`],
      ['error', 'stateless-transport', `Answers 404 "Session not found" (-32001) to a request whose Mcp-Session-Id names no session of this instance${refused}`],
      ['error', 'stateless-transport', `Answers 404 "Unknown session" (-32001) to a request whose Mcp-Session-Id names no session of this instance${refused}`],
    ]);
    for (const f of found) expect(adviceFor(f)).toMatch(/^Remove the refusal and serve the request whatever Mcp-Session-Id it carries, or none/);
    // A plain answer where the function reads the header; on the 2025 path of code that speaks both eras, info.
    const text = [
      "export async function a(request: Request) { const t = live.get(request.headers.get('mcp-session-id') ?? ''); if (!t) return new Response('Session not found', { status: 404 }); return t.handle(request); }",
      "export async function b(request: Request) { if (!(await isLegacyRequest(request))) return modern(request); const t = live.get(request.headers.get('mcp-session-id') ?? ''); if (!t) return new Response('Session not found', { status: 404 }); return t.handle(request); }",
    ].join('\n');
    const plain = scanner.scanText('server.ts', `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\n${text}`, classifyFile('server.ts')!).findings.filter((f) => f.ruleId === 'session-header' && f.message.startsWith('Answers'));
    expect(plain.map((f) => [f.line, f.severity, f.message.split(':')[0]])).toEqual([
      [2, 'error', 'Answers 404 "Session not found" to a request whose Mcp-Session-Id names no session of this instance'],
      [3, 'info', 'Answers 404 "Session not found" to a request whose Mcp-Session-Id names no session of this instance'],
    ]);
  });
});

describe('session-header in client code', () => {
  it('is info where client code sends the id only when its caller hands it one (trial 31A)', () => {
    const found = fixtureFindings('session-header/client-header-builder.ts').filter((f) => f.ruleId === 'session-header');
    expect(found.map((f) => [f.severity, f.message])).toEqual([
      ['info', 'Writes the Mcp-Session-Id header: a client passing back the id a 2025 server minted; 2026-07-28 servers mint none, so it stays unset with them'],
      // A field of the file's own (a transport writing the id it minted): no caller handed it.
      ['error', 'Writes the Mcp-Session-Id header'],
    ]);
  });
});

describe('CORS allow lists naming Mcp-Session-Id through a constant (trial 61B B5)', () => {
  it("keep cors-allow-list's warning for the missing 2026-07-28 headers, and an enum's member is a constant as a table's", () => {
    const found = fixtureFindings('protocol-pin/cors-allow-list-session-constant.ts');
    const cors = (entry: string) => `This CORS allow list admits Mcp-Session-Id (${entry}), which 2026-07-28 clients never send, but not Mcp-Method and Mcp-Name, which they do: a browser client's preflight fails (the v2 client then falls back to 2025); drop the one and add the others`;
    expect(found.filter((f) => f.ruleId === 'cors-allow-list').map((f) => [f.line, f.severity, f.message])).toEqual([
      [24, 'warning', cors('HEADERS.MCP_SESSION_ID')],
      [33, 'warning', cors('Header.Session')],
    ]);
    expect(found.filter((f) => f.ruleId === 'session-header' && /in a constant/.test(f.message)).map((f) => [f.line, f.severity, f.message.split(':')[0]])).toEqual([
      [17, 'warning', 'Names the Mcp-Session-Id header in a constant (MCP_SESSION_ID)'],
      [29, 'warning', 'Names the Mcp-Session-Id header in a constant (Session)'],
    ]);
  });
});

describe('CORS allow lists naming Mcp-Session-Id through another module (review 79 point 5)', () => {
  it('say that fix leaves the name another module holds, where fix only adds the missing headers', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mm-cors-foreign-'));
    try {
      fs.writeFileSync(path.join(dir, 'headers.ts'), "export const SESSION_HEADER = 'Mcp-Session-Id';\nexport enum Header { Session = 'Mcp-Session-Id' }\n");
      fs.writeFileSync(
        path.join(dir, 'server.ts'),
        [
          "import express from 'express';",
          "import cors from 'cors';",
          "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
          "import { SESSION_HEADER, Header } from './headers.js';",
          "export const mcp = new McpServer({ name: 'foreign', version: '1.0.0' });",
          'const app = express();',
          "app.use('/mcp', cors({ allowedHeaders: ['Content-Type', SESSION_HEADER, 'MCP-Protocol-Version'] }));",
          "app.use('/mcp/v2', cors({ allowedHeaders: ['Content-Type', Header.Session, 'MCP-Protocol-Version'] }));",
          '',
        ].join('\n'),
      );
      const found = (await scan({ paths: [dir], cache: false })).findings.filter((f) => f.ruleId === 'cors-allow-list');
      expect(found.map((f) => [f.line, f.message.replace(/^.*\(fix adds/, '(fix adds')])).toEqual([
        [7, "(fix adds them but does not read another module's constant, so it leaves SESSION_HEADER: drop that by hand)"],
        [8, "(fix adds them but does not read another module's constant, so it leaves Header.Session: drop that by hand)"],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('session-header in a text search', () => {
  it("is info where a body is searched for the header's name, an error where the request's header names are (trial 59B B6)", () => {
    const found = fixtureFindings('session-header/text-search.ts').filter((f) => f.ruleId === 'session-header');
    const search = "Searches a text for the Mcp-Session-Id header's name (includes), reading no header: a 2025 server's session error told apart; 2026-07-28 servers mint no session, so it matters only with 2025 ones";
    expect(found.filter((f) => /\((includes|indexOf)\)/.test(f.message)).map((f) => [f.line, f.severity, f.message])).toEqual([
      [21, 'info', search],
      [27, 'info', search],
      [29, 'info', search],
      // The request's header names, inline or through a local (review 76): reads.
      [37, 'error', 'Reads the Mcp-Session-Id header (includes)'],
      [43, 'error', 'Reads the Mcp-Session-Id header (indexOf)'],
      [50, 'error', 'Reads the Mcp-Session-Id header (includes)'],
    ]);
  });
});

describe('session-header in GET and DELETE routes', () => {
  it("says a read in the MCP endpoint's GET or DELETE handler serves a session's stream or end, which 2026-07-28 answers with 405", () => {
    const read = "const sid = req.headers['mcp-session-id'];";
    const text = [
      `app.get('/mcp', (req, res) => { ${read} });`,
      `app.delete('/mcp', async (req, res) => { ${read} });`,
      // Hono, on a path the file also serves POST on.
      "app.post('/rpc', (c) => c.json({}));",
      "app.get('/rpc', (c) => { const sid = c.req.header('mcp-session-id'); return c.text(sid ?? ''); });",
      // A GET route of another endpoint, and the POST handler itself: plain reads.
      `app.get('/status', (req, res) => { ${read} });`,
      `app.post('/mcp', (req, res) => { ${read} });`,
      // One handler for every method: its DELETE branch and its `case 'GET':` are named; the rest is a plain read.
      `app.all('/mcp', (req, res) => { if (req.method === 'DELETE') { ${read} } switch (req.method) { case 'GET': { ${read} } } if (req.method !== 'DELETE') { ${read} } });`,
    ].join('\n');
    const found = messages(text);
    expect(found).toEqual([
      [1, "Reads the Mcp-Session-Id request header in a GET /mcp handler (a session's stream): 2026-07-28 has no sessions to stream or end"],
      [2, "Reads the Mcp-Session-Id request header in a DELETE /mcp handler (a session's end): 2026-07-28 has no sessions to stream or end"],
      [4, "Reads the Mcp-Session-Id header (header) in a GET /rpc handler (a session's stream): 2026-07-28 has no sessions to stream or end"],
      [5, 'Reads the Mcp-Session-Id request header'],
      [6, 'Reads the Mcp-Session-Id request header'],
      [7, "Reads the Mcp-Session-Id request header in the DELETE branch of the /mcp handler (a session's end): 2026-07-28 has no sessions to stream or end"],
      [7, "Reads the Mcp-Session-Id request header in the GET branch of the /mcp handler (a session's stream): 2026-07-28 has no sessions to stream or end"],
      [7, 'Reads the Mcp-Session-Id request header'],
    ]);
    expect(adviceFor({ ruleId: 'session-header', message: found[5][1] })).toMatch(/^Answer GET and DELETE on the MCP endpoint with 405 Method Not Allowed/);
    const advice = adviceFor({ ruleId: 'session-header', message: found[0][1] });
    expect(advice).toMatch(/^Answer GET and DELETE on the MCP endpoint with 405 Method Not Allowed/);
    expect(adviceFor({ ruleId: 'session-header', message: found[3][1] })).toMatch(/^Remove the header handling/);
  });

  it("is info where a gateway only relays it between its client and the MCP server it forwards to; one that routes by it keeps its errors (trial 56B B2)", () => {
    const gateway = (route: string) =>
      [
        "import express from 'express';",
        'const app = express();',
        'const pins = new Map<string, string>();',
        "app.post('/mcp', async (req, res) => {",
        "  const sid = req.headers['mcp-session-id'];",
        `  const up = await fetch(${route}, { method: 'POST', body: req.body, headers: { 'content-type': 'application/json', ...(typeof sid === 'string' ? { 'mcp-session-id': sid } : {}) } });`,
        "  const back = up.headers.get('mcp-session-id');",
        "  if (back) res.setHeader('mcp-session-id', back);",
        '  res.status(up.status).send(await up.text());',
        '});',
      ].join('\n');
    const found = (text: string) => scanner.scanText('gateway.ts', text, classifyFile('gateway.ts')!).findings.filter((f) => f.ruleId === 'session-header').map((f) => [f.line, f.severity]);
    expect(found(gateway("'http://upstream:8080/mcp'"))).toEqual([
      [5, 'info'],
      [6, 'info'],
      [7, 'info'],
      [8, 'info'],
    ]);
    // Routed by the id (the upstream the session was pinned to): the read is the gateway's state.
    expect(found(gateway("pins.get(String(sid)) ?? 'http://upstream:8080/mcp'"))).toContainEqual([5, 'error']);
    // Turning away a request without it (every 2026-07-28 request), review 72.
    const refusing = gateway("'http://upstream:8080/mcp'").replace("  const up =", "  if (typeof sid !== 'string') return void res.status(400).send('Mcp-Session-Id required');\n  const up =");
    expect(found(refusing)).toContainEqual([5, 'error']);
    // An if/else picking whether to send it is a relay; sending it in a branch that leaves, then turning the rest away, is not (review 73).
    const branches = (rest: string) =>
      [
        "import express from 'express';",
        'const app = express();',
        "app.post('/mcp', async (req, res) => {",
        "  const sid = req.headers['mcp-session-id'];",
        "  if (typeof sid === 'string') { const up = await fetch('http://upstream/mcp', { method: 'POST', body: req.body, headers: { 'mcp-session-id': sid } }); const back = up.headers.get('mcp-session-id'); if (back) res.setHeader('mcp-session-id', back); res.status(up.status).send(await up.text()); return; }",
        rest,
        '});',
      ].join('\n');
    expect(found(branches("  const up = await fetch('http://upstream/mcp', { method: 'POST', body: req.body }); res.status(up.status).send(await up.text());"))).toContainEqual([4, 'info']);
    expect(found(branches("  res.status(400).json({ error: 'Mcp-Session-Id header is required' });"))).toContainEqual([4, 'error']);
  });

  it('takes a parameter after the MCP path for the endpoint, and a page under it for another route (trial 55B)', () => {
    const read = "const sid = req.headers['mcp-session-id'];";
    const text = [`app.get('/mcp/debug', (req, res) => { ${read} });`, `app.delete('/api/mcp/:sessionId', (req, res) => { ${read} });`].join('\n');
    expect(messages(text)).toEqual([
      [1, 'Reads the Mcp-Session-Id request header'],
      [2, "Reads the Mcp-Session-Id request header in a DELETE /api/mcp/:sessionId handler (a session's end): 2026-07-28 has no sessions to stream or end"],
    ]);
  });

  it("names such a route where it reads the header through a helper of the file's, and only there", () => {
    const text = [
      "const sid = (req: any) => req.headers['mcp-session-id'] as string | undefined;",
      "function other(req: any) { return req.headers['x-request-id']; }",
      "app.get('/mcp', (req, res) => { sessions.get(sid(req) ?? ''); });",
      "app.delete('/mcp', async (req, res) => { if (!sid(req)) res.status(400).end(); });",
      "app.post('/mcp', (req, res) => { sessions.get(sid(req) ?? ''); other(req); });",
      "app.get('/health', (req, res) => { res.json({ sid: sid(req) }); });",
    ].join('\n');
    const found = messages(text).sort((a, b) => a[0] - b[0]);
    expect(found).toEqual([
      [1, 'Reads the Mcp-Session-Id request header'],
      [3, "Reads the Mcp-Session-Id request header through sid() in a GET /mcp handler (a session's stream): 2026-07-28 has no sessions to stream or end"],
      [4, "Reads the Mcp-Session-Id request header through sid() in a DELETE /mcp handler (a session's end): 2026-07-28 has no sessions to stream or end"],
    ]);
    expect(adviceFor({ ruleId: 'session-header', message: found[1][1] })).toMatch(/^Answer GET and DELETE on the MCP endpoint with 405/);
  });

  it('names the GET and DELETE routes a named handler serves, once, at its read; not for one that serves POST too (trial 76A B7)', () => {
    const read = "const sid = req.headers['mcp-session-id'] as string | undefined;";
    const text = [
      `const viaSession = async (req: any, res: any) => { ${read} await transports.get(sid ?? '')?.handleRequest(req, res); };`,
      "app.get('/mcp', viaSession);",
      "app.delete('/mcp', viaSession);",
      `async function endOnly(req: any, res: any) { ${read} transports.delete(sid ?? ''); res.end(); }`,
      "app.delete('/api/mcp', endOnly);",
      // Also POST's handler, or also called elsewhere: a plain read, the POST path's advice.
      `const every = async (req: any, res: any) => { ${read} await transports.get(sid ?? '')?.handleRequest(req, res, req.body); };`,
      "app.get('/mcp2', every); app.post('/mcp2', every);",
      `function called(req: any) { ${read} return sid; }`,
      "app.get('/mcp3', called); called({ headers: {} });",
    ].join('\n');
    // (Lines as the file has them, one below `messages`' keys: it adds an import above.)
    const found = messages(text);
    expect(found).toEqual([
      [1, "Reads the Mcp-Session-Id request header in viaSession, the GET and DELETE /mcp handler (a session's stream and its end; GET at line 3, DELETE at line 4): 2026-07-28 has no sessions to stream or end"],
      [4, "Reads the Mcp-Session-Id request header in endOnly, the DELETE /api/mcp handler (a session's end; DELETE at line 6): 2026-07-28 has no sessions to stream or end"],
      [6, 'Reads the Mcp-Session-Id request header'],
      [8, 'Reads the Mcp-Session-Id request header'],
    ]);
    expect(adviceFor({ ruleId: 'session-header', message: found[0][1] })).toMatch(/^Answer GET and DELETE on the MCP endpoint with 405/);
    expect(adviceFor({ ruleId: 'session-header', message: found[2][1] })).toMatch(/^Remove the header handling/);
  });

  it("names an all route that a POST route of its own comes before, and a route of GET and DELETE listed: they serve a session's stream and end, which 2026-07-28 answers with 405 (trial 78A B12)", () => {
    const lookup = "const e = live.get(req.header('mcp-session-id') ?? ''); if (!e) return res.status(404).end(); await e.transport.handleRequest(req, res);";
    const text = [
      "app.post('/mcp', async (req, res) => { await serve(req, res); });",
      `app.all('/mcp', async (req, res) => { ${lookup} });`,
      // A router's, and Hono's.
      "router.post('/mcp', async (req, res) => { await serve(req, res); });",
      `router.all('/mcp', async (req, res) => { ${lookup} });`,
      "hono.post('/rpc/mcp', (c) => serve(c));",
      "hono.all('/rpc/mcp', (c) => { const e = live.get(c.req.header('mcp-session-id') ?? ''); return e ? e.serve(c) : c.text('gone', 404); });",
      // Hono's route of a list of methods, GET and DELETE.
      "hono.on(['GET', 'DELETE'], '/listed/mcp', (c) => { const e = live.get(c.req.header('mcp-session-id') ?? ''); return e ? e.serve(c) : c.text('gone', 404); });",
      // Look-alikes, plain reads: all before its POST route (it serves POST too), a POST route of
      // another app, middleware that hands POST on, and a handler that routes by the method itself.
      `app.all('/first/mcp', async (req, res) => { ${lookup} });`,
      "app.post('/first/mcp', async (req, res) => { await serve(req, res); });",
      "admin.post('/other/mcp', async (req, res) => { await serve(req, res); });",
      `app.all('/other/mcp', async (req, res) => { ${lookup} });`,
      "app.post('/json/mcp', express.json());",
      `app.all('/json/mcp', async (req, res) => { ${lookup} });`,
      "app.post('/own/mcp', async (req, res) => { await serve(req, res); });",
      `app.all('/own/mcp', async (req, res) => { if (req.method === 'HEAD') return res.end(); ${lookup} });`,
      "hono.on(['POST', 'GET', 'DELETE'], '/every/mcp', (c) => { const e = live.get(c.req.header('mcp-session-id') ?? ''); return e ? e.serve(c) : c.text('gone', 404); });",
    ].join('\n');
    const found = messages(text);
    expect(found).toEqual([
      [2, "Reads the Mcp-Session-Id header (header) in the all /mcp handler (a session's stream and its end: POST /mcp has a route of its own ahead of it): 2026-07-28 has no sessions to stream or end"],
      [4, "Reads the Mcp-Session-Id header (header) in the all /mcp handler (a session's stream and its end: POST /mcp has a route of its own ahead of it): 2026-07-28 has no sessions to stream or end"],
      [6, "Reads the Mcp-Session-Id header (header) in the all /rpc/mcp handler (a session's stream and its end: POST /rpc/mcp has a route of its own ahead of it): 2026-07-28 has no sessions to stream or end"],
      [7, "Reads the Mcp-Session-Id header (header) in a GET and DELETE /listed/mcp handler (a session's stream and its end): 2026-07-28 has no sessions to stream or end"],
      [8, 'Reads the Mcp-Session-Id header (header)'],
      [11, 'Reads the Mcp-Session-Id header (header)'],
      [13, 'Reads the Mcp-Session-Id header (header)'],
      [15, 'Reads the Mcp-Session-Id header (header)'],
      [16, 'Reads the Mcp-Session-Id header (header)'],
    ]);
    for (const [, message] of found.slice(0, 4)) expect(adviceFor({ ruleId: 'session-header', message })).toMatch(/^Answer GET and DELETE on the MCP endpoint with 405 Method Not Allowed/);
    expect(adviceFor({ ruleId: 'session-header', message: found[4][1] })).toMatch(/^Remove the header handling/);
  });
});

describe('long-running-tool messages', () => {
  it('says when progress goes through the server with no relatedRequestId (to the GET stream), and not otherwise', () => {
    const text = fs.readFileSync(path.join(__dirname, '../fixtures/scan/long-running-tool/progress.ts'), 'utf8');
    const found = scanner.scanText('progress.ts', text, classifyFile('progress.ts')!).findings.filter((f) => f.ruleId === 'long-running-tool');
    const of = (tool: string) => found.find((f) => f.tool === tool)?.message ?? '';
    expect(of('slow')).toMatch(/sends progress through the server, not its request \(no relatedRequestId\)/);
    expect(of('related')).toMatch(/streams progress on its request \(still valid\)/);
    expect(of('export')).toMatch(/streams progress on its request \(still valid\)/);
    expect(found.filter((f) => /through the server/.test(f.message))).toHaveLength(1);
    // Progress on the request's own stream is valid 2026-07-28: info, which no CI gate fails on (trial 46B B4); through the server, a warning.
    const severity = (tool: string) => found.find((f) => f.tool === tool)?.severity;
    expect([severity('slow'), severity('related'), severity('export')]).toEqual(['warning', 'info', 'info']);
    // Its advice is the route, not the Tasks extension.
    expect(adviceFor({ ruleId: 'long-running-tool', message: of('slow') })).toMatch(/^Send progress with the handler's extra\.sendNotification/);
    expect(adviceFor({ ruleId: 'long-running-tool', message: of('related') })).toMatch(/^Move long work onto the Tasks extension/);
  });
});

describe('sse-transport on clients', () => {
  const client = (extra: string) =>
    scanner
      .scanText('client.ts', ["import { Client } from '@modelcontextprotocol/sdk/client/index.js';", "import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';", extra, 'const legacy = new SSEClientTransport(new URL(url));'].join('\n'), classifyFile('client.ts')!)
      .findings.filter((f) => f.ruleId === 'sse-transport')
      .map((f) => f.severity);

  it('calls SSE a fallback (info) only when the file also builds a Streamable HTTP client, not when it merely names one', () => {
    expect(client('const modern = new StreamableHTTPClientTransport(new URL(url));')).toEqual(['info']);
    expect(client('// TODO: move to StreamableHTTPClientTransport')).toEqual(['warning']);
    expect(client("import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';")).toEqual(['warning']);
  });
});

describe('handshake reads on the v2 packages', () => {
  it('are the 2025 clients\' fallback (info) inside the oninitialized kept for them, and a warning anywhere else', () => {
    const found = fixtureFindings('initialize-gate/dual-era-fallback.ts');
    expect(found.map((f) => [f.ruleId, f.severity])).toEqual([
      ['session-lifecycle', 'info'],
      ['handshake-read', 'info'],
      ['handshake-read', 'warning'],
    ]);
  });
});

describe('an initialize test that decides whether an upstream connection exists', () => {
  it('is a gate when the connection is made through a helper only for initialize, and information on the path that already serves 2026-07-28', () => {
    const helper = fixtureFindings('initialize-gate/bridge-connects-on-initialize-only.ts');
    expect(helper.map((f) => [f.ruleId, f.severity])).toEqual([['initialize-request', 'error']]);
    expect(helper[0].message).toMatch(/gate requests on the handshake/);
    const modern = fixtureFindings('initialize-gate/initialize-on-modern-path.ts');
    expect(modern.map((f) => [f.ruleId, f.severity, f.fix])).toEqual([['initialize-request', 'info', undefined]]);
    expect(modern[0].message).toMatch(/2025 client's handshake on the path that serves 2026-07-28 \(`state\.era === 'modern'/);
  });
});

describe("mcp-handler's session events", () => {
  it('are a warning where the branch keeps or does something, information where it only logs, and nothing for request events', () => {
    const found = fixtureFindings('initialize-gate/mcp-handler-session-events.ts').filter((f) => f.ruleId === 'session-lifecycle');
    expect(found.map((f) => [f.line, f.severity])).toEqual([[19, 'warning'], [21, 'warning'], [26, 'info']]);
    expect(found[1].message).toMatch(/^mcp-handler reports SESSION_ENDED to onEvent only for connections of its legacy SSE endpoints/);
    expect(found[2].message).toMatch(/only writes a log line/);
  });
});

describe('state keyed by the session\'s transport object (trial 78B B1)', () => {
  it('says it is keyed by the transport, which a per-request transport makes new on every request', () => {
    const sessionful = fixtureFindings('session-state/keyed-by-session-transport.ts').filter((f) => f.ruleId === 'session-state');
    expect(sessionful.map((f) => [f.subject, f.reasons, f.fix])).toEqual([
      ['drafts', ['session-state', 'transport-keyed'], 'explicit-handles'],
      ['pinned', ['session-state', 'transport-keyed'], 'explicit-handles'],
    ]);
    expect(sessionful[0].message).toBe(
      "drafts holds per-session application state keyed by the session's transport object (transport) rather than its id; that object lives on one instance and, once transports are made per request (as 2026-07-28 needs), is a new one on every request, so no call finds what an earlier one left, even on one instance",
    );
    const perRequest = fixtureFindings('session-state/keyed-by-per-request-transport.ts').find((f) => f.ruleId === 'session-state')!;
    expect(perRequest.reasons).toEqual(['session-state', 'transport-keyed']);
    expect(perRequest.message).toMatch(/^tallies holds per-session application state keyed by the session's transport object \(transport\) rather than its id; the transport here is made for each request, so no call finds what an earlier one left, even on one instance$/);
  });
});

describe('sets of MCP session ids kept per key of another map', () => {
  it('name that map in session-state and stateful-tool, not the local the set was taken out as', () => {
    const found = fixtureFindings('session-state/session-ids-per-uri.ts');
    const state = found.find((f) => f.ruleId === 'session-state')!;
    expect(state.message).toMatch(/^the sets watchersByUri keeps under its own keys hold MCP session ids \(per-session subscriptions\), taken out here as set; 2026-07-28 requests carry no session id to record/);
    expect(found.find((f) => f.ruleId === 'stateful-tool')!.message).toMatch(/per-session state watchersByUri$/);
  });
});

describe('a map whose sets hold MCP session ids under keys of its own (trial 76A B5)', () => {
  it('says it keeps the ids per key, not that it is keyed by them, and takes the loop over its sets for its own', () => {
    const text = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { SubscribeRequestSchema } from '@modelcontextprotocol/sdk/types.js';",
      'const subscribers = new Map();',
      "const mcp = new McpServer({ name: 'w', version: '1.0.0' });",
      'mcp.server.setRequestHandler(SubscribeRequestSchema, async (req, info) => {',
      '  if (!subscribers.has(req.params.uri)) subscribers.set(req.params.uri, new Set());',
      '  subscribers.get(req.params.uri).add(info.sessionId);',
      '  return {};',
      '});',
      'export function forget(id) {',
      '  for (const set of subscribers.values()) set.delete(id);',
      '}',
    ].join('\n');
    const found = scanner.scanText('server.js', text, classifyFile('server.js')!).findings.filter((f) => f.ruleId === 'session-state');
    expect(found.map((f) => f.line)).toEqual([3]);
    expect(found[0].message).toMatch(/^subscribers keeps a set of MCP session ids under each uri \(per-session subscriptions\), not keyed by them; 2026-07-28 requests carry no session id to record/);
    // A map whose own key is the session id somewhere too is keyed by it.
    const keyed = scanner.scanText('server.js', text.replace('  return {};', '  subscribers.delete(info.sessionId);\n  return {};'), classifyFile('server.js')!).findings.filter((f) => f.ruleId === 'session-state');
    expect(keyed.map((f) => f.message)).toEqual([expect.stringMatching(/^subscribers holds per-session subscriptions keyed by the MCP session id/)]);
  });
});

describe('a tool that keeps per-session state and hands the session id to a limiter of another module (trial 76A B4)', () => {
  it('names the limiter call beside that state, as it does for a tool that keeps nothing else', async () => {
    const result = await scan({ paths: [path.resolve(__dirname, '../fixtures/scan/session-state/project-limiter-required')], cache: false });
    const tool = (name: string) => result.findings.find((f) => f.ruleId === 'stateful-tool' && f.tool === name)!;
    expect(tool('watch').message).toMatch(/^Tool "watch" reads or writes per-session state watchers; depends on the MCP session id \(meta\.sessionId\): .*here `window\.hit\(meta\.sessionId\)`/);
    expect(tool('watch').reasons).toEqual(expect.arrayContaining(['session-state', 'session-id']));
    expect(tool('forecast').message).toMatch(/here `window\.hit\(meta\.sessionId\)`/);
    // The limiter module, which names no session, is checked as MCP code: its windows are kept per session.
    expect(result.findings.find((f) => f.file === 'lib/window.cjs')!.message).toMatch(/^windows holds per-session/);
  });

  it('checks a required limiter that says nothing of sessions or the protocol, read before the server that hands it the id', async () => {
    const dir = tempTree({
      'a-limiter.cjs': ['const hits = new Map();', 'function take(key) {', '  const n = (hits.get(key) ?? 0) + 1;', '  hits.set(key, n);', '  return n;', '}', 'module.exports = { take };', ''].join('\n'),
      'server.cjs': [
        "const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');",
        "const limiter = require('./a-limiter.cjs');",
        "const mcp = new McpServer({ name: 'w', version: '1.0.0' });",
        "mcp.registerTool('ping', {}, async (_args, info) => ({ content: [{ type: 'text', text: String(limiter.take(info.sessionId)) }] }));",
        '',
      ].join('\n'),
    });
    const result = await scan({ paths: [dir], cache: false });
    expect(result.findings.filter((f) => f.file === 'a-limiter.cjs').map((f) => [f.ruleId, f.line])).toEqual([['session-state', 1]]);
  });
});

describe('a map of 2025 sessions listed or cleared as a whole outside the 2025 path', () => {
  it('stays info: only its keyed uses say which path it serves', () => {
    const found = fixtureFindings('dual-era/legacy-map-listed-by-admin.ts').filter((f) => f.ruleId === 'session-state');
    expect(found.map((f) => [f.line, f.severity])).toEqual([[15, 'info']]);
    expect(found[0].message).toMatch(/^legacySessions holds per-session application state keyed by the MCP session id, used only on the 2025 path of code that speaks both eras/);
  });
});

describe("a dual-era endpoint class's 2025 sessions (trial 49B B4)", () => {
  it('stay info where its shutdown closes every session by the map\'s own keys, and its generator is a field the 2025 transport is handed', () => {
    const found = fixtureFindings('dual-era/legacy-endpoint-class.ts').sort((a, b) => a.line - b.line);
    expect(found.map((f) => [f.line, f.ruleId, f.severity])).toEqual([
      [14, 'session-map', 'info'],
      [31, 'session-header', 'info'],
      [35, 'protocol-pin', 'info'],
      [37, 'session-id-generator', 'info'],
      [39, 'session-lifecycle', 'info'],
      [53, 'session-map', 'info'],
      [67, 'session-header', 'info'],
      [71, 'protocol-pin', 'info'],
      [73, 'session-id-generator', 'info'],
      [75, 'session-lifecycle', 'info'],
    ]);
    // Looked up by a request's key outside that path, the same map is an error.
    const text = fs.readFileSync(path.resolve(__dirname, '../fixtures/scan/dual-era/legacy-endpoint-class.ts'), 'utf8');
    const outside = text.replace('  async close() {', "  peek(req: express.Request) {\n    return this.transports[req.params.id];\n  }\n\n  async close() {");
    expect(scanner.scanText('endpoint.ts', outside, classifyFile('endpoint.ts')!).findings.find((f) => f.ruleId === 'session-map')?.severity).toBe('error');
  });
});

describe("@rekog/mcp-nest's sessionIdGenerator (read-through 62)", () => {
  it('says fix sets statelessMode only where framework-options does: not in settings built with a spread', () => {
    const found = fixtureFindings('initialize-gate/mcp-nest-generator-by-hand.ts').filter((f) => f.ruleId === 'session-id-generator').sort((a, b) => a.line - b.line);
    expect(found.map((f) => f.line)).toEqual([19, 37]);
    expect(found[0].message).toMatch(/with statelessMode: true \(fix's framework-options sets it\)/);
    expect(found[1].message).toMatch(/with statelessMode: true \(set it yourself: fix leaves settings built with a spread\)/);
    expect(adviceFor(found[1])).toMatch(/by hand where they are built with a spread/);
  });
});

describe('a notification a handler sends through the server', () => {
  it('is a warning of its own at the call, with no codemod, on SDK v1; the same call on the v2 packages is none', () => {
    const text = (pkg: string) =>
      [
        `import { McpServer } from '${pkg}';`,
        "const server = new McpServer({ name: 'watch', version: '1.0.0' });",
        "server.registerTool('touch', { description: 'Change the watched file' }, async () => {",
        "  await server.server.sendResourceUpdated({ uri: 'file://watched' });",
        "  return { content: [{ type: 'text', text: 'touched' }] };",
        '});',
      ].join('\n');
    const found = scanner.scanText('server.ts', text('@modelcontextprotocol/sdk/server/mcp.js'), { type: 'code', lang: 'ts' }).findings.filter((f) => f.ruleId === 'stateful-tool');
    expect(found.map((f) => [f.line, f.severity, f.tool, f.fix, f.reasons])).toEqual([[4, 'warning', 'touch', undefined, ['server-push']]]);
    expect(found[0].message).toMatch(/^Tool "touch" pushes a resource update through the server, not on the call's own response \(sendResourceUpdated\(\)\): it went on the session's GET stream/);
    expect(adviceFor(found[0])).toMatch(/^Send it on the call's own response \(extra\.sendNotification/);
    expect(scanner.scanText('server.ts', text('@modelcontextprotocol/server'), { type: 'code', lang: 'ts' }).findings.filter((f) => f.ruleId === 'stateful-tool')).toEqual([]);
  });

  it('is the same warning for a fan-out to subscribers through the session map of transports, with no handle proposed for that map', () => {
    const text = [
      "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
      "import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
      "import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';",
      'const transports = new Map<string, StreamableHTTPServerTransport>();',
      'const watchers = new Map<string, Set<string>>();',
      "const server = new Server({ name: 'watch', version: '1.0.0' }, { capabilities: { tools: {} } });",
      'server.setRequestHandler(CallToolRequestSchema, async () => {',
      "  for (const sid of watchers.get('counter://main') ?? []) {",
      "    await transports.get(sid)?.send({ jsonrpc: '2.0', method: 'notifications/resources/updated', params: { uri: 'counter://main' } });",
      '  }',
      "  return { content: [{ type: 'text', text: 'bumped' }] };",
      '});',
      "export const keep = (t: StreamableHTTPServerTransport, headers: Record<string, string>) => transports.set(headers['mcp-session-id'], t);",
    ].join('\n');
    const found = scanner.scanText('server.ts', text, { type: 'code', lang: 'ts' }).findings.filter((f) => f.ruleId === 'stateful-tool');
    expect(found.map((f) => [f.line, f.severity, f.fix, f.reasons, f.state])).toEqual([[9, 'warning', undefined, ['server-push'], undefined]]);
    expect(found[0].message).toMatch(/^The tools\/call handler pushes a notification to other sessions through the transports kept in transports \(transports\.get\(sid\)\?\.send\): 2026-07-28 has no sessions to push to/);
  });
});

describe('a store in this process keyed by a handle the tools mint', () => {
  const server = (store: string, body: string[]) =>
    [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { randomUUID } from 'node:crypto';",
      "import { z } from 'zod';",
      store,
      "const s = new McpServer({ name: 'notes', version: '1.0.0' });",
      ...body,
    ].join('\n');
  const tools = (text: string) => scanner.scanText('server.ts', text, { type: 'code', lang: 'ts' }).findings.filter((f) => f.ruleId === 'stateful-tool');

  it('reports the tool that mints the handle and the one that looks it up, with no codemod and the advice to keep the entries in a shared store', () => {
    const found = tools(
      server('const notes = new Map<string, string>();', [
        "s.registerTool('create_note', { inputSchema: { text: z.string() } }, async ({ text }) => { const id = randomUUID(); notes.set(id, text); return { content: [{ type: 'text', text: id }] }; });",
        "s.registerTool('read_note', { inputSchema: { id: z.string() } }, async ({ id }) => ({ content: [{ type: 'text', text: notes.get(id) ?? 'NOT FOUND' }] }));",
        "s.registerTool('word_count', { inputSchema: { text: z.string() } }, async ({ text }) => ({ content: [{ type: 'text', text: String(text.split(' ').length) }] }));",
      ]),
    );
    expect(found.map((f) => [f.tool, f.fix, f.reasons])).toEqual([
      ['create_note', undefined, ['server-state']],
      ['read_note', undefined, ['server-state']],
    ]);
    expect(found[0].message).toBe('Tool "create_note" keeps entries in notes under a handle it mints, which other calls look up: notes is in this process\'s memory, so the call that brings the handle back may reach another instance, which has no such entry; keep the entries in a shared store (Redis, a database) under that handle');
    expect(found[1].message).toMatch(/^Tool "read_note" looks up entries of notes by the handle another call minted:/);
  });

  it('is no finding for a cache keyed by the call\'s arguments, nor for handles nobody looks up', () => {
    expect(tools(server('const pages = new Map<string, string>();', ["s.registerTool('fetch_page', { inputSchema: { url: z.string() } }, async ({ url }) => { if (!pages.has(url)) pages.set(url, await (await fetch(url)).text()); return { content: [{ type: 'text', text: pages.get(url)! }] }; });"]))).toEqual([]);
    expect(tools(server('const log = new Map<string, string>();', ["s.registerTool('record', { inputSchema: { text: z.string() } }, async ({ text }) => { log.set(randomUUID(), text); return { content: [] }; });"]))).toEqual([]);
  });
});

describe('stateful-tool findings explicit-handles does not rewrite', () => {
  it('name no codemod: a list changed at run time, a request to the client mid-call; state kept by the session does', () => {
    const text = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { z } from 'zod';",
      "const server = new McpServer({ name: 'a', version: '1.0.0' });",
      'const carts = new Map<string, string[]>();',
      "server.registerTool('add_actor', { inputSchema: { name: z.string() } }, async ({ name }) => {",
      "  server.registerTool(name, {}, async () => ({ content: [] }));",
      "  await server.server.notification({ method: 'notifications/tools/list_changed' });",
      '  return { content: [] };',
      '});',
      "server.registerTool('confirm', {}, async () => {",
      "  const answer = await server.server.elicitInput({ message: 'sure?', requestedSchema: { type: 'object', properties: {} } });",
      "  return { content: [{ type: 'text', text: answer.action }] };",
      '});',
      "server.registerTool('add_item', { inputSchema: { sku: z.string() } }, async ({ sku }, extra) => {",
      '  carts.set(extra.sessionId!, [...(carts.get(extra.sessionId!) ?? []), sku]);',
      '  return { content: [] };',
      '});',
    ].join('\n');
    const found = scanner.scanText('server.ts', text, { type: 'code', lang: 'ts' }).findings.filter((f) => f.ruleId === 'stateful-tool');
    const byTool = Object.fromEntries(found.filter((f) => f.tool).map((f) => [f.tool, f.fix ?? 'none']));
    expect(byTool).toEqual({ add_actor: 'none', confirm: 'none', add_item: 'explicit-handles' });
  });
});

describe('credentials a store named for sessions keeps under the session id', () => {
  it('are auth bound to the session, with the advice to read them from each request and no codemod; a store read for a transport stays a session map', () => {
    const found = fixtureFindings('session-state/credentials-behind-session-manager.ts');
    const state = found.find((f) => f.ruleId === 'session-state')!;
    expect(state.message).toMatch(/^looks up or clears auth bound to the session \(its accessToken, apiKey\) under the MCP session id in sessionManager;/);
    const tools = found.filter((f) => f.ruleId === 'stateful-tool');
    expect(tools.map((f) => [f.tool, f.state, f.fix])).toEqual([
      ['get_profile', ['sessionManager (accessToken, apiKey)'], undefined],
      ['list_repos', ['sessionManager (accessToken, apiKey)'], undefined],
    ]);
    for (const f of [state, ...tools]) expect(adviceFor(f)).toMatch(/^Read the credentials from each request/);
    expect(found.find((f) => f.ruleId === 'session-map')!.message).toMatch(/^sessionRegistry holds session objects keyed by the MCP session id/);
  });
});

describe("agents' createMcpHandler handed one server", () => {
  it('is reported once per isolate too, with advice that fits its signature (a server instance, not a factory)', () => {
    const once = fixtureFindings('shared-server/handler-once-per-isolate.ts');
    expect(once.map((f) => [f.ruleId, f.line, f.severity])).toEqual([['shared-server', 10, 'error']]);
    expect(once[0].message).toMatch(/^server is one server for the whole isolate, handed to createMcpHandler\(\) once: agents' handler connects it on every request/);
    const inFetch = fixtureFindings('shared-server/handler-per-request.ts');
    for (const f of [...once, ...inFetch]) expect(f.message).toMatch(/build the server and its handler in the request \(`createMcpHandler\(buildServer\(\), options\)\(request, env, ctx\)`\)/);
  });
});

describe('a prompt or resource read of state keyed by the session', () => {
  it('gets advice for a read (no handle argument), and no codemod', () => {
    const text = [
      "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
      "import { GetPromptRequestSchema } from '@modelcontextprotocol/sdk/types.js';",
      'const persona = new Map<string, string>();',
      "const server = new Server({ name: 'p', version: '1.0.0' }, { capabilities: { prompts: {} } });",
      "server.setRequestHandler(GetPromptRequestSchema, async (request, extra) => ({ messages: [{ role: 'user', content: { type: 'text', text: persona.get(extra.sessionId ?? '') ?? 'x' } }] }));",
    ].join('\n');
    const tool = scanner.scanText('prompt.ts', text, { type: 'code', lang: 'ts' }).findings.find((f) => f.ruleId === 'stateful-tool')!;
    expect(tool.reasons).toEqual(['read-handler', 'session-state']);
    expect(tool.fix).toBeUndefined();
    expect(adviceFor(tool)).toMatch(/^A prompt or resource read takes no handle argument/);
  });
});

describe('code that speaks both eras', () => {
  it('on its 2025 path (behind a test of the era) is info with no codemod; the same header sent to every server stays an error', () => {
    const found = fixtureFindings('dual-era/transport.ts').sort((a, b) => a.line - b.line);
    expect(found.map((f) => [f.ruleId, f.severity, f.fix])).toEqual([
      ['session-header', 'info', undefined],
      ['initialize-request', 'info', undefined],
      ['session-header', 'info', undefined],
      ['removed-feature', 'info', undefined],
      ['session-header', 'error', 'stateless-transport'],
    ]);
    expect(found[0].message).toBe('Writes the Mcp-Session-Id header on the 2025 path of code that speaks both eras (`!this.isModernProtocol() && this.sessionId`): 2025 peers need it there; keep it behind that test');
    // Past an early return on the modern path: said as such, not as if the read were on it.
    expect(found[2].message).toMatch(/^Reads the Mcp-Session-Id response header \(the id a server minted\) on the 2025 path of code that speaks both eras \(past `if \(this\.isModernProtocol\(\)\) return`\)/);
  });

  it('a client probing with server/discover keeps initialize as its fallback, and its own 2026-07-28 constants are not the SDK\'s', () => {
    expect(fixtureFindings('dual-era/client.ts')).toEqual([]);
    expect(fixtureFindings('dual-era/versions.ts')).toEqual([]);
    // Without the probe, the same client sends a handshake 2026-07-28 servers may refuse.
    const text = fs.readFileSync(path.resolve(__dirname, '../fixtures/scan/dual-era/client.ts'), 'utf8').replace("{ method: 'server/discover' }", "{ method: 'tools/list' }");
    const found = scanner.scanText('client.ts', text, classifyFile('client.ts')!).findings.sort((a, b) => a.line - b.line);
    expect(found.map((f) => [f.ruleId, f.severity])).toEqual([
      ['initialize-request', 'warning'],
      ['removed-feature', 'error'],
      ['initialize-request', 'info'],
    ]);
  });
});

describe('session-header reads only logged, and CORS lists kept in constants', () => {
  it('a read that only feeds a log line (or a label only logged) is info; a CORS constant is a warning cors-headers mends; a read that decides is an error', () => {
    const found = fixtureFindings('session-header/logged-and-listed.ts').sort((a, b) => a.line - b.line);
    expect(found.map((f) => [f.line, f.severity, f.fix])).toEqual([
      [12, 'info', undefined],
      [18, 'warning', 'cors-headers'],
      [22, 'error', 'stateless-transport'],
      [28, 'warning', 'cors-headers'],
      [34, 'info', undefined],
      [47, 'info', undefined],
      [49, 'info', undefined],
      [60, 'info', undefined],
      [65, 'error', 'stateless-transport'],
      // A payload kept in a local that is only logged: the read is info, the key sets nothing.
      [79, 'info', undefined],
      // Logged as text (JSON.stringify, process.stderr.write), and sent on as text (trial 58B B1).
      [89, 'info', undefined],
      [95, 'info', undefined],
      [102, 'error', 'stateless-transport'],
    ]);
    // A log payload's keys (column 9) are not reported: only the reads, once each.
    expect(found.filter((f) => f.line >= 47 && f.line <= 49).map((f) => [f.ruleId, f.column])).toEqual([['session-header', 35], ['removed-feature', 34]]);
    expect(found[0].message).toMatch(/^Reads the Mcp-Session-Id response header \(the id a server minted\) only to log or trace it/);
    expect(found[1].message).toBe('CORS CORS_EXPOSED_HEADERS lists Mcp-Session-Id; 2026-07-28 servers never send it, so drop it');
  });
});

describe('session-header recorded on traces', () => {
  it('is info: the span attribute only stays empty', () => {
    const found = fixtureFindings('session-header/otel-capture.ts');
    expect(found.map((f) => [f.line, f.severity, f.fix])).toEqual([
      [9, 'info', undefined],
      [11, 'info', undefined],
    ]);
    expect(found[0].message).toBe('Records the Mcp-Session-Id header on traces (captureRequestHeaders): nothing depends on it, but 2026-07-28 clients never send it, so the attribute stays empty');
  });
});

describe('session-header in a schema of the headers a route takes', () => {
  it('is info where the schema only allows the header, an error where it requires it; neither says the header is set (trial 50B)', () => {
    const found = fixtureFindings('session-header/header-validation-schema.ts').sort((a, b) => a.line - b.line);
    expect(found.map((f) => [f.line, f.severity, f.message.split(' (')[0].split(':')[0]])).toEqual([
      [10, 'info', 'Declares the Mcp-Session-Id request header as optional in a validation schema'],
      [19, 'error', 'Requires the Mcp-Session-Id request header in a validation schema'],
      [26, 'info', 'Declares the Mcp-Session-Id request header as optional in a validation schema'],
    ]);
    // A Fastify route schema: the same, said of a route schema.
    const route = fixtureFindings('session-header/route-header-schema.ts').sort((a, b) => a.line - b.line);
    expect(route.map((f) => [f.severity, f.message.split(' (')[0].split(':')[0]])).toEqual([
      ['info', 'Declares the Mcp-Session-Id request header as optional in a route schema'],
      ['error', 'Requires the Mcp-Session-Id request header in a route schema'],
    ]);
  });
});

describe('a client passing back the id a server minted', () => {
  it('is info in code that serves nothing (a proxy), an error in code that also serves', () => {
    const found = fixtureFindings('session-header/stdio-proxy.ts');
    expect(found.map((f) => [f.line, f.severity, f.fix])).toEqual([
      [9, 'info', undefined],
      [13, 'info', undefined],
    ]);
    expect(found[1].message).toMatch(/^Reads the Mcp-Session-Id response header \(the id a server minted\): a client passing back the id a 2025 server minted; 2026-07-28 servers mint none/);
    // The same code beside a server it builds: the echo is no longer the whole story.
    const file = path.resolve(__dirname, '../fixtures/scan/session-header/stdio-proxy.ts');
    const served = `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\n${fs.readFileSync(file, 'utf8')}`;
    const again = scanner.scanText('proxy.ts', served, classifyFile('proxy.ts')!).findings.filter((f) => f.ruleId === 'session-header');
    expect(again.map((f) => f.severity)).toEqual(['error', 'error']);
  });
});

describe('initialize-request on a read of the initialize params', () => {
  it('is a warning where the branch only reads and returns, and an error where the comparison gates', () => {
    const found = fixtureFindings('initialize-gate/hand-rolled-gate.js').filter((f) => f.ruleId === 'initialize-request');
    const read = found.find((f) => f.snippet.startsWith("if (body?.method === 'initialize' && body.params)"));
    expect(read?.severity).toBe('warning');
    expect(read?.message).toMatch(/^Reads the params of an initialize request when one arrives/);
    expect(found.find((f) => f.snippet.includes('const looksLikeInit'))?.severity).toBe('error');
  });
});

describe('initialize-request on a middleware that lets initialize past it', () => {
  it('is info when the rest of the middleware turns away for another reason (a rate limit, a key check), and an error when it checks the session or refuses otherwise', () => {
    const found = fixtureFindings('initialize-gate/middleware-exempts-initialize.ts').filter((f) => f.ruleId === 'initialize-request');
    expect(found.map((f) => [f.line, f.severity])).toEqual([[14, 'info'], [24, 'info'], [34, 'error'], [46, 'error']]);
    expect(found[0].message).toMatch(/only lets initialize requests past this middleware \(next\(\)\) without the rest of it: 2026-07-28 clients send none/);
    expect(adviceFor(found[0])).toMatch(/^Nothing is served differently/);
    expect(found[2].message).toMatch(/decides how a request is served/);
  });
});

describe('stateful-tool on a page the server\'s factory makes when first needed', () => {
  it('reports the tool that makes it and the one that reads it without making it, with the browser advice; a client every tool makes for itself is none', () => {
    const found = fixtureFindings('stateful-tool/page-made-lazily-with-server.ts');
    expect(found.map((f) => [f.line, f.ruleId])).toEqual([[15, 'stateful-tool'], [23, 'stateful-tool']]);
    expect(found[0].message).toMatch(/^Tool "visit" keeps state in page, made with the server in buildBrowserServer\(\).*a browser page cannot be kept in a shared store/);
    expect(found[1].message).toMatch(/^Tool "heading" reads page, state another handler leaves there/);
    expect(found[0].reasons).toContain('browser-state');
  });
});

describe('stateful-tool on an object of another module\'s class made with the server', () => {
  it('names the object, its class\'s module and the function that makes it, so fix knows it lasts as long as the server (trial 50B B3)', async () => {
    const found = (await scan({ paths: [path.resolve(__dirname, '../fixtures/scan/stateful-tool/class-of-another-module')], cache: false })).findings;
    expect(found.map((f) => [f.line, f.tool])).toEqual([[12, 'start'], [14, 'navigate'], [19, 'where']]);
    expect(found[0].message).toMatch(/^Tool "start" changes BrowserContext\.pages, a Map of context, an object of a class of browser-context\.ts made with the server in buildServer\(\) \(through context\.start\(\)\), which tool "navigate" reads/);
    expect(found[0].message).toMatch(/it lasts as long as that object \(a session, or the process where one server serves every client; one request once servers are built per request\)/);
    expect(found.every((f) => lastsWithServer(f.message))).toBe(true);
  });
});

describe('mcp-agent-state on an agent whose State only caches a token', () => {
  it('is the same error whatever the order of its setState and its read of this.props (read-through of f6e6799..)', () => {
    const agent = (first: string, second: string) =>
      [
        "import { McpAgent } from 'agents/mcp';",
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        'type State = { upstreamToken: string | null; upstreamTokenExpiresAt: number | null };',
        'export class MyMCP extends McpAgent<Env, State, Props> {',
        "  server = new McpServer({ name: 'x', version: '1' });",
        '  initialState: State = { upstreamToken: null, upstreamTokenExpiresAt: null };',
        first,
        second,
        '}',
        '',
      ].join('\n');
    const caches = "  async token() { this.setState({ upstreamToken: 't', upstreamTokenExpiresAt: 1 }); return this.state.upstreamToken; }";
    const props = "  async init() { this.server.tool('whoami', {}, async () => ({ content: [{ type: 'text', text: this.props.login }] })); }";
    const severity = (text: string) => scanner.scanText('agent.ts', text, classifyFile('agent.ts')!).findings.filter((f) => f.ruleId === 'mcp-agent-state').map((f) => f.severity);
    expect(severity(agent(caches, props))).toEqual(['error']);
    expect(severity(agent(props, caches))).toEqual(['error']);
  });
});

describe('session-id-generator passed through', () => {
  it('is a warning for a caller\'s option handed on, and an error for a generator of the code\'s own', () => {
    const found = fixtureFindings('initialize-gate/session-id-generator.ts').filter((f) => f.ruleId === 'session-id-generator');
    const severity = (snippet: string) => found.find((f) => f.snippet.includes(snippet))?.severity;
    expect(severity('sessionIdGenerator: randomUUID,')).toBe('error');
    expect(severity('sessionIdGenerator: options.sessionIdGenerator')).toBe('warning');
    expect(severity('sessionIdGenerator: sessionIdGenerator')).toBe('warning');
    expect(severity('new StreamableHTTPServerTransport({ sessionIdGenerator });')).toBe('warning');
  });
});

describe('session-header on outgoing headers', () => {
  it('a header that only shares the name, set from the application\'s own context type, is a warning; an id a server minted sent back is an error', () => {
    const found = fixtureFindings('session-header/outbound-telemetry.ts');
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [13, 'warning'],
      [20, 'error'],
      [23, 'error'],
    ]);
    expect(found[0].message).toMatch(/^Sets a header named Mcp-Session-Id to a value not taken from an MCP session here \(context\.sessionId\)/);
    expect(found[0].fix).toBeUndefined();
    // A client sending the header from a sessionId parameter may be sending the MCP session id: an error.
    const sets = fixtureFindings('session-header/hono-and-fetch.ts').filter((f) => /^Sets /.test(f.message));
    expect(sets.map((f) => f.severity)).toEqual(['error']);
    // One that sends back, only when there is one, the id a server's response carried: idle with
    // 2026-07-28 servers, which mint none (info), also where its page names server APIs in words
    // (JSX text, a string, a comment: mcp-for-beginners' and cloudflare's client pages were errors).
    expect(fixtureFindings('session-header/react-client.tsx').map((f) => [f.line, f.severity])).toEqual([[11, 'info'], [15, 'info']]);
  });

  it("a client's DELETE with the header ends a 2025 server's session: info, whoever keeps the id; another request with a value of its own stays a warning (trial 52B B5)", () => {
    const found = fixtureFindings('session-header/client-ends-session.ts');
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [13, 'info'],
      [21, 'warning'],
      [27, 'info'],
    ]);
    expect(found[0].message).toMatch(/a client ending a 2025 server's session \(a DELETE with the id it minted\)/);
  });

  it("a server sending the MCP session id on to another service with a request of its own is a warning with no handle advice; a headers object it answers with is an error", () => {
    const found = fixtureFindings('session-header/outgoing-request.ts').sort((a, b) => a.line - b.line);
    expect(found.map((f) => [f.line, f.severity, f.fix])).toEqual([
      [13, 'warning', undefined],
      [21, 'warning', undefined],
      [28, 'error', 'stateless-transport'],
      // A helper returning the headers the server answers with (res.writeHead): the transport's own.
      [37, 'error', 'stateless-transport'],
    ]);
    expect(found[0].message).toBe("Sends the MCP session id on to another service in a request header named Mcp-Session-Id: 2026-07-28 requests carry none, so it goes empty; send an id of this code's own (a correlation id) under a name of its own");
  });
});

describe('session-header in a client that sends back the id a server minted', () => {
  it('is info for the echo through Headers.set as for the response read', () => {
    const found = fixtureFindings('session-header/client-echo-set.ts').filter((f) => f.ruleId === 'session-header');
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [12, 'info'],
      [15, 'info'],
    ]);
  });
});

describe('removed-feature sent through a helper of the application', () => {
  it('is a warning in code that serves nothing (a client\'s UI), ping too', () => {
    const found = fixtureFindings('removed-feature/ui-send-helper.ts').filter((f) => f.ruleId === 'removed-feature');
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [12, 'warning'],
      [15, 'warning'],
      [17, 'warning'],
    ]);
  });

  it('is an error for ping sent through such a helper in code that may serve (a server pings its clients too)', () => {
    const text = fs.readFileSync(path.resolve(__dirname, '../fixtures/scan/removed-feature/ui-send-helper.ts'), 'utf8').replace("import type { SchemaOutput } from '@modelcontextprotocol/sdk/server/zod-compat.js';", "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\ntype SchemaOutput<T> = T;\nexport const server = new McpServer({ name: 'x', version: '1' });");
    const found = scanner.scanText('ui.ts', text, classifyFile('ui.ts')!).findings.filter((f) => f.ruleId === 'removed-feature');
    expect(found.map((f) => [/^(\S+) was removed/.exec(f.message)?.[1], f.severity])).toEqual([
      ['resources/subscribe', 'warning'],
      ['logging/setLevel', 'warning'],
      ['ping', 'error'],
    ]);
  });
});

describe('removed-feature sent by a client written by hand', () => {
  it('is a warning for the pings a client class of its own sends (named for a client, or sending what servers answer), as client.ping() is, and an error for a server\'s', () => {
    const found = fixtureFindings('removed-feature/hand-written-client-class.ts').filter((f) => f.ruleId === 'removed-feature');
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [25, 'warning'],
      [30, 'warning'],
      [49, 'warning'],
      [56, 'warning'],
      [77, 'error'],
    ]);
    for (const f of found.slice(0, 4)) expect(f.message).toMatch(/^ping was removed; a client sends it: /);
  });
});

describe('a server written by hand that keeps what initialize said', () => {
  it('is an error where it refuses requests until then, a warning where it reads what it kept', () => {
    const found = fixtureFindings('initialize-gate/hand-written-stdio-server.ts').filter((f) => f.ruleId === 'not-initialized-check' || f.ruleId === 'handshake-read').sort((a, b) => a.line - b.line);
    expect(found.map((f) => [f.line, f.ruleId, f.severity])).toEqual([
      [72, 'not-initialized-check', 'error'],
      [80, 'not-initialized-check', 'error'],
      [87, 'handshake-read', 'warning'],
    ]);
    expect(found[2].message).toMatch(/^Reads this\.clientCapabilities, which only the handling of initialize sets \(this\.clientCapabilities = params\.capabilities\).*\(io\.modelcontextprotocol\/clientCapabilities\)$/);
  });
});

describe('session-header on a CORS list built in a Set or an array', () => {
  it('is the CORS warning, not a read of the header (trial 22A)', () => {
    const found = fixtureFindings('session-header/cors-settings.ts').filter((f) => f.ruleId === 'session-header' && /add|push|allowedHeaders lists|exposedHeaders lists/.test(f.message));
    const bySet = found.filter((f) => f.line >= 45);
    expect(bySet.map((f) => [f.severity, f.message.split(';')[0]])).toEqual([
      ['warning', 'CORS allowedHeaders lists Mcp-Session-Id'],
      ['warning', 'CORS exposedHeaders lists Mcp-Session-Id'],
    ]);
  });
});

describe('stateful-tool advice where the tools pass a handle already', () => {
  it('asks only for a shared store, not for a handle argument the tools have (trial 21A)', () => {
    for (const message of [
      'Tool "add_note" keeps entries in notes under a handle it mints, which other calls look up: notes is in this process\'s memory',
      'Tool "get_note" looks up entries of notes by the handle another call minted: notes is in this process\'s memory',
    ]) {
      const advice = adviceFor({ ruleId: 'stateful-tool', message, reasons: ['server-state'] });
      expect(advice).toMatch(/^Keep those entries in a shared store every instance reaches \(Redis, a database\), under the handle the tools already pass\.$/);
    }
    expect(adviceFor({ ruleId: 'stateful-tool', message: 'Tool "build" reads currentProject, a module-level setting another tool changes', reasons: ['server-state'] })).toMatch(/^Give the tool an explicit handle argument/);
  });
});

describe('sse-routing on @vercel/mcp-adapter', () => {
  it('says disableSse came with its 0.8, and what an older release does instead', () => {
    const found = fixtureFindings('sse-legacy/mcp-adapter.ts').filter((f) => f.ruleId === 'sse-routing' && /^createMcpHandler/.test(f.message));
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) expect(f.message).toMatch(/@vercel\/mcp-adapter, renamed mcp-handler.*since @vercel\/mcp-adapter 0\.8: on an older release, move to mcp-handler 1\.x first/);
  });
});

describe('removed-feature on a client\'s own handlers', () => {
  it('is info: a client answers 2025 servers\' pings, and a handler for what only clients send never runs', () => {
    const found = fixtureFindings('removed-feature/client-handlers.ts').filter((f) => f.ruleId === 'removed-feature');
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [11, 'info'],
      [13, 'info'],
      [15, 'info'],
    ]);
    expect(found[0].message).toMatch(/never runs; drop it$/);
    expect(found[2].message).toMatch(/keep it while it talks to 2025 servers$/);
  });

  it('is info for the ping a dual-era client\'s own dispatcher answers, and an error once the file serves', () => {
    const text = fs.readFileSync(path.resolve(__dirname, '../fixtures/scan/removed-feature/dual-era-client-dispatch.ts'), 'utf8');
    const severities = (t: string) => scanner.scanText('c.ts', t, classifyFile('c.ts')!).findings.filter((f) => f.ruleId === 'removed-feature').map((f) => f.severity);
    expect(severities(text)).toEqual(['info']);
    expect(severities(`import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport const server = new McpServer({ name: 'x', version: '1' });\n${text}`)).toEqual(['error']);
  });
});

describe('shared-server on an instance of the application\'s own subclass', () => {
  it('says to build a new one per request, for a person (server-factory moves SDK servers only)', () => {
    const [found] = fixtureFindings('shared-server/subclass-instance.ts').filter((f) => f.ruleId === 'shared-server');
    expect(found.message).toMatch(/build a new Toolkit per request \(its constructor registers the tools\)$/);
    expect(found.fix).toBeUndefined();
  });
});

describe('session-lifecycle on oninitialized', () => {
  const setup = 'let sampling = false;\nserver.oninitialized = () => { sampling = !!server.getClientCapabilities()?.sampling; };\nexport const canSample = () => sampling;';
  const hook = (transport: string, body = setup) =>
    scanner
      .scanText(
        'server.ts',
        [
          "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
          transport,
          "const server = new Server({ name: 'x', version: '1' }, { capabilities: { tools: {} } });",
          body,
        ].join('\n'),
        classifyFile('server.ts')!,
      )
      .findings.filter((f) => f.ruleId === 'session-lifecycle');

  it('points a stdio server at the request envelope, with no codemod to run', () => {
    const [stdio] = hook("import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';");
    expect(stdio.message).toMatch(/read what it remembers \(client info, capabilities\) from each request's _meta envelope/);
    expect(stdio.fix).toBeUndefined();
  });

  it('leaves it to stateless-transport beside a sessionful transport', () => {
    const [http] = hook("const t = new StreamableHTTPServerTransport({ sessionIdGenerator: () => crypto.randomUUID() });");
    expect(http.fix).toBe('stateless-transport');
    expect(http.severity).toBe('error');
  });

  it('is an error where the hook keeps what it read for later requests, a warning where it only logs or reports it', () => {
    const found = fixtureFindings('initialize-gate/lifecycle-hooks.ts').filter((f) => f.ruleId === 'session-lifecycle' && /^oninitialized/.test(f.message));
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [8, 'warning'],
      [46, 'warning'],
      [55, 'error'],
      [66, 'error'],
      [78, 'warning'],
    ]);
  });

  it('says tools registered in the hook are never registered for 2026-07-28 clients (a helper named for it, or a local one that registers)', () => {
    const found = fixtureFindings('initialize-gate/lifecycle-hooks.ts').filter((f) => f.ruleId === 'session-lifecycle' && f.line === 55);
    expect(found.map((f) => f.message)).toEqual([expect.stringMatching(/and it registers tools or prompts \(registerSamplingTools\(\)\): 2026-07-28 clients never get them, and a list must not vary per client/)]);
    const local = [
      'function addSummarize(s: any) {',
      "  s.registerTool('summarize', { inputSchema: {} }, async () => ({ content: [] }));",
      '}',
      'server.oninitialized = () => {',
      '  if (server.getClientCapabilities()?.sampling) addSummarize(server);',
      '};',
    ].join('\n');
    const [hookFinding] = hook('', local);
    expect(hookFinding.message).toMatch(/registers tools or prompts \(addSummarize\(\)\)/);
    expect(hookFinding.fix).toBeUndefined();
    // Beside a sessionful transport, stateless-transport takes it (its marker says the tools would not be found).
    const [sessionful] = hook("const t = new StreamableHTTPServerTransport({ sessionIdGenerator: () => crypto.randomUUID() });", local);
    expect([sessionful.fix, sessionful.message]).toEqual(['stateless-transport', expect.stringMatching(/registers tools or prompts/)]);
  });

  it('says set-up the hook runs never runs for 2026-07-28 clients, and advises moving it, not deleting the hook (trial 30A)', () => {
    const stdio = "import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';";
    const body = ['const ctx = new Profiles();', 'server.oninitialized = async () => {', '  console.error(`client: ${server.getClientVersion()?.name}`);', '  await ctx.loadProfile();', '};'].join('\n');
    for (const transport of [stdio, "const t = new StreamableHTTPServerTransport({ sessionIdGenerator: () => crypto.randomUUID() });"]) {
      const [found] = hook(transport, body);
      expect([found.severity, found.fix]).toEqual(['error', undefined]);
      expect(found.message).toMatch(/and it runs set-up \(ctx\.loadProfile\(\)\): for 2026-07-28 clients it never runs, so what waits for it/);
      expect(adviceFor(found)).toMatch(/^Move the set-up it runs to start-up .* before you remove the hook/);
    }
    // A client of another service made there is set-up too (review: `createApiClient` is no record of who the client is).
    const [made] = hook(stdio, 'let api: unknown;\nserver.oninitialized = async () => { api = await createApiClient(process.env.TOKEN); };');
    expect(made.message).toMatch(/it runs set-up \(createApiClient\(\)\)/);
    // Reading who the client is and logging it is no set-up: the plain advice stands.
    const [plain] = hook(stdio);
    expect(adviceFor(plain)).toMatch(/^Delete the hook/);
  });

  it('is a warning, for a person, where the hook only records who the client is (a log line, analytics)', () => {
    const stdio = "import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';";
    for (const body of [
      'server.oninitialized = () => { console.error(server.getClientVersion()?.name); };',
      'server.oninitialized = () => analytics.identify({ client: server.getClientVersion()?.name });',
      // A throttle deciding whether to record (trial 31B: browserstack's started event).
      'server.oninitialized = () => { if (shouldSendStartedEvent()) trackMCP("started", server.getClientVersion()); };',
    ]) {
      const [recorded] = hook(stdio, body);
      expect([recorded.severity, recorded.fix]).toEqual(['warning', undefined]);
      expect(recorded.message).toMatch(/here it only records who the client is \(logs, analytics\), so 2026-07-28 clients go unrecorded/);
    }
  });
});

describe('removed-feature on Last-Event-ID', () => {
  it('is a warning cors-headers mends in a CORS header list, and an error where the code reads it', () => {
    const found = fixtureFindings('removed-feature/removed-methods.ts').filter((f) => /^Last-Event-ID/.test(f.message)).sort((a, b) => a.line - b.line);
    expect(found.map((f) => [f.severity, f.fix ?? null])).toEqual([
      ['error', null],
      // Read only to pick which line to log.
      ['info', null],
      ['warning', 'cors-headers'],
      // In a comma-separated allow list too.
      ['warning', 'cors-headers'],
    ]);
  });
});

describe('stateful-tool on server fields a low-level dispatch keeps', () => {
  it('names every tool that changes or reads them, and gives the login the credential advice (trial 30C)', () => {
    const found = fixtureFindings('stateful-tool/dispatch-server-fields.ts').filter((f) => f.ruleId === 'stateful-tool');
    expect(found.map((f) => [f.tool, f.message.split(', made with')[0]])).toEqual([
      ['login', 'Tool "login" keeps state in server (a Server object of another module)'],
      ['add_item', 'Tool "add_item" changes server.cart'],
      ['get_cart', 'Tool "get_cart" reads server.cart, state another tool leaves there'],
    ]);
    expect(found[0].message).toMatch(/every later call on it runs with the credential it keeps \(authToken\), whoever makes it; take the credential with each request instead/);
    expect(found[2].message).toMatch(/keep it in a shared store under a handle the tool takes$/);
  });
});

describe('session-state messages', () => {
  it('say a shared store loses its key, not its data, and in-memory state is lost across instances', () => {
    const text = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { createClient } from 'redis';",
      'const redis = createClient();',
      'const carts = new Map<string, string[]>();',
      "export function register(server: McpServer) {",
      "  server.registerTool('add', {}, async (_args, extra) => {",
      '    carts.set(extra.sessionId!, []);',
      "    await redis.set(`cart:${extra.sessionId}`, '[]');",
      "    return { content: [] };",
      '  });',
      '}',
    ].join('\n');
    const found = scanner.scanText('server.ts', text, classifyFile('server.ts')!).findings.filter((f) => f.ruleId === 'session-state');
    expect(found.map((f) => f.message.split('; ')[1])).toEqual(
      expect.arrayContaining(['it is lost or shared wrongly when calls reach other instances', '2026-07-28 requests carry no session id, so no call finds it again (or every client shares one entry)']),
    );
  });

  it('say log levels set with logging/setLevel go per request, a warning with no handle to mint (also kept through a store named for nothing, by its method) (trial 30B)', () => {
    const text = [
      "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
      "import { SetLevelRequestSchema } from '@modelcontextprotocol/sdk/types.js';",
      "import { host } from './host.js';",
      'const levels = new Map<string, string>();',
      "export const server = new Server({ name: 'l', version: '1' }, { capabilities: {} });",
      'server.setRequestHandler(SetLevelRequestSchema, async (request, extra) => {',
      '  levels.set(extra.sessionId!, request.params.level);',
      '  host.setSessionLevel(extra.sessionId, request.params.level);',
      '  return {};',
      '});',
    ].join('\n');
    const found = scanner.scanText('server.ts', text, classifyFile('server.ts')!).findings.filter((f) => f.ruleId === 'session-state');
    expect(found.map((f) => [f.line, f.severity, f.fix, f.message.split('; ')[0]])).toEqual([
      [4, 'warning', undefined, 'levels holds per-session log levels keyed by the MCP session id'],
      [8, 'warning', undefined, 'stores per-session log levels under the MCP session id in host'],
    ]);
    expect(found[0].message).toMatch(/2026-07-28 removed logging\/setLevel: each request asks for its own level in _meta\["io\.modelcontextprotocol\/logLevel"\]/);
    expect(adviceFor(found[1])).toMatch(/^Read the level each request asks for from its _meta/);
  });
});

describe('protocol-pin on the v2 packages\' 2025 transports', () => {
  it('is a warning like a version literal (the same transport on v1 gets only the summary line: a move must not turn CI red)', () => {
    const found = fixtureFindings('protocol-pin/stdio-v2.ts').filter((f) => f.ruleId === 'protocol-pin');
    expect(found.filter((f) => /speaks 2025 revisions only/.test(f.message))).toHaveLength(5);
    expect(found.map((f) => f.severity)).toEqual(found.map(() => 'warning'));
  });
});

describe('removed methods a client sends', () => {
  it('on the 2025 path of code that speaks both eras: info, the guard quoted; with no test of the era: a warning', () => {
    const found = fixtureFindings('dual-era/client-removed-methods.ts').sort((a, b) => a.line - b.line);
    expect(found.map((f) => [f.line, f.ruleId, f.severity])).toEqual([
      [21, 'removed-feature', 'info'],
      [32, 'removed-feature', 'info'],
      [42, 'removed-feature', 'info'],
      [49, 'removed-feature', 'warning'],
      [55, 'removed-feature', 'warning'],
    ]);
    expect(found[0].message).toMatch(/^setLoggingLevel\(\): .*; here on the 2025 path of code that speaks both eras \(`wanted && this.protocolEra !== 'modern'`\)/);
    expect(found[1].message).toMatch(/here on the 2025 path of code that speaks both eras \(past `if \(this.isModernEra\(\)\) return`\)/);
    expect(found[3].message).toMatch(/^ping was removed; a client sends it: only 2025 servers know it/);
  });

  it('a method switch in a JSX file is UI, not a dispatcher; the client call in it is a warning', () => {
    const found = fixtureFindings('removed-feature/method-picker.tsx');
    expect(found.map((f) => [f.line, f.severity, f.message.split(';')[0]])).toEqual([[13, 'warning', 'ping(): ping was removed']]);
  });
});

describe('advice in the markers fix leaves above findings no codemod rewrote', () => {
  it('does not say again what the finding says: input_required is named once', async () => {
    const { ruleById } = await import('../src/rules/index.js');
    const advice = ruleById('stateful-tool')!.fix.advice!;
    const found = fixtureFindings('stateful-tool/elicit-through-helpers.ts').filter((f) => f.ruleId === 'stateful-tool');
    // Told by the finding's reasons, never by its wording.
    // (The third goes on as if the client had agreed where it was not asked: `unasked` beside it.)
    expect(found.map((f) => f.reasons)).toEqual([['server-request'], ['server-request'], ['server-request', 'unasked'], ['server-request']]);
    const fnLevel = found.find((f) => f.line === 62)!;
    // The revision removed the request, over stdio too: the instance holding the stream is only HTTP's part of it (trial 28B).
    expect(fnLevel.message).toBe(
      "elicitInput() sends a server→client request mid-call in makeContext: 2026-07-28 removed requests to the client in the middle of a call (over HTTP its answer would also have to reach the instance holding the caller's stream), so every tool that reaches it must return input_required instead",
    );
    expect(`${fnLevel.message}. ${advice(fnLevel)}`.match(/input_required/g)).toHaveLength(1);
    expect(advice(fnLevel)).toMatch(/^The client answers that result and calls the tool again/);
    const toolLevel = found.find((f) => f.tool === 'rename')!;
    expect(advice(toolLevel)).toMatch(/^Return an input_required result instead/);
  });

  it("calls an McpAgent's State its tools write through a method, or fill with what the caller gave, the session's state (an error), not a constant nor a cache (trial 55B B4)", () => {
    const found = fixtureFindings('session-state/mcp-agent-state-written.ts').filter((f) => f.ruleId === 'mcp-agent-state');
    expect(found.map((f) => [f.severity, f.message])).toEqual([
      ['error', 'StoreMcp extends McpAgent: one Durable Object per MCP session holds its state'],
      ['error', 'RecallMcp extends McpAgent: one Durable Object per MCP session holds its state'],
    ]);
    // A token it fetches itself stays a cache (the warning).
    expect(fixtureFindings('session-state/mcp-agent-token-cache.ts').find((f) => f.ruleId === 'mcp-agent-state')?.severity).toBe('warning');
  });

  it("tells a tool reading an McpAgent's props to read them per request, not to take a handle", async () => {
    const { ruleById } = await import('../src/rules/index.js');
    const advice = ruleById('stateful-tool')!.fix.advice!;
    const whoami = fixtureFindings('session-state/mcp-agent.ts').find((f) => f.tool === 'whoami')!;
    expect(whoami.message).toMatch(/reads the props the McpAgent bound to the session when it started \(this\.props, its auth say\)/);
    expect(advice(whoami)).toMatch(/^Read them from each request .*getMcpAuthContext\(\).*credentials never become a tool's argument/);
    // Its Durable Object state takes a handle.
    const add = fixtureFindings('session-state/mcp-agent.ts').find((f) => f.tool === 'add')!;
    expect(advice(add)).toMatch(/^Give the tool an explicit handle argument/);
  });

  it("names the methods through which a tool reaches its McpAgent's Durable Object state, and asks for a handle (trial 73A B1)", async () => {
    const { ruleById } = await import('../src/rules/index.js');
    const advice = ruleById('stateful-tool')!.fix.advice!;
    const found = fixtureFindings('stateful-tool/mcp-agent-helper-state.ts');
    const byTool = (tool: string) => found.find((f) => f.tool === tool)!;
    expect(byTool('list_shelves').message).toMatch(/uses the McpAgent's per-session Durable Object state \(this\.ctx\.storage, through this\.isLocked\(\), then this\.lockStatus\(\)\)$/);
    expect(byTool('count_shelves').message).toMatch(/\(this\.state\.shelves, through this\.shelves\)$/);
    for (const tool of ['list_shelves', 'count_shelves', 'recent', 'add_shelf', 'last_count']) {
      expect(byTool(tool).reasons).toEqual(['agent-state']);
      expect(advice(byTool(tool))).toMatch(/^Give the tool an explicit handle argument/);
    }
  });

  it('tells a tool that looks the caller up by the session id to read the caller from the request, never to mint a handle (trial 33A)', async () => {
    const { ruleById } = await import('../src/rules/index.js');
    const advice = ruleById('stateful-tool')!.fix.advice!;
    const found = fixtureFindings('stateful-tool/identity-lookup.ts');
    const byTool = (tool: string) => found.find((f) => f.tool === tool)!;
    expect(byTool('my_account').message).toMatch(/looks the caller up by the MCP session id \(lookup\(extra\.sessionId\), read for `accountId`\).*extra\.authInfo.*not from a handle the tool returns/);
    expect(byTool('can_write').message).toMatch(/read for `scopes`/);
    for (const tool of ['my_account', 'can_write']) {
      expect(byTool(tool).reasons).toEqual(['session-identity']);
      expect(advice(byTool(tool))).toMatch(/^Read who the caller is from each request \(extra\.authInfo.*no handle/);
    }
    // A file named by the id, or a record read for more than the caller, is state of the caller's: a handle.
    expect(byTool('basket_items').reasons).not.toContain('session-identity');
    expect(advice(byTool('basket_items'))).toMatch(/^Give the tool an explicit handle argument/);
    expect(byTool('export_report').message).toMatch(/key it by a handle the tool returns instead/);
    expect(advice(byTool('export_report'))).toMatch(/^Give the tool an explicit handle argument/);
  });

  it('follows the reasons: lists that change, owners, pushes, state', async () => {
    const { ruleById } = await import('../src/rules/index.js');
    const advice = ruleById('stateful-tool')!.fix.advice!;
    const message = 'any wording';
    expect(advice({ message, reasons: ['session-state', 'dynamic-list'] })).toMatch(/^Keep the tool, prompt and resource lists the same/);
    expect(advice({ message, reasons: ['session-owner'] })).toMatch(/authenticated principal/);
    expect(advice({ message, reasons: ['timer-push'] })).toMatch(/subscriptions\/listen stream/);
    expect(advice({ message, reasons: ['listener-push'] })).toMatch(/subscriptions\/listen stream/);
    expect(advice({ message, reasons: ['session-state'] })).toMatch(/^Give the tool an explicit handle argument/);
    // A tool whose per-session state takes no handle (credentials, a counter) gets what that kind asks for.
    expect(advice({ message, reasons: ['session-state'], state: ['authBySession'] })).toMatch(/^Read the credentials from each request/);
    expect(advice({ message, reasons: ['session-state'], state: ['sessionRequestCounts'] })).toMatch(/^Key the counter by the authenticated principal/);
    expect(advice({ message, reasons: ['session-state'], state: ['browsers', 'authBySession'] })).toMatch(/^Give the tool an explicit handle argument/);
    const state = ruleById('session-state')!.fix.advice!;
    expect(state({ message, reasons: ['request-state'] })).toMatch(/^Key the entries by an id unique to each call/);
  });

  it('takes an initialize test for a gate when the refusal after it goes out through two helpers; a test that only logs stays info (trial 17A)', () => {
    const found = fixtureFindings('initialize-gate/gate-refuses-through-helpers.ts').filter((f) => f.ruleId === 'initialize-request');
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [19, 'error'],
      [37, 'info'],
    ]);
    expect(found[0].message).toMatch(/to gate requests on the handshake/);
  });

  it('says that work a timer of this process goes on doing cannot move to a shared store alone; a store whose entries nothing changes can (trial 16C)', () => {
    const found = fixtureFindings('stateful-tool/job-advanced-by-timer.ts');
    const tool = (name: string) => found.find((f) => f.ruleId === 'stateful-tool' && f.tool === name)!;
    for (const name of ['render_video', 'render_status']) {
      expect(tool(name).message).toMatch(/a setTimeout of this process also goes on changing them \(render\.frames = 1\), so the work runs here and a shared store alone does not help/);
      expect(tool(name).reasons).toEqual(['server-state', 'process-state']);
      expect(adviceFor(tool(name))).toMatch(/^Run the work where every instance sees its progress/);
    }
    for (const name of ['upload', 'upload_info']) {
      expect(tool(name).message).toMatch(/keep the entries in a shared store \(Redis, a database\) under that handle$/);
      expect(tool(name).reasons).toEqual(['server-state']);
    }
  });

  it("calls an 'initialize' branch of a fallbackRequestHandler dead code, not a gate; its pinned version is none (trial 18C)", () => {
    const found = fixtureFindings('initialize-gate/fallback-initialize.js');
    expect(found.map((f) => [f.ruleId, f.line, f.severity])).toEqual([['initialize-request', 10, 'info']]);
    expect(found[0].message).toMatch(/this branch never runs; delete it$/);
  });

  it('takes a store of numbers named for credentials for state, not auth to read from each request (trial 17B)', () => {
    const found = fixtureFindings('session-state/credential-names-numbers.ts');
    const state = (name: string) => found.find((f) => f.ruleId === 'session-state' && f.message.startsWith(`${name} `))!;
    expect(state('secrets').message).toMatch(/holds per-session application state/);
    expect(state('tokens').message).toMatch(/holds per-session application state/);
    expect(state('apiTokens').message).toMatch(/holds auth bound to the session/);
    const guess = found.find((f) => f.ruleId === 'stateful-tool' && f.tool === 'guess')!;
    expect(adviceFor(guess)).toMatch(/^Give the tool an explicit handle argument/);
    // In JavaScript, a JSDoc @type tag declares them (trial 19A).
    const js = fixtureFindings('session-state/credential-names-jsdoc.js');
    const jsState = (name: string) => js.find((f) => f.ruleId === 'session-state' && f.message.startsWith(`${name} `))!;
    expect(jsState('tokens').message).toMatch(/holds per-session application state/);
    expect(jsState('apiTokens').message).toMatch(/holds auth bound to the session/);
  });

  it('takes per-session values the code raises and tests against a limit for a rate limit whatever their names; a sequence number stays state (trial 16C)', () => {
    const found = fixtureFindings('session-state/limit-by-data-flow.ts');
    const state = (name: string) => found.find((f) => f.ruleId === 'session-state' && f.message.startsWith(`${name} `))!;
    expect(state('exportsBySession').message).toMatch(/holds a per-session counter \/ rate limit/);
    expect(state('lookups').message).toMatch(/holds a per-session counter \/ rate limit/);
    expect(state('nextNoteId').message).toMatch(/holds per-session application state/);
    const tool = (name: string) => found.find((f) => f.ruleId === 'stateful-tool' && f.tool === name)!;
    expect(tool('export_report').state).toEqual(['exportsBySession (a limit counter)']);
    expect(adviceFor(tool('export_report'))).toMatch(/^Key the counter by the authenticated principal/);
    expect(adviceFor(tool('add_note'))).toMatch(/^Give the tool an explicit handle argument/);
    // A count another tool sets back (a new quiz) is the quiz's: a handle, not a key by principal (trial 17B).
    expect(state('wrongAnswers').message).toMatch(/holds per-session application state/);
    expect(tool('answer').state).toEqual(expect.arrayContaining(['wrongAnswers (a count another tool resets)']));
    expect(adviceFor(tool('answer'))).toMatch(/^Give the tool an explicit handle argument/);
  });

  it('takes a count raised into a const, stored, then tested and refused past a limit for a rate limit; one whose test only tells stays state (trial 77A B2)', () => {
    const found = fixtureFindings('session-state/limit-through-local.ts');
    const state = (name: string) => found.find((f) => f.ruleId === 'session-state' && f.message.startsWith(`${name} `))!;
    expect(state('queriesUsed').message).toMatch(/holds a per-session counter \/ rate limit/);
    expect(state('visits').message).toMatch(/holds per-session application state/);
    expect(state('articlesRead').message).toMatch(/holds per-session application state/);
    // (Tested as read back from the store, the same: one testsLimit for every count.)
    expect(state('searches').message).toMatch(/holds a per-session counter \/ rate limit/);
    expect(state('greetings').message).toMatch(/holds per-session application state/);
    const tool = (name: string) => found.find((f) => f.ruleId === 'stateful-tool' && f.tool === name)!;
    expect(tool('find').state).toEqual(['queriesUsed (a limit counter)']);
    expect(tool('search').state).toEqual(['searches (a limit counter)']);
    expect(tool('greet').state).toEqual(['greetings (the caller\'s own tally)']);
    expect(adviceFor(tool('find'))).toMatch(/^Key the counter by the authenticated principal/);
    expect(adviceFor(tool('hello'))).toMatch(/^Give the tool an explicit handle argument/);
  });

  it('takes a window a helper stores and answers on, refused by the tool, for a rate limit; an answer only told stays state (trial 75A B5)', () => {
    const found = fixtureFindings('session-state/limit-window-helper.ts');
    const state = (name: string) => found.find((f) => f.ruleId === 'session-state' && f.message.startsWith(`${name} `))!;
    expect(state('hits').message).toMatch(/holds a per-session counter \/ rate limit/);
    expect(state('calls').message).toMatch(/holds a per-session counter \/ rate limit/);
    expect(state('edits').message).toMatch(/holds per-session application state/);
    expect(state('notebooks').message).toMatch(/holds per-session application state/);
    const tool = (name: string) => found.find((f) => f.ruleId === 'stateful-tool' && f.tool === name)!;
    expect(tool('add_note').state).toEqual(expect.arrayContaining(['hits (a limit counter)', 'edits', 'notebooks']));
  });

  it('lists a rate limiter of a helper module the tools hand the session id through a local as a counter (trial 75A B4)', async () => {
    const result = await scan({ paths: [path.resolve(__dirname, '../fixtures/scan/session-state/project-limiter-in-helper')], cache: false });
    const kept = result.findings.filter((f) => f.ruleId === 'session-state' && !f.reasons?.includes('instance-limit'));
    expect(kept.map((f) => `${f.file}:${f.line}`)).toEqual(['rate-limit.ts:5', 'rate-limit.ts:7']);
    expect(kept.map((f) => f.message.split(' keyed by')[0])).toEqual(['buckets holds a per-session counter / rate limit', 'burstCounts holds a per-session counter / rate limit']);
    expect(adviceFor(kept[0])).toMatch(/^Key the counter by the authenticated principal/);
    // The bucket lookup hands the client id: kept per caller, but in this process's memory (trial 77B B8).
    expect(result.findings.filter((f) => f.reasons?.includes('instance-limit')).map((f) => `${f.file}:${f.line}`)).toEqual(['server.ts:24']);
  });
});

describe('session-state: a rate limit kept in memory under who the caller is (trial 77B B8)', () => {
  it('is a warning that the limit multiplies with the instances, with the shared-store advice, at the collection or at the call of another module', async () => {
    const own = fixtureFindings('session-state/instance-limit.ts').filter((f) => f.reasons?.includes('instance-limit'));
    expect(own.map((f) => [f.line, f.severity, f.category, f.subject, f.stateKind, f.fix])).toEqual([
      [11, 'warning', 'session-state', 'callsByClient', undefined, undefined],
      [15, 'warning', 'session-state', 'buckets', undefined, undefined],
    ]);
    expect(own[0].message).toBe(
      "callsByClient is a rate limit kept in this process's memory under who the caller is (extra.authInfo?.clientId): the count is per instance, so behind N round-robin instances each caller gets N times the limit; keep the count in a shared store (Redis INCR with EXPIRE) under the caller's identity",
    );
    expect(own[1].message).toMatch(/^buckets is a rate limit kept in this process's memory under who the caller is \(extra\.requestInfo\?\.headers\['x-api-key'\]\)/);
    expect(adviceFor(own[0])).toMatch(/^Keep the count in a shared store every instance reaches \(Redis INCR with EXPIRE/);
    const result = await scan({ paths: [path.resolve(__dirname, '../fixtures/scan/session-state/project-instance-limit')], cache: false });
    const imported = result.findings.filter((f) => f.ruleId === 'session-state');
    expect(imported.map((f) => [f.file, f.line, f.subject])).toEqual([['server.ts', 13, undefined]]);
    expect(imported[0].message).toMatch(/^hands who the caller is \(extra\.requestInfo\?\.headers\['x-api-key'\]\) to take\(\) of bucket\.ts, which keeps a rate limit \(buckets\) under it in this process's memory: the count is per instance, so behind N round-robin instances each caller gets N times the limit/);
  });
});

describe('stateful-tool: asking the client only behind a capability the handshake declared', () => {
  it('is info (2026-07-28 clients never get there), a warning where the guard answers yes for them; asking unguarded stays an error', () => {
    const found = fixtureFindings('stateful-tool/capability-guarded.ts').filter((f) => f.ruleId === 'stateful-tool').sort((a, b) => a.line - b.line);
    expect(found.map((f) => [f.line, f.severity, f.tool, f.fix])).toEqual([
      [11, 'info', undefined, undefined],
      [16, 'info', 'confirm', undefined],
      // No codemod asks the client differently: explicit-handles moves session-keyed state only.
      [24, 'error', 'ask', undefined],
      // The capability read through a const (`const caps = ...; if (!caps?.elicitation) return`).
      [36, 'info', undefined, undefined],
      // Through a helper of the file that returns the test (`if (clientCanElicit(server))`); it answers false where it cannot ask.
      [48, 'info', undefined, undefined],
      // A guard that answers yes for 2026-07-28 clients (`return true`, `: { action: 'accept' }`): they go on unasked.
      [67, 'warning', 'delete_row', undefined],
      [73, 'warning', 'drop_table', undefined],
      // The yes after the asking branch (`if (caps?.elicitation) { ...; return answer; } return true`).
      [93, 'warning', 'reset_rows', undefined],
      // The yes an answer held before the question (`let go = true; if (caps?.elicitation) { ...; go = ... }`).
      [101, 'warning', 'purge_rows', undefined],
    ]);
    expect(found[8].message).toContain('get `true` in its place, as if they had agreed');
    expect(found[5].message).toMatch(/through approved\(\)\), only on the 2025 path \(past `if \(!server\.server\.getClientCapabilities\(\)\?\.elicitation\) return`\): 2026-07-28 clients are never asked and get `true` in its place, as if they had agreed: ask them too, with an input_required result/);
    expect(found[6].message).toContain("get `{ action: 'accept' }` in its place, as if they had agreed");
    for (const f of found.slice(0, 5)) expect(f.message).not.toContain('as if they had agreed');
    expect(found[4].message).toMatch(/in confirm only on the 2025 path \(`clientCanElicit\(server\)`\)/);
    expect(found[3].message).toMatch(/only on the 2025 path \(past `if \(!caps\?\.elicitation\) return`\)/);
    expect(found[0].message).toMatch(/elicitInput\(\) sends a server→client request mid-call in nudge only on the 2025 path \(past `if \(!server\.server\.getClientCapabilities\(\)\?\.elicitation\) return`\)/);
    expect(found[1].message).toMatch(/^Tool "confirm" sends a server→client request mid-call \(elicitInput\), only on the 2025 path/);
  });

  it('under serveStdio stays info: its getters are undefined for 2026-07-28 clients', () => {
    const found = fixtureFindings('stateful-tool/capability-guarded-stdio.ts');
    expect(found.filter((f) => f.ruleId === 'stateful-tool').map((f) => [f.line, f.severity, f.tool])).toEqual([[10, 'info', 'docs']]);
  });

  it('on the v2 packages stays an error: createMcpHandler fills the capabilities from each modern request', () => {
    const found = fixtureFindings('stateful-tool/capability-guarded-v2.ts');
    expect(found.filter((f) => f.ruleId === 'stateful-tool').map((f) => [f.line, f.severity, f.tool])).toEqual([[10, 'error', 'docs']]);
    const read = found.find((f) => f.ruleId === 'handshake-read')!;
    expect([read.line, read.severity]).toEqual([12, 'warning']);
    expect(read.message).toMatch(/createMcpHandler fills it from the envelope of each 2026-07-28 request, but a 2025 client, which it serves with a new server per request, gets undefined on every request after initialize .*, and serveStdio returns undefined for 2026-07-28 clients/);
  });
});

describe('initialize-request: a method test that only picks out what initialize carries', () => {
  it('is a warning when nothing is served differently (an extractor, a predicate used so); an error when it decides serving', () => {
    const found = fixtureFindings('initialize-gate/client-info-extractor.ts').filter((f) => f.ruleId === 'initialize-request').sort((a, b) => a.line - b.line);
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [11, 'warning'],
      [17, 'warning'],
      [29, 'error'],
      [42, 'info'],
      [51, 'info'],
      [59, 'error'],
      [73, 'error'],
      [86, 'info'],
      [95, 'info'],
      [102, 'error'],
    ]);
    expect(found[0].message).toMatch(/^Reads the params of an initialize request when one arrives/);
    expect(found[3].message).toMatch(/^Singles out initialize requests without changing how the request is served \(a log line, a label, a notification sent then\)/);
  });
});

describe('stateful-tool: state of an object a field of the tools class holds', () => {
  it('names the field the object is held in, also where a method of the class reads it (read-through 71)', async () => {
    const result = await scan({ paths: [path.resolve(__dirname, '../fixtures/scan/stateful-tool/field-of-tools-class')], cache: false });
    const described = result.findings.find((f) => f.tool === 'describe_folder')!;
    expect(described.message).toMatch(/^Tool "describe_folder" reads Settings\.folder, a setting of this\.settings, an object in a field of the object the tools run on/);
  });
});

describe('initialize-request: a branch that mints the session', () => {
  it('is an error where the id goes out under a header constant of the application (read-through 71)', () => {
    const found = fixtureFindings('initialize-gate/handshake-mints-header-constant.ts').filter((f) => f.ruleId === 'initialize-request');
    expect(found.map((f) => [f.line, f.severity])).toEqual([[10, 'error']]);
  });
});

describe('initialize-request on a server that answers JSON-RPC by hand', () => {
  it('says a dispatch table member or an if branch answers initialize, no gate; server/discover beside it makes that the 2025 fallback', () => {
    const found = fixtureFindings('removed-feature/hand-written-dispatch.ts').filter((f) => f.ruleId === 'initialize-request');
    expect(found.map((f) => [f.line, f.message.split(':')[0]])).toEqual([
      [8, "Answers 'initialize' by hand and has no case for server/discover"],
      [23, "Answers 'initialize' by hand and has no case for server/discover"],
    ]);
    const withDiscover = [
      "// An MCP server by hand.",
      'export const table = {',
      "  initialize: () => ({ protocolVersion: '2025-06-18', serverInfo: { name: 'x', version: '1' } }),",
      "  'server/discover': () => ({ supportedVersions: ['2026-07-28'] }),",
      "  'tools/list': () => ({ tools: [] }),",
      '};',
      'export function answer(msg: { method: string }) {',
      "  if (msg.method === 'server/discover') return table['server/discover']();",
      "  if (msg.method === 'initialize') return { protocolVersion: '2025-06-18', serverInfo: { name: 'x', version: '1' } };",
      "  if (msg.method === 'initialize') throw new Error('use server/discover');",
      '}',
      '',
    ].join('\n');
    const rule = scanner.scanText('rpc.ts', withDiscover, classifyFile('rpc.ts')!).findings.filter((f) => f.ruleId === 'initialize-request');
    expect(rule.map((f) => [f.line, f.severity, f.message.split(':')[0]])).toEqual([
      [3, 'info', "Answers 'initialize' for 2025 clients beside server/discover"],
      [9, 'info', "Answers 'initialize' for 2025 clients beside server/discover"],
      // A branch that refuses, not answers: the gate it was.
      [10, 'error', "Compares the JSON-RPC method with 'initialize' to gate requests on the handshake"],
    ]);
  });
});

describe('initialize-request in client code calling the SDK gate', () => {
  it('is a warning about the handshake it sends (or info where it is only logged), not a server gate', () => {
    const found = fixtureFindings('initialize-gate/client-request-wrapper.ts').filter((f) => f.ruleId === 'initialize-request');
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [12, 'warning'],
      [16, 'info'],
    ]);
    expect(found[0].message).toMatch(/^Client code that singles out initialize with InitializeRequestSchema\.safeParse\(\) \(to change, cache or replay the handshake it sends\)/);
  });
});

describe('initialize-request on a bridge that connects upstream either way', () => {
  it('is a warning about the identity initialize carried, not a gate', () => {
    const found = fixtureFindings('initialize-gate/bridge-connects-either-way.ts').filter((f) => f.ruleId === 'initialize-request');
    expect(found.map((f) => [f.line, f.severity])).toEqual([[25, 'warning']]);
    expect(found[0].message).toMatch(/^Picks out initialize only to connect upstream with what it carries/);
  });
});

describe('initialize-request on a chain of branches that each make a transport for initialize', () => {
  it('is a gate at every test, not an upstream connection made either way (trial 43A B5)', () => {
    const found = fixtureFindings('initialize-gate/client-proposed-session-id.ts').filter((f) => f.ruleId === 'initialize-request');
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [26, 'error'],
      [38, 'error'],
    ]);
    for (const f of found) expect(f.message).toMatch(/^Compares the JSON-RPC method with 'initialize' to gate requests on the handshake/);
    // A branch that tests the method is not initialize is the fallback of another method (review 47).
    const bridge = fs.readFileSync(path.resolve(__dirname, '../fixtures/scan/initialize-gate/bridge-connects-either-way.ts'), 'utf8').replace('    } else {', "    } else if (message.method !== 'initialize') {");
    const either = scanner.scanText('bridge.ts', bridge, classifyFile('bridge.ts')!).findings.filter((f) => f.ruleId === 'initialize-request');
    expect(either.find((f) => f.line === 25)?.severity).toBe('warning');
  });
});

describe('initialize-request on a test that only records something of initialize', () => {
  // (Nor where it puts a flag back to its declared value, or records an id only matched against
  // replies' ids: trial 59B B5's bridge.)
  it('is info where the branch only assigns a value nothing tests, an error where a later test decides by it', () => {
    const found = fixtureFindings('initialize-gate/records-initialize-id.ts').filter((f) => f.ruleId === 'initialize-request');
    expect(found.map((f) => [f.line, f.severity, f.message.split(':')[0]])).toEqual([
      [16, 'info', 'isInitializeRequest() only picks initialize requests out to record something of them (pendingInitId = msg.id)'],
      [25, 'error', 'isInitializeRequest() decides how a request is served; 2026-07-28 clients never send initialize'],
      [43, 'info', 'isInitializeRequest() only picks initialize requests out to record something of them (handshakeId = msg.id)'],
      [59, 'error', 'isInitializeRequest() decides how a request is served; 2026-07-28 clients never send initialize'],
      [79, 'error', 'isInitializeRequest() decides how a request is served; 2026-07-28 clients never send initialize'],
      [81, 'error', 'isInitializeRequest() decides how a request is served; 2026-07-28 clients never send initialize'],
    ]);
  });
});

describe('initialize-request severity', () => {
  it('is an error where the test decides how a request is served, info where it is only logged', () => {
    const found = fixtureFindings('initialize-gate/sdk-gate.ts').filter((f) => f.ruleId === 'initialize-request');
    const logged = found.filter((f) => /isInit:/.test(f.snippet));
    expect(logged.map((f) => [f.severity, f.message])).toEqual([['info', 'isInitializeRequest() is only logged here; 2026-07-28 clients never send initialize, so it logs false for them']]);
    expect(found.filter((f) => f.severity === 'error').length).toBeGreaterThan(2);
  });
});

describe('session-header in a browser client', () => {
  it('is info where a client that takes the id from responses sends it back, tested for or not', () => {
    const client = [
      'export class StreamableClient {',
      '  sessionId = null;',
      '  async send(url, body, extra = {}) {',
      "    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...extra }, body: JSON.stringify(body) });",
      "    const minted = response.headers.get('mcp-session-id');",
      '    if (minted && !this.sessionId) this.sessionId = minted;',
      '    return response.json();',
      '  }',
      '  call(url, method, params) {',
      "    return this.send(url, { jsonrpc: '2.0', id: 1, method, params }, { 'Mcp-Session-Id': this.sessionId, 'Mcp-Protocol-Version': '2025-06-18' });",
      '  }',
      '}',
      '',
    ].join('\n');
    const found = scanner.scanText('client.js', client, classifyFile('client.js')!).findings.filter((f) => f.ruleId === 'session-header');
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [5, 'info'],
      [10, 'info'],
    ]);
    expect(found[1].message).toMatch(/a client passing back the id a 2025 server minted/);
  });
});

describe('sse-transport severity', () => {
  it('is a warning where SSEServerTransport only names a type, an error where the code uses the class', () => {
    const typed = fixtureFindings('sse-legacy/type-only.ts').filter((f) => f.ruleId === 'sse-transport');
    expect(typed.map((f) => [f.severity, f.message])).toEqual([['warning', expect.stringMatching(/^Imports SSEServerTransport only to name its type/)]]);
    const used = scanner.scanText('x.ts', "import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';\nexport const isLegacy = (t: unknown) => t instanceof SSEServerTransport;\n", classifyFile('x.ts')!).findings.filter((f) => f.ruleId === 'sse-transport');
    expect(used.map((f) => [f.severity, f.message])).toEqual([['error', 'Imports the legacy HTTP+SSE SSEServerTransport']]);
  });
});

describe('deprecated-feature: FastMCP context logs', () => {
  it('names the tool, once per tool, at its first log call', () => {
    const found = fixtureFindings('deprecated-feature/fastmcp-log.ts').filter((f) => f.ruleId === 'deprecated-feature');
    expect(found.map((f) => [f.line, f.tool, f.severity])).toEqual([
      [15, 'scrape', 'warning'],
      [27, 'map', 'warning'],
      // A named execute function's context log, at the tool that registers it.
      [51, 'find', 'warning'],
    ]);
    expect(found[0].message).toBe(
      "Tool \"scrape\" logs through FastMCP's context log (log.info), which sends the client notifications/message: Logging is deprecated (earliest removal: the first revision released on or after 2027-07-28); log to stderr or OpenTelemetry",
    );
  });
});

describe('deprecated-feature: log messages a tool sends while it runs', () => {
  it('names the tool, says a 2026-07-28 client gets them only when it asks for a log level, and points at progress notifications', () => {
    const found = fixtureFindings('deprecated-feature/tool-log-progress.js').filter((f) => f.ruleId === 'deprecated-feature');
    expect(found.map((f) => [f.line, f.tool])).toEqual([
      [20, 'roll_out'],
      [30, undefined],
    ]);
    expect(found[0].message).toMatch(/^Tool "roll_out" sends notifications\/message by hand while it runs: .* only when its request asks for a log level .*send notifications\/progress with the request's progress token/);
    expect(adviceFor(found[0])).toMatch(/^Where the messages report the tool's progress, send notifications\/progress/);
    // Outside any tool: the plain advice.
    expect(adviceFor(found[1])).toBe('Log to stderr (stdio) or OpenTelemetry instead.');
  });
});

describe('deprecated-feature: requests to the client', () => {
  it('says a sampling request also fails on 2026-07-28 requests; stateful-tool names the tool reaching it through a helper class built for the call', () => {
    const found = fixtureFindings('stateful-tool/fastmcp-helper-class.js').sort((a, b) => a.line - b.line);
    expect(found.map((f) => [f.line, f.ruleId, f.severity, f.tool])).toEqual([
      [13, 'deprecated-feature', 'warning', undefined],
      [27, 'stateful-tool', 'error', 'summarize'],
    ]);
    expect(found[0].message).toBe(
      'requestSampling(): Sampling is deprecated (earliest removal: the first revision released on or after 2027-07-28); call your LLM provider directly; as a request to the client it also fails on 2026-07-28 requests: a tool that needs it returns input_required',
    );
    expect(found[1].message).toMatch(/^Tool "summarize" sends a server→client request mid-call \(requestSampling, through generate\(\)\)/);
  });
});

describe('protocol-pin: the SDK\'s 2025 list used to refuse a version', () => {
  it('is an error where an unlisted version gets a 4xx (every 2026-07-28 request does); a warning where the list only describes', () => {
    const found = fixtureFindings('protocol-pin/pins.ts').filter((f) => f.snippet.includes('SUPPORTED_PROTOCOL_VERSIONS.includes'));
    expect(found.map((f) => [f.snippet, f.severity])).toEqual([
      ['if (!SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {', 'error'],
      ["if (SUPPORTED_PROTOCOL_VERSIONS.includes(version)) return 'a 2025 revision';", 'warning'],
    ]);
    expect(found[0].message).toBe('SUPPORTED_PROTOCOL_VERSIONS lists 2025-era versions only, and a version it lacks is refused here: every 2026-07-28 request is');
  });
});

describe('the 2025 path of code that speaks both eras (legacy routing)', () => {
  it('is info for the transport rules, naming the test; the same dispatch with no test stays as severe as ever', () => {
    const found = fixtureFindings('dual-era/legacy-routing.ts').sort((a, b) => a.line - b.line);
    const guarded = found.filter((f) => f.line < 40);
    const plain = found.filter((f) => f.line >= 40 && !f.snippet.includes('exposedHeaders'));
    expect(guarded.map((f) => [f.ruleId, f.severity])).toEqual([
      ['session-map', 'info'],
      ['session-header', 'info'],
      ['initialize-request', 'info'],
      ['protocol-pin', 'info'],
      ['session-id-generator', 'info'],
      ['session-lifecycle', 'info'],
    ]);
    for (const f of guarded) expect(f.message).toContain('past `if (!(await isLegacyRequest(await toWebRequest(req, body), body))) return`');
    expect(guarded.every((f) => f.fix === undefined)).toBe(true);
    expect(plain.map((f) => f.severity)).toEqual(['error', 'error', 'warning', 'error', 'error']);
  });
});

describe('stateful-tool: list changes relayed to 2025 connections only', () => {
  it('is info behind a test of the era; sent to everyone, an error', () => {
    const found = fixtureFindings('stateful-tool/list-changed-notifications.ts').filter((f) => f.ruleId === 'stateful-tool').sort((a, b) => a.line - b.line);
    // The last: sendToolListChanged() in a function outside any tool call, a warning.
    expect(found.map((f) => f.severity)).toEqual(['error', 'error', 'info', 'warning']);
    expect(found[3].message).toMatch(/^sendToolListChanged\(\) announces a changed list outside any tool call in afterInitialize: /);
    expect(found[2].message).toMatch(/^Sends notifications\/tools\/list_changed only on the 2025 path \(past `if \(proxied\.transport === undefined \|\| isModern\(proxied\)\) return`\)/);
  });
});

describe('the reference legacy routing through a named function', () => {
  it('is info inside the function every call reaches on the 2025 path (GET and DELETE mounted on it); a helper called on both paths keeps its errors', () => {
    const found = fixtureFindings('dual-era/legacy-routing-named.ts').sort((a, b) => a.line - b.line);
    const inside = found.filter((f) => f.line < 45);
    expect(inside.length).toBe(7);
    expect(inside.every((f) => f.severity === 'info' && f.message.includes('(await isLegacyRequest(await toWebRequest(q, q.body)))'))).toBe(true);
    // (The POST-only routes of the v2 handler get endpoint-methods' info: GET and DELETE answer 404 there.)
    const others = found.filter((f) => f.ruleId !== 'endpoint-methods');
    expect(others.filter((f) => f.line >= 45 && f.line < 60).map((f) => [f.ruleId, f.severity])).toEqual([
      ['session-map', 'error'],
      ['session-header', 'error'],
    ]);
    // The CORS list keeps Mcp-Session-Id and Last-Event-ID (an event store) for the 2025 path's
    // browser clients; the modern path's own CORS header is a warning as ever.
    expect(others.filter((f) => f.line >= 60).map((f) => [f.line, f.ruleId, f.severity])).toEqual([
      [65, 'session-header', 'info'],
      [65, 'removed-feature', 'info'],
      [72, 'session-header', 'warning'],
    ]);
  });

  it('is not lenient with an exported function, nor with sessions from a generator variable outside the test', () => {
    const found = fixtureFindings('dual-era/legacy-routing-edges.ts').sort((a, b) => a.line - b.line || a.ruleId.localeCompare(b.ruleId));
    expect(found.map((f) => [f.line, f.ruleId, f.severity])).toEqual([
      // Exported: other modules may call it on any path.
      [8, 'session-map', 'error'],
      [13, 'session-header', 'error'],
      // A generator from a variable behind the test, and outside it.
      [28, 'protocol-pin', 'info'],
      [28, 'session-id-generator', 'info'],
      [35, 'protocol-pin', 'warning'],
      [35, 'session-id-generator', 'warning'],
      // So the CORS list is not the 2025 path's alone.
      [38, 'session-header', 'warning'],
    ]);
  });

  it('is info inside a private method every call reaches on the 2025 path through this.; a method also called outside the test, public, or handed on keeps its errors', () => {
    const found = fixtureFindings('dual-era/legacy-routing-methods.ts').sort((a, b) => a.line - b.line);
    const inside = found.filter((f) => f.line < 50);
    expect(inside.map((f) => [f.ruleId, f.severity])).toEqual([
      ['session-map', 'info'],
      ['session-header', 'info'],
      // The 2025 transport a class named for a transport connects to its server, on that path.
      ['protocol-pin', 'info'],
      ['session-id-generator', 'info'],
      ['session-lifecycle', 'info'],
    ]);
    for (const f of inside) {
      expect(f.message).toContain('on the 2025 path of code that speaks both eras (`!this.servedByModernEra(req)`)');
      expect(f.fix).toBeUndefined();
    }
    expect(found.filter((f) => f.line >= 50).map((f) => [f.line, f.ruleId, f.severity])).toEqual([
      // Also called outside the test.
      [54, 'session-map', 'error'],
      [75, 'session-header', 'error'],
      // Public.
      [87, 'session-map', 'error'],
      [102, 'session-header', 'error'],
      // Handed on as a value.
      [114, 'session-map', 'error'],
      [133, 'session-header', 'error'],
    ]);
  });

  it('keeps a CORS finding as it was where sessions are issued outside any test of the era too', () => {
    const cors = fixtureFindings('dual-era/legacy-routing.ts').filter((f) => f.snippet.includes('exposedHeaders'));
    expect(cors.map((f) => [f.ruleId, f.severity]).sort()).toEqual([
      ['removed-feature', 'warning'],
      ['session-header', 'warning'],
    ]);
  });
});

describe('what only 2025 clients reach beside createMcpHandler, outside any test of the era', () => {
  it('is info: GET and DELETE on the endpoint, a value used only under `!modern && ...`, the maps only that path uses; a rate limit picked by initialize is info too', () => {
    const found = fixtureFindings('dual-era/legacy-routes.ts').sort((a, b) => a.line - b.line);
    expect(found.map((f) => [f.line, f.ruleId, f.severity])).toEqual([
      [14, 'session-map', 'info'],
      // When each session began: bookkeeping of the sessions kept there, reported with their map.
      [16, 'session-map', 'info'],
      [27, 'initialize-request', 'info'],
      [29, 'session-header', 'info'],
      // Passed on for every request.
      [33, 'session-header', 'error'],
      [41, 'session-header', 'info'],
      [44, 'initialize-request', 'info'],
      [46, 'protocol-pin', 'info'],
      [48, 'session-id-generator', 'info'],
      [50, 'session-lifecycle', 'info'],
      [63, 'session-header', 'info'],
      [71, 'session-header', 'info'],
      // A GET on another path.
      [81, 'session-header', 'error'],
    ]);
    const at = (line: number) => found.find((f) => f.line === line)!;
    expect(at(14).message).toContain("used only on the 2025 path of code that speaks both eras (`!modern && typeof sessionId === 'string'`)");
    expect(at(16).message).toBe('startedAt holds session bookkeeping keyed by the MCP session id, used only with the session map transports on the 2025 path of code that speaks both eras (past `if (res.locals.modern) return`): 2026-07-28 requests never reach it; keep it behind that test');
    expect(at(27).message).toBe('isInitializeRequest() only picks a rate limiter (handshakeLimiter or callLimiter): 2026-07-28 clients never send initialize, so they always get the one for other requests');
    expect(at(29).message).toContain('on the 2025 path of code that speaks both eras (`!modern`)');
    expect(at(63).message).toContain("(in `app.get('/mcp')`, which 2026-07-28 clients never call: they only POST)");
    expect(at(71).message).toContain("(in `app.delete('/mcp')`, which 2026-07-28 clients never call: they only POST)");
    for (const f of found.filter((f) => f.severity === 'info')) expect(f.fix).toBeUndefined();
  });

  it('stays as severe as ever in a server that speaks 2025 only (no createMcpHandler, no test of the era)', () => {
    const found = fixtureFindings('dual-era/legacy-routes-2025-only.ts').sort((a, b) => a.line - b.line);
    expect(found.filter((f) => f.ruleId === 'session-map' || f.ruleId === 'session-header').map((f) => [f.line, f.severity])).toEqual([
      [10, 'error'],
      [17, 'error'],
      [38, 'error'],
      [46, 'error'],
    ]);
  });
});

describe('stateful-tool: the session id read on the 2025 path only', () => {
  it('is info naming the test, in the handler or a helper it calls; read on every path, an error; the snippet is a whole expression', () => {
    const found = fixtureFindings('dual-era/legacy-session-context.ts').sort((a, b) => a.line - b.line);
    expect(found.map((f) => [f.line, f.ruleId, f.severity])).toEqual([
      [26, 'stateful-tool', 'info'],
      [29, 'stateful-tool', 'info'],
      [38, 'stateful-tool', 'error'],
    ]);
    expect(found[0].message).toBe("The tools/call handler depends on the MCP session id (server.server.transport?.sessionId), only on the 2025 path (`era === 'modern'`): 2026-07-28 clients never reach it");
    expect(found[1].message).toMatch(/^The prompts\/get handler depends on the MCP session id \(server\.server\.transport\?\.sessionId\), only on the 2025 path \(`era === 'legacy'`\)/);
    // Read on every path: what that does where 2026-07-28 requests carry none (trial 28C: a game saved as games/undefined.json).
    expect(found[2].message).toBe(
      "The resources/read handler depends on the MCP session id (server.server.transport?.sessionId): 2026-07-28 requests carry none, so it is undefined there, and whatever the handler keeps or names by it (a store's entry, a file) is one every caller shares, or none; key it by the URI or name the request carries instead",
    );
    expect(found.slice(0, 2).every((f) => f.fix === undefined)).toBe(true);
  });

  it('tells a tool that takes a handle already to key by it, and one that takes none to return one (trial 30C: mcp-pty\'s processId)', () => {
    const text = (args: string, use = 'terminals.of(extra.sessionId, processId).write(input);') =>
      [
        "import { z } from 'zod';",
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        "import { terminals } from './terminals.js';",
        'export function register(server: McpServer) {',
        `  server.registerTool('write_input', { inputSchema: { processId: z.string(), input: z.string() } }, async (${args}, extra) => {`,
        `    ${use}`,
        "    return { content: [{ type: 'text', text: 'ok' }] };",
        '  });',
        '}',
      ].join('\n');
    const tail = (args: string, use?: string) => scanner.scanText('server.ts', text(args, use), classifyFile('server.ts')!).findings.find((f) => f.ruleId === 'stateful-tool')!.message.split('; ').pop();
    expect(tail('{ processId, input }')).toBe('it takes `processId` already: key what it keeps by that alone, not by the session');
    expect(tail('{ input }')).toBe('key it by a handle the tool returns instead');
    // An id argument used apart from the session (a product's, a user's the caller names) is no handle of this state.
    expect(tail('{ processId, input }', 'carts.of(extra.sessionId).add(processId, input);')).toBe('key it by a handle the tool returns instead');
  });
});

describe('removed-feature: handlers on the v2 packages', () => {
  it('a resources/subscribe handler answers the 2025 clients they still serve: info', () => {
    const found = fixtureFindings('removed-feature/v2-subscribe-handler.ts');
    expect(found.map((f) => [f.line, f.severity, f.fix])).toEqual([
      [10, 'info', undefined],
      [15, 'info', undefined],
    ]);
    expect(found[0].message).toMatch(/this handler answers 2025 clients only, whom the v2 packages still serve/);
  });

  it("is an error where the entry refuses 2025 clients (legacy: 'reject')", () => {
    expect(fixtureFindings('removed-feature/v2-subscribe-reject.ts').map((f) => [f.line, f.severity])).toEqual([[8, 'error']]);
  });
});

describe('mcp-agent-state: an McpAgent that keeps nothing of its own', () => {
  it('is information (State empty or unknown, only its server and functions as fields); state, storage or a field of its own stays an error', () => {
    const found = fixtureFindings('session-state/mcp-agent-no-state.ts');
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [11, 'info'],
      [29, 'info'],
      [39, 'error'],
      [49, 'error'],
      [59, 'info'],
    ]);
    expect(found[0].message).toBe('DocsMCP extends McpAgent but keeps no state of its own (no state, storage or fields besides its server): its Durable Object per session only routes, so serving it statelessly loses no state');
    expect(found[1].message).toMatch(/loses no state; the props it reads \(this\.props: its auth, say\) are bound from the session's first request, so read them from each request once it is served statelessly$/);
  });
});


describe('a Durable Object the code names by the MCP session id (no McpAgent)', () => {
  it('names the class, the call that routes to it and the binding; a per-user object is not reported', () => {
    const found = fixtureFindings('session-state/agent-named-by-session.ts');
    const byRule = (id: string) => found.filter((f) => f.ruleId === id).map((f) => f.message);
    expect(byRule('mcp-agent-state')).toEqual([
      'TallyAgent is the Durable Object that getAgentByName(env.TallyAgent, sessionId) names by the MCP session id: one Durable Object per MCP session holds its state',
      'NoteBook is the Durable Object that env.NOTES.idFromName(sessionId) names by the MCP session id: one Durable Object per MCP session holds its state',
    ]);
    expect(byRule('mcp-agent-serve')).toEqual([
      'idFromName() names a Durable Object by the MCP session id: each session is routed to its own object (NoteBook), sticky by session id',
      'getAgentByName() names a Durable Object by the MCP session id: each session is routed to its own object (TallyAgent), sticky by session id',
    ]);
    expect(found.find((f) => f.tool === 'add')!.message).toBe("Tool \"add\" uses TallyAgent's per-session Durable Object state (this.setState)");
  });
});

describe('stateful-tool: the list a tool changes', () => {
  it('names the resource or prompt list, not always the tool list', () => {
    const found = fixtureFindings('stateful-tool/other-lists.ts');
    expect(found.map((f) => f.message)).toEqual([
      'Tool "export" changes the resource list at run time (sendResourceListChanged)',
      'Tool "add_prompt" changes the prompt list at run time (registerPrompt)',
    ]);
  });
});

describe('session-map: the value type in the message', () => {
  it("names an object type's members, not its text cut short (mongodb's SessionStore)", () => {
    const found = fixtureFindings('session-map/session-record-type.ts');
    expect(found.map((f) => f.message)).toEqual(['sessions holds transports keyed by a string, each an object with transport, abortTimeout, notificationTimeout and lastUsedAt; another instance cannot find them']);
  });

  it('shows a short type whole, a long one by its name', async () => {
    const { shownType } = await import('../src/rules/session-map.js');
    expect(shownType('StreamableHTTPServerTransport')).toBe('of type StreamableHTTPServerTransport');
    expect(shownType(`SessionRecord<{ ${'a: string; '.repeat(20)}}>`)).toBe('of type SessionRecord<...>');
    expect(shownType('{ a: number; b: { c: string }; d?: () => void; e: 1; f: 2; g: 3; h: 4 }')).toBe('an object with a, b, d, e, f, g and more');
  });
});

describe('session-map: where a record of transport maps comes from', () => {
  it('names another module or a parameter by the object the chain starts from, and nothing for one declared in the same function (servers-archived github)', () => {
    const found = fixtureFindings('session-map/record-of-maps-where.ts').filter((f) => f.ruleId === 'session-map');
    expect(found.map((f) => f.message.split(';')[0])).toEqual([
      'transports.streamable holds transports keyed by the MCP session id',
      'registry.transports.streamable holds transports keyed by the MCP session id (declared in another module)',
      'state.transports.streamable holds transports keyed by the MCP session id (passed in as a parameter)',
    ]);
  });
});

describe("session-map: the sessions' own bookkeeping", () => {
  it('reports last-activity times and keep-alive timers no handler reads with the map they serve, by the codemod that removes it; state a tool reads or a counter stays session-state', async () => {
    const { ruleById } = await import('../src/rules/index.js');
    const advice = ruleById('session-map')!.fix.advice!;
    const streamable = fixtureFindings('session-map/session-bookkeeping.ts').filter((f) => /^session-(map|state)$/.test(f.ruleId));
    expect(streamable.map((f) => [f.line, f.ruleId, f.fix])).toEqual([
      [11, 'session-map', 'stateless-transport'],
      [13, 'session-map', 'stateless-transport'],
      [15, 'session-state', 'explicit-handles'],
      [17, 'session-state', 'explicit-handles'],
    ]);
    const lastSeen = streamable[1];
    expect(lastSeen.message).toBe('lastSeen holds session bookkeeping keyed by the MCP session id, used only with the session map transports (no tool, prompt or resource handler reads it): it goes with that map once transports are made per request');
    expect(advice(lastSeen)).toMatch(/^Delete it together with the session map it serves .*needs no handle or shared store/);
    // A transport map's own finding keeps the rule's advice.
    expect(advice(streamable[0])).toBeUndefined();

    const sse = fixtureFindings('session-map/sse-keepalive-timers.ts').filter((f) => /^session-(map|state)$/.test(f.ruleId));
    expect(sse.map((f) => [f.line, f.ruleId, f.fix])).toEqual([
      [10, 'session-map', 'sse-transport'],
      [12, 'session-map', 'sse-transport'],
      // Handed to a helper: what reads it is not known here.
      [15, 'session-state', 'explicit-handles'],
    ]);
    expect(sse[1].message).toBe('pings holds timers keyed by the MCP session id, used only with the session map streams (no tool, prompt or resource handler reads it): it goes with the legacy SSE endpoint, as that map goes');
  });
});

describe('advice fits what the finding is', () => {
  // What a person is told: the one answer of the report, the scan's summary and fix's markers.
  const advise = async (f: Finding) => (await import('../src/rules/index.js')).adviceFor(f);

  it("a client's initialize or removed request is told to ask server/discover first, not to serve stateless POSTs", async () => {
    const client = scanner.scanText('transport.ts', "import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';\nexport const cache = (m: { method?: string }) => m.method === 'initialize';\n", classifyFile('transport.ts')!).findings;
    expect(await advise(client.find((f) => f.ruleId === 'initialize-request')!)).toMatch(/^Ask the server with server\/discover first/);
    const removed = fixtureFindings('removed-feature/removed-methods.ts');
    const sent = removed.find((f) => /a client sends it/.test(f.message))!;
    expect(await advise(sent)).toMatch(/^Send it only on connections to 2025 servers/);
    const cors = removed.find((f) => /^Last-Event-ID in a CORS header list/.test(f.message))!;
    expect(await advise(cors)).toBe('Drop Last-Event-ID from the list: 2026-07-28 browsers do not resume streams.');
    const resume = removed.find((f) => /^Last-Event-ID: SSE stream resumability/.test(f.message))!;
    expect(await advise(resume)).toMatch(/^Drop the resumption/);
    const ping = removed.find((f) => f.message === 'ping was removed')!;
    expect(await advise(ping)).toMatch(/^Drop the ping: 2026-07-28 peers answer it with -32601/);
    expect(await advise(removed.find((f) => /^Last-Event-ID read only to log it/.test(f.message))!)).toMatch(/^Nothing depends on it/);
    // URL elicitation's error and the core tasks' methods say where they went.
    expect(await advise(removed.find((f) => /-32042/.test(f.message))!)).toMatch(/^Return an input_required result that asks for the URL elicitation/);
    expect(await advise(removed.find((f) => /tasks\/result/.test(f.message))!)).toMatch(/^Move to the Tasks extension/);
    // A handler for a removed method is deleted.
    const handler = removed.find((f) => /^PingRequestSchema: /.test(f.message))!;
    expect(await advise(handler)).toMatch(/^Delete the handler or call/);
  });

  it("mcp-framework's http-stream transport is not told to switch on a stateless mode it does not have", async () => {
    const found = fixtureFindings('initialize-gate/mcp-framework-transports.ts').filter((f) => f.ruleId === 'stateful-mode-option');
    const stream = found.find((f) => /http-stream transport/.test(f.message))!;
    expect(await advise(stream)).toMatch(/^mcp-framework's http-stream transport has no stateless mode from 0\.2\.15 on \(0\.2\.11 and earlier keep no session with session: \{ enabled: false \}\): serve the endpoint with a stateless transport/);
    // The fixture's options turn sessions off: true of 0.2.11 and earlier only, and said so (trial 47B B3).
    expect(stream.message).toMatch(/from mcp-framework 0\.2\.15 on, whatever its options say: session: \{ enabled: false \} keeps it sessionless only in 0\.2\.11 and earlier/);
    // Sessions left on: said plainly, no caveat about a switch it did not use.
    const plain = found.filter((f) => /http-stream transport/.test(f.message) && f !== stream);
    expect(plain).toHaveLength(1);
    expect(plain[0].message).not.toMatch(/0\.2\.11|whatever its options say/);
    for (const other of found.filter((f) => f !== stream && !plain.includes(f))) expect(await advise(other)).toMatch(/^Switch the framework to its stateless mode/);
  });

  it('a CORS expose list is told only to drop Mcp-Session-Id, an allow list to list the 2026-07-28 request headers too (a list named for neither by where it goes)', async () => {
    const found = fixtureFindings('session-header/cors-list-kinds.ts').sort((a, b) => a.line - b.line);
    expect(found.map((f) => [f.line, f.severity, f.fix, f.message])).toEqual([
      [10, 'warning', 'cors-headers', 'CORS CORS_HEADERS lists Mcp-Session-Id; 2026-07-28 servers never send it, so drop it'],
      [13, 'warning', 'cors-headers', 'CORS allowedHeaders lists Mcp-Session-Id; drop it and list Mcp-Method, Mcp-Name and MCP-Protocol-Version instead'],
      [18, 'warning', 'cors-headers', 'CORS Access-Control-Expose-Headers lists Mcp-Session-Id; 2026-07-28 servers never send it, so drop it'],
    ]);
    const [exposed, allowed, joined] = await Promise.all(found.map(advise));
    // Mcp-Method, Mcp-Name and MCP-Protocol-Version are request headers: never asked of an expose list.
    expect(exposed).toMatch(/^Drop it from the list: page scripts read it only from servers that mint session ids.* they belong in an allow list, not in this one\.$/);
    expect(joined).toBe(exposed);
    expect(allowed).toMatch(/^Drop it from the list, and list Mcp-Method, Mcp-Name and MCP-Protocol-Version, which 2026-07-28 browser clients send/);
    // Both say the header stays while code that speaks both eras still issues session ids (in another file too).
    for (const advice of [exposed, allowed]) expect(advice).toMatch(/still issues session ids to 2025 clients, in this file or another, keeps it until that path goes/);
    // A proxy's list keeps it: not told to drop it.
    const proxiedLists = [...fixtureFindings('session-header/proxy-cors.ts'), ...fixtureFindings('session-header/proxy-cors-missing.ts')].filter((f) => /this code proxies/.test(f.message));
    expect(proxiedLists.map((f) => f.severity)).toEqual(['info', 'warning']);
    expect(await advise(proxiedLists[0])).toMatch(/^Nothing to do for this header: it stays while 2025 servers behind this proxy mint session ids/);
    // One that also lacks the 2026-07-28 request headers is told to add them beside it (trial 64B B1).
    expect(proxiedLists[1].message).toMatch(/so it stays; but the list lacks Mcp-Method and Mcp-Name, which 2026-07-28 clients send/);
    expect(await advise(proxiedLists[1])).toMatch(/^Keep this header while 2025 servers behind this proxy mint session ids, and list Mcp-Method and Mcp-Name beside it/);
    // A proxy of a database's REST API beside the code's own MCP endpoint proxies no MCP server (trial 64B B1).
    // A gateway with an endpoint of its own that proxies MCP paths is a proxy all the same (review 82 point 3).
    expect(fixtureFindings('session-header/proxy-gateway-own-endpoint.ts').map((f) => [f.severity, /this code proxies/.test(f.message)])).toEqual([['info', true], ['info', true]]);
    const rest = fixtureFindings('session-header/proxy-rest-backend.ts');
    expect(rest.map((f) => [f.severity, /this code proxies/.test(f.message)])).toEqual([['warning', false], ['warning', false]]);
  });

  it('a header read only to log it is told what to log instead, not to replace a lookup', async () => {
    const logged = fixtureFindings('session-header/logged-and-listed.ts').find((f) => f.line === 12)!;
    expect(logged.message).toMatch(/only to log or trace it/);
    expect(await advise(logged)).toMatch(/^Nothing depends on it; to keep a correlation id/);
    // A server that mints or echoes the header stops sending it.
    const written = fixtureFindings('session-header/express-server.ts').find((f) => /^Writes the Mcp-Session-Id header/.test(f.message))!;
    expect(await advise(written)).toMatch(/^Stop sending it: 2026-07-28 servers mint no session id/);
    // An initialize test that serves nothing differently has nothing to serve statelessly.
    const labels = fixtureFindings('initialize-gate/client-info-extractor.ts').find((f) => /^Singles out initialize requests/.test(f.message))!;
    expect(await advise(labels)).toMatch(/^Nothing is served differently/);
  });

  it('a finding kept on purpose on the 2025 path of code that speaks both eras is told so, not to drop it', async () => {
    const kept = fixtureFindings('dual-era/client-removed-methods.ts').filter((f) => f.severity === 'info');
    expect(kept.length).toBeGreaterThan(0);
    for (const f of kept) expect(await advise(f)).toMatch(/^Nothing to do for 2026-07-28 clients: it stays on the 2025 path/);
    // Every rule's findings kept on that path (a session header read, a session map, a CORS list) carry the reason the advice reads.
    const fixtures = ['legacy-routing.ts', 'legacy-routing-edges.ts', 'legacy-routing-named.ts', 'legacy-routing-methods.ts', 'transport.ts', 'client.ts', 'versions.ts'];
    const onPath = fixtures.flatMap((name) => fixtureFindings(`dual-era/${name}`)).filter((f) => /2025 path of (this )?code that speaks both eras/.test(f.message));
    expect([...new Set(onPath.map((f) => f.ruleId))].sort()).toEqual(expect.arrayContaining(['session-header', 'session-map']));
    for (const f of onPath) {
      expect([f.ruleId, f.severity, f.reasons]).toEqual([f.ruleId, 'info', expect.arrayContaining(['legacy-path'])]);
      expect(await advise(f)).toMatch(/^Nothing to do for 2026-07-28 clients: it stays on the 2025 path/);
    }
    const predicate = fixtureFindings('initialize-gate/hand-rolled-gate.js').find((f) => /called nowhere in this file/.test(f.message))!;
    expect(await advise(predicate)).toBe('Nothing to do here: its callers are reported where they call it.');
  });
});

describe('initialize-request: a hand-rolled predicate', () => {
  it('is information where nothing in the file calls it (its callers are reported), an error where the file gates on it', () => {
    const found = fixtureFindings('initialize-gate/hand-rolled-gate.js').filter((f) => /^Hand-rolled/.test(f.message));
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [7, 'error'],
      [75, 'info'],
    ]);
  });
});

describe("stateful-tool: state made with the server that a proxy's list handlers fill", () => {
  it('asks a prompt, resource or list handler to work it out from what its request names, and a tool for a handle only where a tool keeps it', () => {
    const found = fixtureFindings('stateful-tool/proxy-list-maps.ts').filter((f) => f.ruleId === 'stateful-tool');
    const advice = (method: string) => found.find((f) => f.message.startsWith(`The ${method} handler`))!.message;
    expect(found).toHaveLength(6);
    for (const method of ['prompts/list', 'prompts/get']) expect(advice(method)).toContain("work it out again in each request from what that request names (the prompt's name");
    for (const method of ['resources/list', 'resources/read']) expect(advice(method)).toContain("(the resource's URI");
    // The tools/call handler reads a map only tools/list fills: no handle to take there either.
    for (const method of ['tools/list', 'tools/call']) expect(advice(method)).toContain("(the tool's name");
    for (const f of found) expect(f.message).not.toContain('a handle the tool takes');
    // A tool that keeps state of its own for the next call is still told to take a handle.
    const own = fixtureFindings('stateful-tool/server-closure-state.ts').find((f) => f.tool === 'calculate')!;
    expect(own.message).toContain('keep it in a shared store under a handle the tool takes');
  });
});

describe('stateful-tool: a resource read over what other calls made', () => {
  it('reports resources/read (and resources/list) over a module-level Map a tool fills through a helper, and advises the URI as the key, not a handle', async () => {
    const found = fixtureFindings('stateful-tool/resources-filled-by-helper.ts').filter((f) => f.ruleId === 'stateful-tool');
    expect(found.map((f) => [f.line, f.message.split(':')[0]])).toEqual([
      [28, 'The resources/list handler lists what other calls add to captures'],
      [33, 'The resources/read handler reads what other calls add to captures, a module-level collection'],
    ]);
    const { adviceFor } = await import('../src/rules/index.js');
    expect(adviceFor(found[1])).toMatch(/^Keep those entries in a shared store every instance reaches, under the URI or name the request carries/);
  });
});

describe('session-header: CORS lists kept in settings', () => {
  it('takes a parameter default, an option and a configuration key named for a CORS list for that list, and a default after another key for a name, not a read', () => {
    const found = fixtureFindings('session-header/cors-settings.ts').filter((f) => f.ruleId === 'session-header');
    const at = (line: number) => found.find((f) => f.line === line)!;
    for (const [line, list] of [[15, 'exposeHeaders'], [27, 'corsExposeHeaders'], [33, 'cors.exposeHeaders']] as const) {
      expect([at(line).severity, at(line).message]).toEqual(['warning', `CORS ${list} lists Mcp-Session-Id; 2026-07-28 servers never send it, so drop it`]);
    }
    expect(at(30).message).toBe('Names the Mcp-Session-Id header (get)');
    expect(at(40).message).toBe('Reads the Mcp-Session-Id header (get)');
  });
});

describe('session-state: what the code does with a shared store keyed by the session id', () => {
  it('says a store it only looks up or clears (a session-ending route) is looked up or cleared, and one it writes is stored in', () => {
    const found = fixtureFindings('session-state/store-cleared-on-delete.ts').filter((f) => f.ruleId === 'session-state');
    expect(found.map((f) => f.message.split(';')[0])).toEqual([
      'looks up or clears per-session application state under the MCP session id in metadataStore',
      'looks up or clears per-session application state under the MCP session id in quotas.perClient',
      'stores per-session application state under the MCP session id in profileStore',
    ]);
  });
});

describe('shared-server: a server an async factory fills in once', () => {
  it('names the factory whose promise fills the variable, and none where two factories fill it', () => {
    const found = fixtureFindings('shared-server/factory-filled-later.ts').filter((f) => f.ruleId === 'shared-server');
    expect(found).toHaveLength(2);
    expect(found[0].message).toContain('call startServer() per request instead of once');
    expect(found[1].message).not.toContain('per request instead of once');
  });
});

describe('shared-server: a request helper exported to other modules of the package', () => {
  const folder = (name: string) => path.resolve(__dirname, '../fixtures/scan/shared-server', name);
  it('is an error naming the caller that hands it one server for the process', async () => {
    const result = await scan({ paths: [folder('helper-caller-shares')], cache: false });
    expect(result.findings.map((f) => [f.file, f.ruleId, f.severity, f.message.split(', connected')[0]])).toEqual([['handle.ts', 'shared-server', 'error', 'server is one server for the whole process (handed to it in app.ts)']]);
  });
  it('is nothing where its caller builds a server per call, and a warning where no caller is in the run', async () => {
    expect((await scan({ paths: [folder('helper-caller-per-request')], cache: false })).findings).toEqual([]);
    const alone = await scan({ paths: [path.join(folder('helper-caller-per-request'), 'handle.ts')], cache: false });
    expect(alone.findings.map((f) => [f.ruleId, f.severity, f.message.split(' (one for')[0]])).toEqual([['shared-server', 'warning', 'server is the server handed to handleMcpRequest() by code in other modules']]);
  });
});

describe('shared-server: a kept server a route of the same file connects per request', () => {
  it('is an error at the connect (the getter alone stays a warning)', () => {
    const found = fixtureFindings('shared-server/cached-getter.ts');
    expect(found.filter((f) => f.severity === 'error').map((f) => [f.line, f.message.split(',')[0]])).toEqual([[55, 'server is the one server getMcpServer() keeps after its first call']]);
  });
});

describe('sse-routing: relayed through pub/sub', () => {
  it("words a subscription's delivery as relayed, not a request body's end event", () => {
    const found = fixtureFindings('sse-legacy/redis-relay.ts').filter((f) => f.ruleId === 'sse-routing');
    expect(found.map((f) => f.message.split(' to ')[0])).toEqual([
      'handleMessage delivers the messages relayed',
      'Relays a legacy HTTP+SSE message POST by its ?sessionId= (publish)',
      'handlePostMessage routes a POST',
    ]);
  });
});

describe('stateful-tool: running processes kept with the server', () => {
  it('names them and gives advice a shared store can follow, where other state made with the server keeps the handle advice', async () => {
    const { adviceFor } = await import('../src/rules/index.js');
    const found = fixtureFindings('stateful-tool/process-started-by-tool.ts').filter((f) => f.ruleId === 'stateful-tool');
    expect(found.map((f) => [f.tool, f.reasons, /\((running processes)\)/.exec(f.message)?.[1]])).toEqual([
      ['start_recording', ['server-state', 'process-state', 'lasts-with-server'], 'running processes'],
      ['stop_recording', ['server-state', 'process-state', 'lasts-with-server'], 'running processes'],
      ['run_job', ['server-state', 'process-state', 'lasts-with-server'], 'running processes'],
      ['job_status', ['server-state', 'process-state', 'lasts-with-server'], 'running processes'],
      ['write_note', ['server-state', 'lasts-with-server'], undefined],
      ['read_note', ['server-state', 'lasts-with-server'], undefined],
    ]);
    expect(found[3].message).toMatch(/^Tool "job_status" reads jobs \(running processes\), state another handler leaves there, .*; a running process cannot be kept in a shared store: finish it within one call/);
    expect(adviceFor(found[0])).toMatch(/^A running process cannot be kept in a shared store: finish it within one call/);
    expect(found[4].message).toMatch(/; keep it in a shared store under a handle the tool takes$/);
    expect(adviceFor(found[4])).toBe('Give the tool an explicit handle argument and keep its state in a shared store.');
  });
});

describe('stateful-tool: database connections kept under a handle', () => {
  it('names them and advises finishing the transaction in one call or routing by the handle, not a shared store; plain drafts keep the shared-store advice', async () => {
    const { adviceFor } = await import('../src/rules/index.js');
    const found = fixtureFindings('stateful-tool/transaction-by-handle.ts').filter((f) => f.ruleId === 'stateful-tool');
    expect(found.map((f) => [f.tool, f.reasons, /\((database connections)\)/.exec(f.message)?.[1]])).toEqual([
      ['begin', ['server-state', 'connection-state'], 'database connections'],
      ['run', ['server-state', 'connection-state'], 'database connections'],
      ['commit', ['server-state', 'connection-state'], 'database connections'],
      ['start_draft', ['server-state'], undefined],
      ['add_line', ['server-state'], undefined],
      ['prepare_payment', ['server-state'], undefined],
      ['confirm_payment', ['server-state'], undefined],
    ]);
    expect(found[1].message).toMatch(/; an open database connection \(or a transaction on it\) cannot be kept in a shared store: finish the transaction within one call .*; or route every call that names the handle to the instance that minted it \(mark the handle argument x-mcp-header/);
    expect(found[1].message).not.toMatch(/keep the entries in a shared store/);
    expect(adviceFor(found[0])).toMatch(/^An open database connection \(or a transaction on it\) cannot be kept in a shared store: finish the transaction within one call/);
    expect(found[4].message).toMatch(/; keep the entries in a shared store \(Redis, a database\) under that handle$/);
    expect(adviceFor(found[4])).toBe('Keep those entries in a shared store every instance reaches (Redis, a database), under the handle the tools already pass.');
  });

  it('a module-level browser page gets the browser advice in its message and in How to fix (a tool using it, and the page no tool of the file reaches)', async () => {
    const { adviceFor } = await import('../src/rules/index.js');
    const found = fixtureFindings('stateful-tool/browser-state.ts').filter((f) => f.ruleId === 'stateful-tool' && f.reasons?.includes('browser-state'));
    expect(found.map((f) => f.tool ?? null)).toEqual(['navigate', 'click', null]);
    for (const f of found) {
      expect(f.message).toMatch(/(the next call may reach an instance with another page or none|the next one that uses it may reach different instances); a browser page cannot be kept in a shared store: finish the work within one call/);
      expect(adviceFor(f)).toMatch(/^A browser page cannot be kept in a shared store/);
    }
  });
});

describe('sse-routing: one transport slot', () => {
  it('says every POST goes to the stream put in the slot last, where a map of sessions says one session', () => {
    const slot = fixtureFindings('shared-server/sse-one-slot.ts').filter((f) => f.ruleId === 'sse-routing');
    expect(slot.map((f) => f.message)).toEqual(['handlePostMessage routes every POST to the SSE stream in transport, one slot each new stream overwrites: the messages of every client on this instance go to the client that connected last']);
    const mapped = fixtureFindings('sse-legacy/redis-relay.ts').filter((f) => f.ruleId === 'sse-routing' && f.message.startsWith('handlePostMessage'));
    expect(mapped.map((f) => f.message)).toEqual(['handlePostMessage routes a POST to the SSE stream of one session on this instance']);
  });
});

describe('client code is told client things', () => {
  const advise = async (f: Finding) => (await import('../src/rules/index.js')).adviceFor(f);

  it("custom-capability: a server's spec capabilities on a client (or a client's on a server) are one finding that says to remove them", async () => {
    const found = fixtureFindings('custom-capability/misplaced-side.ts').filter((f) => f.ruleId === 'custom-capability');
    const misplaced = found.filter((f) => /^(Server|Client) capabilit/.test(f.message));
    expect(misplaced.map((f) => [f.line, f.severity, f.fix, f.message.split(':')[0]])).toEqual([
      [9, 'info', undefined, 'Server capabilities "tools", "prompts", "resources" declared on a client'],
      [18, 'info', undefined, 'Client capabilities "sampling", "elicitation" declared on a server'],
      [33, 'info', undefined, 'Server capability "tools" declared on a client'],
    ]);
    for (const f of misplaced) {
      expect(f.message).not.toMatch(/not a spec capability|extensions/);
      expect(await advise(f)).toMatch(/^Remove the (server|client) capabilities from the (client|server): a (client|server) declares only what it offers/);
    }
    // A key of neither side is still a custom capability, moved to extensions.
    const custom = found.find((f) => f.line === 23)!;
    expect(custom.message).toBe('Capability "dashboards" is not a spec capability; declare it under capabilities.extensions with a prefixed id');
    expect(await advise(custom)).toMatch(/^Move the key under `capabilities.extensions`/);
  });

  it('custom-capability: capabilities nested in capabilities, or a member of a spec capability on its own, is a slip to move or remove, not an extension to declare (trial 30B)', async () => {
    const text = [
      "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
      "export const a = new Server({ name: 'a', version: '1' }, { capabilities: { capabilities: { listChanged: true } } });",
      "export const b = new Server({ name: 'b', version: '1' }, { capabilities: { tools: {}, listChanged: true } });",
    ].join('\n');
    const found = scanner.scanText('server.ts', text, classifyFile('server.ts')!).findings.filter((f) => f.ruleId === 'custom-capability');
    expect(found.map((f) => [f.line, f.message])).toEqual([
      [2, 'Capability "capabilities" is not a spec capability, and clients ignore it here: capabilities nested in capabilities: move what it holds up a level, where clients read it, or remove it'],
      [3, 'Capability "listChanged" is not a spec capability, and clients ignore it here: listChanged is a member of a spec capability (tools: { listChanged: true }, prompts: { listChanged: true }, resources: { listChanged: true }), not a capability of its own: move it there, or remove it'],
    ]);
    for (const f of found) expect(await advise(f)).toMatch(/^Move it where the spec puts it, or remove it: it is no custom feature/);
  });

  it('sse-transport: a client is told to connect with Streamable HTTP, not to serve it', async () => {
    const scan = (body: string) => scanner.scanText('client.ts', `import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';\n${body}`, classifyFile('client.ts')!).findings.filter((f) => f.ruleId === 'sse-transport');
    const [only] = scan('export const t = new SSEClientTransport(new URL(url));\n');
    expect(await advise(only)).toMatch(/^Connect with StreamableHTTPClientTransport; fall back to SSEClientTransport only for servers that have not moved/);
    const [fallback] = scan("import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';\ntry { await c.connect(new StreamableHTTPClientTransport(u)); } catch { await c.connect(new SSEClientTransport(u)); }\n");
    expect(await advise(fallback)).toMatch(/^Nothing to do while some servers it connects to still serve HTTP\+SSE/);
    // A server still gets the server's advice.
    const server = scanner.scanText('server.ts', "import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';\nexport const t = new SSEServerTransport('/messages', res);\n", classifyFile('server.ts')!).findings.find((f) => f.ruleId === 'sse-transport')!;
    expect(await advise(server)).toBe('Serve Streamable HTTP on one POST endpoint instead.');
  });

  it('a handshake a client writes out (a smoke test playing a 2025 client): notifications/initialized is a warning like the initialize before it, each with advice for a client', async () => {
    const found = fixtureFindings('removed-feature/smoke-client.mjs').sort((a, b) => a.line - b.line || a.ruleId.localeCompare(b.ruleId));
    expect(found.map((f) => [f.line, f.ruleId, f.severity])).toEqual([
      [8, 'initialize-request', 'warning'],
      [8, 'protocol-pin', 'warning'],
      [10, 'removed-feature', 'warning'],
    ]);
    expect(found[2].message).toMatch(/^notifications\/initialized was removed with the handshake; a client sends it/);
    expect(await advise(found[0])).toMatch(/^Ask the server with server\/discover first/);
    expect(found[1].message).toMatch(/^Pins protocol version 2025-06-18 in the initialize request it sends/);
    expect(await advise(found[1])).toMatch(/^As a client, speak 2026-07-28 first: probe with server\/discover/);
    expect(await advise(found[2])).toMatch(/^Send it only on connections to 2025 servers/);
    for (const f of found) expect(await advise(f)).not.toMatch(/createMcpHandler|subscriptions\/listen|Serve every POST/);
  });

  it("a bridge that initializes the server it forwards to is that server's client: its test of the request is information, a route that refuses such requests stays an error", async () => {
    const found = fixtureFindings('initialize-gate/bridge-initializes-child.ts').sort((a, b) => a.line - b.line);
    expect(found.map((f) => [f.line, f.ruleId, f.severity, f.fix])).toEqual([
      [19, 'initialize-request', 'warning', undefined],
      [21, 'protocol-pin', 'warning', undefined],
      [41, 'removed-feature', 'warning', undefined],
      [50, 'initialize-request', 'info', undefined],
      [64, 'initialize-request', 'error', 'stateless-transport'],
    ]);
    const bridge = found[3];
    expect(bridge.message).toMatch(/^isInitializeRequest\(\) picks out requests that came without a handshake, and this code then sends initialize itself, as a client, to the server it forwards to/);
    expect(await advise(bridge)).toMatch(/^Nothing to change in the test: it is what serves clients that send no initialize\. When the server it forwards to speaks 2026-07-28, probe it with server\/discover/);
    expect(await advise(found[4])).toMatch(/^Serve every POST with a fresh stateless transport/);
  });

  it("deprecated-feature: a client's handler for servers' logs, sampling or roots is told what a client does; a server's use gets the advice for its one feature", async () => {
    const found = fixtureFindings('deprecated-feature/client-handlers.ts').sort((a, b) => a.line - b.line);
    expect(found.map((f) => [f.line, f.message.split(';')[0]])).toEqual([
      [10, "LoggingMessageNotificationSchema: a client's handler for the log messages servers send"],
      [12, "CreateMessageRequestSchema: a client's handler for servers' sampling requests"],
      [17, "ListRootsRequestSchema: a client's handler for servers' roots requests"],
      [24, 'LoggingMessageNotificationSchema: Logging is deprecated (earliest removal: the first revision released on or after 2027-07-28)'],
    ]);
    expect(await advise(found[0])).toMatch(/^Keep it for the servers that still log: ask for logs per request with _meta\["io.modelcontextprotocol\/logLevel"\]/);
    for (const f of found.slice(1, 3)) expect(await advise(f)).toMatch(/^Keep it for 2025 servers; a 2026-07-28 server asks inside an input_required result instead/);
    for (const f of found.slice(0, 3)) expect(await advise(f)).not.toMatch(/Roots\)|Sampling\)|stderr\/OpenTelemetry \(Logging\)/);
    expect(await advise(found[3])).toBe('Log to stderr (stdio) or OpenTelemetry instead.');
    // Registered by method string (v2), the same.
    const v2 = fixtureFindings('deprecated-feature/v2-method-strings.ts').filter((f) => f.ruleId === 'deprecated-feature');
    expect(v2.map((f) => f.message.split(';')[0])).toEqual([
      "setNotificationHandler('notifications/message'): a client's handler for the log messages servers send",
      "setRequestHandler('sampling/createMessage'): a client's handler for servers' sampling requests",
      "setRequestHandler('roots/list'): a client's handler for servers' roots requests",
      "setNotificationHandler('notifications/message'): a client's handler for the log messages servers send",
    ]);
    // A server's uses: one feature's advice each, not all three.
    const server = fixtureFindings('deprecated-feature/roots-sampling-logging.ts').filter((f) => f.ruleId === 'deprecated-feature');
    expect(await advise(server.find((f) => /^The logging capability/.test(f.message))!)).toBe('Log to stderr (stdio) or OpenTelemetry instead.');
    expect(await advise(server.find((f) => /^listRoots\(\)/.test(f.message))!)).toBe('Take directories as tool arguments, resource URIs or server config instead.');
    expect(await advise(server.find((f) => /^includeContext/.test(f.message))!)).toBe('Call your LLM provider directly instead.');
  });

  it('an initialize gate of a server on stdio alone gets stdio advice and no HTTP codemod', async () => {
    const [gate] = fixtureFindings('initialize-gate/stdio-bridge.ts');
    expect([gate.line, gate.severity, gate.fix]).toEqual([18, 'error', undefined]);
    expect(gate.message).toMatch(/; over stdio too, a 2026-07-28 client sends no initialize/);
    expect(await advise(gate)).toMatch(/^Do what is done only for initialize here \(connecting upstream, say\) on the first request of any method, or at start-up/);
    expect(await advise(gate)).not.toMatch(/POST|stateless transport/);
  });
});

describe('mcp-lite requests to the client and handshake reads', () => {
  it("says what ctx.elicit(), ctx.sample() and ctx.client.supports() do in mcp-lite, and advises what mcp-lite can do (it returns no input_required)", () => {
    const found = fixtureFindings('stateful-tool/mcp-lite-client-requests.ts');
    const tools = found.filter((f) => f.ruleId === 'stateful-tool');
    expect(tools.map((f) => f.message.match(/\((ctx\.\w+\(\))/)?.[1])).toEqual(['ctx.elicit()', 'ctx.sample()', 'ctx.sample()']);
    for (const f of tools) {
      expect(f.message).toMatch(/mcp-lite sends (elicitation\/create|sampling\/createMessage) only within a session/);
      expect(adviceFor(f)).toMatch(/^mcp-lite implements the 2025 revisions only and cannot return the input_required result/);
      expect(f.fix).toBeUndefined();
    }
    expect(tools[1].message).toMatch(/Sampling itself is deprecated in 2026-07-28\)$/);
    const reads = found.filter((f) => f.ruleId === 'handshake-read');
    expect(reads).toHaveLength(2);
    for (const f of reads) {
      expect(f.message).toMatch(/^Reads mcp-lite's ctx\.client\.supports\('sampling'\), which answers from the capabilities the client declared at initialize/);
      expect(adviceFor(f)).toMatch(/ctx\.request/);
    }
  });
});

describe('stateful-mode-option on frameworks that hide the transport', () => {
  it("names mcp-use's sessionful default and mcp-lite's sessionAdapter, with each framework's own switch", () => {
    const mcpUse = fixtureFindings('initialize-gate/mcp-use-server.ts').filter((f) => f.message.startsWith("mcp-use's MCPServer"));
    expect(mcpUse.map((f) => f.line)).toEqual([6, 22, 33]);
    for (const f of mcpUse) {
      expect(f.message).toMatch(/without stateless: true .* pass stateless: true$/);
      expect(adviceFor(f)).toMatch(/stateless: true/);
    }
    const mcpLite = fixtureFindings('initialize-gate/mcp-lite-transport.ts');
    expect(mcpLite.map((f) => [f.line, f.ruleId])).toEqual([
      [10, 'stateful-mode-option'],
      [18, 'stateful-mode-option'],
    ]);
    for (const f of mcpLite) {
      expect(f.message).toMatch(/^mcp-lite's StreamableHttpTransport is sessionful when given a sessionAdapter: .*; omit sessionAdapter/);
      // No SDK-only switch for a framework that has none of it.
      expect(`${f.message} ${adviceFor(f)}`).not.toMatch(/sessionIdGenerator|stateless: true/);
      expect(adviceFor(f)).toMatch(/^Omit sessionAdapter/);
    }
  });
});

describe('sse-routing on mcp-handler in a Next.js route file', () => {
  it('is info where the route file has one fixed path (no /sse request reaches it), an error where a [transport] segment takes /sse too (trial 25B)', () => {
    const text = [
      "import { createMcpHandler } from 'mcp-handler';",
      "const handler = createMcpHandler((server) => { server.tool('echo', 'Echo', {}, async () => ({ content: [] })); }, {}, { basePath: '/api' });",
      'export { handler as GET, handler as POST };',
    ].join('\n');
    const finding = (rel: string) => scanner.scanText(rel, text, classifyFile(rel)!).findings.find((f) => f.ruleId === 'sse-routing');
    expect(finding('app/api/mcp/route.ts')).toMatchObject({ severity: 'info', message: expect.stringMatching(/Here it is not reached: app\/api\/mcp\/route\.ts is a Next\.js route of one fixed path/) });
    expect(finding('src/app/api/mcp/route.ts')?.severity).toBe('info');
    expect(finding('app/api/[transport]/route.ts')).toMatchObject({ severity: 'error', message: expect.not.stringMatching(/not reached/) });
    expect(finding('app/[...slug]/route.ts')?.severity).toBe('error');
    // Not a Next.js route file: the handler may be mounted anywhere.
    expect(finding('src/mcp.ts')?.severity).toBe('error');
  });
});

describe('sse-client-config messages', () => {
  it('says an entry whose label alone names SSE (its address a /mcp endpoint) needs its label changed; an /sse address, that its server moves (trial 25B)', () => {
    const found = fixtureFindings('sse-legacy/client-config/.cursor/mcp.json').map((f) => f.message);
    expect(found).toContainEqual("Client config entry \"labelled\" names the deprecated HTTP+SSE transport (\"sse\" transport) for http://localhost:8080/mcp, a Streamable HTTP endpoint's path: a 2026-07-28 server there serves Streamable HTTP only, so name that transport (`\"type\": \"http\"`)");
    expect(found).toContainEqual(expect.stringMatching(/^Client config entry "orders" connects to http:\/\/127\.0\.0\.1:8080\/sse over the deprecated HTTP\+SSE transport \(an \/sse endpoint\): an address on this machine/));
    // An SSE server elsewhere may serve its stream at any path: its entry is said to connect over SSE, as before.
    expect(fixtureFindings('sse-legacy/client-config/.vscode/mcp.json').map((f) => f.message)).toContainEqual('Client config entry "partner" connects to https://mcp.partner.example/events over the deprecated HTTP+SSE transport ("sse" transport)');
  });
});

describe('stateful-tool: one clause per thing said', () => {
  it('says once what two calls of a tool both do, naming both calls (trial 26A)', () => {
    const found = fixtureFindings('stateful-tool/tool-objects.ts').filter((f) => f.ruleId === 'stateful-tool');
    expect(found.find((f) => f.line === 11)?.message).toBe('Tool "add_tool" changes the tool list at run time (registerTool, sendToolListChanged)');
  });
});

describe('stateful-tool across the files of a package', () => {
  /** The stateful-tool findings of a fixture folder scanned as a run (each file's store modules and other tool files read). */
  async function folderFindings(rel: string) {
    const result = await scan({ paths: [path.resolve(__dirname, '../fixtures/scan', rel)], cache: false });
    return result.findings.filter((f) => f.ruleId === 'stateful-tool').map((f) => [f.file, f.tool, f.message, adviceFor(f)]);
  }

  it('names the tool of the other file that meets a tool in a store module, and the file (trial 26A)', async () => {
    const found = await folderFindings('stateful-tool/tool-per-file');
    expect(found.map(([file, tool]) => [file, tool])).toEqual([
      ['add-item.ts', 'add_item'],
      ['list-items.ts', 'list_items'],
    ]);
    expect(found[0][2]).toBe(
      'Tool "add_item" changes baskets, a Map kept in the memory of basket-store.ts (through addToBasket()), which tool "list_items" of list-items.ts reads (through basketItems()): it lasts as long as this process, so a call that reaches another instance finds another Map; keep it in a shared store (Redis, a database) under the handle tool "list_items" of list-items.ts already takes',
    );
  });

  it('says a tool takes a handle only where its caller passes one, not the session id of its context (trial 75A B3)', async () => {
    const found = await folderFindings('stateful-tool/cart-and-orders');
    const advice = (tool: string) => {
      const message = found.find(([, t]) => t === tool)?.[2] as string | undefined;
      return message?.slice(message.lastIndexOf('; ') + 2);
    };
    // Keyed by the session id (under `ctx`, `meta`, destructured from the context, the context first where the tool has no schema).
    // Also where the tool that reads it so is another file's (abandon_cart meets show_cart of tools.ts).
    for (const tool of ['put_in_cart', 'show_cart', 'count_cart', 'empty_cart', 'abandon_cart']) expect(advice(tool)).toBe('keep it in a shared store (Redis, a database), under a handle the tools take where callers must not share it');
    expect(found.find(([, t]) => t === 'abandon_cart')?.[2]).toMatch(/which tool "show_cart" of tools\.ts reads/);
    // Keyed by the order id the caller passes.
    expect(advice('show_order')).toBe('keep it in a shared store (Redis, a database) under the handle this tool already takes');
    expect(advice('add_order_line')).toBe('keep it in a shared store (Redis, a database) under the handle tool "show_order" already takes');
  });

  it('says browser pages kept in a store module cannot go to a shared store, in the finding and its advice', async () => {
    const found = await folderFindings('stateful-tool/browser-per-file');
    expect(found.map(([, tool]) => tool).sort()).toEqual(['click', 'open_tab']);
    for (const [, , message, advice] of found) {
      expect(message).toMatch(/ tabs \(browser pages\), a Map kept in the memory of tabs\.ts .*; a browser page cannot be kept in a shared store: finish the work within one call/);
      expect(advice).toMatch(/^A browser page cannot be kept in a shared store/);
    }
  });
});

describe('mcp-agent-state: a State that only caches a fetched token', () => {
  it("is a warning saying any instance can fetch it again; a token got with the caller's props stays an error (trial 37C B6)", () => {
    const found = fixtureFindings('session-state/mcp-agent-token-cache.ts').filter((f) => f.ruleId === 'mcp-agent-state');
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [11, 'warning'],
      [34, 'error'],
    ]);
    expect(found[0].message).toBe(
      "TidesMcp extends McpAgent, and its State (upstreamToken, upstreamTokenExpiresAt) only caches what it fetches (a token, its expiry): any instance can fetch it again, so serving it statelessly loses the cache, not the caller's state; keep it per isolate (a module-level variable) or in KV",
    );
  });
});

describe("mcp-agent-state: the caller's props kept in the module's memory", () => {
  it('is an error at each write, as an in-memory token store is, and the class is not told it keeps no state (trial 74B B5)', () => {
    const found = fixtureFindings('session-state/mcp-agent-props-in-module.ts').filter((f) => f.ruleId === 'mcp-agent-state');
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [21, 'error'],
      [32, 'error'],
      [48, 'info'],
    ]);
    expect(found[0].message).toBe(
      "GithubAgent's onConnect() keeps what its props hold (the caller's auth: tokens.set(this.props.userId, this.props.accessToken)) in tokens, a module-level Map: that is the memory of one isolate, shared by every session it serves and missing on every other isolate or instance, so a tool that reads it there runs with another caller's token or none; read this.props in the tool that needs it (from each request's auth once served statelessly)",
    );
    expect(found[1].message).toMatch(/^GithubAgent's init\(\) keeps what its props hold \(the caller's auth: currentToken = accessToken\) in currentToken, a module-level variable: /);
  });

  it('is no error for a store keyed by the agent itself, and names a WeakMap as such (review 94 point 7)', () => {
    const found = fixtureFindings('session-state/mcp-agent-props-by-agent.ts').filter((f) => f.ruleId === 'mcp-agent-state');
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [15, 'info'],
      [35, 'error'],
    ]);
    expect(found[1].message).toMatch(/^PullsAgent's init\(\) keeps what its props hold \(the caller's auth: lastAuthByEnv\.set\(this\.env, this\.props\.accessToken\)\) in lastAuthByEnv, a module-level WeakMap: /);
  });
});

describe('stateful-tool: the session id handed to a helper of another module', () => {
  // Destructured from the context (`async ({ sessionId }) =>`, `const { sessionId } = extra`) it
  // was not read at all (trial 37A B6); handed to a helper that looks the caller's API key up by
  // it, it got the handle advice, which would make a handle a bearer credential (B5); handed in an
  // options object, it was said to be recorded (B7).
  it("tells a lookup of the caller's credential from state, however the id is read and handed on", async () => {
    const result = await scan({ paths: [path.resolve(__dirname, '../fixtures/scan/stateful-tool/helper-keyed-by-session')], cache: false });
    const found = result.findings.filter((f) => f.ruleId === 'stateful-tool');
    expect(found.map((f) => [f.tool, f.reasons])).toEqual([
      ['list_invoices', ['session-identity']],
      ['latest_invoice', ['session-identity']],
      ['export_invoices', ['session-identity']],
      ['add_to_cart', ['session-id', 'kept-by-id']],
    ]);
    expect(found[0].message).toMatch(/^Tool "list_invoices" looks the caller up by the MCP session id \(listInvoices\(\{ sessionId \}\), read for `apiKey`\): .*read who the caller is from each request instead \(extra\.authInfo/);
    expect(found[0].message).not.toMatch(/records the MCP session id/);
    expect(found[2].message).toMatch(/\(exportInvoices\(\{ sessionId: extra\.sessionId \}\), read for `apiKey`\)/);
    expect(found[3].message).toMatch(/depends on the MCP session id \(sessionId\).*key it by a handle the tool returns instead/);
  });
});

describe('stateful-tool: a tool object of another module registered through a function of the file', () => {
  it('says what that function does around the call too: its guard on the session id, which fails every 2026-07-28 call (trial 43A B3)', async () => {
    const result = await scan({ paths: [path.resolve(__dirname, '../fixtures/scan/stateful-tool/session-id-handed-to-tool-objects')], cache: false });
    const found = result.findings.filter((f) => f.ruleId === 'stateful-tool');
    expect(found.map((f) => [f.file, f.tool, f.reasons])).toEqual([
      ['server.ts', 'new_game', ['session-id', 'server-state']],
      ['server.ts', 'play', ['session-id', 'server-state']],
    ]);
    for (const f of found) {
      expect(f.message).toMatch(/^Tool "(new_game|play)" \(its handler written in (new-game|play)\.ts\) refuses to run without an MCP session id \(extra\.sessionId\): .*every call from a 2026-07-28 client fails/);
      expect(f.message).toMatch(/GameStore\.games, a Map kept in the memory of game-store\.ts/);
    }
  });
});

describe("stateful-tool: a caller's credential one tool keeps for the others", () => {
  it('says so, and advises the request\'s own Authorization, where a tool sets a token on a shared client or keeps an API key; a chosen project keeps the handle advice', () => {
    const found = fixtureFindings('stateful-tool/credential-kept-by-tool.ts').filter((f) => f.ruleId === 'stateful-tool');
    const of = (tool: string) => found.find((f) => f.tool === tool)!;
    for (const tool of ['login', 'list_meters', 'set_api_key', 'tariffs']) {
      expect(of(tool).message).toMatch(/a caller's credential.*: every later call on this instance runs with it, whoever makes it, and a call that reaches another instance runs without it; take the credential with each request instead/);
      expect(of(tool).message).not.toMatch(/\bhandle\b/);
      expect(adviceFor(of(tool))).toMatch(/^Take credentials with each request \(its Authorization header: extra\.authInfo/);
    }
    expect(of('list_meters').message).toContain('(api.setToken(token))');
    expect(of('tariffs').message).toContain('(apiKey = key)');
    // A game's secret number, and the server's own login from its environment: no caller's credential.
    for (const tool of ['use_project', 'report', 'new_game', 'guess', 'connect', 'status']) {
      expect(of(tool).message).not.toContain('credential');
      expect(adviceFor(of(tool))).toBe('Give the tool an explicit handle argument and keep its state in a shared store.');
    }
  });
});

describe('stateful-tool: a module-level list', () => {
  it('says a tool that empties it by its length empties it, and one that reads it reads it (trial 28C)', () => {
    const found = fixtureFindings('stateful-tool/module-setting.ts').filter((f) => f.ruleId === 'stateful-tool');
    const of = (tool: string) => found.find((f) => f.tool === tool)!.message.split(':')[0];
    expect(of('clear_tasks')).toBe('Tool "clear_tasks" empties queue, a module-level list another tool adds to');
    expect(of('next_task')).toBe('Tool "next_task" reads queue, a module-level list another tool adds to');
    expect(of('plan')).toBe('Tool "plan" adds to queue, a module-level list another tool reads');
  });
});

describe('stateful-tool: entries an HTTP route stores and a tool looks up', () => {
  it('names the route, says the two may reach different instances, and advises a shared store under the id the tool already takes (trial 28A)', () => {
    const found = fixtureFindings('stateful-tool/entries-stored-by-route.ts').filter((f) => f.ruleId === 'stateful-tool' && / looks up entries of /.test(f.message));
    expect(found.map((f) => [f.tool, f.severity])).toEqual([
      ['attach_file', 'error'],
      ['webhook_payload', 'error'],
    ]);
    expect(found[0].message).toBe(
      "Tool \"attach_file\" looks up entries of uploads by an id from its arguments, which the PUT /uploads/:id route stores (uploads.set(…)): uploads is in this process's memory, so the request that stored an entry and the call that names it may reach different instances; keep the entries in a shared store (Redis, object storage) under that id",
    );
    expect(found[1].message).toContain('which the POST /hooks/:id route stores (webhooks[req.params.id] = req.body)');
    for (const f of found) expect(adviceFor(f)).toMatch(/^Keep those entries in a shared store every instance reaches .*under the handle the tools already pass/);
  });
});

describe('oauth-iss: one fixed upstream authorization server', () => {
  it('is info where every code of the file is redeemed at one token endpoint it names as a constant; a warning at two fixed servers or one from metadata (trial 28A)', () => {
    const found = fixtureFindings('oauth-iss/fixed-upstream.ts').filter((f) => f.ruleId === 'oauth-iss');
    expect(found.map((f) => [f.line, f.severity])).toEqual([[17, 'info']]);
    expect(found[0].message).toContain('at one fixed token endpoint (UPSTREAM_TOKEN_URL) without validating the callback iss: with a single authorization server a mix-up has no other server');
    const others = fixtureFindings('oauth-iss/other-upstreams.ts').filter((f) => f.ruleId === 'oauth-iss');
    const unfixed = fixtureFindings('oauth-iss/endpoint-not-fixed.ts').filter((f) => f.ruleId === 'oauth-iss');
    expect(others.map((f) => [f.line, f.severity])).toEqual([
      [10, 'warning'],
      [15, 'warning'],
    ]);
    expect(unfixed.map((f) => [f.line, f.severity])).toEqual([
      [11, 'warning'],
      [16, 'warning'],
    ]);
    for (const f of [...others, ...unfixed]) expect(f.message).toBe('Redeems an authorization code (grant_type=authorization_code) without validating the callback iss');
  });
});

describe("stateful-tool: an McpAgent's onStateUpdate hook", () => {
  it('reports tools it enables or disables through a method of the class, in loops and forEach callbacks over the handles, at the hook (trial 28B)', () => {
    const found = fixtureFindings('stateful-tool/agent-state-hook.ts').filter((f) => f.ruleId === 'stateful-tool');
    const hook = found.find((f) => f.line === 31)!;
    expect(hook.message).toBe(
      "The McpAgent's onStateUpdate hook changes the tool list whenever the agent's state changes (tool.disable()): the list then varies per session and with what earlier requests did, and 2026-07-28 lists must be the same for every request; keep every tool listed and have a tool refuse when the caller may not use it yet",
    );
    expect(hook.reasons).toEqual(['dynamic-list']);
    expect(adviceFor(hook)).toMatch(/^Keep the tool, prompt and resource lists the same for every request/);
  });
});

describe('stateful-tool: one low-level tools/call handler keeping its tools\' state in a field', () => {
  it('says the tools it dispatches meet in a field of the object it runs on, which a server built per request would not keep; a counter is none (trial 29C)', () => {
    const found = fixtureFindings('stateful-tool/low-level-class-fields.ts').filter((f) => f.ruleId === 'stateful-tool');
    expect(found.map((f) => [f.line, f.tool])).toEqual([[16, 'start_task']]);
    expect(found[0].message).toBe(
      'Tool "start_task" changes and reads TaskServer.tasks, a Map in a field of the object it runs on, for the tools it dispatches: it lasts as long as that object (this process, or a session whose server made it), so a call that reaches another instance, or a server built for another request, finds another Map; keep it in a shared store (Redis, a database), under a handle the tools take where callers must not share it',
    );
  });
});

describe('removed-feature: a removed method posted over HTTP', () => {
  it('is a warning for a client where code posts it to a server with fetch, also in a file that serves tools (trial 29A)', () => {
    const found = fixtureFindings('removed-feature/ping-posted-by-client.ts').filter((f) => f.ruleId === 'removed-feature');
    expect(found.map((f) => [f.line, f.severity])).toEqual([[14, 'warning']]);
    expect(found[0].message).toBe('ping was removed; a client sends it: only 2025 servers know it (2026-07-28 servers answer -32601 or drop it), so send it on 2025 connections only');
  });
});

describe('stateful-tool: running processes in a field of a class of another module', () => {
  it('says so and gives the process advice, as for a module-level map of them (trial 29C)', async () => {
    const { scan } = await import('../src/index.js');
    const result = await scan({ paths: [path.resolve(__dirname, '../fixtures/scan/stateful-tool/process-store-class')], cache: false });
    const found = result.findings.filter((f) => f.ruleId === 'stateful-tool');
    expect(found.map((f) => f.tool)).toEqual(['open_shell', 'send']);
    for (const f of found) {
      expect(f.message).toContain('ShellPool.running (running processes)');
      expect(f.reasons).toEqual(['server-state', 'process-state']);
      expect(adviceFor(f)).toMatch(/^A running process cannot be kept in a shared store/);
    }
  });
});

describe('stateful-tool: state of the process where its file serves stdio alone', () => {
  it('names the running processes (not the record of those that ended), gives the advice for processes, and is info (trial 32C)', () => {
    const found = fixtureFindings('stateful-tool/stdio-process-fields.ts').filter((f) => f.ruleId === 'stateful-tool');
    expect(found.map((f) => f.severity)).toEqual(['info']);
    expect(found[0].message).toContain('changes and reads Shells.running (running processes)');
    expect(found[0].message).toContain('a running process cannot be kept in a shared store');
    expect(found[0].message).toContain('this file serves stdio only: one process serves one client');
    expect(found[0].message).not.toContain('Redis');
  });

  /** A stdio server of two tools sharing a browser page the process keeps, ending with `tail`. */
  const pagesServer = (tail: string) =>
    [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';",
      "import { chromium, type Page } from 'playwright';",
      "import { z } from 'zod';",
      'let page: Page | null = null;',
      "const server = new McpServer({ name: 'pages', version: '1.0.0' });",
      "server.registerTool('open', { inputSchema: { url: z.string() } }, async ({ url }) => {",
      '  if (!page) page = await (await chromium.launch()).newPage();',
      '  await page.goto(url);',
      "  return { content: [{ type: 'text', text: 'opened' }] };",
      '});',
      "server.registerTool('title', { inputSchema: {} }, async () => {",
      "  if (!page) throw new Error('call open first');",
      "  return { content: [{ type: 'text', text: await page.title() }] };",
      '});',
      tail,
      '',
    ].join('\n');

  it('is info for a browser page the process keeps too (trial 44A B5)', () => {
    const text = pagesServer('await server.connect(new StdioServerTransport());');
    const found = scanner.scanText('pages.ts', text, classifyFile('pages.ts')!).findings.filter((f) => f.ruleId === 'stateful-tool');
    expect(found.map((f) => [f.tool, f.severity])).toEqual([
      ['open', 'info'],
      ['title', 'info'],
    ]);
    for (const f of found) expect(f.message).toContain('this file serves stdio only');
  });

  it('is info where the file exports only a runner that connects stdio itself (an index.ts calls runServer()), an error where it exports its server', () => {
    const text = pagesServer;
    const runner = scanner.scanText('server.ts', text('export async function runServer() {\n  await server.connect(new StdioServerTransport());\n}'), classifyFile('server.ts')!).findings.filter((f) => f.ruleId === 'stateful-tool');
    expect(runner.map((f) => [f.tool, f.severity])).toEqual([
      ['open', 'info'],
      ['title', 'info'],
    ]);
    const handedOut = scanner.scanText('server.ts', text('export function getServer() {\n  return server;\n}\nawait server.connect(new StdioServerTransport());'), classifyFile('server.ts')!).findings.filter((f) => f.ruleId === 'stateful-tool');
    expect(handedOut.map((f) => f.severity)).toEqual(['error', 'error']);
    // Named by an export list or as the default: the same runner (review 86).
    for (const tail of ['export { runServer };', 'export default runServer;']) {
      const listed = scanner.scanText('server.ts', text(`async function runServer() {\n  await server.connect(new StdioServerTransport());\n}\n${tail}`), classifyFile('server.ts')!).findings.filter((f) => f.ruleId === 'stateful-tool');
      expect(listed.map((f) => f.severity), tail).toEqual(['info', 'info']);
    }
    // One that takes the transport another module hands it (http.ts: runServer(httpTransport)), or hands the server back, is no entry (review 86).
    for (const runner of ['export async function runServer(transport = new StdioServerTransport()) {\n  await server.connect(transport);\n}', 'export async function runServer() {\n  await server.connect(new StdioServerTransport());\n  return server;\n}']) {
      const driven = scanner.scanText('server.ts', text(runner), classifyFile('server.ts')!).findings.filter((f) => f.ruleId === 'stateful-tool');
      expect(driven.map((f) => f.severity), runner).toEqual(['error', 'error']);
    }
  });

  it('stays an error where the same file also serves HTTP', () => {
    const text = fs.readFileSync(path.resolve(__dirname, '../fixtures/scan/stateful-tool/stdio-process-fields.ts'), 'utf8').replace("import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';", "import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';\nimport { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';\nexport const http = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });");
    const found = scanner.scanText('shells.ts', text, classifyFile('shells.ts')!).findings.filter((f) => f.ruleId === 'stateful-tool');
    expect(found.map((f) => f.severity)).toEqual(['error']);
    expect(found[0].message).not.toContain('serves stdio only');
  });
});

describe('session-map on a map nothing fills', () => {
  it('is information with advice to delete it, where every use reads, iterates or empties it; a map a route fills stays an error', () => {
    const found = fixtureFindings('session-map/never-filled.ts').filter((f) => f.ruleId === 'session-map');
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [12, 'info'],
      [14, 'error'],
    ]);
    expect(found[0].message).toMatch(/^transports would hold transports .*nothing in this file fills it, so it stays empty$/);
    expect(adviceFor(found[0])).toMatch(/^Delete it and the code that still reads or empties it/);
    expect(adviceFor(found[1])).toMatch(/^Create a transport \(and server\) per request/);
  });

  it("is information for a class's private map only read, counted and emptied; one the class fills, or a public one, stays an error (trial 55C)", () => {
    const found = fixtureFindings('session-map/never-filled-field.ts').filter((f) => f.ruleId === 'session-map');
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [17, 'info'],
      [19, 'error'],
      [21, 'error'],
      [49, 'error'],
      [63, 'error'],
      [79, 'info'],
    ]);
    expect(found[0].message).toMatch(/^sessions would hold .*nothing in this file fills it, so it stays empty$/);
  });
});

describe('sdk-copy suppressed by a comment', () => {
  it('is silenced by mcp-migrate-ignore on its line and counted as suppressed; the copy stays out of the findings', async () => {
    const from = path.resolve(__dirname, '../fixtures/scan/protocol-pin/project-sdk-copy');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mm-sdk-copy-'));
    try {
      fs.cpSync(from, dir, { recursive: true });
      const types = path.join(dir, 'src/vendor/mcp/types.ts');
      fs.writeFileSync(types, fs.readFileSync(types, 'utf8').replace('// ruleid: sdk-copy\n', '// mcp-migrate-ignore sdk-copy -- vendored on purpose\n'));
      const result = await scan({ paths: [dir], cache: false });
      expect(result.findings.map((f) => `${f.ruleId}@${f.file}`)).toEqual(['session-header@src/route.ts']);
      expect(result.summary.suppressed).toBe(1);
      expect(result.unusedSuppressions).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('stateful-tool messages', () => {
  it("calls state kept in another module's object 'an object' (trial 39A: 'a object')", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mm-article-'));
    try {
      fs.writeFileSync(path.join(dir, 'store.ts'), 'export const store = { state: { moves: [] as string[] }, play(m: string) { this.state.moves.push(m); }, moves() { return this.state.moves; } };\n');
      fs.writeFileSync(
        path.join(dir, 'server.ts'),
        [
          "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
          "import { z } from 'zod';",
          "import { store } from './store.js';",
          'export function buildServer() {',
          "  const server = new McpServer({ name: 'game', version: '1.0.0' });",
          "  server.registerTool('play', { inputSchema: { move: z.string() } }, async ({ move }) => { store.play(move); return { content: [] }; });",
          "  server.registerTool('moves', { inputSchema: {} }, async () => ({ content: [{ type: 'text', text: store.moves().join(',') }] }));",
          '  return server;',
          '}',
          '',
        ].join('\n'),
      );
      const found = (await scan({ paths: [dir], cache: false })).findings.filter((f) => f.ruleId === 'stateful-tool');
      expect(found.map((f) => f.message.split(':')[0])).toEqual([
        'Tool "play" changes store.state, an object kept in the memory of store.ts (through store.play()), which tool "moves" reads (through store.moves())',
        'Tool "moves" reads store.state, an object kept in the memory of store.ts (through store.moves()), which tool "play" changes (through store.play())',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('session-state on a stateless transport', () => {
  it("says state under `extra?.sessionId || 'default'` is every caller's today where every transport of the file is stateless (trial 40A), and not where one has a generator", () => {
    const [found] = fixtureFindings('session-state/shared-fallback-key.ts').filter((f) => f.ruleId === 'session-state');
    expect(found.message).toBe(
      "orders holds per-session application state keyed by the MCP session id; every transport here is stateless (sessionIdGenerator: undefined), so no request has a session id, and extra?.sessionId || 'default' gives every caller the same key: all callers share one entry today, even on one instance",
    );
    const text = fs.readFileSync(path.resolve(__dirname, '../fixtures/scan/session-state/shared-fallback-key.ts'), 'utf8');
    const stateful = text.replace('new StreamableHTTPServerTransport({ sessionIdGenerator: undefined })', 'new StreamableHTTPServerTransport({ sessionIdGenerator: () => crypto.randomUUID() })');
    expect(stateful).not.toBe(text);
    const [kept] = scanner.scanText('server.ts', stateful, classifyFile('server.ts')!).findings.filter((f) => f.ruleId === 'session-state');
    expect(kept.message).toBe('orders holds per-session application state keyed by the MCP session id; it is lost or shared wrongly when calls reach other instances');
    // Nor beside a legacy SSE transport, which gives its clients a session id (review of the mend).
    const withSse = `${text}\nimport { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';\nexport const legacy = (res: never) => new SSEServerTransport('/messages', res);\n`;
    const [sse] = scanner.scanText('server.ts', withSse, classifyFile('server.ts')!).findings.filter((f) => f.ruleId === 'session-state');
    expect(sse.message).toBe(kept.message);
    // The session id destructured from the handler's context falls back the same way (trial 77A B2).
    const destructured = text.replace("async ({ item }, extra) => {\n    const sessionId = extra?.sessionId || 'default';", "async ({ item }, { sessionId: sid }) => {\n    const sessionId = sid ?? 'default';");
    expect(destructured).not.toBe(text);
    const [named] = scanner.scanText('server.ts', destructured, classifyFile('server.ts')!).findings.filter((f) => f.ruleId === 'session-state');
    expect(named.message).toContain("so no request has a session id, and sid ?? 'default' gives every caller the same key: all callers share one entry today");
  });
});

describe('stateful-tool on entries an HTTP route stores', () => {
  it('tells a tool that reads every entry a route stores that an open response kept by the route is a connection no shared store holds, and other entries a shared store can keep (trial 40B)', () => {
    const found = fixtureFindings('stateful-tool/entries-stored-by-route.ts').filter((f) => f.ruleId === 'stateful-tool' && / reads every entry of /.test(f.message));
    expect(found.map((f) => [f.message.split(' reads')[0], f.message.split('; ').slice(1).join('; ')])).toEqual([
      ['Tool "capture"', "each entry is a connection open to this instance, which no shared store can hold: relay the call to the instance that holds it (through Redis pub/sub, for one), and the answer back to the call's"],
      ['Tool "job_count"', 'keep the entries in a shared store (Redis, a database) both reach'],
      ['Tool "viewer_count"', "each entry is a connection open to this instance, which no shared store can hold: relay the call to the instance that holds it (through Redis pub/sub, for one), and the answer back to the call's"],
      ['Tool "top"', 'keep the entries in a shared store (Redis, a database) both reach'],
      ['Resource "jobs"', 'keep the entries in a shared store (Redis, a database) both reach'],
    ]);
    const relay = 'Relay the call to the instance that holds the connection (through Redis pub/sub, for one), and its answer back.';
    const share = 'Keep those entries in a shared store every instance reaches (Redis, a database), for the route to write and the tools to read.';
    expect(found.map((f) => adviceFor(f)).slice(0, 4)).toEqual([relay, share, relay, share]);
  });
});

describe('stateful-tool on entries under keys the callers name', () => {
  it('says the store, not the key, is what must change (trial 40C)', () => {
    const found = fixtureFindings('stateful-tool/caller-named-entries.ts').filter((f) => f.ruleId === 'stateful-tool');
    expect(found.map((f) => f.tool)).toEqual(['create-note', 'update-note', 'put_doc', 'get_doc', 'write_entry', 'read_entry', 'capture', 'show_capture', 'snap_window', 'show_window']);
    expect(found[0].message).toBe(
      "Tool \"create-note\" keeps entries in resources under a key its caller names, which another call looks up by that key: resources is in this process's memory, so the call that names the key again may reach another instance, which has no such entry; keep the entries in a shared store (Redis, a database) under that key",
    );
    expect(found[1].message).toMatch(/^Tool "update-note" looks up entries of resources by a key from its arguments, under which another call stores them: /);
    for (const f of found) expect(adviceFor(f)).toBe('Keep those entries in a shared store every instance reaches (Redis, a database), under the key the callers already name.');
  });
});

describe('stateful-tool on entries under the caller\'s identity', () => {
  it('names the principal or header the store is keyed by, and says only the store must change (trial 72B B1)', () => {
    const found = fixtureFindings('stateful-tool/identity-keyed-entries.ts').filter((f) => f.ruleId === 'stateful-tool');
    expect(found.map((f) => f.tool)).toEqual(['add_note', 'list_notes', 'set_units', 'weather', 'put', 'get', 'save_draft', 'load_draft', 'save_memo', 'load_memo']);
    expect(found[0].message).toBe(
      "Tool \"add_note\" keeps entries in notes under the caller's identity (extra.authInfo?.clientId), which another call looks up by it: notes is in this process's memory, so the same caller's next call may reach another instance, which has no such entry (a sticky load balancer only hid this); keep the entries in a shared store (Redis, a database) under the caller's identity",
    );
    expect(found[1].message).toMatch(/^Tool "list_notes" looks up entries of notes by the caller's identity \(extra\.authInfo\?\.clientId\), under which another call stores them: /);
    expect(found[2].message).toContain("under the caller's identity (authInfo!.clientId)");
    expect(found[4].message).toContain("under the caller's identity (extra.requestInfo?.headers['x-client-id'])");
    // Through a helper of the file handed the context (trial 74B B3).
    expect(found[6].message).toContain("under the caller's identity (keyFor(extra))");
    // A helper that computes it in a local, and an object's method (review 93 point 10).
    expect(found[8].message).toContain("under the caller's identity (principalOf(extra))");
    expect(found[9].message).toContain("by the caller's identity (who.of(extra))");
    for (const f of found) expect(adviceFor(f)).toBe("Keep those entries in a shared store every instance reaches (Redis, a database), under the caller's identity, which every request carries.");
  });
});

describe('stateful-tool on state kept under the server a tool is registered on', () => {
  it('says which tool keeps it and which only reads it, and that it lasts as long as that server (trial 74B B10, review 93 point 11)', () => {
    const found = fixtureFindings('stateful-tool/state-keyed-by-server.ts').filter((f) => f.ruleId === 'stateful-tool');
    expect(found.map((f) => f.tool)).toEqual(['say', 'transcript']);
    expect(found[0].message).toMatch(/^Tool "say" keeps state in turnsByServer under the server it is registered on \(stateOf\(s\)\), made with buildServer\(\): it lasts as long as that server instance/);
    expect(found[1].message).toMatch(/^Tool "transcript" reads state another tool keeps in turnsByServer under the server it is registered on/);
  });

  it('names the function handed the server, each case of a low-level tools/call handler, and a member by the server it is on (trial 74B B10, second review)', () => {
    const found = fixtureFindings('stateful-tool/state-keyed-by-server-shapes.ts').filter((f) => f.ruleId === 'stateful-tool');
    const message = (tool: string) => found.find((f) => f.tool === tool)?.message ?? '';
    expect(message('chat_say')).toMatch(/^Tool "chat_say" keeps state in chatByServer under the server it is registered on \(chatByServer\.get\(s\)\), made for each server handed to registerChat\(\): it lasts as long as that server instance/);
    expect(message('draft_add')).toMatch(/^Tool "draft_add" keeps state in draftByServer under the server it is registered on \(draftByServer\.get\(s\)\), made with draftSession\(\)/);
    // One tool that reads back what its earlier calls left keeps it (review 93 point 2's metrics, only written, do not).
    expect(message('visit')).toMatch(/^Tool "visit" keeps state in visitsByServer under the server it is registered on \(visitsByServer\.set\(s, n\)\)/);
    expect(message('turn_list')).toMatch(/^Tool "turn_list" reads state another tool keeps in s\.turns under the server it is registered on \(\(s as any\)\.turns\)/);
    for (const f of found) expect(f.message).not.toMatch(/a module-level \w+ another tool (reads|changes)/);
    const cases = fixtureFindings('stateful-tool/state-keyed-by-low-level-server.ts').filter((f) => f.ruleId === 'stateful-tool');
    expect(cases.map((f) => [f.tool, /^Tool "\w+" (keeps|reads)/.exec(f.message)?.[1]])).toEqual([
      ['add_item', 'keeps'],
      ['show_cart', 'reads'],
    ]);
  });
});

describe('stateful-tool on sockets an object of the tools class holds (trial 47A)', () => {
  it('reports both tools and gives advice for sockets, not a shared store', () => {
    const text = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { Socket } from 'node:net';",
      "import { z } from 'zod';",
      'class Pool {',
      '  private conns = new Map<string, Socket>();',
      '  open(host: string) { const id = `c${this.conns.size}`; this.conns.set(id, new Socket().connect(23, host)); return id; }',
      '  write(id: string, text: string) { return this.conns.get(id)?.write(text) ?? false; }',
      '}',
      'export class Tel {',
      '  private pool = new Pool();',
      "  readonly server = new McpServer({ name: 'tel', version: '1' });",
      '  constructor() {',
      "    this.server.registerTool('open_conn', { inputSchema: { host: z.string() } }, async ({ host }) => ({ content: [{ type: 'text', text: this.pool.open(host) }] }));",
      "    this.server.registerTool('send_line', { inputSchema: { id: z.string(), text: z.string() } }, async ({ id, text }) => ({ content: [{ type: 'text', text: String(this.pool.write(id, text)) }] }));",
      '  }',
      '}',
    ].join('\n');
    const found = scanner.scanText('tel.ts', text, classifyFile('tel.ts')!).findings.filter((f) => f.ruleId === 'stateful-tool');
    expect(found.map((f) => f.tool)).toEqual(['open_conn', 'send_line']);
    expect(found[0].message).toMatch(/^Tool "open_conn" changes Pool\.conns \(open sockets\), .* \(through this\.pool\.open\(\)\), which tool "send_line" reads/);
    for (const f of found) {
      expect(f.reasons).toContain('connection-state');
      expect(adviceFor(f)).toMatch(/^An open socket cannot be kept in a shared store: finish the exchange within one call/);
    }
  });
});

describe('stateful-tool on a push through a transport held in a local (trial 47A)', () => {
  it('is a push, not per-session state a handle could name', () => {
    const found = fixtureFindings('stateful-tool/push-through-held-transport.ts').filter((f) => f.ruleId === 'stateful-tool');
    const push = found.find((f) => f.message.includes('held?.send'))!;
    expect(push.reasons).toEqual(['server-push']);
    expect(push.message).toMatch(/^Tool "watch" pushes a notification to other sessions through the transports kept in transports \(held\?\.send\)/);
    expect(push.state).toBeUndefined();
    // Through a fallback too (read-through 62: it read as per-session state).
    const fallback = found.find((f) => f.tool === 'watch_now')!;
    expect(fallback.reasons).toEqual(['server-push']);
    expect(fallback.message).toMatch(/^Tool "watch_now" pushes a notification to other sessions through the transports kept in transports \(kept\?\.send\)/);
  });
});

describe('stream-push on a GET event stream kept by hand (trial 59B B1)', () => {
  it('is an error at the write that names the method pushed, the route, and where a 2026-07-28 server puts it', () => {
    const found = fixtureFindings('stream-push/get-stream-express.ts').filter((f) => f.ruleId === 'stream-push').sort((a, b) => a.line - b.line);
    expect(found.map((f) => f.severity)).toEqual(['error', 'error', 'error', 'error']);
    expect(found[0].message).toMatch(/^writes notifications\/tools\/list_changed to the event stream the GET \/mcp route keeps open by hand, from the listener catalog\.on\('reloaded'\): 2026-07-28 removed the standalone GET stream/);
    expect(found[0].message).toMatch(/answer GET with 405, and push only list_changed and resource updates, on a subscriptions\/listen stream the client opened$/);
    // What the admin route emits to the listener is the message written.
    expect(found[1].message).toMatch(/^writes notifications\/resources\/list_changed to the event stream the GET \/mcp route keeps open by hand, from the listener catalog\.on\('changed'\)/);
    expect(found[2].message).toMatch(/^writes notifications\/message .* from a timer: .*, and notifications\/message is neither: make it the result of a tool the client calls$/);
    const nest = fixtureFindings('stream-push/nest-gateway.controller.ts').filter((f) => f.ruleId === 'stream-push');
    expect(nest.map((f) => f.message.split(':')[0])).toEqual(["writes notifications/tools/list_changed to the event stream the @Get('gateway') handler describe() keeps open by hand, from the listener fromEvent(…).pipe(…).subscribe(...)"]);
  });
});

describe('shared-server on a transport each request assigns anew', () => {
  // Held outside the request, it is overwritten by a concurrent request while one awaits (review 77):
  // its own message, for a person (no codemod), not "built once".
  it('says concurrent requests overwrite it, and leaves it to a person', () => {
    const found = fixtureFindings('shared-server/transport-reassigned-per-request.ts').filter((f) => f.ruleId === 'shared-server');
    expect(found.map((f) => [f.line, f.severity, f.fix, f.message.split(':')[0]])).toEqual([
      [17, 'error', undefined, 'current gets a new transport on each request, but is held outside the request'],
      [29, 'error', 'stateless-transport', 'lazy is one stateless transport built once, and every request goes through it (lazy.handleRequest in a handler)'],
    ]);
  });
});

describe('stateful-tool: one explanation for several places the session id keys', () => {
  it('names each place once in one explanation, not the explanation again per place (trial 65B rough edge)', () => {
    const text = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { createClient } from 'redis';",
      "import { z } from 'zod';",
      'const redis = createClient();',
      "export const server = new McpServer({ name: 'cart', version: '1.0.0' });",
      "server.tool('add', { item: z.string() }, async ({ item }, extra) => {",
      '  await redis.rPush(`cart:${extra.sessionId}`, item);',
      '  const size = await redis.lLen(`cart:${extra.sessionId}`);',
      '  const all = await redis.lRange(`cart:${extra.sessionId}`, 0, size);',
      "  return { content: [{ type: 'text', text: all.join(',') }] };",
      '});',
      '',
    ].join('\n');
    const found = scanner.scanText('cart.ts', text, classifyFile('cart.ts')!).findings.filter((f) => f.ruleId === 'stateful-tool');
    expect(found).toHaveLength(1);
    expect(found[0].message.match(/depends on the MCP session id/g)).toHaveLength(1);
    expect(found[0].message).toContain("(here `redis.rPush(`cart:${extra.sessionId}`, item)`, `redis.lLen(`cart:${extra.sessionId}`)` and `redis.lRange(`cart:${extra.sessionId}`, 0, size)`: a store's entry, a file)");
  });
});

describe('endpoint-methods', () => {
  it('is info at a v2 POST route whose GET and DELETE the framework answers 404, naming what is missing (trial 63C B2)', () => {
    const found = fixtureFindings('removed-feature/v2-post-only-endpoint.ts').filter((f) => f.ruleId === 'endpoint-methods');
    expect(found.map((f) => [f.line, f.severity, f.message.split(':')[0]])).toEqual([
      [16, 'info', 'POST /mcp serves createMcpHandler, but GET and DELETE /mcp are routed nowhere'],
      [21, 'info', 'POST /v2/mcp serves createMcpHandler, but DELETE /v2/mcp is routed nowhere'],
      [52, 'info', 'POST /guarded/mcp serves createMcpHandler, but GET and DELETE /guarded/mcp are routed nowhere'],
    ]);
  });
});

describe('stateful-tool: handles that travel in a header (x-mcp-header)', () => {
  // Trial 70B B1: marking the handle argument, as the finding advised, left the same error word for word.
  it('says what the header leaves to the load balancer, as a warning, where every tool that looks the handle up marks it', () => {
    const found = fixtureFindings('stateful-tool/handle-routed-by-header.ts').filter((f) => f.ruleId === 'stateful-tool');
    expect(found.map((f) => [f.tool, f.severity])).toEqual([['open_terminal', 'warning'], ['run', 'warning']]);
    for (const f of found) {
      expect(f.message).toContain('its handle argument is marked x-mcp-header (Terminal-Id), so calls carry it as Mcp-Param-Terminal-Id');
      expect(f.message).toContain('which instance answered "open_terminal"');
      expect(f.message).not.toContain('mark the handle argument x-mcp-header');
    }
  });

  it("counts a marking only on the tool's own input schema, on a primitive of its properties, named by a token; zod's meta too (review 88 points 3, 4, 8, 10)", () => {
    const found = fixtureFindings('stateful-tool/handle-routed-by-header-shapes.ts').filter((f) => f.ruleId === 'stateful-tool');
    expect(found.map((f) => [f.tool, f.severity, /is marked x-mcp-header/.test(f.message)])).toEqual([
      ['open_shell', 'error', false],
      ['run_in_shell', 'warning', true],
      ['kill_shell', 'error', false],
      ['open_pager', 'warning', true],
      ['page', 'warning', true],
      ['start_tail', 'error', false],
      ['tail_more', 'error', false],
      ['tail_stop', 'error', false],
      ['watch', 'error', false],
      ['stop_watch', 'error', false],
    ]);
    expect(found.find((f) => f.tool === 'page')!.message).toContain('Mcp-Param-Pager-Id');
  });

  it('asks for a suppression only where every reason of the finding is routed (review 88 point 9)', () => {
    const found = fixtureFindings('stateful-tool/handle-routed-by-header-mixed.ts').filter((f) => f.ruleId === 'stateful-tool');
    expect(found.map((f) => [f.tool, f.severity, /is marked x-mcp-header/.test(f.message), /suppress this finding/.test(f.message)])).toEqual([
      ['open_terminal', 'warning', true, true],
      ['run', 'error', true, false],
    ]);
  });

  it('keeps the error, and the advice to mark it, where a tool that looks the handle up does not mark it', () => {
    const found = fixtureFindings('stateful-tool/handle-routed-by-header-partly.ts').filter((f) => f.ruleId === 'stateful-tool');
    expect(found.map((f) => [f.tool, f.severity, /is marked x-mcp-header/.test(f.message), /mark the handle argument x-mcp-header/.test(f.message)])).toEqual([
      ['open_terminal', 'error', false, true],
      ['run', 'warning', true, false],
      ['kill', 'error', false, true],
    ]);
  });
});

describe('session-id-generator: an option that names a const of the file', () => {
  // Trial 71B B4: the shorthand of a generator const was only a warning, so --fail-on error let it through.
  it('is an error where the const holds a generator, as written out; a caller\'s option passed through stays a warning', () => {
    const found = fixtureFindings('initialize-gate/session-id-generator.ts').filter((f) => f.ruleId === 'session-id-generator');
    const text = fs.readFileSync(path.resolve(__dirname, '../fixtures/scan/initialize-gate/session-id-generator.ts'), 'utf8').split('\n');
    const at = (needle: string) => found.find((f) => text[f.line - 1].includes(needle))?.severity;
    expect([at('sessionIdGenerator: mint'), at('{ sessionIdGenerator, enableJsonResponse: false }'), at('sessionIdGenerator: options.sessionIdGenerator')]).toEqual(['error', 'error', 'warning']);
    // One chosen at run time between undefined and a generator stays the warning of a value passed through (review 89 point 7).
    expect(at('{ sessionIdGenerator, enableJsonResponse: true }')).toBe('warning');
  });
});

describe('shared-server: a transport built once from options spread from another module', () => {
  // Trial 71B B5: `new StreamableHTTPServerTransport({ ...transportOptions })` was called stateless, where the options held a generator.
  it('is not called stateless: the options may mint session ids', async () => {
    const dir = tempTree({
      'opts.ts': "import { randomUUID } from 'node:crypto';\nexport const transportOptions = { sessionIdGenerator: randomUUID, enableJsonResponse: true };\n",
      'local.ts': "export const quiet = { enableJsonResponse: true };\n",
      'server.ts': [
        "import express from 'express';",
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        "import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';",
        "import { transportOptions } from './opts.js';",
        "const server = new McpServer({ name: 'gate', version: '1.0.0' });",
        'const transport = new StreamableHTTPServerTransport({ ...transportOptions });',
        'await server.connect(transport);',
        'const plain = { enableJsonResponse: true };',
        'const other = new StreamableHTTPServerTransport({ ...plain });',
        'await new McpServer({ name: "other", version: "1.0.0" }).connect(other);',
        'const app = express();',
        "app.all('/mcp', async (req, res) => { await transport.handleRequest(req, res, req.body); });",
        "app.all('/other', async (req, res) => { await other.handleRequest(req, res, req.body); });",
        '',
      ].join('\n'),
    });
    const found = (await scan({ paths: [dir], cache: false })).findings.filter((f) => f.ruleId === 'shared-server');
    const message = (name: string) => found.find((f) => f.message.startsWith(`${name} is one`))?.message ?? '';
    expect(message('transport')).toMatch(/^transport is one transport built once, .*it holds a single session, so a second client is refused/);
    expect(message('other')).toMatch(/^other is one stateless transport built once/);
  });
});

describe('stateful-tool on settings written in other forms (trial 72B B8)', () => {
  const said = (rel: string) => fixtureFindings(rel).filter((f) => f.ruleId === 'stateful-tool').map((f) => [f.tool, f.severity, f.message.split(':')[0]]);

  it('says a logical assignment from the arguments as the plain one, and a lazy set-up not at all', () => {
    expect(said('stateful-tool/setting-set-by-logical-assignment.ts')).toEqual([
      ['connect', 'error', 'Tool "connect" changes pool, a module-level setting another tool reads'],
      ['run_sql', 'error', 'Tool "run_sql" reads pool, a module-level setting another tool changes'],
      ['pick_region', 'error', 'Tool "pick_region" changes region, a module-level setting another tool reads'],
      ['set_units', 'error', 'Tool "set_units" changes units, a module-level setting another tool reads'],
      ['set_language', 'error', 'Tool "set_language" changes prefs, a module-level object another tool reads'],
      ['forecast', 'error', 'Tool "forecast" reads region, a module-level setting another tool changes'],
    ]);
  });

  it('says Object.assign into a module-level object as a set of its entries', () => {
    expect(said('stateful-tool/object-assign-setting.ts')).toEqual([
      ['set_target', 'error', 'Tool "set_target" changes target, a module-level object another tool reads'],
      ['set_options', 'error', 'Tool "set_options" changes options, a module-level object another tool reads'],
      ['crawl', 'error', 'Tool "crawl" reads target, a module-level object another tool changes'],
    ]);
  });

  it('names the environment variable or global a tool sets, and a caller key kept there as a credential', () => {
    const found = fixtureFindings('stateful-tool/process-wide-settings.ts').filter((f) => f.ruleId === 'stateful-tool');
    expect(found.map((f) => [f.tool, f.severity, f.message.split(':')[0]])).toEqual([
      ['use_endpoint', 'error', 'Tool "use_endpoint" changes process.env.WEATHER_ENDPOINT, an environment variable of this process another tool reads'],
      ['set_api_key', 'error', `Tool "set_api_key" keeps a caller's credential in process.env.WEATHER_API_KEY, an environment variable of this process, for the tools after it`],
      ['stations', 'error', 'Tool "stations" reads process.env.WEATHER_ENDPOINT, an environment variable of this process another tool changes'],
      ['forecast', 'error', `Tool "forecast" reads process.env.WEATHER_API_KEY, a caller's credential another tool keeps in an environment variable of this process (process.env['WEATHER_API_KEY'] = key)`],
      ['set_station', 'error', 'Tool "set_station" changes globalThis.stationId, a global of this process another tool reads'],
      ['observations', 'error', 'Tool "observations" reads globalThis.stationId, a global of this process another tool changes'],
      ['set_zoom', 'error', 'Tool "set_zoom" changes globalThis.zoomLevel, a global of this process another tool reads'],
      ['tile', 'error', 'Tool "tile" reads globalThis.zoomLevel, a global of this process another tool changes'],
    ]);
    const advice = found.map((f) => adviceFor(f));
    expect(advice[1]).toMatch(/^Take credentials with each request/);
    expect(advice[3]).toMatch(/^Take credentials with each request/);
    expect(advice[0]).toMatch(/^Give the tool an explicit handle argument/);
  });
});

describe('paths of files on the local disk kept per session (trial 77A B1)', () => {
  it('says the files live on one instance, a shared store of their paths does not share them, and where to keep them', () => {
    const found = fixtureFindings('session-state/disk-paths.ts');
    const state = found.filter((f) => f.ruleId === 'session-state');
    expect(state.map((f) => [f.line, f.reasons])).toEqual([
      [15, ['session-state', 'disk-state']],
      [17, ['session-state', 'disk-state']],
      [19, ['session-state', 'disk-state']],
    ]);
    expect(state[0].message).toBe(
      "sandboxes holds per-session application state keyed by the MCP session id: paths of files this server makes on its local disk (mkdtemp(path.join(os.tmpdir(), 'sbx-'))), which live on that one instance's disk: a shared store of their paths does not share the files, so keep the files in shared storage (object storage such as S3, a shared volume every instance mounts, or the store itself for small contents) under an explicit handle the tools take (a call that reaches another instance finds no such file, and an instance that stops takes its files with it)",
    );
    expect(state[1].message).toMatch(/^uploadDirs holds .*: paths of files this server makes on its local disk \(mkdir\(target, \{ recursive: true \}\)\)/);
    expect(state[2].message).toMatch(/^csvExports holds .*: paths of files this server makes on its local disk \(writeFile\(file, rows\.join\('\\n'\)\)\)/);
    for (const f of state) expect(adviceFor(f)).toMatch(/^Keep the files in shared storage \(object storage such as S3, a shared volume every instance mounts, or the store itself for small contents\) under an explicit handle/);
    const tools = found.filter((f) => f.ruleId === 'stateful-tool');
    expect(tools.map((f) => [f.tool, f.reasons])).toEqual([
      ['save_note', ['session-state', 'disk-state']],
      ['list_notes', ['session-state', 'disk-state']],
      ['upload', ['session-state', 'disk-state']],
      ['export_rows', ['session-state', 'disk-state']],
      ['read_export', ['session-state', 'disk-state']],
    ]);
    expect(tools[0].message).toMatch(/^Tool "save_note" reads or writes per-session state sandboxes, paths of files this server makes on its local disk \(mkdtemp\(path\.join\(os\.tmpdir\(\), 'sbx-'\)\)\), which live on that one instance's disk: a shared store of their paths does not share the files, so keep the files in shared storage/);
    for (const f of tools) expect(adviceFor(f)).toMatch(/^Keep the files in shared storage/);
  });

  it("says nothing of a disk for plain strings, names of files in a fixed directory, a path only shown, or an SFTP client's directory", () => {
    const found = fixtureFindings('session-state/disk-paths-lookalikes.ts').filter((f) => f.ruleId === 'session-state' || f.ruleId === 'stateful-tool');
    expect(found).toHaveLength(9);
    for (const f of found) {
      expect(f.reasons).toEqual(['session-state']);
      expect(f.message).not.toMatch(/disk/);
    }
  });
});

describe('stateful-tool on every piece of state made with the server (trial 78A B7)', () => {
  it('names every piece a tool keeps or reads in its one finding, those that last alike together, the advice once', () => {
    const found = fixtureFindings('stateful-tool/server-state-every-state.ts').filter((f) => f.ruleId === 'stateful-tool');
    const message = (tool: string) => found.find((f) => f.tool === tool)?.message ?? '';
    expect(found.map((f) => f.tool)).toEqual(['add_card', 'review', 'bump']);
    expect(message('add_card')).toMatch(/^Tool "add_card" keeps state in minted, made with the server in buildDeckServer\(\): it lasts as long as that server instance \(.*\), so the next call may not find it; keeps state in cards, the object handed to buildDeckServer\(\) with each server: it lasts as long as that object \(.*\), so the next call may not find it; keep them in a shared store under a handle the tool takes$/);
    expect(message('review')).toMatch(/^Tool "review" keeps state in reviews and missed, made with the server in buildDeckServer\(\): .*; reads cards, state another handler leaves there, the object handed to buildDeckServer\(\) with each server: .*; keep them in a shared store under a handle the tool takes$/);
    for (const tool of ['add_card', 'review']) expect(message(tool).match(/shared store/g)).toHaveLength(1);
    // One piece alone reads as it did (a server built once for the process too).
    expect(message('bump')).toMatch(/^Tool "bump" keeps state in calls, made with the server in buildCounterServer\(\): .*, so the next call may not find it; keep it in a shared store under a handle the tool takes$/);
    for (const f of found) expect(f.reasons).toEqual(['server-state', 'lasts-with-server']);
  });

  it("reports a resource template's read, list and completion callbacks and a prompt over state a tool leaves with the server", () => {
    const found = fixtureFindings('stateful-tool/template-over-server-state.ts').filter((f) => f.ruleId === 'stateful-tool');
    const at = (pattern: RegExp) => found.filter((f) => pattern.test(f.message));
    const handed = 'drafts, state another handler leaves there, the object handed to buildDraftServer\\(\\) with each server: it lasts as long as that object';
    expect(at(new RegExp(`^Resource "draft" reads ${handed}`))).toHaveLength(1);
    expect(at(new RegExp(`^Prompt "recap" reads ${handed}`))).toHaveLength(1);
    const list = at(new RegExp(`^The list callback of the resource template draft://\\{id\\} lists ${handed} .*, so resources/list varies per session and with what earlier calls did`));
    expect(list).toHaveLength(1);
    expect(list[0].reasons).toEqual(['list-handler', 'dynamic-list', 'server-state', 'lasts-with-server']);
    const complete = at(new RegExp(`^The completion callback of the resource template draft://\\{id\\} for \\{id\\} completes from ${handed} .*, so a completion request that reaches another instance, or a server built for it, completes from other entries or none; complete from a shared store every instance reads$`));
    expect(complete).toHaveLength(1);
    expect(complete[0].reasons).toEqual(['read-handler', 'server-state', 'lasts-with-server']);
    expect(at(/^The list callback of the resource template clip:\/\/\{name\} lists clips, state another handler leaves there, made with the server in buildClipServer\(\)/)).toHaveLength(1);
    expect(at(/^The completion callback of the resource template clip:\/\/\{name\} for \{name\} completes from clips/)).toHaveLength(1);
  });
});
