/**
 * Sentence and clause segmentation with offsets into the original text. Clauses split a
 * roundup sentence at the words that introduce another happening ("; meanwhile", "while in",
 * ", and a suicide bomber …", Arabic "فيما").
 */

/** A piece of the text and where it lies: `text.slice(start, end) === piece.text`. */
export interface Segment {
  start: number;
  end: number;
  text: string;
}

/** Abbreviations whose full stop does not end a sentence. */
const ABBREV =
  /(?:\b(?:Mr|Mrs|Dr|Gen|Col|Lt|Maj|Capt|Sgt|Brig|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|U\.S|U\.N|i\.e|e\.g|vs)|\b[A-Z])$/;

/**
 * Sentences of `text`: split after `.`, `!`, `?`, `؟`, `؛` or a line break, except after a known
 * abbreviation or an initial. Leading and trailing whitespace is excluded from each span.
 * @example sentences('A bomb exploded. Two died.').map((s) => s.text) // ['A bomb exploded.', 'Two died.']
 */
export function sentences(text: string): Segment[] {
  const out: Segment[] = [];
  const re = /[.!?؟؛]+["'”’)]*(?=\s|$)|\n+/g;
  let from = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (m[0][0] === '.' && ABBREV.test(text.slice(Math.max(0, m.index - 6), m.index))) continue;
    push(out, text, from, end);
    from = end;
  }
  push(out, text, from, text.length);
  return out;
}

/** Words that start another happening inside one sentence. */
const CLAUSE_BREAK =
  /(?:;\s*|,\s*(?=(?:while|whereas)\s+(?:in|at|near)\b)|,\s*(?=and\s+(?:a|an|another|a second|two|three)\s)|\s(?=(?:meanwhile|elsewhere|separately)\b)|\s(?=وفي\s+(?:سياق|حادث|هجوم))|،?\s(?=(?:فيما|بينما)\s))/giu;

/** Clauses of one sentence (a sentence without a break is one clause). */
export function clauses(sentence: Segment, text: string): Segment[] {
  const out: Segment[] = [];
  let from = sentence.start;
  CLAUSE_BREAK.lastIndex = 0;
  const body = sentence.text;
  for (let m = CLAUSE_BREAK.exec(body); m !== null; m = CLAUSE_BREAK.exec(body)) {
    const at = sentence.start + m.index + m[0].length;
    if (at - from < 12) continue;
    push(out, text, from, sentence.start + m.index);
    from = at;
  }
  push(out, text, from, sentence.end);
  return out;
}

function push(out: Segment[], text: string, start: number, end: number): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) out.push({ start, end, text: text.slice(start, end) });
}
