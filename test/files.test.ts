/**
 * File discovery (`discoverFiles`): which files a scan reads, in-process. Every test asserts the
 * exact list, so a file that appears or disappears is a failure.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyFile, discoverFiles, findPackageManifests, type DiscoveryOptions } from '../src/scan/files.js';
import { foldersUpTo } from '../src/io.js';
import { isRoot, runCli, tempDirs } from './helpers/cli.js';

const temp = tempDirs();
const repo = temp.repo;

const CODE = 'export const x = 1;\n';

/** A temporary tree; every file holds CODE unless given content. */
function tree(files: Record<string, string> | string[]): string {
  return temp.tree(Array.isArray(files) ? Object.fromEntries(files.map((f) => [f, CODE])) : files);
}

const posix = (p: string) => p.split(path.sep).join('/');

/** The files found under `dir`, relative to `root` (default: `dir`), and the errors. */
async function discover(dir: string, options: DiscoveryOptions = {}, root = dir) {
  const result = await discoverFiles([dir], options);
  return {
    files: result.files.map((f) => posix(path.relative(root, f.absolute))),
    errors: result.errors.map((e) => `${posix(path.relative(root, e.path))}: ${e.message}`),
  };
}
const files = async (dir: string, options: DiscoveryOptions = {}, root = dir) => (await discover(dir, options, root)).files;

