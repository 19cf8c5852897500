import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertEvents } from '../analyze/test-events.js';
import { Store } from './db.js';
import { mapFacets, mapPoints } from './map-queries.js';

let store: Store;
const opts = { maxPoints: 10, binDeg: 0.05 };

beforeAll(async () => {
  store = await Store.open(':memory:');
  await insertEvents(store, [
    { id: 'a', date: '2016-05-03', country: 'IRQ', actor1: 'Islamic State', lat: 36.3, lon: 43.1 },
    // Two events in one 0.05° cell (cells 800 east, 700 north).
    {
      id: 'b',
      date: '2016-06-04',
      country: 'SYR',
      actor1: 'Islamic State',
      lat: 35.02,
      lon: 40.02,
    },
    { id: 'c', date: '2016-06-05', country: 'SYR', lat: 35.03, lon: 40.03 },
    { id: 'd', date: '2017-01-02', country: 'SYR', attack_type: 'bombing' },
  ]);
});
afterAll(() => store.close());

describe('mapPoints', () => {
  it('gives one point per located event, by id, up to maxPoints', async () => {
    expect(await mapPoints(store, { country: ['SYR'] }, opts)).toEqual({
      binned: false,
      points: [
        { id: 'b', lon: 40.02, lat: 35.02 },
        { id: 'c', lon: 40.03, lat: 35.03 },
      ],
    });
  });

  it('bins past maxPoints: mean position, count, id only for a lone event', async () => {
    const r = await mapPoints(store, {}, { ...opts, maxPoints: 2 });
    expect(r.binned).toBe(true);
    expect(r.points.map((p) => ({ ...p, lon: +p.lon.toFixed(3), lat: +p.lat.toFixed(3) }))).toEqual(
      [
        { id: null, lon: 40.025, lat: 35.025, n: 2 },
        { id: 'a', lon: 43.1, lat: 36.3, n: 1 },
      ],
    );
  });

  it('binds filter values: a quote in a value matches nothing rather than changing the SQL', async () => {
    const r = await mapPoints(store, { actor: ["x' OR '1'='1"] }, opts);
    expect(r).toEqual({ binned: false, points: [] });
  });
});

describe('mapFacets', () => {
  it('counts the non-empty values of each column and spans the dates', async () => {
    const f = await mapFacets(store);
    expect(f.total).toBe(4);
    expect([f.first, f.last]).toEqual(['2016-05-03', '2017-01-02']);
    expect(f.counts.country).toEqual([
      { value: 'SYR', n: 3 },
      { value: 'IRQ', n: 1 },
    ]);
    expect(f.counts.actor1).toEqual([{ value: 'Islamic State', n: 2 }]);
    expect(f.counts.attack_type).toEqual([{ value: 'bombing', n: 1 }]);
  });
});
