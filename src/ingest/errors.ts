/** The two kinds of import problem: a bad value in one row, and a file that cannot be read. */

/** A value in one row is unusable; the row goes to quarantine with this field and reason. */
export class FieldError extends Error {
  override name = 'FieldError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A field rule as a set-based lookup (see SetLookup): its value, or null where the rule throws
 * a FieldError, which sends the row to the JS mapper to be rejected with that message.
 */
export function asLookup<A extends unknown[]>(
  rule: (...args: A) => string | null,
): (...args: A) => { value: string | null } | null {
  return (...args) => {
    try {
      return { value: rule(...args) };
    } catch (err) {
      if (err instanceof FieldError) return null;
      throw err;
    }
  };
}

/**
 * The file as a whole cannot be imported (missing columns, not CSV, not UTF-8, …). The message
 * already names the place, `file:line: what was wrong, what was expected`; nothing is written.
 */
export class ImportError extends Error {
  override name = 'ImportError';
}
