/**
 * state-store-url (trial 73A B3): the mcp-state store behind several replicas with no
 * MCP_STATE_URL. The fixtures (fixtures/scan/stateful-tool/project-state-store-*) say where it
 * fires; these tests say how severe each finding is and what it names, and that suppressions,
 * the result cache, `check` and `report` see it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../src/index.js';
import { REPO, runCli } from './helpers/cli.js';

const FIXTURE = path.join(REPO, 'fixtures/scan/stateful-tool/project-state-store-replicas');

function copyOf(from: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mm-state-store-'));
  fs.cpSync(from, dir, { recursive: true });
  return dir;
}

describe('state-store-url', () => {
  it('is an error where the environment is all in view, a warning naming what the scan cannot read', async () => {
    const result = await scan({ paths: [FIXTURE], cache: false });
    const found = result.findings.filter((f) => f.ruleId === 'state-store-url');
    expect(found.map((f) => `${f.file}:${f.line} ${f.severity}`)).toEqual([
      'docker-compose.yml:8 error',
      'docker-compose.yml:21 warning',
      'docker-compose.yml:24 error',
      'docker-compose.yml:28 error',
      'fly.toml:6 warning',
      'k8s/deploy.yaml:8 error',
      'k8s/deploy.yaml:25 warning',
      'k8s/deploy.yaml:86 error',
    ]);
    const message = (file: string, line: number) => found.find((f) => f.file === file && f.line === line)!.message;
    expect(message('k8s/deploy.yaml', 8)).toBe(
      'Deployment notes-mcp runs 3 replicas and sets no MCP_STATE_URL: the mcp-state store (src/mcp-state.ts) keeps each handle in the memory of the replica that minted it, and a call that reaches another replica fails ("Unknown or expired"); set MCP_STATE_URL to a Redis every replica reaches',
    );
    expect(message('k8s/deploy.yaml', 25)).toMatch(/^Deployment notes-mcp-eu runs 2 replicas, and MCP_STATE_URL is not in the environment the scan can read \(it also takes ConfigMap notes-env, Secret notes-secrets, not in the scanned files\): unless one of them sets MCP_STATE_URL/);
    expect(message('k8s/deploy.yaml', 86)).toMatch(/^Deployment notes-mcp-burst is scaled by HorizontalPodAutoscaler notes-mcp-burst up to 6 replicas and sets no MCP_STATE_URL/);
    expect(message('docker-compose.yml', 21)).toContain('(it also takes env_file deploy/production.env, not in the scanned files): unless that sets');
    expect(message('docker-compose.yml', 24)).toMatch(/^compose service batch runs 3 replicas \(--scale batch=3\)/);
    expect(message('docker-compose.yml', 28)).toMatch(/^compose service reports runs 2 replicas \(--scale reports=2\)/);
    expect(message('fly.toml', 6)).toMatch(/^Fly app notes-mcp runs at least 2 replicas, and .*\(it also takes Fly secrets, not in the scanned files\)/);
  });

  it('is silenced by a # mcp-migrate-ignore comment in the deployment config, and replayed from the result cache', async () => {
    const dir = copyOf(FIXTURE);
    const cacheDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'mm-state-store-cache-'));
    try {
      const deploy = path.join(dir, 'k8s/deploy.yaml');
      fs.writeFileSync(deploy, fs.readFileSync(deploy, 'utf8').replace('  # ruleid: state-store-url\n  replicas: 3', '  # mcp-migrate-ignore state-store-url -- Redis URL injected by the platform\n  replicas: 3'));
      const first = await scan({ paths: [dir], cache: true, cacheDirectory });
      const ids = (r: typeof first) => r.findings.filter((f) => f.ruleId === 'state-store-url').map((f) => `${f.file}:${f.line}`);
      expect(ids(first)).not.toContain('k8s/deploy.yaml:8');
      expect(first.summary.suppressed).toBe(1);
      expect(first.unusedSuppressions).toEqual([]);
      const again = await scan({ paths: [dir], cache: true, cacheDirectory });
      expect(ids(again)).toEqual(ids(first));
      expect(ids(again)).toHaveLength(7);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(cacheDirectory, { recursive: true, force: true });
    }
  });

  it('makes check fail and report name MCP_STATE_URL on the tester’s tree (fixed server, k8s replicas: 3, compose replicas: 2)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mm-state-store-cli-'));
    try {
      const from = path.join(FIXTURE, 'src');
      fs.cpSync(from, path.join(dir, 'src'), { recursive: true });
      fs.copyFileSync(path.join(FIXTURE, 'package.json'), path.join(dir, 'package.json'));
      fs.mkdirSync(path.join(dir, 'k8s'));
      fs.writeFileSync(path.join(dir, 'k8s/deploy.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: notes\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n        - name: notes\n          image: notes:latest\n          env:\n            - name: PORT\n              value: "3000"\n');
      fs.writeFileSync(path.join(dir, 'docker-compose.yml'), 'services:\n  notes:\n    build: .\n    deploy:\n      replicas: 2\n');
      const check = runCli(['check', dir, '--no-cache']);
      expect(check.code).toBe(1);
      expect(check.stdout).toContain('state-store-url');
      const out = path.join(dir, 'MIGRATION.md');
      runCli(['report', dir, '-o', out]);
      const report = fs.readFileSync(out, 'utf8');
      expect(report).toContain('Deployment notes runs 3 replicas and sets no MCP_STATE_URL');
      expect(report).toContain('compose service notes runs 2 replicas and sets no MCP_STATE_URL');
      // With MCP_STATE_URL in both, nothing to say.
      fs.writeFileSync(path.join(dir, 'k8s/deploy.yaml'), fs.readFileSync(path.join(dir, 'k8s/deploy.yaml'), 'utf8') + '            - name: MCP_STATE_URL\n              value: redis://redis:6379\n');
      fs.writeFileSync(path.join(dir, 'docker-compose.yml'), 'services:\n  notes:\n    build: .\n    environment:\n      MCP_STATE_URL: redis://redis:6379\n    deploy:\n      replicas: 2\n');
      expect(runCli(['check', dir, '--no-cache']).code).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
