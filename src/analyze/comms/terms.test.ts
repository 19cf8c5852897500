import { describe, expect, it } from 'vitest';
import { logOdds } from './log-odds.js';
import { commsTerms } from './terms.js';
import { storeWithDocs, type TestDoc } from './test-docs.js';
import { terms } from './tokenize.js';

describe('terms', () => {
  it('keeps hashtags whole and folds Arabic and Latin words, without stopwords or links', () => {
    expect(terms('RT @amaq: The #Islamic_State took Palmyra http://t.co/x 2016')).toEqual([
      '#islamic_state',
      'took',
      'palmyra',
    ]);
    expect(terms('سيطرة #الدولة_الإسلامية على مدينةِ تدمر')).toEqual([
      '#الدوله_الاسلاميه',
      'سيطره',
      'مدينه',
      'تدمر',
    ]);
    expect(terms('#Raqqa news from Raqqa', 'hashtags')).toEqual(['#raqqa']);
  });
});

describe('logOdds', () => {
  it('puts a term that rose first and one that fell last, and ignores rare terms', () => {
    const focus = new Map([
      ['palmyra', 40],
      ['aleppo', 10],
      ['raqqa', 50],
      ['once', 1],
    ]);
    const baseline = new Map([
      ['palmyra', 5],
      ['aleppo', 60],
      ['raqqa', 55],
      ['once', 0],
    ]);
    const s = logOdds(focus, baseline, { minCount: 2 });
    expect(s.map((x) => x.term)).toEqual(['palmyra', 'raqqa', 'aleppo']);
    expect(s[0]!.z).toBeGreaterThan(3);
    expect(s[2]!.z).toBeLessThan(-3);
    expect(Math.abs(s[1]!.z)).toBeLessThan(2);
  });
});

describe('commsTerms', () => {
  it('finds the hashtag and place that rose in the focus window, in both scripts', async () => {
    const docs: TestDoc[] = [];
    for (let i = 0; i < 30; i++) {
      docs.push({
        id: `b${i}`,
        published: `2016-01-${String((i % 28) + 1).padStart(2, '0')}`,
        text: `news from #Aleppo and Raqqa today, report ${i}`,
      });
    }
    for (let i = 0; i < 20; i++) {
      const ar = i % 2 === 0;
      docs.push({
        id: `f${i}`,
        published: `2016-03-${String((i % 28) + 1).padStart(2, '0')}`,
        text: ar
          ? `معارك في تدمر اليوم #تدمر`
          : `fighting in #Palmyra and Raqqa today, update ${i}`,
      });
    }
    const store = await storeWithDocs(docs);
    try {
      const r = await commsTerms(
        store,
        {},
        { focus: { from: '2016-03', to: '2016-03' }, minCount: 5 },
      );
      expect(r.baseline.window).toEqual({ from: '2016-01-01', to: '2016-02-29' });
      expect(r).toMatchObject({ focus: { n_documents: 20 }, baseline: { n_documents: 30 } });
      const rising = r.rising.map((t) => t.term);
      expect(rising.slice(0, 6)).toEqual(expect.arrayContaining(['#palmyra', 'تدمر', '#تدمر']));
      expect(rising).not.toContain('raqqa');
      expect(r.falling.map((t) => t.term)).toContain('#aleppo');
    } finally {
      store.close();
    }
  });

  it('defaults to the last 30 days against everything before', async () => {
    const store = await storeWithDocs([
      { id: 'x1', published: '2016-01-01', text: 'first post about the city of Mosul' },
      { id: 'x2', published: '2016-05-31', text: 'last post about the city of Mosul' },
    ]);
    try {
      const r = await commsTerms(store, {});
      expect(r.focus.window).toEqual({ from: '2016-05-02', to: '2016-05-31' });
      expect(r.baseline.window).toEqual({ from: '2016-01-01', to: '2016-05-01' });
    } finally {
      store.close();
    }
  });
});
