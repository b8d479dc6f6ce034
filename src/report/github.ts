/**
 * `--format github`: GitHub Actions workflow commands (one annotation per finding, capped so a
 * legacy codebase does not flood the run) plus a Markdown job summary written to
 * $GITHUB_STEP_SUMMARY when it is set.
 */
import fs from 'node:fs';
import { CATEGORIES, severityRank, unnamedTool, type ScanResult, type Severity } from '../model.js';
import { md } from './markdown.js';

export const ANNOTATION_CAP = 50;
const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface GithubOptions {
  /** Prefix from the repository root to the scanned root, so annotations land on the right file. */
  uriPrefix?: string;
  cap?: number;
}

export function formatGithub(result: ScanResult, options: GithubOptions = {}): string {
  const cap = options.cap ?? ANNOTATION_CAP;
  const prefix = options.uriPrefix ?? '';
  const lines: string[] = [];
  // Most severe first, so the cap drops notices before errors.
  const ordered = [...result.findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  for (const f of ordered.slice(0, cap)) {
    const props = [`file=${escapeProperty(prefix + f.file)}`, `line=${f.line}`, `endLine=${f.endLine}`, `col=${f.column}`, `endColumn=${f.endColumn}`, `title=${escapeProperty(`mcp-migrate ${f.ruleId}`)}`];
    lines.push(`::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(unnamedTool(f) ? `${f.message} (tool: ${f.tool})` : f.message)}`);
  }
  if (ordered.length > cap) lines.push(`::notice title=mcp-migrate::${ordered.length - cap} more finding(s) not annotated (cap ${cap}); see the job summary or run mcp-migrate scan locally`);
  for (const e of result.errors) lines.push(`::warning file=${escapeProperty(prefix + e.file)},title=mcp-migrate could not scan::${escapeData(e.message)}`);
  const s = result.summary;
  lines.push(`mcp-migrate: ${s.findings} finding(s) (${s.bySeverity.error} error(s), ${s.bySeverity.warning} warning(s), ${s.bySeverity.info} info) in ${s.filesScanned} file(s)`);
  return `${lines.join('\n')}\n`;
}

export function githubSummary(result: ScanResult, title = 'mcp-migrate'): string {
  const s = result.summary;
  const out = [`## ${title}: ${s.findings === 0 ? 'no stateful assumptions' : `${s.findings} finding(s)`}`, ''];
  if (s.findings > 0) {
    out.push('| Category | Findings |', '|---|---:|');
    for (const [id, n] of Object.entries(s.byCategory)) out.push(`| ${CATEGORIES[id as keyof typeof CATEGORIES].title} (\`${id}\`) | ${n} |`);
    out.push('', '| Where | Severity | Finding |', '|---|---|---|');
    for (const f of result.findings.slice(0, 30)) out.push(`| \`${md(f.file)}:${f.line}\` | ${f.severity} | ${md(f.message)} |`);
    if (result.findings.length > 30) out.push(`| … | | ${result.findings.length - 30} more |`);
  }
  out.push('');
  return out.join('\n');
}

/** Appends the job summary when running inside GitHub Actions. */
export function writeGithubSummary(text: string): void {
  const target = process.env.GITHUB_STEP_SUMMARY;
  if (target) fs.appendFileSync(target, text);
}
