import { Chalk, type ChalkInstance } from 'chalk';

/**
 * Colours are on only for a TTY, and off under NO_COLOR (any value), --no-color, or when the
 * stream is not a terminal. FORCE_COLOR is honoured by chalk for those who want it in CI logs.
 */
export function colorsFor(stream: NodeJS.WriteStream, flag: boolean | undefined): ChalkInstance {
  const noColorEnv = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  const forced = process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0';
  const enabled = flag !== false && !noColorEnv && (forced || stream.isTTY === true);
  return new Chalk({ level: enabled ? 1 : 0 });
}
