/**
 * The CI baseline: today's findings recorded by fingerprint, so a pre-merge check fails only on
 * findings that are new, while old ones are paid down over time. Stale entries (accepted
 * findings that are gone) are reported so the baseline can shrink.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fingerprints } from '../fingerprint.js';
import { writeFileAtomic } from '../io.js';
import type { Finding, ScanResult } from '../model.js';

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
  /** Informational only: matching ignores line numbers. */
  line: number;
  snippet: string;
}

export interface Baseline {
  schemaVersion: 1;
  tool: { name: string; version: string };
  entries: BaselineEntry[];
}

export class BaselineError extends Error {
  override name = 'BaselineError';
}

export function createBaseline(result: ScanResult): Baseline {
  const prints = fingerprints(result.findings);
  return {
    schemaVersion: 1,
    tool: result.tool,
    entries: result.findings.map((f, i) => ({ fingerprint: prints[i], ruleId: f.ruleId, file: f.file, line: f.line, snippet: f.snippet })),
  };
}

/** Reads a baseline; `file` is shown in messages as the user gave it, resolved against `cwd`. */
export function readBaseline(file: string, cwd = process.cwd()): Baseline {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(path.resolve(cwd, file), 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BaselineError(code === 'ENOENT' ? `${file}: no such baseline file (create it with --write-baseline ${file})` : `${file}: not a valid baseline (${(error as Error).message})`);
  }
  const b = parsed as Baseline;
  if (!b || b.schemaVersion !== 1 || !Array.isArray(b.entries) || b.entries.some((e) => typeof e?.fingerprint !== 'string' || typeof e?.file !== 'string')) {
    throw new BaselineError(`${file}: not an mcp-migrate baseline (expected schemaVersion 1 with entries)`);
  }
  return b;
}

export function writeBaselineFile(file: string, baseline: Baseline): void {
  writeFileAtomic(file, `${JSON.stringify(baseline, null, 2)}\n`);
}

export interface BaselineComparison {
  newFindings: Finding[];
  accepted: Finding[];
  stale: BaselineEntry[];
}

/**
 * Splits findings into new and accepted. `scannedFiles` limits stale detection to files this run
 * looked at (a diff-aware run must not call untouched files' entries stale).
 */
export function compareWithBaseline(result: ScanResult, baseline: Baseline, scannedFiles?: ReadonlySet<string>): BaselineComparison {
  const known = new Set(baseline.entries.map((e) => e.fingerprint));
  const prints = fingerprints(result.findings);
  const current = new Set(prints);
  const newFindings: Finding[] = [];
  const accepted: Finding[] = [];
  result.findings.forEach((f, i) => (known.has(prints[i]) ? accepted : newFindings).push(f));
  const stale = baseline.entries.filter((e) => !current.has(e.fingerprint) && (!scannedFiles || scannedFiles.has(e.file)));
  return { newFindings, accepted, stale };
}
