/**
 * The cheap pre-check before a rule's regex: each rule names lower-case needles, one of which
 * every match contains, and a rule none of whose needles occurs in a clause is not run. All
 * needles are found in one pass over the lower-cased document (Aho–Corasick), so the per-clause
 * check is a look-up instead of a scan.
 */

/** A multi-string matcher over a fixed set of needles. */
export class NeedleAutomaton {
  readonly #next: Array<Map<number, number>> = [new Map()];
  readonly #fail: number[] = [0];
  /** Needles ending at each state (its own and those reached through fail links). */
  readonly #out: string[][] = [[]];
  /** The root's transitions as a dense table: most characters of a text leave from the root. */
  readonly #root = new Int32Array(65_536);

  constructor(needles: Iterable<string>) {
    for (const n of new Set(needles)) {
      let s = 0;
      for (let i = 0; i < n.length; i++) {
        const c = n.charCodeAt(i);
        let t = this.#next[s]!.get(c);
        if (t === undefined) {
          t = this.#next.length;
          this.#next.push(new Map());
          this.#fail.push(0);
          this.#out.push([]);
          this.#next[s]!.set(c, t);
        }
        s = t;
      }
      this.#out[s]!.push(n);
    }
    // Breadth-first: a state's fail link is the longest proper suffix that is also a prefix.
    const queue = [...this.#next[0]!.values()];
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q]!;
      for (const [c, t] of this.#next[s]!) {
        let f = this.#fail[s]!;
        while (f !== 0 && !this.#next[f]!.has(c)) f = this.#fail[f]!;
        const g = this.#next[f]!.get(c);
        this.#fail[t] = g !== undefined && g !== t ? g : 0;
        this.#out[t]!.push(...this.#out[this.#fail[t]!]!);
        queue.push(t);
      }
    }
    for (const [c, t] of this.#next[0]!) this.#root[c] = t;
  }

  /** Start offsets of every needle occurring in `lower`. */
  scan(lower: string): Map<string, number[]> {
    const hits = new Map<string, number[]>();
    let s = 0;
    for (let i = 0; i < lower.length; i++) {
      const c = lower.charCodeAt(i);
      let t = s === 0 ? 0 : this.#next[s]!.get(c);
      while (t === undefined) {
        s = this.#fail[s]!;
        t = s === 0 ? 0 : this.#next[s]!.get(c);
      }
      s = t === 0 ? this.#root[c]! : t;
      if (s === 0) continue;
      for (const n of this.#out[s]!) {
        const at = hits.get(n);
        if (at) at.push(i - n.length + 1);
        else hits.set(n, [i - n.length + 1]);
      }
    }
    return hits;
  }
}

/** The needles found in one document, answering per clause. */
export class NeedleIndex {
  readonly #lower: string;
  /** null when lower-casing changed the length (offsets would not line up): check by scan. */
  readonly #hits: Map<string, number[]> | null;

  constructor(text: string, automaton: NeedleAutomaton) {
    this.#lower = text.toLowerCase();
    this.#hits = this.#lower.length === text.length ? automaton.scan(this.#lower) : null;
  }

  /** Whether one of `needles` lies wholly inside [start, end) of the document (none: true). */
  mayMatch(needles: readonly string[], start: number, end: number): boolean {
    if (needles.length === 0) return true;
    if (this.#hits === null) return mayMatch(needles, this.#lower.slice(start, end));
    for (const n of needles) {
      const at = this.#hits.get(n);
      if (!at) continue;
      for (const p of at) if (p >= start && p + n.length <= end) return true;
    }
    return false;
  }
}

/** Whether lower-cased `lower` contains one of `needles` (no needles: always). */
export function mayMatch(needles: readonly string[], lower: string): boolean {
  if (needles.length === 0) return true;
  for (const n of needles) if (lower.includes(n)) return true;
  return false;
}

/** A rule whose regular expression (global) can only match where one of `needles` occurs. */
export interface NeedleRule {
  needles: readonly string[];
  re: RegExp;
}

/**
 * Every match of every rule in `text` (offsets in `m` are relative to `text`), skipping the
 * rules whose needles do not occur: through `index` (built once over the document `text`
 * starts at `base` in) when given, else by scanning `text` itself.
 */
export function* ruleMatches<R extends NeedleRule>(
  rules: readonly R[],
  text: string,
  base = 0,
  index?: NeedleIndex,
): Generator<[R, RegExpExecArray]> {
  const lower = index ? '' : text.toLowerCase();
  for (const rule of rules) {
    const possible = index
      ? index.mayMatch(rule.needles, base, base + text.length)
      : mayMatch(rule.needles, lower);
    if (!possible) continue;
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m !== null; m = rule.re.exec(text)) yield [rule, m];
  }
}
