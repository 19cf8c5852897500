import { describe, expect, it } from 'vitest';
import { extract } from './extract.js';
import { ExtractedEventSchema } from './types.js';

/** The text an evidence span points at. */
const at = (text: string, span: readonly [number, number] | undefined): string | undefined =>
  span ? text.slice(span[0], span[1]) : undefined;

describe('extract: golden sentences', () => {
  it('reads an Islamic State claim in Arabic with Arabic-Indic digits', () => {
    const text =
      'ولاية كركوك: تفجير عبوة ناسفة على آلية للجيش الرافضي في قضاء الحويجة وهلاك ٣ من عناصره';
    const [e, ...rest] = extract({ id: 'ar1', text, published: '2017-03-05' });
    expect(rest).toEqual([]);
    expect(e).toMatchObject({
      attack_type: 'bombing',
      tactics: ['ied'],
      target_type: 'military',
      fatalities: 3,
      actor1: 'Islamic State',
      claimed: true,
      admin1_code: 'IQG13', // Kirkuk governorate; the event is in Hawija, not at the wilaya label
    });
    expect(at(text, e!.evidence.attack_type)).toBe('تفجير');
    expect(at(text, e!.evidence.tactics)).toBe('عبوة ناسفة');
    expect(at(text, e!.evidence.fatalities)).toBe('هلاك ٣');
    expect(at(text, e!.evidence.location)).toBe('الحويجة');
    expect(at(text, e!.evidence.claimed)).toBe('ولاية كركوك');
    expect(ExtractedEventSchema.parse(e)).toEqual(e);
  });

  it('reads an English wire report: "at least 12 killed and 30 wounded", claimed by ISIS', () => {
    const text =
      "BAGHDAD, March 4 (Reuters) - A car bomb exploded in a crowded market in Baghdad's Sadr City on Friday, " +
      'leaving at least 12 people killed and 30 wounded, police said. ISIS claimed responsibility for the attack.';
    const [e] = extract({ id: 'en1', text, published: '2017-03-04' });
    expect(e).toMatchObject({
      date: '2017-03-03', // "on Friday" before a Saturday report; the dateline dates the report
      date_precision: 1,
      attack_type: 'bombing',
      tactics: ['vbied'],
      target_type: 'private_citizens',
      fatalities: 12,
      wounded: 30,
      actor1: 'Islamic State',
      claimed: true,
      admin1_code: 'IQG08',
    });
    expect(at(text, e!.evidence.date)).toBe('on Friday');
    expect(at(text, e!.evidence.fatalities)).toBe('leaving at least 12');
    expect(at(text, e!.evidence.wounded)).toBe('30 wounded');
    expect(at(text, e!.evidence.actor1)).toBe('ISIS');
    expect(at(text, e!.evidence.claimed)).toBe('claimed responsibility');
    expect(at(text, e!.evidence.target_type)).toBe('market');
  });

  it('splits a roundup paragraph into its two attacks', () => {
    const text =
      'In Kirkuk, a roadside bomb killed two soldiers on Tuesday. Meanwhile in Diyala, gunmen attacked ' +
      'a police checkpoint near Baquba, killing three policemen and wounding seven. No group has claimed responsibility.';
    const events = extract({ id: 'r1', text, published: '2017-03-09' });
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      attack_type: 'bombing',
      tactics: ['ied'],
      target_type: 'military',
      fatalities: 2,
      admin1_code: 'IQG13', // Kirkuk
      date: '2017-03-07',
    });
    expect(events[1]).toMatchObject({
      attack_type: 'armed_assault',
      target_type: 'police',
      fatalities: 3,
      wounded: 7,
      admin1_code: 'IQG10', // Diyala, near Baquba
      claimed: false,
      date: '2017-03-07', // the roundup's day carries over
    });
    expect(at(text, events[1]!.evidence.fatalities)).toBe('killing three');
    expect(at(text, events[1]!.evidence.claimed)).toBe('No group has claimed');
  });

  it('yields nothing from background-only paragraphs', () => {
    const paragraphs = [
      'Islamic State has carried out dozens of attacks this year in Anbar. The group is estimated to have 2,000 fighters in the province.',
      'Police arrested five suspects in Ramadi on Sunday. Parliament approved the security budget.',
      'In 2014, the militants seized Mosul and killed hundreds of people.',
      'At least 1,000 Iraqis were killed in violence in March, the United Nations said.',
    ];
    for (const text of paragraphs)
      expect(extract({ id: 'bg', text, published: '2018-05-01' })).toEqual([]);
  });

  it('tells "suspected IS militants" (claimed unknown) from a denial of any claim', () => {
    const text =
      'Suspected IS militants ambushed an army patrol near Tuz Khurmatu, killing four soldiers.';
    const [e] = extract({ id: 's1', text });
    expect(e).toMatchObject({
      actor1: 'Islamic State',
      claimed: null,
      attack_type: 'armed_assault',
      tactics: ['ambush'],
      target_type: 'military',
      fatalities: 4,
    });
  });

  it('does not count the suicide bombers among the victims', () => {
    const text =
      'Two suicide bombers blew themselves up at a Shiite mosque in Baghdad, killing 15 worshippers. The two bombers were also killed.';
    const [e] = extract({ id: 'sb', text });
    expect(e).toMatchObject({
      fatalities: 15,
      attackers_killed: 2,
      target_type: 'religious',
      tactics: ['suicide'],
    });
  });
});

