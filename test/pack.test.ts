/**
 * The published package works through npx from an `npm pack` tarball, as a user would run it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from './helpers/cli.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-migrate-pack-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('npm pack + npx', () => {
  it('installs from the tarball and scans with npx mcp-migrate', () => {
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work, '--ignore-scripts'], { cwd: REPO, encoding: 'utf8' }));
    const tarball = path.join(work, packed[0].filename);
    const files: string[] = packed[0].files.map((f: { path: string }) => f.path);
    expect(files).toContain('bin/mcp-migrate.js');
    expect(files).toContain('dist/src/cli/main.js');
    expect(files.some((f) => f.startsWith('test/') || f.startsWith('fixtures/') || f.startsWith('src/'))).toBe(false);

    const project = path.join(work, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'user-project', version: '1.0.0', private: true }));
    execFileSync('npm', ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: project, stdio: 'pipe' });
    fs.cpSync(path.join(REPO, 'fixtures/sample-server'), path.join(project, 'server'), { recursive: true });

    const run = spawnSync('npx', ['--no-install', 'mcp-migrate', 'scan', 'server', '--format', 'json'], { cwd: project, encoding: 'utf8' });
    expect(run.status).toBe(1);
    const json = JSON.parse(run.stdout);
    expect(json.findings.length).toBeGreaterThan(5);
    expect(json.findings.some((f: { category: string }) => f.category === 'session-map')).toBe(true);

    const version = spawnSync('npx', ['--no-install', 'mcp-migrate', '--version'], { cwd: project, encoding: 'utf8' });
    expect(version.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version);
  }, 180_000);
});
