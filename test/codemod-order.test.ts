/**
 * The registry order matters where codemods hand work to each other: sse-transport's per-request
 * route is what stateless-transport and v2-handler build on (see codemods/index.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODEMOD_IDS } from '../codemods/ids.js';
import { codemods as registry } from '../codemods/index.js';
import { listCache } from '../codemods/list-cache.js';
import { sseTransport } from '../codemods/sse-transport.js';
import { statelessTransport } from '../codemods/stateless-transport.js';
import type { Codemod, FixTarget, Safety } from '../codemods/types.js';
import { v2Handler } from '../codemods/v2-handler.js';
import { fixText } from '../src/fix/runner.js';
import { classifyFile } from '../src/scan/files.js';
import { Scanner } from '../src/scan/scanner.js';
import { allRules } from '../src/rules/index.js';

const ROOT = path.resolve(__dirname, '../codemods/__testfixtures__');

function runWith(list: Codemod[], name: string, text: string, target: FixTarget, safeOnly = false) {
  const kind = classifyFile(name);
  if (!kind) throw new Error(`not a file type mcp-migrate handles: ${name}`);
  const allows = (s: Safety) => s === 'safe' || !safeOnly;
  return fixText(name, text, kind, list, { target, allows, handleNames: {} });
}

const scanner = new Scanner();
function sseFindings(name: string, text: string) {
  return scanner.scanText(name, text, classifyFile(name)!).findings.filter((f) => f.category === 'sse-legacy');
}

describe('codemod ids', () => {
  it('lists exactly the registered codemods, in registry order (the scanner reads the list without loading them)', () => {
    expect([...CODEMOD_IDS]).toEqual(registry.map((c) => c.id));
  });
});

describe('rules and codemods agree', () => {
  it('a rule names as its fix only a codemod that sets out to resolve it (fix marks what that codemod leaves)', () => {
    const claimed = allRules.filter((rule) => rule.fix.codemod).map((rule) => [rule.id, rule.fix.codemod!] as const);
    expect(claimed.length).toBeGreaterThan(5);
    for (const [id, codemod] of claimed) expect(registry.find((c) => c.id === codemod)?.resolves, `${id} → ${codemod}`).toContain(id);
    for (const c of registry) for (const id of c.resolves) expect(allRules.map((r) => r.id), `${c.id} resolves ${id}`).toContain(id);
  });
});

describe('registry order', () => {
  const read = (file: string) => fs.readFileSync(path.join(ROOT, 'sse-transport', file), 'utf8');

  it('sdk-v1: sse-transport before stateless-transport turns an SSE + stateful server into one stateless route', () => {
    const result = runWith([sseTransport, statelessTransport], 'dual.ts', read('dual.input.ts'), 'sdk-v1');
    expect(sseFindings('dual.ts', result.after)).toEqual([]);
    expect(result.after).toContain('sessionIdGenerator: undefined');
    expect(result.after).not.toMatch(/const transports\b/);
    expect(result.after).not.toContain('TODO(mcp-migrate)');
    expect(result.markers).toEqual([]);
    expect(result.applied).toEqual(['sse-transport', 'stateless-transport']);
  });

  it('2026-07-28: sse-transport before v2-handler ends on createMcpHandler', () => {
    for (const [file, name] of [
      ['express-sse.input.ts', 'express-sse.ts'],
      ['v2-legacy.input.ts', 'v2-legacy.ts'],
    ]) {
      const result = runWith([sseTransport, v2Handler, listCache], name, read(file), '2026-07-28');
      expect(sseFindings(name, result.after), name).toEqual([]);
      expect(result.after, name).toContain('createMcpHandler(() => ');
      expect(result.after, name).not.toMatch(/StreamableHTTPServerTransport|SSEServerTransport/);
    }
  });

  it('2026-07-28: after v2-handler, sse-transport would leave a 2025-only per-request transport', () => {
    const result = runWith([v2Handler, sseTransport], 'express-sse.ts', read('express-sse.input.ts'), '2026-07-28');
    expect(result.after).toContain('new NodeStreamableHTTPServerTransport');
    expect(result.after).not.toContain('createMcpHandler');
  });
});
