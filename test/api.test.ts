/**
 * `import { scan } from 'mcp-migrate'` returns the same data as `mcp-migrate scan --format json`.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, CATEGORY_IDS, allRules, scan } from '../dist/src/index.js';
import { REPO, runCli } from './helpers/cli.js';

describe('programmatic API', () => {
  it('scan() equals the CLI JSON output', async () => {
    const sample = path.join(REPO, 'fixtures/sample-server');
    const api = await scan({ paths: [sample] });
    const cli = JSON.parse(runCli(['scan', sample, '--format', 'json']).stdout);
    const strip = (r: { summary: { durationMs: number } }) => ({ ...r, summary: { ...r.summary, durationMs: 0 } });
    expect(strip(JSON.parse(JSON.stringify(api)))).toEqual(strip(cli));
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
});
