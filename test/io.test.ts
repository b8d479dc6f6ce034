/**
 * The one writer every command uses (fix's rewrites, -o, --write-baseline, the caches): what it
 * keeps of a file it replaces, where it writes through a symlink, and how it says it cannot.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeWhere, stripBom, writeAccess, writeFileAtomic, WriteError } from '../src/io.js';
import { isRoot, tempDirs } from './helpers/cli.js';

const { tree } = tempDirs();

/** Runs a script as nobody (tests of what a user without rights sees); only when the tests run as root. */
function asNobody(script: string): { code: number; stderr: string } {
  try {
    execFileSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, '--input-type=module', '-e', script], { stdio: 'pipe', encoding: 'utf8' });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failure = error as { status?: number; stderr?: string };
    return { code: failure.status ?? -1, stderr: String(failure.stderr ?? '') };
  }
}

const IO = path.resolve(__dirname, '../dist/src/io.js');

describe('writeFileAtomic (trial 18B)', () => {
  it('writes a symlink\'s target and keeps the link (a chain of links too), with the temporary file beside the target', () => {
    const dir = tree({ 'shared/server.ts': 'old\n', 'src/.keep': '' });
    fs.symlinkSync('../shared/server.ts', path.join(dir, 'src/server.ts'));
    fs.symlinkSync('server.ts', path.join(dir, 'src/alias.ts'));
    writeFileAtomic(path.join(dir, 'src/alias.ts'), 'new\n');
    expect(fs.lstatSync(path.join(dir, 'src/alias.ts')).isSymbolicLink()).toBe(true);
    expect(fs.lstatSync(path.join(dir, 'src/server.ts')).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(path.join(dir, 'src/server.ts'))).toBe('../shared/server.ts');
    expect(fs.readFileSync(path.join(dir, 'shared/server.ts'), 'utf8')).toBe('new\n');
    expect(fs.readdirSync(path.join(dir, 'shared'))).toEqual(['server.ts']);
    expect(fs.readdirSync(path.join(dir, 'src')).sort()).toEqual(['.keep', 'alias.ts', 'server.ts']);
  });

  it('writes a file with hard links in place, so its other names see the new text (a rename would part them)', () => {
    const dir = tree({ 'src/server.ts': 'old\n' });
    fs.linkSync(path.join(dir, 'src/server.ts'), path.join(dir, 'server-copy.ts'));
    const inode = fs.statSync(path.join(dir, 'src/server.ts')).ino;
    expect(writeAccess(path.join(dir, 'src/server.ts'))).toMatchObject({ inPlace: true });
    writeFileAtomic(path.join(dir, 'src/server.ts'), 'new\n');
    expect(fs.readFileSync(path.join(dir, 'server-copy.ts'), 'utf8')).toBe('new\n');
    expect(fs.statSync(path.join(dir, 'src/server.ts')).ino).toBe(inode);
    expect(fs.statSync(path.join(dir, 'src/server.ts')).nlink).toBe(2);
  });

  it('keeps the full mode of the file it replaces, whatever the umask (664 stays 664, 600 stays 600); a new file takes the mode less the umask', () => {
    const dir = tree({ 'group.ts': 'a\n', 'private.ts': 'a\n' });
    fs.chmodSync(path.join(dir, 'group.ts'), 0o664);
    fs.chmodSync(path.join(dir, 'private.ts'), 0o600);
    const umask = process.umask(0o022);
    try {
      writeFileAtomic(path.join(dir, 'group.ts'), 'b\n');
      writeFileAtomic(path.join(dir, 'private.ts'), 'b\n');
      writeFileAtomic(path.join(dir, 'new.ts'), 'b\n', 0o666);
    } finally {
      process.umask(umask);
    }
    expect(fs.statSync(path.join(dir, 'group.ts')).mode & 0o7777).toBe(0o664);
    expect(fs.statSync(path.join(dir, 'private.ts')).mode & 0o7777).toBe(0o600);
    expect(fs.statSync(path.join(dir, 'new.ts')).mode & 0o7777).toBe(0o644);
    expect(fs.readFileSync(path.join(dir, 'group.ts'), 'utf8')).toBe('b\n');
  });

  it.runIf(isRoot)('keeps the owner and group of the file it replaces when the process may set them', () => {
    const dir = tree({ 'server.ts': 'a\n' });
    const nobody = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim());
    const nogroup = Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).trim());
    fs.chownSync(path.join(dir, 'server.ts'), nobody, nogroup);
    writeFileAtomic(path.join(dir, 'server.ts'), 'b\n');
    const stat = fs.statSync(path.join(dir, 'server.ts'));
    expect([stat.uid, stat.gid]).toEqual([nobody, nogroup]);
  });

  it.runIf(isRoot)('writes a writable file in a read-only folder in place; refuses a read-only file and a new file there, naming the file and why, never the temporary file', () => {
    const dir = tree({ 'ro/open.ts': 'a\n', 'ro/locked.ts': 'a\n' });
    execFileSync('chown', ['-R', 'nobody', dir]);
    fs.chmodSync(path.join(dir, 'ro/open.ts'), 0o666);
    fs.chmodSync(path.join(dir, 'ro/locked.ts'), 0o444);
    fs.chmodSync(path.join(dir, 'ro'), 0o555);
    const open = path.join(dir, 'ro/open.ts');
    const inode = fs.statSync(open).ino;
    const written = asNobody(`import { writeFileAtomic } from ${JSON.stringify(IO)}; writeFileAtomic(${JSON.stringify(open)}, 'b\\n');`);
    expect(written).toEqual({ code: 0, stderr: '' });
    expect(fs.readFileSync(open, 'utf8')).toBe('b\n');
    expect(fs.statSync(open).ino).toBe(inode);
    expect(fs.statSync(open).mode & 0o7777).toBe(0o666);
    for (const [name, reason] of [
      ['locked.ts', 'permission denied (the file is not writable)'],
      ['new.ts', `permission denied (the folder ${path.join(dir, 'ro')} is not writable)`],
    ]) {
      const file = path.join(dir, 'ro', name);
      const refused = asNobody(`import { writeFileAtomic } from ${JSON.stringify(IO)}; try { writeFileAtomic(${JSON.stringify(file)}, 'b\\n'); } catch (e) { process.stderr.write(e.name + ': ' + e.message); process.exit(3); }`);
      expect(refused).toEqual({ code: 3, stderr: `WriteError: cannot write ${file}: ${reason}` });
    }
    expect(fs.readFileSync(path.join(dir, 'ro/locked.ts'), 'utf8')).toBe('a\n');
    expect(fs.readdirSync(path.join(dir, 'ro')).sort()).toEqual(['locked.ts', 'open.ts']);
  });

  it('a missing folder, a directory or a symlink loop is a WriteError naming the file; writeAccess says the same before anything is written', () => {
    const dir = tree({ 'sub/.keep': '' });
    fs.symlinkSync('loop-b.json', path.join(dir, 'loop-a.json'));
    fs.symlinkSync('loop-a.json', path.join(dir, 'loop-b.json'));
    const cases: Array<[string, string]> = [
      [path.join(dir, 'no such dir', 'x.json'), `no such directory ${path.join(dir, 'no such dir')}`],
      [path.join(dir, 'sub'), 'is a directory'],
      [path.join(dir, 'loop-a.json'), 'symlink loop'],
    ];
    for (const [file, reason] of cases) {
      expect(writeAccess(file)).toEqual({ reason });
      let thrown: unknown;
      try {
        writeFileAtomic(file, '{}\n');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(WriteError);
      expect((thrown as WriteError).message).toBe(`cannot write ${file}: ${reason}`);
    }
    expect(fs.readdirSync(dir).sort()).toEqual(['loop-a.json', 'loop-b.json', 'sub']);
  });
});

describe('stripBom', () => {
  it('drops one leading byte order mark and nothing else', () => {
    expect(stripBom('\ufeff{"a":1}')).toBe('{"a":1}');
    expect(stripBom('{"a":"\ufeff"}')).toBe('{"a":"\ufeff"}');
    expect(stripBom('')).toBe('');
  });
});

describe('removeWhere', () => {
  it('removes what the test picks in place, in order, and says how many; also from arrays too long to spread into a call', () => {
    const small = [1, 2, 3, 4, 5, 6];
    expect(removeWhere(small, (n) => n % 2 === 0)).toBe(3);
    expect(small).toEqual([1, 3, 5]);
    // (splice(0, n, ...kept) threw "Maximum call stack size exceeded" here.)
    const large = Array.from({ length: 300_000 }, (_, i) => i);
    expect(removeWhere(large, (n) => n % 3 === 0)).toBe(100_000);
    expect([large.length, large[0], large[1], large.at(-1)]).toEqual([200_000, 1, 2, 299_999]);
  });
});
