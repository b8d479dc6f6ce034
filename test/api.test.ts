/**
 * `import { scan } from 'mcp-migrate'` returns the same data as `mcp-migrate scan --format json`.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, CATEGORY_IDS, allRules, scan } from '../dist/src/index.js';
import { REPO, runCli, tempDirs } from './helpers/cli.js';

const { tree } = tempDirs();

describe('programmatic API', () => {
  it('scan() equals the CLI JSON output', async () => {
    const sample = path.join(REPO, 'fixtures/sample-server');
    const api = await scan({ paths: [sample] });
    const cli = JSON.parse(runCli(['scan', sample, '--format', 'json']).stdout);
    const strip = (r: { summary: { durationMs: number } }) => ({ ...r, summary: { ...r.summary, durationMs: 0 } });
    expect(strip(JSON.parse(JSON.stringify(api)))).toEqual(strip(cli));
  });

  it('tells an instrument where the time goes, phase by phase, without changing the result', async () => {
    const fixtures = path.join(REPO, 'fixtures');
    const calls: string[] = [];
    const picked: string[][] = [];
    const again: string[] = [];
    const instrument = { phase: (name: string) => calls.push(name), candidates: (ids: string[]) => picked.push(ids), readAgain: (file: string) => again.push(file) };
    const measured = await scan({ paths: [fixtures], instrument });
    const plain = await scan({ paths: [fixtures] });
    expect(measured.findings).toEqual(plain.findings);
    const count = (name: string) => calls.filter((c) => c === name).length;
    expect(calls[0]).toBe('walk');
    expect(calls.at(-1)).toBe('finish');
    expect(count('walk')).toBe(1);
    // No read errors in the fixtures; read twice, only a module MCP code read after it hands the session id to (trial 76A B4).
    expect(count('read')).toBe(plain.summary.filesMatched + again.length);
    expect(again).toContain('scan/session-state/project-limiter-required/lib/window.cjs');
    expect(count('parse')).toBe(plain.summary.filesParsed);
    expect(picked).toHaveLength(plain.summary.filesParsed);
    expect(count('config')).toBeGreaterThan(0);
    // Every parse is followed by its rules before the next file is read.
    calls.forEach((c, i) => {
      if (c === 'parse') expect(calls[i + 1]).toBe('rules');
    });
    for (const ids of picked) expect(ids.length).toBeGreaterThan(0);
  });

  it('throws a PathError for a missing path', async () => {
    await expect(scan({ paths: ['no/such/dir'], cwd: REPO })).rejects.toMatchObject({ name: 'PathError' });
  });

  it('every rule has complete metadata and a known category', () => {
    const ids = new Set<string>();
    for (const rule of allRules) {
      expect(ids.has(rule.id), `duplicate rule id ${rule.id}`).toBe(false);
      ids.add(rule.id);
      expect(CATEGORY_IDS).toContain(rule.category);
      expect(CATEGORIES[rule.category].id).toBe(rule.category);
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.why.length, `${rule.id} explanation`).toBeGreaterThan(80);
      expect(rule.fix.manual.length).toBeGreaterThan(10);
      expect(rule.docs).toMatch(/^https:\/\//);
    }
  });

  it('a rule turned off still supersedes: its lines do not come back as the rule it replaces', async () => {
    const dir = tree({
      'nginx.conf': 'upstream mcp {\n  hash $http_mcp_session_id consistent;\n  server a:3000;\n}\nserver {\n  add_header Access-Control-Expose-Headers Mcp-Session-Id;\n}\n',
      'haproxy.cfg': 'backend mcp\n  balance hdr(Mcp-Session-Id)\n  stick on req.hdr(mcp-session-id)\n  server a 10.0.0.1:3000\n',
      'ingress.yaml': 'metadata:\n  annotations:\n    nginx.ingress.kubernetes.io/upstream-hash-by: "$http_mcp_session_id"\n',
    });
    const on = await scan({ paths: [dir] });
      expect(on.findings.filter((f) => f.category === 'sticky-lb-config')).toHaveLength(4);
      const off = await scan({ paths: [dir], severities: { 'sticky-lb-config': 'off' } });
      // Only the CORS line is left: a session-header finding of its own in both runs.
      expect(off.findings.map((f) => `${f.file}:${f.line}:${f.ruleId}`)).toEqual(['nginx.conf:6:session-header-config']);
      expect(on.findings.filter((f) => f.ruleId === 'session-header-config').map((f) => `${f.file}:${f.line}`)).toEqual(['nginx.conf:6']);
  });

  it('hands onFile the config files and MCP code it decodes, never other code', async () => {
    const dir = tree({
      'server.ts': "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport const s = new McpServer({ name: 'a', version: '1' });\n",
      'util.ts': 'export const numCpus = 4;\n',
      'deploy/nginx.conf': 'upstream a { server a:1; }\n',
      // Infrastructure code is read for its own rules, not for the inventory's signals.
      'infra/stack.ts': "import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';\nexport const g = new elbv2.ApplicationTargetGroup(scope, 'G', { port: 3000 });\n",
    });
    const seen: string[] = [];
      await scan({ paths: [dir], onFile: (rel, _text, kind) => seen.push(`${kind}:${rel}`) });
      expect(seen.sort()).toEqual(['code:server.ts', 'config:deploy/nginx.conf']);
  });

  it('reads CDK code that names no MCP API for the infra rules alone, and other non-MCP code not at all', async () => {
    const stack = [
      "import { Duration } from 'aws-cdk-lib';",
      "import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';",
      'const sessions = new Map<string, string>();',
      "const group = new elbv2.ApplicationTargetGroup(scope, 'G', { port: 3000, stickinessCookieDuration: Duration.days(1) });",
      '',
    ].join('\n');
    const dir = tree({
      'infra/stack.ts': stack,
      // The same call without the CDK's import is not deployment code this tool knows.
      'lib/other.ts': stack.split('\n').slice(2).join('\n'),
      // What the CDK synthesizes and the modules Terraform downloads are not the project's source.
      'cdk.out/ServerStack.template.json': '{ "AWSTemplateFormatVersion": "2010-09-09", "Resources": { "G": { "Properties": { "TargetGroupAttributes": [{ "Key": "stickiness.enabled", "Value": "true" }] } } } }\n',
      '.terraform/modules/alb/main.tf': 'resource "aws_lb_target_group" "g" {\n  stickiness {\n    type = "lb_cookie"\n  }\n}\n',
    });
    const result = await scan({ paths: [dir] });
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.ruleId}`)).toEqual(['infra/stack.ts:4:sticky-cdk']);
    expect(result.summary.filesParsed).toBe(1);
  });
});
