/**
 * The README's rule and codemod tables are generated from the registries and must be current.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers/cli.js';

describe('README', () => {
  it('lists every rule and codemod as the registries define them', () => {
    expect(() => execFileSync(process.execPath, ['scripts/docs.mjs', '--check'], { cwd: REPO, stdio: 'pipe' })).not.toThrow();
  });
});
