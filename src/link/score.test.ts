import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkRecord } from '../model/index.js';
import { clusterPairs } from './cluster.js';
import { scoreClusters } from './eval.js';
import { haversineKm } from '../gazetteer/distance.js';
import { MATCH, scorePair, wordOverlap, type ScoreRecord } from './score.js';
import { nameKey, noteTokens, placeTokens, weighWords } from './tokens.js';
import { HAND, linkWeights, setLinkModel } from './weights.js';

const day = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

function rec(over: Partial<LinkRecord> & { date?: string; notes?: string; location?: string }) {
  const { date = '2021-03-16', notes, location, ...rest } = over;
  const d = day(date);
  const base: LinkRecord = {
    id: 'x',
    origin: 'extracted',
    source_id: 'news',
    doc: null,
    lo: d,
    hi: d,
    date_precision: 1,
    lat: 33.7476,
    lon: 44.6403,
    geo_precision: 1,
    country: 'IRQ',
    admin1_code: 'IQG10',
    admin2_code: null,
    attack_type: 'bombing',
    tactics: [],
    target_type: null,
    actor1: null,
    fatalities: null,
    is_claim: false,
    tokens: noteTokens(notes ?? null),
    place: placeTokens(location ?? null),
  };
  return { ...base, ...rest };
}

/** Two attacks in one town on one day that must stay apart: an IED and a mortar strike. */
function iedAndMortar(): [LinkRecord, LinkRecord] {
  const ied = rec({ id: 'a', tactics: ['ied'], target_type: 'military', fatalities: 2 });
  const mortar = rec({
    id: 'b',
    tactics: ['indirect_fire'],
    target_type: 'private_citizens',
    fatalities: 7,
  });
  return [ied, mortar];
}

describe('scorePair with the hand-set weights', () => {
  // The reasons quote the weights, so these examples pin the hand-set ones (the fallback).
  beforeAll(() => setLinkModel(null));
  afterAll(() => setLinkModel(undefined));

  it('matches "Baqubah" with "40 km northeast of Baqubah" on the same day', () => {
    const town = rec({ id: 'a', origin: 'dataset', source_id: 'acled', fatalities: 3 });
    // The geoparser projects "40 km northeast of" from Baqubah at precision 2.
    const near = rec({ id: 'b', lat: 34.0081, lon: 44.9108, geo_precision: 2, fatalities: 3 });
    expect(haversineKm(town.lat!, town.lon!, near.lat!, near.lon!)).toBeGreaterThan(35);
    const s = scorePair(town, near);
    expect(s.decision).toBe('match');
    expect(s.reasons.join('; ')).toMatch(/km apart, at the edge of 50 km precision/);
  });

  it('keeps two different attacks in one town on one day apart', () => {
    const s = scorePair(...iedAndMortar());
    expect(s.score).toBeLessThan(MATCH);
    expect(s.reasons).toContain('-2 tactics differ: fired from afar vs brought to the target');
  });

  it('never merges two rows of one dataset, however alike', () => {
    const a = rec({ id: 'a', origin: 'dataset', source_id: 'ucdp_ged', fatalities: 4 });
    const b = rec({ id: 'b', origin: 'dataset', source_id: 'ucdp_ged', fatalities: 4 });
    expect(scorePair(a, b).decision).toBe('distinct');
  });

  it('does not hold a claim’s inflated toll against the match', () => {
    const report = rec({ id: 'a', fatalities: 5, tactics: ['suicide'] });
    const claim = rec({ id: 'b', fatalities: 40, tactics: ['suicide'], is_claim: true });
    const asReports = scorePair(report, { ...claim, is_claim: false });
    expect(scorePair(report, claim).score).toBeGreaterThan(asReports.score);
  });

  it('a month-precise record agrees weakly on dates and leans on place names', () => {
    const month = rec({
      id: 'a',
      lo: day('2007-03-01'),
      hi: day('2007-03-31'),
      lat: null,
      lon: null,
      geo_precision: null,
      location: 'Baghdad, Hay Drag',
    });
    const dayRec = rec({ id: 'b', date: '2007-03-14', location: 'Hay Drag, west Baghdad' });
    const s = scorePair(month, dayRec);
    expect(s.reasons).toEqual(
      expect.arrayContaining(['+0.4 dates overlap (month precision)', '+1.8 place names agree']),
    );
  });
});

