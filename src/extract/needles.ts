/**
 * The cheap pre-check before a rule's regex: each rule names lower-case needles, one of which
 * every match contains. Once per document, a rule none of whose needles occurs anywhere is
 * switched off (String#includes is far cheaper than a regex scan); per clause, the rules still
 * on are checked again on the clause, which is short.
 */
export class NeedleIndex {
  readonly #lower: string;
  readonly #off = new WeakSet<readonly string[]>();
  readonly #on = new WeakSet<readonly string[]>();

  constructor(text: string) {
    this.#lower = text.toLowerCase();
  }

  /** Length of the indexed text. */
  get length(): number {
    return this.#lower.length;
  }

  /** Whether one of `needles` occurs in the document (no needles: true); remembered per list. */
  inDocument(needles: readonly string[]): boolean {
    if (this.#on.has(needles)) return true;
    if (this.#off.has(needles)) return false;
    const found = mayMatch(needles, this.#lower);
    (found ? this.#on : this.#off).add(needles);
    return found;
  }
}

/** Whether lower-cased `lower` contains one of `needles` (no needles: always). */
export function mayMatch(needles: readonly string[], lower: string): boolean {
  if (needles.length === 0) return true;
  for (const n of needles) if (lower.includes(n)) return true;
  return false;
}
