/**
 * The HTML report in a real headless Chromium (Debian's, driven by playwright-core): the page
 * loads from file:// with no network, and the chart is there and readable — one bar group per
 * category, widths proportional to the counts, labels inside the chart, colours on screen.
 *
 * Needs /usr/bin/chromium (or CHROMIUM_PATH): run scripts/install-chromium.sh. This test fails,
 * never skips, when Chromium is missing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInventory } from '../src/inventory/inventory.js';
import type { ProjectInfo } from '../src/inventory/project.js';
import { CATEGORIES, CATEGORY_IDS, type Finding, type ScanResult } from '../src/model.js';
import { formatHtml } from '../src/report/html.js';
import { runCli, tempTree } from './helpers/cli.js';
import { copyProject, SOURCE_DATE_EPOCH } from './helpers/golden.js';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const COLORS = { error: 'rgb(198, 40, 40)', warning: 'rgb(239, 143, 0)', info: 'rgb(21, 101, 192)' } as const;

const dirs: string[] = [];
let browser: Browser | undefined;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. The HTML report is tested in a real browser: run scripts/install-chromium.sh ` +
        '(as root; it installs Debian\'s chromium package, and CI runs it from .ci/run), or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

interface Rendered {
  page: Page;
  file: string;
  byCategory: Record<string, number>;
  requests: string[];
  problems: string[];
}

/** Writes the HTML report of `root` with the CLI (as a user would: -o next to the project) and opens it. */
async function render(root: string): Promise<Rendered> {
  const env = { SOURCE_DATE_EPOCH, GIT_CEILING_DIRECTORIES: path.dirname(root) } as unknown as NodeJS.ProcessEnv;
  const file = path.join(path.dirname(root), 'report.html');
  const r = runCli(['scan', '.', '--format', 'html', '-o', file, '--no-progress', '--fail-on', 'none'], { cwd: root, env });
  expect(r.code, r.stderr).toBe(0);
  const json = JSON.parse(runCli(['scan', '.', '--format', 'json', '--no-progress', '--fail-on', 'none'], { cwd: root, env }).stdout);
  const page = await browser!.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (req) => requests.push(req.url()));
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  const response = await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  expect(response?.ok() ?? true).toBe(true);
  return { page, file, byCategory: json.summary.byCategory, requests, problems };
}

interface Bar {
  category: string;
  severity: 'error' | 'warning' | 'info';
  count: number;
  x: number;
  width: number;
  height: number;
  fill: string;
}

async function bars(page: Page): Promise<Bar[]> {
  return page.$$eval('svg#chart rect.bar', (rects) =>
    rects.map((rect) => {
      const box = rect.getBoundingClientRect();
      return {
        category: rect.getAttribute('data-category') ?? '',
        severity: rect.getAttribute('data-severity') as 'error' | 'warning' | 'info',
        count: Number(rect.getAttribute('data-count')),
        x: box.x,
        width: box.width,
        height: box.height,
        fill: getComputedStyle(rect).fill,
      };
    }),
  );
}

/** Sum of rendered bar widths per category, in chart order. */
function widths(list: Bar[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const bar of list) out.set(bar.category, (out.get(bar.category) ?? 0) + bar.width);
  return out;
}

/** Share of a PNG's pixels close to each severity colour, measured by the browser itself. */
async function colourShares(page: Page, png: Buffer): Promise<Record<keyof typeof COLORS, number>> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const targets = { error: [198, 40, 40], warning: [239, 143, 0], info: [21, 101, 192] } as const;
    const hits = { error: 0, warning: 0, info: 0 };
    for (let i = 0; i < data.length; i += 4) {
      for (const [name, [r, g, b]] of Object.entries(targets)) {
        if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 24) hits[name as keyof typeof hits]++;
      }
    }
    const total = data.length / 4;
    return { error: hits.error / total, warning: hits.warning / total, info: hits.info / total };
  }, png.toString('base64'));
}