describe('scorePair with the fitted weights (data/models/link.json)', () => {
  beforeAll(() => setLinkModel(undefined));

  it('loads the committed model rather than the hand-set weights', () => {
    expect(linkWeights()).not.toBe(HAND);
  });

  it('still matches Baqubah with 40 km NE of Baqubah and keeps two attacks in one town apart', () => {
    const town = rec({ id: 'a', origin: 'dataset', source_id: 'acled', fatalities: 3 });
    const near = rec({ id: 'b', lat: 34.0081, lon: 44.9108, geo_precision: 2, fatalities: 3 });
    expect(scorePair(town, near).decision).toBe('match');
    expect(scorePair(...iedAndMortar()).score).toBeLessThan(MATCH);
  });

  it('explains every score: the reasons’ weights and the prior add up to it', () => {
    const month = rec({
      id: 'a',
      origin: 'dataset',
      source_id: 'cpost',
      lo: day('2007-03-01'),
      hi: day('2007-03-31'),
      tactics: ['suicide'],
      fatalities: 12,
    });
    const dayRec = rec({ id: 'b', date: '2007-03-14', tactics: ['suicide'], fatalities: 12 });
    const s = scorePair(month, dayRec);
    const sum = s.reasons.reduce((t, r) => t + Number(r.split(' ')[0]), linkWeights()[0]!);
    expect(s.score).toBeCloseTo(sum, 1);
    expect(s.reasons.join('; ')).toMatch(/both 12 killed; .*tolls agree where dates are coarse/);
  });
});

describe('wordOverlap', () => {
  it('is the plain Jaccard of the word sets when the records were not weighed', () => {
    const a = rec({ id: 'a', notes: 'police patrol hit by a suicide car bomb' });
    const b = rec({ id: 'b', notes: 'suicide car bomb against a police patrol' });
    // shared: police patrol suicide car bomb (5) of 7 distinct ('hit', 'against' differ)
    expect(wordOverlap(a, b)).toBeCloseTo(5 / 7, 6);
    expect(wordOverlap(a, rec({ id: 'c', notes: 'market shelling' }))).toBe(0);
  });

  it('weighs a rare shared word above common ones once the set is weighed', () => {
    // Every report names a police checkpoint; only two name the Awakening Council.
    const set = [
      rec({ id: 'a', notes: 'Awakening Council checkpoint; motorcycle bomb' }),
      rec({ id: 'b', notes: 'checkpoint of Awakening Council volunteers; bomb' }),
      ...Array.from({ length: 8 }, (_, k) =>
        rec({ id: `p${k}`, notes: 'police checkpoint; car bomb' }),
      ),
    ];
    const plain = [wordOverlap(set[0]!, set[1]!), wordOverlap(set[0]!, set[2]!)];
    weighWords(set);
    const weighed = [wordOverlap(set[0]!, set[1]!), wordOverlap(set[0]!, set[2]!)];
    // Unweighed, the police reports share 2 of 7 words with the first; weighed, nothing:
    // "checkpoint" and "bomb" are in every report.
    expect(plain[1]).toBeCloseTo(2 / 7, 6);
    expect(weighed[1]).toBe(0);
    // The Awakening Council pair: ln(10/2) twice shared, of that plus two words ln(10/1) each.
    const w2 = Math.log(5);
    const w1 = Math.log(10);
    expect(weighed[0]).toBeCloseTo((2 * w2) / (2 * w2 + 2 * w1), 5);
  });
});