describe('extract: bad input', () => {
  it('returns [] for empty and whitespace text', () => {
    expect(extract({ id: 'e', text: '' })).toEqual([]);
    expect(extract({ id: 'e', text: ' \n\t ' })).toEqual([]);
  });
  it('returns [] for binary text', () => {
    const text = String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => i % 32));
    expect(extract({ id: 'b', text })).toEqual([]);
  });
  it('reads a 10 MB text without throwing (first MAX_CHARS characters)', () => {
    const text = 'A roadside bomb killed two soldiers in Kirkuk. '.repeat(220_000);
    expect(text.length).toBeGreaterThan(10_000_000);
    const events = extract({ id: 'big', text });
    expect(events.length).toBeGreaterThan(0);
  });

  it('takes a later "death toll rose to 15" as the event\'s count, not a new event', () => {
    const text =
      'A car bomb exploded in a market in Tikrit on Saturday, killing six people. The death toll rose to 15 on Sunday as more bodies were pulled from the rubble, a police officer said.';
    const events = extract({ id: 'toll', text, published: '2017-03-06' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ fatalities: 15, date: '2017-03-04' });
    expect(at(text, events[0]!.evidence.fatalities)).toBe('death toll rose to 15');
  });

  it('reads "another bomb … in the same area" as a second event at the first one\'s place', () => {
    const text =
      'A bomb exploded near a bakery in Sadr City on Friday, killing three people. On Sunday, another bomb exploded in the same area, killing four.';
    const events = extract({ id: 'same', text, published: '2017-03-06' });
    expect(events.map((e) => [e.location, e.date, e.fatalities])).toEqual([
      ['Sadr City', '2017-03-03', 3],
      ['Sadr City', '2017-03-05', 4],
    ]);
    // The second event's place is carried over: no span of its own to show.
    expect(events[1]!.evidence.location).toBeUndefined();
  });

  it('splits two towns of one governorate on the same day into two events', () => {
    // Qamishli and Hasakah city are ~70 km apart; Syria has no admin2 boundaries to tell them apart.
    const text =
      'A suicide attacker drove an explosives-laden truck into a checkpoint at the entrance of Qamishli on Wednesday, killing 44 people. On the same day, three people were wounded when a bomb went off in Hasakah.';
    const events = extract({ id: 'q', text, published: '2016-08-01' });
    expect(events.map((e) => [e.location, e.fatalities, e.wounded])).toEqual([
      ['Al Qamishli', 44, null],
      ['Al Hasakah', null, 3],
    ]);
  });

  it('makes no event of an army statement counting militants killed (مقتل ٢٠ إرهابيا)', () => {
    const text =
      'أعلنت قيادة العمليات المشتركة مقتل ٢٠ إرهابيا بقصف جوي غرب الموصل، فيما انفجرت عبوة ناسفة على دورية للشرطة في الرمادي أدت إلى إصابة اثنين من المنتسبين.';
    const events = extract({ id: 'ar-ops', text, published: '2017-04-10' });
    expect(events.map((e) => [e.location, e.attack_type, e.target_type])).toEqual([
      ['Ramadi', 'bombing', 'police'],
    ]);
  });
});
