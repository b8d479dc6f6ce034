/**
 * The project rules' part of a run (ProjectRule), shared by scan and fix so that both read the
 * same files for them and see the same folders covered: what the rules keep of each code file,
 * and what they report once the files are read.
 */
import type { Definition, ProjectFile, ProjectReport, ProjectRule } from '../rules/types.js';

/**
 * What the rules keep of one code file's text: every rule's for MCP code, and for other code the
 * rules one of whose anchors it holds.
 */
export function projectDefinitions(rules: readonly ProjectRule[], text: string, mcp: boolean): Definition[] {
  return rules.filter((rule) => mcp || rule.anchors.some((anchor) => text.includes(anchor))).flatMap((rule) => rule.definitions(text));
}

/** What the rules report on the files, each report with its rule, in the rules' order. */
export function projectReports(rules: readonly ProjectRule[], files: readonly ProjectFile[]): Array<{ rule: ProjectRule; report: ProjectReport }> {
  const reports: Array<{ rule: ProjectRule; report: ProjectReport }> = [];
  if (files.length === 0) return reports;
  for (const rule of rules) rule.check(files, (report) => reports.push({ rule, report }));
  return reports;
}
