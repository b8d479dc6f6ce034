/**
 * A one-line progress indicator on stderr, only when stderr is a terminal, redrawn at most
 * every 100 ms and erased when the scan ends.
 */
export interface Progress {
  update: (done: number, total: number) => void;
  done: () => void;
}

export function progressReporter(stream: NodeJS.WriteStream): Progress | undefined {
  if (!stream.isTTY || process.env.CI) return undefined;
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 100 && done !== total) return;
      last = now;
      shown = true;
      stream.write(`\r\x1b[2Kmcp-migrate: scanning ${done}/${total} files`);
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
