/**
 * Helpers for rules that read deployment config as text, line by line, skipping comments.
 */
import type { ConfigFile, Reporter } from '../types.js';

export interface ConfigLine {
  /** 0-based offset of the line start in the file. */
  start: number;
  /** The line without its trailing comment. */
  code: string;
  raw: string;
}

/** Lines of a config file with `#` comments removed (nginx, HAProxy, YAML, TOML, Dockerfile). */
export function configLines(file: ConfigFile): ConfigLine[] {
  const lines: ConfigLine[] = [];
  let start = 0;
  for (const raw of file.text.split('\n')) {
    const code = stripHashComment(raw);
    lines.push({ start, code, raw });
    start += raw.length + 1;
  }
  return lines;
}

function stripHashComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i);
  }
  return line;
}

/** Reports every line whose code matches `pattern`, spanning the match. */
export function reportMatches(lines: ConfigLine[], pattern: RegExp, report: Reporter, message: (match: RegExpExecArray) => string): void {
  for (const line of lines) {
    const match = pattern.exec(line.code);
    if (!match) continue;
    const start = line.start + match.index;
    report({ start, end: start + match[0].length, message: message(match) });
  }
}
