/**
 * Programmatic API: `import { scan } from 'mcp-migrate'` returns the same data as
 * `mcp-migrate scan --format json`.
 */
export { scan, Scanner, type ScanInstrument, type ScanOptions, type ScanPhase } from './scan/scanner.js';
export { PathError } from './scan/files.js';
export {
  CATEGORIES,
  CATEGORY_IDS,
  SCHEMA_VERSION,
  SEVERITIES,
  type CategoryId,
  type CategoryInfo,
  type Finding,
  type ScanError,
  type ScanNote,
  type ScanResult,
  type CheckVerdict,
  type ScanSummary,
  type Severity,
  type UnusedSuppression,
} from './model.js';
export { allRules, codeRules, configRules, ruleById } from './rules/index.js';
export type { Rule, RuleMeta, CodeRule, ConfigRule } from './rules/types.js';
export { TOOL_VERSION } from './version.js';
