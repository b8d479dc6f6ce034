import type { ScanResult } from '../model.js';

/** `--format json`: the versioned schema documented in the README (schemaVersion 1). */
export function formatJson(result: ScanResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
