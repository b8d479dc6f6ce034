/**
 * Human output: findings grouped by file, each with a code frame, then a summary.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ChalkInstance } from 'chalk';
import { CATEGORIES, unnamedTool, type Finding, type ScanResult, type Severity } from '../model.js';
import { adviceFor, ruleById } from '../rules/index.js';
import { filesAndFolders, unreadCodeFile } from '../scan/files.js';

const SEVERITY_LABEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info' };

function paint(c: ChalkInstance, severity: Severity, text: string): string {
  return severity === 'error' ? c.red(text) : severity === 'warning' ? c.yellow(text) : c.blue(text);
}

/**
 * A line of the user's code made safe for a terminal: control characters (a raw NUL in a string,
 * an escape sequence) shown as their Control Pictures, one column each, so carets still line up.
 */
function printable(text: string): string {
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (ch) => (ch === '\x7f' ? '\u2421' : String.fromCharCode(0x2400 + ch.charCodeAt(0))));
}

function codeFrame(c: ChalkInstance, lines: string[] | undefined, finding: Finding): string[] {
  if (!lines) return [`      ${c.dim(printable(finding.snippet))}`];
  const out: string[] = [];
  const from = Math.max(1, finding.line - 1);
  const to = Math.min(lines.length, finding.line + 1);
  const width = String(to).length;
  for (let n = from; n <= to; n++) {
    const text = printable((lines[n - 1] ?? '').replace(/\t/g, '  ').slice(0, 160));
    const marker = n === finding.line ? c.red('>') : ' ';
    out.push(`    ${marker} ${c.dim(String(n).padStart(width))} | ${n === finding.line ? text : c.dim(text)}`);
    if (n === finding.line) {
      const endCol = finding.endLine === finding.line ? finding.endColumn : text.length + 1;
      const caretLength = Math.max(1, Math.min(endCol - finding.column, text.length - finding.column + 1));
      out.push(`      ${' '.repeat(width)} | ${' '.repeat(Math.max(0, finding.column - 1))}${c.red('^'.repeat(caretLength))}`);
    }
  }
  return out;
}