describe('nameKey', () => {
  it('gives transliterations of one name one key, and different names different keys', () => {
    for (const [x, y] of [
      ['masarif', 'masaref'],
      ['suliekh', 'sleikh'],
      ['kadhimiya', 'kadmia'],
      ['kadimiyah', 'kadhimiya'],
      ['qayara', 'qaiyara'],
      ['amiriya', 'ameriyah'],
      ['baquba', 'baqubah'],
    ]) {
      expect(nameKey(x!), `${x} ~ ${y}`).toBe(nameKey(y!));
    }
    for (const [x, y] of [
      ['mosul', 'ramadi'],
      ['mansour', 'amin'],
      ['karrada', 'kirkuk'],
      ['tikrit', 'taji'],
    ]) {
      expect(nameKey(x!), `${x} ≠ ${y}`).not.toBe(nameKey(y!));
    }
  });

  it("reads a word alike in one report's notes and another's location", () => {
    // CPOST names the target in its notes, IBC in its location column.
    const notes = noteTokens('Baghdad Tower Hotel or National Theater Building; car bomb');
    const place = placeTokens('near the National Theatre and Baghdad Tower Hotel, Karrada');
    const shared = [...notes].filter((t) => place.includes(t));
    // baghdad, tower, hotel, national, theater = theatre
    expect(shared).toHaveLength(5);
  });

  it('counts a place as rare only when it is finer than a governorate', () => {
    // Two reports known only to "Raqqa" governorate, eight about Aleppo: "raqqa" is rare in this
    // set, but a governorate names no particular place; a town of that name would.
    const set = (precision: 1 | 3): ScoreRecord[] => [
      rec({ id: 'a', location: 'Ar-Raqqa', geo_precision: precision }),
      rec({ id: 'b', location: 'Ar Raqqah', geo_precision: precision }),
      ...Array.from({ length: 8 }, (_, k) => rec({ id: `p${k}`, location: 'Aleppo' })),
    ];
    const governorates = set(3);
    const towns = set(1);
    weighWords(governorates);
    weighWords(towns);
    expect(governorates[0]!.rare?.length ?? 0).toBe(0);
    expect(towns[0]!.rare).toHaveLength(1);
    expect(scorePair(governorates[0]!, governorates[1]!).reasons.join('; ')).not.toContain(
      'few reports name',
    );
    expect(scorePair(towns[0]!, towns[1]!).reasons.join('; ')).toContain('few reports name');
  });

  it('makes place words of two spellings agree', () => {
    const a = placeTokens('Mosul, Al-Masarif neighborhood');
    const b = placeTokens('Al-Masaref, Mosul');
    expect([...a].sort()).toEqual([...b].sort());
  });
});

describe('clusterPairs', () => {
  it('refuses to chain a–b–c when a and c were never compatible', () => {
    const out = clusterPairs({
      n: 3,
      compatible: [
        { a: 0, b: 1, score: 4 },
        { a: 1, b: 2, score: 3 },
      ],
      match: MATCH,
    });
    expect(out.group[0]).toBe(out.group[1]);
    expect(out.group[2]).not.toBe(out.group[1]);
    expect(out.blocked).toEqual([{ a: 1, b: 2, score: 3 }]);
  });

  it('merges a triangle of compatible pairs', () => {
    const out = clusterPairs({
      n: 3,
      compatible: [
        { a: 0, b: 1, score: 4 },
        { a: 1, b: 2, score: 3 },
        { a: 0, b: 2, score: 0.5 },
      ],
      match: MATCH,
    });
    expect(new Set(out.group).size).toBe(1);
  });

  it('never merges two existing incidents', () => {
    const out = clusterPairs({
      n: 2,
      compatible: [{ a: 0, b: 1, score: 5 }],
      match: MATCH,
      initial: Int32Array.from([0, 1]),
    });
    expect(out.group[0]).not.toBe(out.group[1]);
  });
});

describe('scoreClusters', () => {
  it('computes pairwise and B-cubed scores', () => {
    const gold = new Map([
      ['a', '1'],
      ['b', '1'],
      ['c', '2'],
      ['d', '2'],
    ]);
    const predicted = new Map([
      ['a', 'x'],
      ['b', 'x'],
      ['c', 'x'],
      ['d', 'y'],
    ]);
    const s = scoreClusters(gold, predicted);
    // predicted pairs ab ac bc (1 true of 3); gold pairs ab cd (1 found of 2)
    expect(s).toMatchObject({ predicted_pairs: 3, gold_pairs: 2, true_pairs: 1 });
    expect(s.precision).toBeCloseTo(1 / 3, 4);
    expect(s.recall).toBe(0.5);
    // B-cubed precision: a 2/3, b 2/3, c 1/3, d 1 → 2/3; recall: a 1, b 1, c 1/2, d 1/2 → 3/4
    expect(s.bcubed_precision).toBeCloseTo(2 / 3, 4);
    expect(s.bcubed_recall).toBe(0.75);
  });
});
