/**
 * The README's rule and codemod tables are generated from the registries and must be current.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REASON_IDS } from '../src/model.js';
import { REPO } from './helpers/cli.js';

describe('README', () => {
  it('lists every rule and codemod as the registries define them', () => {
    expect(() => execFileSync(process.execPath, ['scripts/docs.mjs', '--check'], { cwd: REPO, stdio: 'pipe' })).not.toThrow();
  });

  it('names every reason id a finding may carry, and no other', () => {
    const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const paragraph = /^`reasons` tells findings[\s\S]*?\n\n/m.exec(readme)?.[0] ?? '';
    const named = [...paragraph.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]).filter((id) => id !== 'reasons');
    expect(named.sort()).toEqual([...REASON_IDS].sort());
  });
});
