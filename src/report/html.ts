/**
 * `--format html`: the same inventory as the Markdown report, as one self-contained page (inline
 * CSS and an inline SVG bar chart of findings per category; no scripts, no network).
 */
import { KILL_TEST, nextStep, PRIMER, servedOverStdioOnly, type Inventory, type Status } from '../inventory/inventory.js';
import type { Severity } from '../model.js';

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Inline `code` spans from Markdown-ish text. */
function inline(text: string): string {
  return esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

const STATUS: Record<Status, { label: string; cls: string }> = {
  done: { label: 'done', cls: 'ok' },
  todo: { label: 'to do', cls: 'todo' },
  partial: { label: 'partly', cls: 'part' },
  'n/a': { label: 'n/a', cls: 'na' },
};

const COLORS: Record<Severity, string> = { error: '#c62828', warning: '#ef8f00', info: '#1565c0' };

/** Horizontal stacked bars: one row per category, segments per severity. */
export function barChart(inv: Inventory): string {
  const rows = inv.categories;
  if (rows.length === 0) return '<p class="empty">No findings to chart.</p>';
  const max = Math.max(...rows.map((r) => r.total));
  const labelWidth = 280;
  const barWidth = 420;
  const rowHeight = 28;
  const height = rows.length * rowHeight + 10;
  const parts: string[] = [];
  rows.forEach((row, i) => {
    const y = 5 + i * rowHeight;
    parts.push(`<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end" class="label">${esc(row.title)}</text>`);
    let x = labelWidth;
    for (const severity of ['error', 'warning', 'info'] as const) {
      const n = row.counts[severity];
      if (n === 0) continue;
      const w = Math.max(2, Math.round((n / max) * barWidth));
      parts.push(
        `<rect class="bar" data-category="${row.id}" data-severity="${severity}" data-count="${n}" x="${x}" y="${y + 4}" width="${w}" height="${rowHeight - 10}" fill="${COLORS[severity]}"><title>${esc(row.title)}: ${n} ${severity}</title></rect>`,
      );
      x += w;
    }
    parts.push(`<text x="${x + 6}" y="${y + 17}" class="count">${row.total}</text>`);
  });
  return `<svg id="chart" role="img" aria-label="Findings per category" viewBox="0 0 ${labelWidth + barWidth + 60} ${height}" width="${labelWidth + barWidth + 60}" height="${height}">${parts.join('')}</svg>`;
}

export function formatHtml(inv: Inventory, options: { linkBase?: string } = {}): string {
  const base = options.linkBase ?? '';
  const r = inv.result;
  const s = r.summary;
  const link = (file: string, line: number) => `<a href="${esc(`${base}${file}`)}#L${line}">${esc(file)}:${line}</a>`;
  const header: Array<[string, string]> = [
    ['Scanned root', `<code>${esc(r.root)}</code>`],
    ['Date', esc(inv.date)],
    ['Tool', `${esc(r.tool.name)} ${esc(r.tool.version)}`],
    ['MCP SDK', inv.project.sdk === 'none' ? (inv.project.packages.some((p) => p.untold) ? `none found (${esc(inv.project.sdkSummary)})` : 'none found') : `${esc(inv.project.sdk)} (${esc(inv.project.sdkSummary)})`],
    ['Server style', esc(inv.project.serverStyles.join(', ') || 'not detected')],
    ['Transport', esc(inv.project.transports.join(', ') || 'not detected')],
    ['Files', `${s.filesScanned} scanned, ${s.filesParsed} parsed${r.errors.length ? `, ${r.errors.length} could not be read fully` : ''}`],
  ];
  const sections: string[] = [];
  sections.push(`<table class="meta">${header.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</table>`);
  sections.push('<h2>Migration scope</h2>');
  if (s.findings === 0) sections.push('<p>No stateful assumptions found.</p>');
  else {
    sections.push(
      `<p><strong>${s.findings} finding(s)</strong>: ${s.bySeverity.error} error(s), ${s.bySeverity.warning} warning(s), ${s.bySeverity.info} info. <code>mcp-migrate fix</code> can rewrite <strong>${inv.fixable}</strong>; <strong>${s.findings - inv.fixable}</strong> need a person.</p>`,
    );
  }
  if (inv.categories.length > 0) {
    sections.push(`<figure>${barChart(inv)}<figcaption>Findings per category <span class="legend"><i style="background:${COLORS.error}"></i>error <i style="background:${COLORS.warning}"></i>warning <i style="background:${COLORS.info}"></i>info</span></figcaption></figure>`);
  }
  sections.push('<h2>Stateful tools</h2>');
  if (inv.tools.length === 0) sections.push('<p>No handler needs the same instance across calls.</p>');
  else {
    const rows = inv.tools
      .map((t) => `<tr><td><code>${esc(t.tool)}</code></td><td>${link(t.file, t.line)}</td><td>${inline(t.dependsOn)}</td><td>${t.handle ? `<code>${esc(t.handle)}</code> from <code>${esc(t.mintedBy!)}</code>` : '—'}</td><td>${esc(t.fix)}${t.rewritten ? esc(` (explicit-handles moves ${t.rewritten.join(', ')})`) : ''}</td></tr>`)
      .join('');
    sections.push(`<table><thead><tr><th>Tool</th><th>Where</th><th>Depends on</th><th>Handle to mint</th><th>fix</th></tr></thead><tbody>${rows}</tbody></table>`);
  }
  sections.push('<h2>Findings by category</h2>');
  if (r.findings.length === 0) sections.push('<p>None.</p>');
  for (const c of inv.categories) {
    const items = r.findings
      .filter((f) => f.category === c.id)
      .map((f) => `<li class="${f.severity}">${link(f.file, f.line)} <span class="sev">${f.severity}</span> ${inline(f.message)} <code class="rule">${esc(f.ruleId)}</code><br><span class="next">Next: ${inline(nextStep(f, inv.availableCodemods, inv.preview))}</span></li>`)
      .join('');
    sections.push(`<h3>${esc(c.title)} <code>${c.id}</code> (${c.total})</h3><p class="summary">${inline(c.summary)}</p><ul class="findings">${items}</ul>`);
  }
  if (r.errors.length > 0) {
    sections.push(`<h3>Files that could not be scanned fully</h3><ul class="errors">${r.errors.map((e) => `<li><code>${esc(e.file)}</code>: ${esc(e.message)}</li>`).join('')}</ul>`);
  }
  sections.push(`<h2>${esc(inv.checklistTitle)}</h2>`);
  sections.push(
    `<table class="checklist"><thead><tr><th>When</th><th>Step</th><th>Status</th><th>Detail</th></tr></thead><tbody>${inv.checklist
      .map((i) => `<tr><td>${esc(i.week)}</td><td>${inline(i.step)}</td><td class="status ${STATUS[i.status].cls}">${STATUS[i.status].label}</td><td>${inline(i.detail)}</td></tr>`)
      .join('')}</tbody></table>`,
    servedOverStdioOnly(inv.project) ? '' : `<p>${esc(KILL_TEST)}</p>`,
  );
  sections.push(`<h2>What changes on 2026-07-28</h2><ul>${PRIMER.map((p) => `<li>${inline(p.text)} <a href="${esc(p.link)}">spec</a></li>`).join('')}</ul>`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>MCP stateless migration inventory</title>
<style>
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 1040px; padding: 0 1rem; color: #1d1d1f; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; } th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #eee; vertical-align: top; }
table.meta th { width: 10rem; color: #555; font-weight: 600; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, monospace; background: #f4f4f6; padding: 0 .25rem; border-radius: 3px; }
figure { margin: 1rem 0; } figcaption { color: #555; font-size: .9rem; }
.legend i { display: inline-block; width: .8rem; height: .8rem; margin: 0 .2rem 0 .8rem; vertical-align: middle; }
svg .label { font-size: 13px; fill: #333; } svg .count { font-size: 12px; fill: #555; }
ul.findings { list-style: none; padding-left: 0; } ul.findings li { padding: .35rem 0; border-bottom: 1px solid #f0f0f0; }
.sev { font-weight: 600; text-transform: uppercase; font-size: .75rem; } li.error .sev { color: ${COLORS.error}; } li.warning .sev { color: ${COLORS.warning}; } li.info .sev { color: ${COLORS.info}; }
.next { color: #555; font-size: .9rem; } .summary { color: #444; }
td.status { font-weight: 600; } table.checklist td:first-child, td.status { white-space: nowrap; } td.ok { color: #2e7d32; } td.todo { color: ${COLORS.error}; } td.part { color: ${COLORS.warning}; } td.na { color: #777; }
</style>
</head>
<body>
<h1>MCP stateless migration inventory</h1>
<p>Moving this server to the stateless MCP revision <strong>2026-07-28</strong>: what assumes that one instance serves consecutive requests, and what to do about it.</p>
${sections.join('\n')}
</body>
</html>
`;
}
