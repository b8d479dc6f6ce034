/**
 * Inline expectations in scan fixtures (semgrep style):
 *
 *   // ruleid: session-header            the next code line yields exactly this finding
 *   // ruleid: session-map, session-state  ... or these (one finding each)
 *   // ok: session-state                 documents a look-alike that must not fire
 *
 * `#` works the same in config fixtures. The annotation applies to the next line that is not
 * itself an annotation or blank. Every finding of a fixture must be announced, and every
 * announced finding must appear: no more, no fewer.
 */
export interface Expected {
  line: number;
  ruleId: string;
}

const ANNOTATION = /^\s*(?:\/\/|#|\/\*|\*|\{\/\*)\s*(ruleid|ok):\s*([\w\-, ]+)/;

export function parseExpectations(text: string): { expected: Expected[]; ok: Expected[] } {
  const lines = text.split('\n');
  const expected: Expected[] = [];
  const ok: Expected[] = [];
  let pending: Array<{ kind: string; ids: string[] }> = [];
  lines.forEach((line, index) => {
    const match = ANNOTATION.exec(line);
    if (match) {
      pending.push({ kind: match[1], ids: match[2].split(',').map((s) => s.trim()).filter(Boolean) });
      return;
    }
    if (line.trim() === '' || pending.length === 0) return;
    for (const p of pending) {
      for (const id of p.ids) (p.kind === 'ruleid' ? expected : ok).push({ line: index + 1, ruleId: id });
    }
    pending = [];
  });
  return { expected, ok };
}

export function key(e: Expected): string {
  return `${e.line}:${e.ruleId}`;
}
