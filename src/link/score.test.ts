import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkRecord } from '../model/index.js';
import { clusterPairs } from './cluster.js';
import { scoreClusters } from './eval.js';
import { haversineKm } from '../gazetteer/distance.js';
import { jaccard, MATCH, scorePair } from './score.js';
import { noteTokens, placeTokens } from './tokens.js';
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
    expect(s.reasons).toContain('-1 tactics differ');
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

describe('jaccard', () => {
  it('measures overlap of hashed word sets', () => {
    const a = noteTokens('police patrol hit by a suicide car bomb');
    const b = noteTokens('suicide car bomb against a police patrol');
    // shared: police patrol suicide car bomb (5) of 7 distinct ('hit', 'against' differ)
    expect(jaccard(a, b)).toBeCloseTo(5 / 7, 6);
    expect(jaccard(a, noteTokens('market shelling'))).toBe(0);
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
