import { describe, expect, it } from 'vitest';
import { clauses, sentences } from './segment.js';

const clauseTexts = (text: string): string[] =>
  sentences(text).flatMap((s) => clauses(s, text).map((c) => c.text));

describe('clauses', () => {
  it('splits ", and a suicide bomber …" off as another happening', () => {
    expect(
      clauseTexts(
        'A car bomb exploded near Tartus, killing at least 30 people, and a suicide bomber struck in Homs, killing four.',
      ),
    ).toEqual([
      'A car bomb exploded near Tartus, killing at least 30 people',
      'and a suicide bomber struck in Homs, killing four.',
    ]);
  });

  it('splits an Arabic sentence at "فيما" (while)', () => {
    const parts = clauseTexts(
      'أصيب ثلاثة من عناصر الشرطة بانفجار عبوة ناسفة في قضاء المقدادية، فيما قتل مدني بهجوم مسلح في قضاء الطارمية.',
    );
    expect(parts).toHaveLength(2);
    expect(parts[1]).toMatch(/^فيما/);
  });

  it('keeps "killing three soldiers and a civilian" whole', () => {
    expect(clauseTexts('A bomb hit a patrol, killing three soldiers and a civilian.')).toHaveLength(
      1,
    );
  });
});
