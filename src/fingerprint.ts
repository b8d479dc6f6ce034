/**
 * Stable identities for findings, shared by the CI baseline and SARIF `partialFingerprints`.
 *
 * A fingerprint is (rule, file, normalised code of the finding's line): moving the code up or
 * down keeps it; editing the flagged line or renaming the file makes it a new finding. Two
 * identical lines in one file are told apart by their order (`#1`, `#2`).
 */
import { createHash } from 'node:crypto';
import type { Finding } from './model.js';

export function normaliseCode(snippet: string): string {
  return snippet.replace(/\s+/g, ' ').trim();
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** A fingerprint without its occurrence number: the same for every identical line of a file. */
export function fingerprintCode(print: string): string {
  return print.slice(0, print.lastIndexOf(':'));
}

/** Fingerprints in the order of `findings` (which must be sorted by file and line). */
export function fingerprints(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const base = `${f.ruleId}\u0000${f.file}\u0000${normaliseCode(f.snippet)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return `${hash(base)}:${n}`;
  });
}
