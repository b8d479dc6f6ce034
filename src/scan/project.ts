/**
 * The project rules' part of a run (ProjectRule), shared by scan and fix so that both read the
 * same files for them and see the same folders covered: what the rules keep of each code file,
 * and what they report once the files are read.
 */
import type { Finding, Severity } from '../model.js';
import type { ConfigFile, Definition, ProjectFile, ProjectReport, ProjectRule, ProjectTree } from '../rules/types.js';
import { classifyFile } from './files.js';
import { parseFile } from '../analysis/parse.js';
import { lineMapper } from './lines.js';
import { findSuppression, parseSuppressions } from './suppress.js';

/**
 * What the rules keep of one code file's text: every rule's for MCP code, and for other code the
 * rules one of whose anchors it holds.
 */
export function projectDefinitions(rules: readonly ProjectRule[], text: string, mcp: boolean): Definition[] {
  return rules.filter((rule) => mcp || rule.anchors.some((anchor) => text.includes(anchor))).flatMap((rule) => rule.definitions(text));
}

/** What the rules that read config keep of one deployment config file (ProjectRule.configDefinitions). */
export function projectConfigDefinitions(rules: readonly ProjectRule[], file: Pick<ConfigFile, 'path' | 'text' | 'kind'>): Definition[] {
  return rules.flatMap((rule) => rule.configDefinitions?.(file) ?? []);
}

/** What the rules report on the files, each report with its rule, in the rules' order. */
export function projectReports(rules: readonly ProjectRule[], files: readonly ProjectFile[], tree?: ProjectTree): Array<{ rule: ProjectRule; report: ProjectReport }> {
  const reports: Array<{ rule: ProjectRule; report: ProjectReport }> = [];
  if (files.length === 0) return reports;
  for (const rule of rules) rule.check(files, (report) => reports.push({ rule, report }), tree);
  return reports;
}

/**
 * A project rule's report as a finding, given the text of the file it names and the run's
 * severities (its configuration's `rules`): undefined where a suppression comment on its line
 * silences it. `replaced`: how many findings of the folder it covers it stands for (said in the
 * message). Scan lists it; fix leaves it for a person.
 */
export function projectFinding(rule: ProjectRule, report: ProjectReport, text: string, severities: Record<string, Severity | 'off'>, replaced: number): Finding | undefined {
  const lines = lineMapper(text);
  // A suppression comment on the line, as on any finding's (`// mcp-migrate-ignore sdk-copy`; `#` in
  // deployment config, which is not parsed as code).
  const code = classifyFile(report.file)?.type === 'code' ? () => parseFile(text, report.file) : undefined;
  if (findSuppression(parseSuppressions(text, lines, code), report.line, rule.id, rule.category)) return undefined;
  // The report's own severity, unless the configuration names the rule; else the rule's, as configured.
  const severity = report.severity && severities[rule.id] === undefined ? report.severity : (severities[rule.id] ?? severities[rule.category] ?? rule.severity);
  return {
    ruleId: rule.id,
    category: rule.category,
    severity: severity === 'off' ? rule.severity : severity,
    file: report.file,
    line: report.line,
    column: report.column,
    endLine: report.line,
    endColumn: report.column,
    message: replaced > 0 ? `${report.message} (${replaced} finding(s) in it not listed)` : report.message,
    snippet: lines.lineText(report.line).trim().slice(0, 240),
  };
}
