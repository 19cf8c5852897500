/**
 * Splits a document's text into plain and highlighted segments from evidence spans
 * (half-open UTF-16 `[start, end)`, as the extractor writes them). Overlapping spans merge into
 * one highlight that names every field; spans outside the text are clipped or dropped.
 */

export interface Span {
  start: number;
  end: number;
  field: string;
}

export interface Segment {
  text: string;
  /** Fields this segment is evidence for; empty for plain text. */
  fields: string[];
}

export function segments(text: string, spans: readonly Span[]): Segment[] {
  const clipped = spans
    .map((s) => ({
      start: Math.max(0, s.start),
      end: Math.min(text.length, s.end),
      field: s.field,
    }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Span[][] = [];
  for (const s of clipped) {
    const last = merged[merged.length - 1];
    if (last && s.start < Math.max(...last.map((x) => x.end))) last.push(s);
    else merged.push([s]);
  }
  const out: Segment[] = [];
  let at = 0;
  for (const group of merged) {
    const start = group[0]!.start;
    const end = Math.max(...group.map((x) => x.end));
    if (start > at) out.push({ text: text.slice(at, start), fields: [] });
    out.push({ text: text.slice(start, end), fields: [...new Set(group.map((x) => x.field))] });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), fields: [] });
  return out;
}