/** `accepted`: findings a baseline accepted and left out of `result` (check --baseline). */
export function formatPretty(result: ScanResult, c: ChalkInstance, options: { frames?: boolean; accepted?: number; changedOnly?: boolean } = {}): string {
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  for (const [file, findings] of byFile) {
    out.push(c.underline(file));
    let lines: string[] | undefined;
    if (options.frames !== false) {
      try {
        const absolute = path.isAbsolute(file) ? file : path.join(result.root, file);
        lines = fs.readFileSync(absolute, 'utf8').split(/\r?\n/);
      } catch {
        lines = undefined;
      }
    }
    for (const f of findings) {
      const where = c.dim(`${f.line}:${f.column}`);
      const tool = unnamedTool(f) ? c.cyan(` [${f.tool}]`) : '';
      const id = f.category === f.ruleId ? f.ruleId : `${f.category}/${f.ruleId}`;
      out.push(`  ${where}  ${paint(c, f.severity, SEVERITY_LABEL[f.severity])}  ${f.message}${tool}  ${c.dim(id)}`);
      if (options.frames !== false) out.push(...codeFrame(c, lines, f));
    }
    out.push('');
  }
  // What to do, once per rule that fired, most frequent first; info findings ask for nothing
  // (a 2025 path kept on purpose, a proxy's CORS list), so they are not counted here.
  const toFix = result.findings.filter((f) => f.severity !== 'info');
  if (toFix.length > 0) {
    const counts = new Map<string, number>();
    for (const f of toFix) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
    out.push(c.bold('How to fix'));
    for (const [ruleId, n] of [...counts].sort((a, b) => b[1] - a[1])) {
      const rule = ruleById(ruleId);
      if (!rule) continue;
      // The codemods the findings name, and for how many of them when not for all.
      const fixable = toFix.filter((f) => f.ruleId === ruleId && f.fix);
      const codemods = [...new Set(fixable.map((f) => f.fix))].join(', ');
      const auto = fixable.length > 0 ? ` ${c.green(`(mcp-migrate fix tries: ${codemods}${fixable.length < n ? `, for ${fixable.length} of ${n}` : ''})`)}` : '';
      // The part of the advice that applies, when it is the same for all of them (a CORS list); the
      // whole where one of them gets it. Findings that each get a part of their own (a stdio server's
      // initialize handler and a client's handshake) get each part, counted, on its own line: the
      // whole advice spoke of HTTP transports to both (trial 59B).
      const advice = new Map<string, number>();
      for (const f of toFix) if (f.ruleId === ruleId) advice.set(adviceFor(f), (advice.get(adviceFor(f)) ?? 0) + 1);
      if (advice.size > 1 && advice.size <= 4 && !advice.has(rule.fix.manual)) {
        out.push(`  ${c.bold(ruleId)} ×${n}:${auto} ${c.dim(rule.docs)}`);
        for (const [text, k] of [...advice].sort((a, b) => b[1] - a[1])) out.push(`      ×${k}: ${text}`);
      } else out.push(`  ${c.bold(ruleId)} ×${n}: ${advice.size === 1 ? [...advice.keys()][0] : rule.fix.manual}${auto} ${c.dim(rule.docs)}`);
    }
    out.push('');
  }
  for (const e of result.errors) out.push(`${c.yellow('mcp-migrate:')} ${e.file}: ${e.message}`);
  for (const u of result.unusedSuppressions) out.push(`${c.yellow('mcp-migrate:')} ${u.file}:${u.line}: ${u.unknown ? `suppression names an unknown rule or category id: ${u.ruleId}` : `unused suppression for ${u.ruleId}`}`);
  if (result.skipped.length > 0) {
    const shown = result.skipped.slice(0, 5).join(', ') + (result.skipped.length > 5 ? `, … (${result.skipped.length - 5} more)` : '');
    out.push(c.dim(`mcp-migrate: skipped as bundle${result.skipped.length === 1 ? '' : 's'} (minified, or written by a bundler or a compiler from sources elsewhere; not scanned): ${shown}`));
  }
  if (result.errors.length > 0 || result.unusedSuppressions.length > 0 || result.skipped.length > 0) out.push('');

  const s = result.summary;
  const files = new Set(result.findings.map((f) => f.file)).size;
  const scannedText = `${s.filesScanned} file${s.filesScanned === 1 ? '' : 's'} scanned in ${(s.durationMs / 1000).toFixed(2)}s`;
  // A code file that could not be read (not a deployment file's error; review 73).
  const unreadCode = result.errors.some(unreadCodeFile);
  // (A check of changed files only says so: the tree may well have sources, unchanged, trial 29A.)
  if (s.filesScanned > 0 && s.codeFilesScanned === 0) {
    out.push(
      c.yellow(
        options.changedOnly
          ? 'Only deployment config was among the changed files checked: no TypeScript or JavaScript file changed.'
          : unreadCode
            ? 'No TypeScript or JavaScript source could be read: only deployment config was scanned.'
            : 'No TypeScript or JavaScript sources were found: only deployment config was scanned (Python servers are not supported yet).',
      ),
    );
  }
  if (s.findings === 0) {
    const accepted = options.accepted ?? 0;
    // No green tick beside files it could not read whole (trial 54B: a syntax error passed for
    // clean), with a baseline or without (read-through 71).
    const partial = result.errors.length > 0 && s.codeFilesScanned > 0;
    const mark = partial ? c.yellow('⚠') : c.green('✔');
    const read = partial ? ' in what could be read' : '';
    if (accepted > 0) out.push(`${mark} No new stateful assumptions${read}: ${accepted} known finding${accepted === 1 ? '' : 's'} accepted by the baseline (${scannedText}).`);
    // (Nor a pass-like line where every code file failed to be read: trial 56B.)
    else if (s.codeFilesScanned === 0 && unreadCode) out.push(`${c.yellow('⚠')} No stateful assumptions found in what could be read (${scannedText}).`);
    else out.push(s.codeFilesScanned === 0 ? `No stateful assumptions in deployment config (${scannedText}).` : `${mark} No stateful assumptions found${read} (${scannedText}).`);
  } else {
    const parts = (['error', 'warning', 'info'] as const).filter((sev) => s.bySeverity[sev] > 0).map((sev) => paint(c, sev, `${s.bySeverity[sev]} ${sev}${s.bySeverity[sev] === 1 ? '' : 's'}`));
    // A red cross for errors; findings below that (what --fail-on lets pass by default) get a yellow mark.
    const mark = s.bySeverity.error > 0 ? c.red('✖') : c.yellow('⚠');
    out.push(`${mark} ${s.findings} finding${s.findings === 1 ? '' : 's'} (${parts.join(', ')}) in ${files} file${files === 1 ? '' : 's'} · ${scannedText}`);
    for (const [category, count] of Object.entries(s.byCategory)) {
      out.push(`  ${String(count).padStart(5)}  ${category.padEnd(20)} ${c.dim(CATEGORIES[category as keyof typeof CATEGORIES].title)}`);
    }
  }
  if (s.sdkV1ServerFiles > 0) {
    const n = s.sdkV1ServerFiles;
    // Counted by import: a tools module handed the server counts as much as the file that serves it.
    // Named, a few of them, where there are several (which packages of a monorepo); all in --format json's sdkV1Files.
    const named = n > 1 && result.sdkV1Files?.length ? ` (${result.sdkV1Files.slice(0, 3).join(', ')}${n > 3 ? `, and ${n - 3} more` : ''})` : '';
    out.push(c.dim(`  ${n} file${n === 1 ? '' : 's'}${named} import${n === 1 ? 's' : ''} the server API of @modelcontextprotocol/sdk v1, which speaks 2025 revisions only: 2026-07-28 clients need the v2 packages (\`mcp-migrate fix --target 2026-07-28\`), stateless or not.`));
  }
  if (s.suppressed > 0) out.push(c.dim(`  ${s.suppressed} suppressed by mcp-migrate-ignore comments.`));
  if (result.errors.length > 0) {
    // A folder the walk could not look into is no file (trial 53B: "1 file could not be scanned fully" for a folder).
    out.push(c.yellow(`  ${filesAndFolders(result.errors)} could not be scanned fully (listed above).`));
  }
  return `${out.join('\n')}\n`;
}
