/**
 * Offsets of a text as lines and columns (1-based), and a line's text: what a finding's range
 * and snippet are made of, and where a suppression comment stands.
 */
export interface RangeMapper {
  position(offset: number): { line: number; column: number };
  lineText(line: number): string;
}

export function lineMapper(text: string): RangeMapper {
  const starts = [0];
  // indexOf is native: a char-by-char loop runs in the interpreter on a cold start.
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return {
    position(offset) {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo + 1, column: offset - starts[lo] + 1 };
    },
    lineText(line) {
      const start = starts[line - 1] ?? 0;
      const end = line < starts.length ? starts[line] - 1 : text.length;
      return text.slice(start, end).replace(/\r$/, '');
    },
  };
}