function insideGitWorkTree(dir: string): boolean {
  try {
    execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir, stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

describe('discoverFiles: .gitignore', () => {
  it('honours nested .gitignore files: negation, anchored, mid-slash and directory-only patterns', async () => {
    const dir = tree({
      '.gitignore': ['*.gen.ts', '!keep.gen.ts', '/anchored.ts', 'docs/gen.ts', 'lib.js/', 'vendor/', '!vendor/keep.ts', '# a comment', 'spaced.ts   '].join('\n'),
      'a.gen.ts': CODE,
      'keep.gen.ts': CODE,
      'anchored.ts': CODE,
      'more/anchored.ts': CODE, // `/anchored.ts` matches only beside the .gitignore
      'docs/gen.ts': CODE,
      'more/docs/gen.ts': CODE,
      'a/lib.js': CODE, // a file: the directory-only pattern does not match it
      'b/lib.js/inner.ts': CODE,
      'vendor/keep.ts': CODE, // cannot be re-included: its directory is excluded
      'spaced.ts': CODE,
      'sub/.gitignore': '*.ts\n!keep.ts\n/local.js\n',
      'sub/keep.ts': CODE,
      'sub/drop.ts': CODE,
      'sub/local.js': CODE,
      'sub/deeper/local.js': CODE,
      'sub/deeper/keep.ts': CODE,
      'sub/deeper/drop.ts': CODE,
      'sub/again/.gitignore': '!again.ts\n',
      'sub/again/again.ts': CODE,
      'sub/again/drop.ts': CODE,
      'crlf/.gitignore': 'a.ts\r\nb.ts\r\n',
      'crlf/a.ts': CODE,
      'crlf/b.ts': CODE,
      'crlf/c.ts': CODE,
    });
    expect(await files(dir)).toEqual([
      'a/lib.js',
      'crlf/c.ts',
      'keep.gen.ts',
      'more/anchored.ts',
      'more/docs/gen.ts',
      'sub/again/again.ts',
      'sub/deeper/keep.ts',
      'sub/deeper/local.js',
      'sub/keep.ts',
    ]);
    // Scanning the subdirectory outside a repository: only the .gitignore files inside it count.
    if (!insideGitWorkTree(dir)) {
      expect(await files(path.join(dir, 'sub'), {}, dir)).toEqual(['sub/again/again.ts', 'sub/deeper/keep.ts', 'sub/deeper/local.js', 'sub/keep.ts']);
    }
  });

  it('honours .gitignore files from the repository root down to a scanned subdirectory', async () => {
    const dir = repo({
      '.gitignore': '*.gen.ts\n/top.ts\napp/local.ts\nsecret/\n',
      'top.ts': CODE,
      'app/.gitignore': '!keep.gen.ts\n',
      'app/a.gen.ts': CODE,
      'app/keep.gen.ts': CODE,
      'app/top.ts': CODE, // `/top.ts` is anchored at the repository root
      'app/local.ts': CODE, // `app/local.ts` is relative to the root .gitignore
      'app/ok.ts': CODE,
      'app/secret/x.ts': CODE,
      'app/sub/local.ts': CODE,
      'app/sub/b.gen.ts': CODE,
    });
    expect(await files(path.join(dir, 'app'), {}, dir)).toEqual(['app/keep.gen.ts', 'app/ok.ts', 'app/sub/local.ts', 'app/top.ts']);
    expect(await files(path.join(dir, 'app/sub'), {}, dir)).toEqual(['app/sub/local.ts']);
    expect(await files(dir)).toEqual(['app/keep.gen.ts', 'app/ok.ts', 'app/sub/local.ts', 'app/top.ts']);
  });

  it('counts a repository .gitignore above the scanned directory even in a build/ or test/ directory', async () => {
    const dir = repo({
      '.gitignore': '*.gen.ts\n',
      'build/.gitignore': 'drop.ts\n',
      'build/x/a.gen.ts': CODE,
      'build/x/drop.ts': CODE,
      'build/x/ok.ts': CODE,
      'test/.gitignore': 'drop.ts\n',
      'test/unit/a.gen.ts': CODE,
      'test/unit/drop.ts': CODE,
      'test/unit/ok.ts': CODE,
    });
    expect(await files(path.join(dir, 'build/x'), {}, dir)).toEqual(['build/x/ok.ts']);
    expect(await files(path.join(dir, 'test/unit'), {}, dir)).toEqual(['test/unit/ok.ts']);
  });

  it('uses only the .gitignore files inside a scanned directory that the repository ignores', async () => {
    const dir = repo({
      '.gitignore': '*.gen.ts\ngenerated/\n',
      'generated/.gitignore': 'skip.ts\n',
      'generated/a.gen.ts': CODE,
      'generated/keep.ts': CODE,
      'generated/skip.ts': CODE,
    });
    expect(await files(path.join(dir, 'generated'), {}, dir)).toEqual(['generated/a.gen.ts', 'generated/keep.ts']);
    expect(await files(dir)).toEqual([]);
  });

  it('ignores a .gitignore above the scanned directory outside a repository', async ({ skip }) => {
    const dir = tree({ '.gitignore': '*.ts\n', 'sub/a.ts': CODE });
    if (insideGitWorkTree(dir)) skip(); // the temporary directory sits in a repository here: shown as skipped
    expect(await files(dir)).toEqual([]);
    expect(await files(path.join(dir, 'sub'), {}, dir)).toEqual(['sub/a.ts']);
  });
});

describe('discoverFiles: default and test ignores', () => {
  it('skips dependencies, build output, declarations and bundles, and never enters those directories', async () => {
    const dir = tree(['src/a.ts', 'node_modules/pkg/index.js', 'packages/x/node_modules/y/index.js', 'dist/a.js', 'build/a.js', '.next/a.js', 'coverage/a.js', 'src/types.d.ts', 'public/app.min.js', 'public/app.bundle.js', 'x.d.ts/inner.ts', '.hidden/h.ts', '.dotfile.ts']);
    // A symlink loop inside a skipped directory would be an error if the walk went in.
    fs.symlinkSync('loop.ts', path.join(dir, 'node_modules/pkg/loop.ts'));
    fs.symlinkSync('loop.ts', path.join(dir, 'dist/loop.ts'));
    expect(await discover(dir)).toEqual({ files: ['.dotfile.ts', '.hidden/h.ts', 'src/a.ts', 'x.d.ts/inner.ts'], errors: [] });
  });

  it('skips test files and directories unless includeTests', async () => {
    const tests = [
      'src/a.test.ts',
      'src/a.test-d.ts',
      'src/a.spec.mjs',
      'src/a.e2e.ts',
      'src/__tests__/b.ts',
      'src/__mocks__/m.ts',
      'src/mocks/server.ts',
      'src/tool/mock-mcp-transport.ts',
      'src/transport.mock.ts',
      'src/oauth-mock.js',
      'src/utils/mcp-tool-mocks.spechelper.ts',
      'src/a.spec-helper.ts',
      'src/a.testhelper.js',
      'src/a.test-helper.ts',
      'src/api.test-utils.ts',
      'src/tool-mocks.ts',
      'src/handlers.mocks.ts',
      'src/__fixtures__/f.ts',
      'packages/app/test-fixtures/server.ts',
      'test-servers/src/test-server-http.ts',
      'packages/x/test-server/index.ts',
      // Sample apps kept to try a repository's own code by hand (genkit's js/testapps/).
      'js/testapps/mcp/src/http-server.ts',
      'packages/y/test-apps/app.ts',
      'test/t.ts',
      'tests/t.ts',
      'packages/integration-tests/src/helpers.ts',
      'e2e/t.ts',
      'packages/server-fastify/spec/integration/helpers.ts',
      'src/test/t.ts',
      'src/testHelpers/mock-remote.ts',
      'lib/test-helpers/h.ts',
      'src/testUtils/u.ts',
      'src/test-utils/u.ts',
      'src/components/NetworkEntry.stories.tsx',
      'src/__stories__/panel.tsx',
      // LLM evaluation harnesses (mcp-evals).
      'src/evals/evals.ts',
      'evals.ts',
      'src/search.eval.ts',
    ];
    // Look-alikes that are application code.
    const app = ['src/a.ts', 'src/testing.ts', 'src/contest/c.ts', 'src/attestations/a.ts', 'src/helpers/test-data.ts', 'src/stories/feed.ts', 'src/mockingbird.ts', 'src/hammock/h.ts', 'src/mockups.ts', 'src/spec-helpers-docs.ts', 'src/mocksmith.ts', 'src/test-server.ts', 'src/servers/test-serverless/s.ts', 'src/evaluate.ts', 'src/evaluations/e.ts', 'src/latestapps/a.ts', 'src/specs.ts', 'src/openapi-spec/server.ts', 'packages/spec/src/index.ts', 'src/spec/protocol.ts'];
    const dir = tree([...app, ...tests]);
    expect(await files(dir)).toEqual([...app].sort());
    expect(await files(dir, { includeTests: true })).toEqual([...app, ...tests].sort());
  });

  it('scans a directory the ignores name when it is the path given', async () => {
    const dir = tree(['test/unit/a.ts', 'test/unit/a.test.ts']);
    expect(await files(path.join(dir, 'test/unit'), {}, dir)).toEqual(['test/unit/a.ts']);
  });
});

describe('discoverFiles: deployment config', () => {
  it('finds Caddyfiles in the walk and as a path given, by their names (trial: a Caddyfile was not counted as scanned)', async () => {
    const caddy = ['Caddyfile', 'deploy/Caddyfile.prod', 'deploy/caddyfile', 'sites/api.caddyfile', 'sites/app.Caddyfile', 'sites/mcp.caddy'];
    const dir = tree([...caddy, 'docs/caddy.md', 'notes/Caddyfile-notes.txt', 'bin/caddy']);
    const found = await discoverFiles([dir]);
    expect(found.files.map((f) => [posix(path.relative(dir, f.absolute)), f.kind])).toEqual([...caddy].sort().map((f) => [f, { type: 'config', kind: 'caddy' }]));
    expect(await discover(path.join(dir, 'deploy/Caddyfile.prod'), {}, dir)).toEqual({ files: ['deploy/Caddyfile.prod'], errors: [] });
  });

  it('reads Bicep files, and in a walk only the shell scripts that run a deployment CLI; a script given as the path is read as it is (trial 30A)', async () => {
    const dir = tree({
      'infra/app.bicep': "resource app 'Microsoft.App/containerApps@2024-03-01' = {}\n",
      'infra/main.bicepparam': "using 'app.bicep'\n",
      'deploy.sh': '#!/bin/sh\naz containerapp ingress sticky-sessions set -n mcp -g rg --affinity sticky\n',
      'scripts/cloud-run.bash': 'gcloud run deploy mcp --source .\n',
      'scripts/k8s.sh': 'kubectl apply -f k8s/\n',
      'scripts/build.sh': '#!/bin/sh\nnpm ci && npm run build\n',
      'scripts/notes.txt': 'gcloud run deploy mcp\n',
    });
    const found = await discoverFiles([dir]);
    expect(found.files.map((f) => [posix(path.relative(dir, f.absolute)), f.kind])).toEqual([
      ['deploy.sh', { type: 'config', kind: 'shell' }],
      ['infra/app.bicep', { type: 'config', kind: 'bicep' }],
      ['infra/main.bicepparam', { type: 'config', kind: 'bicep' }],
      ['scripts/cloud-run.bash', { type: 'config', kind: 'shell' }],
      ['scripts/k8s.sh', { type: 'config', kind: 'shell' }],
    ]);
    expect(await discover(path.join(dir, 'scripts/build.sh'), {}, dir)).toEqual({ files: ['scripts/build.sh'], errors: [] });
  });
});

describe('discoverFiles: Fly.io app config', () => {
  it('reads fly.toml and its per-environment variants, and no other TOML (trial 30A: a one-machine cap in fly.toml was not read)', async () => {
    const fly = ['fly.toml', 'deploy/fly.staging.toml', 'apps/api/Fly.toml'];
    const dir = tree([...fly, 'pyproject.toml', 'config/flyway.toml', 'fly.toml.example', 'docs/fly.md']);
    const found = await discoverFiles([dir]);
    expect(found.files.map((f) => [posix(path.relative(dir, f.absolute)), f.kind])).toEqual([...fly].sort().map((f) => [f, { type: 'config', kind: 'fly' }]));
    expect(classifyFile('fly.production.toml')).toEqual({ type: 'config', kind: 'fly' });
  });
});

describe('discoverFiles: --include and --exclude', () => {
  const layout = ['src/a.ts', 'src/b/c.ts', 'src/b/d.js', 'lib/a.ts', 'lib/gen/x.ts', 'scripts/x.js', 'a.ts', 'Dockerfile', '.hidden/h.ts'];

  it('keeps only files an --include glob matches, dotfiles included', async () => {
    const dir = tree(layout);
    expect(await files(dir, { include: ['src/**'] })).toEqual(['src/a.ts', 'src/b/c.ts', 'src/b/d.js']);
    expect(await files(dir, { include: ['**/*.js'] })).toEqual(['scripts/x.js', 'src/b/d.js']);
    expect(await files(dir, { include: ['*.ts'] })).toEqual(['a.ts']);
    expect(await files(dir, { include: ['src/{a.ts,b/c.ts}', 'Dockerfile'] })).toEqual(['Dockerfile', 'src/a.ts', 'src/b/c.ts']);
    expect(await files(dir, { include: ['**/.hidden/**'] })).toEqual(['.hidden/h.ts']);
  });

  it('treats a directory name as everything inside it, and `!glob` as a subtraction', async () => {
    const dir = tree(layout);
    expect(await files(dir, { include: ['src'] })).toEqual(['src/a.ts', 'src/b/c.ts', 'src/b/d.js']);
    expect(await files(dir, { include: ['**/gen'] })).toEqual(['lib/gen/x.ts']);
    expect(await files(dir, { include: ['src/**', '!src/b/**'] })).toEqual(['src/a.ts']);
    expect(await files(dir, { include: ['!**/*.ts'] })).toEqual(['Dockerfile', 'scripts/x.js', 'src/b/d.js']);
  });

  it('drops files an --exclude glob matches, and whole directories it names', async () => {
    const dir = tree(layout);
    expect(await files(dir, { exclude: ['lib', 'scripts/**'] })).toEqual(['.hidden/h.ts', 'Dockerfile', 'a.ts', 'src/a.ts', 'src/b/c.ts', 'src/b/d.js']);
    expect(await files(dir, { exclude: ['**/*.js', '**/gen', 'src/*.ts'] })).toEqual(['.hidden/h.ts', 'Dockerfile', 'a.ts', 'lib/a.ts', 'src/b/c.ts']);
    expect(await files(dir, { include: ['src/**', 'lib/**'], exclude: ['**/b/**'] })).toEqual(['lib/a.ts', 'lib/gen/x.ts', 'src/a.ts']);
  });
});

describe('discoverFiles: symlinks and unreadable directories', () => {
  it('follows symlinks to files, never descends symlinked directories, and reports loops in path order', async () => {
    const dir = tree(['src/a.ts', 'README.md']);
    fs.symlinkSync('src/a.ts', path.join(dir, 'link.ts'));
    fs.symlinkSync('README.md', path.join(dir, 'readme.ts'));
    fs.symlinkSync('src', path.join(dir, 'dir-link'));
    fs.symlinkSync('..', path.join(dir, 'src/parent'));
    fs.symlinkSync('loop-b.ts', path.join(dir, 'loop-a.ts'));
    fs.symlinkSync('loop-a.ts', path.join(dir, 'loop-b.ts'));
    fs.symlinkSync('nowhere.ts', path.join(dir, 'broken.ts'));
    // link.ts leads to src/a.ts, which the walk found too: one file, under its own name (trial 18B).
    expect(await discover(dir)).toEqual({
      files: ['readme.ts', 'src/a.ts'],
      errors: ['broken.ts: cannot read: no such file or directory', 'loop-a.ts: cannot read: symlink loop', 'loop-b.ts: cannot read: symlink loop'],
    });
  });

  it('keeps a link whose file the run does not find itself, once for two links to it', async () => {
    const dir = tree(['shared/server.ts', 'app/main.ts']);
    fs.symlinkSync('../shared/server.ts', path.join(dir, 'app/server.ts'));
    fs.symlinkSync('../shared/server.ts', path.join(dir, 'app/server-copy.ts'));
    const found = (await discoverFiles([path.join(dir, 'app')], {}, dir)).files.map((f) => posix(path.relative(dir, f.absolute)));
    expect(found).toEqual(['app/main.ts', 'app/server-copy.ts']);
  });

  it('reports an unreadable directory once and goes on, and never reads one that is ignored', () => {
    const dir = tree({ 'a.ts': CODE, 'locked/b.ts': CODE, 'sub/.gitignore': 'locked/\n', 'sub/locked/c.ts': CODE, 'sub/d.ts': CODE, 'node_modules/locked/d.js': CODE });
    for (const d of ['locked', 'sub/locked', 'node_modules/locked']) fs.chmodSync(path.join(dir, d), 0o000);
    // root reads every directory: run the built CLI as an unprivileged user, as a developer would.
    const json = JSON.parse(runCli(['scan', dir, '--format', 'json'], { asNobody: isRoot, cwd: dir }).stdout);
    expect(json.errors).toEqual([{ file: 'locked', message: 'cannot read directory: permission denied' }]);
    expect(json.summary.filesMatched).toBe(2); // a.ts, sub/d.ts
  });

  it('reports an unreadable .gitignore once, applies nothing from it, and goes on', () => {
    const dir = tree({ 'a.ts': CODE, 'sub/.gitignore': 'b.ts\n', 'sub/b.ts': CODE, 'sub/c.ts': CODE });
    fs.chmodSync(path.join(dir, 'sub/.gitignore'), 0o000);
    const result = runCli(['scan', dir, '--format', 'json', '--fail-on', 'none'], { asNobody: isRoot, cwd: dir });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.errors).toEqual([{ file: 'sub/.gitignore', message: 'cannot read .gitignore (its patterns are not applied): permission denied' }]);
    expect(json.summary.filesMatched).toBe(3); // like git: the unreadable file's pattern does not hide sub/b.ts
  });

  it('reads include/exclude globs from the folder the command runs in, also when a folder below it is scanned (trial 16B: fix src rewrote what the configuration excluded)', async () => {
    const dir = tree(['src/server.ts', 'src/vendor/keep.ts', 'src/vendor/deep/also.ts', 'src/lib/util.ts', 'lib/other.ts']);
    const under = async (sub: string, options: DiscoveryOptions) => (await discoverFiles([path.join(dir, sub)], options, dir)).files.map((f) => posix(path.relative(dir, f.absolute)));
    // The configuration's exclude, written from the repository's root.
    expect(await under('src', { exclude: ['src/vendor/**'] })).toEqual(['src/lib/util.ts', 'src/server.ts']);
    expect(await under('src/vendor', { exclude: ['src/vendor/**'] })).toEqual([]);
    expect(await under('src/vendor', { exclude: ['src/vendor'] })).toEqual([]);
    expect(await under('src', { exclude: ['src/*/deep/**'] })).toEqual(['src/lib/util.ts', 'src/server.ts', 'src/vendor/keep.ts']);
    // The README's include, with `check src`.
    expect(await under('src', { include: ['src/**'] })).toEqual(['src/lib/util.ts', 'src/server.ts', 'src/vendor/deep/also.ts', 'src/vendor/keep.ts']);
    expect(await under('src', { include: ['src/**', '!src/vendor/**'] })).toEqual(['src/lib/util.ts', 'src/server.ts']);
    // A pattern that names another way down reads as before, from the scanned folder; a globstar or a bare name from anywhere.
    expect(await under('src', { exclude: ['lib/**'] })).toEqual(['src/server.ts', 'src/vendor/deep/also.ts', 'src/vendor/keep.ts']);
    expect(await under('src', { exclude: ['**/deep/**'] })).toEqual(['src/lib/util.ts', 'src/server.ts', 'src/vendor/keep.ts']);
    // A leading ./ names the same path (trial 17B: it was silently ignored).
    expect(await under('src', { exclude: ['./src/vendor/**'] })).toEqual(['src/lib/util.ts', 'src/server.ts']);
    expect(await under('.', { exclude: ['./src/vendor/**', './lib'] })).toEqual(['src/lib/util.ts', 'src/server.ts']);
    // Scanning the folder above: the way down goes in front.
    expect((await discoverFiles([dir], { exclude: ['vendor/**'] }, path.join(dir, 'src'))).files.map((f) => posix(path.relative(dir, f.absolute)))).toEqual(['lib/other.ts', 'src/lib/util.ts', 'src/server.ts']);
  });

  it('scans files git tracks although a .gitignore pattern matches them, as git does (trial 16B: a force-added generated server was never scanned)', async () => {
    const dir = repo({ 'src/server.ts': CODE, 'src/api.generated.ts': CODE, 'gen/client.ts': CODE });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    fs.writeFileSync(path.join(dir, '.gitignore'), '*.generated.ts\ngen/\n');
    // Untracked files the patterns match stay out.
    fs.writeFileSync(path.join(dir, 'src/other.generated.ts'), CODE);
    fs.writeFileSync(path.join(dir, 'gen/untracked.ts'), CODE);
    git('add', '.gitignore');
    git('commit', '-qm', 'ignore generated code');
    expect(await files(dir)).toEqual(['gen/client.ts', 'src/api.generated.ts', 'src/server.ts']);
    // Scanning a folder below: the same.
    expect(await files(path.join(dir, 'src'), {}, dir)).toEqual(['src/api.generated.ts', 'src/server.ts']);
    // Outside a repository the patterns hold for every file.
    const plain = tree({ '.gitignore': '*.generated.ts\n', 'a.generated.ts': CODE, 'b.ts': CODE });
    expect(await files(plain)).toEqual(['b.ts']);
  });

  it('lists each file once when paths overlap', async () => {
    const dir = tree(['src/a.ts', 'src/b.ts']);
    const result = await discoverFiles([dir, path.join(dir, 'src'), path.join(dir, 'src/a.ts')]);
    expect(result.files.map((f) => posix(path.relative(dir, f.absolute)))).toEqual(['src/a.ts', 'src/b.ts']);
  });
});

describe('findPackageManifests (the inventory\'s package list)', () => {
  it('finds package.json files in the same walk rules: not in dependencies, build output or .gitignore excludes', () => {
    const pkg = '{"name":"x"}';
    const dir = tree({
      'package.json': pkg,
      '.gitignore': 'scratch/\n',
      'packages/a/package.json': pkg,
      'packages/a/test/package.json': pkg,
      'packages/a/node_modules/dep/package.json': pkg,
      'packages/b/dist/package.json': pkg,
      'scratch/package.json': pkg,
      'src/package.json.ts': CODE,
    });
    const found = findPackageManifests(dir).map((f) => path.relative(dir, f).split(path.sep).join('/'));
    expect(found).toEqual(['package.json', 'packages/a/package.json', 'packages/a/test/package.json']);
  });
});

describe('foldersUpTo (what a run looks at above a package)', () => {
  const top = path.join(path.sep, 'repo');
  it('lists the folder and those above it up to the top, nearest first', () => {
    expect(foldersUpTo(path.join(top, 'packages', 'svc'), top)).toEqual([path.join(top, 'packages', 'svc'), path.join(top, 'packages'), top]);
    expect(foldersUpTo(top, top)).toEqual([top]);
  });
  it('lists nothing for a folder outside the top, nor for one whose name only starts with two dots', () => {
    expect(foldersUpTo(path.join(path.sep, 'elsewhere'), top)).toEqual([]);
    expect(foldersUpTo(path.dirname(top), top)).toEqual([]);
    expect(foldersUpTo(path.join(top, '..cache'), top)).toEqual([path.join(top, '..cache'), top]);
  });
});
