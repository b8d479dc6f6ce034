import { Chalk, type ChalkInstance } from 'chalk';

/**
 * Colours are on only for a TTY, and off under NO_COLOR (any value), FORCE_COLOR=0 (or false),
 * --no-color, or when the stream is not a terminal. FORCE_COLOR with another value turns them on
 * for those who want them in CI logs.
 */
export function colorsFor(stream: NodeJS.WriteStream, flag: boolean | undefined): ChalkInstance {
  const noColorEnv = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  const force = process.env.FORCE_COLOR;
  const forcedOff = force === '0' || force === 'false';
  const forced = force !== undefined && force !== '' && !forcedOff;
  const enabled = flag !== false && !noColorEnv && !forcedOff && (forced || stream.isTTY === true);
  return new Chalk({ level: enabled ? 1 : 0 });
}
