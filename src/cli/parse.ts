import { UsageError } from './errors.js';

/** Parses a whole-number flag; `allowZero` for offsets. */
export function positiveInt(value: string, flag: string, allowZero = false): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) {
    throw new UsageError(
      `--${flag}: "${value}" is not a ${allowZero ? 'non-negative' : 'positive'} whole number`,
    );
  }
  return n;
}