describe('HTML report in headless Chromium', () => {
  it('shows the chart for the sessionful bookshop: one bar group per category, proportional widths, colours on screen', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-migrate-html-'));
    dirs.push(parent);
    const { page, file, byCategory, requests, problems } = await render(copyProject('bookshop-sessionful', parent));
    try {
      expect(await page.title()).toBe('MCP stateless migration inventory');
      // Self-contained: the page itself is the only request; nothing is fetched, nothing logs errors.
      expect(requests).toEqual([pathToFileURL(file).href]);
      expect(problems).toEqual([]);

      const chart = page.locator('svg#chart');
      await chart.scrollIntoViewIfNeeded();
      expect(await chart.isVisible()).toBe(true);
      const box = (await chart.boundingBox())!;
      expect(box.width).toBeGreaterThan(300);
      expect(box.height).toBeGreaterThan(50);

      const list = await bars(page);
      const expectedCategories = CATEGORY_IDS.filter((c) => (byCategory[c] ?? 0) > 0);
      expect([...new Set(list.map((b) => b.category))]).toEqual(expectedCategories);
      for (const bar of list) {
        expect(bar.width, `${bar.category}/${bar.severity}`).toBeGreaterThan(0);
        expect(bar.height).toBeGreaterThan(0);
        expect(bar.fill).toBe(COLORS[bar.severity]);
        expect(bar.x).toBeGreaterThanOrEqual(box.x);
        expect(bar.x + bar.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
      }
      // Counts on the bars add up to the category totals.
      for (const c of expectedCategories) expect(list.filter((b) => b.category === c).reduce((n, b) => n + b.count, 0)).toBe(byCategory[c]);

      // Widths are proportional to the counts (each segment is rounded to whole pixels).
      const w = widths(list);
      const perFinding = [...w].map(([c, px]) => px / byCategory[c]);
      for (const [c, px] of w) {
        const segments = list.filter((b) => b.category === c).length;
        expect(Math.abs(px - byCategory[c] * perFinding[0]), c).toBeLessThanOrEqual(2 * segments);
      }
      const max = Math.max(...Object.values(byCategory));
      const widest = Math.max(...w.values());
      for (const [c, px] of w) if (byCategory[c] === max) expect(px).toBeCloseTo(widest, 0);
      for (const [c, px] of w) if (byCategory[c] < max) expect(px).toBeLessThan(widest);

      // A screenshot of the page is a real image, and the chart's colours are on it.
      const shot = path.join(parent, 'report.png');
      await page.screenshot({ path: shot, fullPage: true });
      const png = fs.readFileSync(shot);
      expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
      expect(png.length).toBeGreaterThan(20_000);
      const chartShot = await chart.screenshot({ path: path.join(parent, 'chart.png') });
      const shares = await colourShares(page, chartShot);
      expect(shares.error).toBeGreaterThan(0.05); // the error segments dominate this project
      expect(shares.warning).toBeGreaterThan(0.002);
      expect(shares.info).toBeGreaterThan(0.002);
      if (process.env.KEEP_SCREENSHOTS) fs.copyFileSync(shot, path.join(process.env.KEEP_SCREENSHOTS, 'bookshop-report.png'));
    } finally {
      await page.close();
    }
  });

  it('keeps every category label inside the chart, for every category there is', async () => {
    // One finding per category, so the longest titles are all on the chart.
    const findings: Finding[] = CATEGORY_IDS.map((category, i) => ({
      ruleId: category,
      category,
      severity: (['error', 'warning', 'info'] as const)[i % 3],
      file: `src/f${i}.ts`,
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 2,
      message: 'm',
      snippet: 's',
    }));
    const result: ScanResult = {
      schemaVersion: 1,
      tool: { name: 'mcp-migrate', version: '0.0.0' },
      root: '/project',
      findings,
      summary: { filesMatched: 1, filesScanned: 1, codeFilesScanned: 1, filesParsed: 1, filesSkipped: 0, findings: findings.length, suppressed: 0, bySeverity: { error: 5, warning: 4, info: 4 }, byCategory: {}, durationMs: 0 } as ScanResult['summary'],
      errors: [],
      unusedSuppressions: [],
      skipped: [],
    };
    const project: ProjectInfo = { packages: [], sdk: 'none', sdkSummary: '', serverStyles: [], transports: [], mentionsRoutingHeaders: false, headerFilters: 'none', hasOAuth: false };
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.setContent(formatHtml(buildInventory(result, project, new Set())), { waitUntil: 'load' });
      const chart = (await page.locator('svg#chart').boundingBox())!;
      const labels = await page.$$eval('svg#chart text.label', (texts) => texts.map((t) => ({ text: t.textContent ?? '', box: t.getBoundingClientRect().toJSON() as DOMRect })));
      expect(labels.map((l) => l.text)).toEqual(CATEGORY_IDS.map((c) => CATEGORIES[c].title));
      for (const { text, box } of labels) {
        expect(box.left, `"${text}" starts left of the chart and is clipped`).toBeGreaterThanOrEqual(chart.x);
        expect(box.width).toBeGreaterThan(0);
      }
      // Labels do not run into their bars.
      const firstBar = await page.$$eval('svg#chart rect.bar', (rects) => Math.min(...rects.map((r) => r.getBoundingClientRect().left)));
      for (const { text, box } of labels) expect(box.right, `"${text}" overlaps its bar`).toBeLessThanOrEqual(firstBar);
    } finally {
      await page.close();
    }
  });

  it('orders bar widths by count: the largest category is strictly the widest', async () => {
    const headerReads = Array.from({ length: 8 }, (_, i) => `export const s${i} = (req: { headers: Record<string, string> }) => req.headers['mcp-session-id'];`).join('\n');
    const root = tempTree({
      'src/headers.ts': `${headerReads}\n`,
      'deploy/a.conf': 'upstream a {\n    ip_hash;\n    server 10.0.0.1:80;\n}\n',
      'deploy/b.conf': 'upstream b {\n    ip_hash;\n    server 10.0.0.2:80;\n}\n',
      'deploy/c.conf': 'upstream c {\n    ip_hash;\n    server 10.0.0.3:80;\n}\n',
      'src/legacy.ts': "import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';\nexport const make = (res: never) => new SSEServerTransport('/messages', res);\n",
    });
    dirs.push(root);
    const { page, byCategory } = await render(root);
    try {
      expect(byCategory).toEqual({ 'session-header': 8, 'sse-legacy': 1, 'sticky-lb-config': 3 });
      const w = widths(await bars(page));
      expect([...w.keys()]).toEqual(['session-header', 'sse-legacy', 'sticky-lb-config']);
      expect(w.get('session-header')!).toBeGreaterThan(w.get('sticky-lb-config')!);
      expect(w.get('sticky-lb-config')!).toBeGreaterThan(w.get('sse-legacy')!);
      expect(w.get('session-header')! / w.get('sticky-lb-config')!).toBeCloseTo(8 / 3, 1);
      expect(w.get('sticky-lb-config')! / w.get('sse-legacy')!).toBeCloseTo(3, 1);
    } finally {
      await page.close();
    }
  });
});
