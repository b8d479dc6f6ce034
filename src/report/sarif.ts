/**
 * `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it. Every rule is declared in
 * `tool.driver.rules` with help text and `helpUri`; results carry repo-relative `/` URIs and
 * `partialFingerprints` that survive line shifts (see fingerprint.ts).
 */
import { availableCodemodIds } from '../codemods.js';
import { fingerprints } from '../fingerprint.js';
import { CATEGORIES, unnamedTool, type Finding, type ScanResult, type Severity } from '../model.js';
import { allRules } from '../rules/index.js';
import type { Rule } from '../rules/types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const SECURITY_SEVERITY: Record<Severity, string> = { error: '7.0', warning: '4.0', info: '1.0' };

export interface SarifOptions {
  /** Prefix from the repository root to the scanned root ('' or 'packages/server/'). */
  uriPrefix?: string;
  rules?: Rule[];
  /**
   * The scan's findings when `result` holds some of them only (check's new findings): identical
   * lines are numbered over all of them, so a result keeps the fingerprint `scan` gives it.
   */
  fingerprintsFrom?: readonly Finding[];
}

function ruleDescriptor(rule: Rule, codemods: ReadonlySet<string>) {
  const category = CATEGORIES[rule.category];
  const fix = rule.fix.codemod && codemods.has(rule.fix.codemod) ? `Automatic: \`mcp-migrate fix\` (codemod \`${rule.fix.codemod}\`). ${rule.fix.manual}` : rule.fix.manual;
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.why },
    help: {
      text: `${rule.why}\n\nFix: ${fix}\n\nSpec: ${rule.docs}`,
      markdown: `${rule.why}\n\n**Fix:** ${fix}\n\n[2026-07-28 specification](${rule.docs})`,
    },
    helpUri: rule.docs,
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { category: rule.category, tags: ['mcp', '2026-07-28', rule.category, category.title], precision: 'high', 'problem.severity': LEVEL[rule.severity] === 'note' ? 'recommendation' : LEVEL[rule.severity] },
  };
}

export function formatSarif(result: ScanResult, options: SarifOptions = {}): string {
  const rules = options.rules ?? allRules;
  const codemods = availableCodemodIds();
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const from = options.fingerprintsFrom && new Set(options.fingerprintsFrom);
  const all = from && result.findings.every((f) => from.has(f)) ? options.fingerprintsFrom! : result.findings;
  const allPrints = fingerprints(all);
  const printOf = new Map(all.map((f, i) => [f, allPrints[i]]));
  const prints = result.findings.map((f) => printOf.get(f)!);
  const prefix = options.uriPrefix ?? '';
  const results = result.findings.map((f, i) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId) ?? -1,
    level: LEVEL[f.severity],
    message: { text: unnamedTool(f) ? `${f.message} (tool: ${f.tool})` : f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: `${prefix}${f.file}`, uriBaseId: '%SRCROOT%' },
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn, snippet: { text: f.snippet } },
        },
      },
    ],
    partialFingerprints: { 'mcpMigrateFinding/v1': prints[i] },
    properties: { category: f.category, 'security-severity': SECURITY_SEVERITY[f.severity], ...(f.tool !== undefined ? { tool: f.tool } : {}) },
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: result.tool.name,
            version: result.tool.version,
            semanticVersion: result.tool.version,
            informationUri: 'https://www.npmjs.com/package/mcp-migrate',
            rules: rules.map((r) => ruleDescriptor(r, codemods)),
          },
        },
        automationDetails: { id: 'mcp-migrate/' },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: result.errors.map((e) => ({
              level: 'warning',
              message: { text: e.message },
              locations: [{ physicalLocation: { artifactLocation: { uri: `${prefix}${e.file}`, uriBaseId: '%SRCROOT%' } } }],
            })),
          },
        ],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
