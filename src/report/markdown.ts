/**
 * `mcp-migrate report` / `scan --format markdown`: the migration inventory as a Markdown
 * document to commit as MIGRATION.md or paste into an issue.
 */
import type { Finding } from '../model.js';
import { KILL_TEST, nextStep, PRIMER, servedOverStdioOnly, type Inventory, type Status } from '../inventory/inventory.js';

const STATUS_TEXT: Record<Status, string> = { done: '✅ done', todo: '⬜ to do', partial: '🟡 partly', 'n/a': '➖ n/a' };

/** Escapes text for a Markdown table cell or list item. */
export function md(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, ' ');
}

/** A link to a file and line, relative to where the report will live. */
export function fileLink(file: string, line: number, linkBase: string): string {
  const target = `${linkBase}${file}`.replace(/ /g, '%20');
  return `[${md(file)}:${line}](${target}#L${line})`;
}

export interface MarkdownOptions {
  /** Path prefix from the report's directory to the scanned root ('' when they are the same). */
  linkBase?: string;
}

export function formatMarkdown(inv: Inventory, options: MarkdownOptions = {}): string {
  const base = options.linkBase ?? '';
  const r = inv.result;
  const s = r.summary;
  const out: string[] = [];
  out.push('# MCP stateless migration inventory', '');
  out.push('Moving this server to the stateless MCP revision **2026-07-28**: what assumes that one instance serves consecutive requests, and what to do about it.', '');
  out.push('| | |', '|---|---|');
  out.push(`| Scanned root | \`${md(r.root)}\` |`);
  out.push(`| Date | ${inv.date} |`);
  out.push(`| Tool | ${r.tool.name} ${r.tool.version} |`);
  out.push(`| MCP SDK | ${inv.project.sdk === 'none' ? (inv.project.packages.some((p) => p.untold) ? `none found (${md(inv.project.sdkSummary)})` : 'none found') : `${inv.project.sdk} (${md(inv.project.sdkSummary)})`} |`);
  out.push(`| Server style | ${md(inv.project.serverStyles.join(', ') || 'not detected')} |`);
  out.push(`| Transport | ${md(inv.project.transports.join(', ') || 'not detected')} |`);
  out.push(`| Files | ${s.filesScanned} scanned, ${s.filesParsed} parsed${r.errors.length ? `, ${r.errors.length} could not be read fully` : ''} |`);
  out.push('');

  out.push('## Migration scope', '');
  if (s.findings === 0) {
    out.push(
      servedOverStdioOnly(inv.project)
        ? 'No stateful assumptions found. Served over stdio only, one process per client: there is no load balancer to test behind.'
        : 'No stateful assumptions found. Prove it with a kill test behind a round-robin load balancer before you remove stickiness.',
      '',
    );
  } else {
    const manual = s.findings - inv.fixable;
    out.push(
      `**${s.findings} finding(s)**: ${s.bySeverity.error} error(s), ${s.bySeverity.warning} warning(s), ${s.bySeverity.info} info. ` +
        `\`mcp-migrate fix\` can rewrite **${inv.fixable}** of them automatically; **${manual}** need a person.`,
      '',
    );
    out.push('| Category | Errors | Warnings | Info | Total | `fix` can rewrite |', '|---|---:|---:|---:|---:|---:|');
    for (const c of inv.categories) out.push(`| ${md(c.title)} (\`${c.id}\`) | ${c.counts.error} | ${c.counts.warning} | ${c.counts.info} | ${c.total} | ${c.fixable} |`);
    out.push('');
  }

  out.push('## Stateful tools', '');
  if (inv.tools.length === 0) {
    out.push(`No tool, prompt or resource handler was found to need the same instance across calls (what the scan does not follow is in the README's "Limits, honestly"${servedOverStdioOnly(inv.project) ? '' : '; the kill test proves it'}).`, '');
  } else {
    out.push('Each of these breaks when consecutive calls reach different instances. The handle replaces the implicit session: the minting tool returns it, every follow-up requires it as a documented argument.', '');
    out.push('| Tool | Where | Depends on | Handle to mint | `fix` |', '|---|---|---|---|---|');
    const fixText = { 'explicit-handles': 'rewrites it (explicit-handles)', marker: 'marks it for a person', manual: 'manual' } as const;
    for (const t of inv.tools) {
      const handle = t.handle ? `\`${t.handle}\` (from \`${t.mintedBy}\`)` : '—';
      const fix = t.rewritten ? `moves ${t.rewritten.join(', ')} under the handle (explicit-handles); ${fixText[t.fix] === 'manual' ? 'the rest is manual' : 'marks the rest for a person'}` : fixText[t.fix];
      out.push(`| \`${md(t.tool)}\` | ${fileLink(t.file, t.line, base)} | ${md(t.dependsOn)} | ${handle} | ${md(fix)} |`);
    }
    out.push('');
  }

  out.push('## Findings by category', '');
  if (r.findings.length === 0) out.push('None.', '');
  for (const c of inv.categories) {
    out.push(`### ${md(c.title)} (\`${c.id}\`): ${c.total}`, '', `${md(c.summary)}`, '');
    const inCategory = r.findings.filter((f: Finding) => f.category === c.id);
    for (const f of inCategory) {
      out.push(`- [ ] ${fileLink(f.file, f.line, base)} **${f.severity}** ${md(f.message)} (\`${f.ruleId}\`)  `);
      out.push(`  Next: ${md(nextStep(f, inv.availableCodemods, inv.preview))}`);
    }
    out.push('');
  }
  if (r.errors.length > 0) {
    out.push('### Files that could not be scanned fully', '');
    for (const e of r.errors) out.push(`- \`${md(e.file)}\`: ${md(e.message)}`);
    out.push('');
  }

  out.push(`## ${md(inv.checklistTitle)}`, '');
  out.push('| When | Step | Status | Detail |', '|---|---|---|---|');
  for (const item of inv.checklist) out.push(`| ${item.week} | ${md(item.step)} | ${STATUS_TEXT[item.status]} | ${md(item.detail)} |`);
  out.push('', ...(servedOverStdioOnly(inv.project) ? [] : [md(KILL_TEST), '']));

  out.push('## What changes on 2026-07-28', '');
  for (const p of PRIMER) out.push(`- ${p.text} ([spec](${p.link}))`);
  out.push('');
  return out.join('\n');
}
