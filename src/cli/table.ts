/** Plain-text tables for terminal output (no colours, so output can be piped and diffed). */

/** Renders rows as aligned columns; numbers right-aligned, nulls as blank. */
export function renderTable(
  rows: readonly Record<string, unknown>[],
  columns: readonly string[],
): string {
  const cell = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    if (Array.isArray(v)) return v.join(';');
    const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    // One line per row: untrusted text (notes, headlines) must not break the table layout.
    return s.replace(/[\r\n\t]+/g, ' ');
  };
  const body = rows.map((r) => columns.map((c) => cell(r[c])));
  const widths = columns.map((c, i) =>
    Math.min(60, Math.max(c.length, ...body.map((b) => [...b[i]!].length))),
  );
  const numeric = columns.map(
    (c) => rows.length > 0 && rows.every((r) => r[c] == null || typeof r[c] === 'number'),
  );
  const fmt = (vals: string[]) =>
    vals
      .map((v, i) => {
        const w = widths[i]!;
        const t = [...v].length > w ? [...v].slice(0, w - 1).join('') + '…' : v;
        return numeric[i] ? t.padStart(w) : t.padEnd(w);
      })
      .join('  ')
      .trimEnd();
  return [fmt([...columns]), fmt(widths.map((w) => '-'.repeat(w))), ...body.map(fmt)].join('\n');
}

/** `12430` → `12,430`. */
export function thousands(n: number): string {
  return n.toLocaleString('en-US');
}
