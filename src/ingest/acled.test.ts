import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../store/index.js';
import { acled } from './acled.js';
import { FieldError } from './errors.js';
import { gtd } from './gtd.js';
import { importFile } from './importer.js';
import { ucdp } from './ucdp.js';

const GOOD = 'test/fixtures/ingest/acled/good.csv';
const OLD = 'test/fixtures/ingest/acled/old.csv';
const BAD = 'test/fixtures/ingest/acled/bad.csv';
type Rec = Record<string, string>;
const read = (file: string) => parse(readFileSync(file), { columns: true }) as Rec[];
const good = read(GOOD);
const old = read(OLD);
const ctx = { line: 2, warn: () => undefined };
const row = (rows: Rec[], id: string) => rows.find((r) => r.event_id_cnty === id)!;
const map = (id: string, patch: Rec = {}) => acled.toEvent({ ...row(good, id), ...patch }, ctx);

/** The FieldError `toEvent` throws for a record, so tests can check its column and message. */
function fieldError(r: Rec): FieldError {
  try {
    acled.toEvent(r, ctx);
  } catch (err) {
    if (err instanceof FieldError) return err;
    throw err;
  }
  throw new Error('expected a FieldError');
}

describe('acled.toEvent', () => {
  it('maps an IED row to a bombing tagged ied, with the source values kept in raw', () => {
    // IRQ41001: IS roadside bomb against an army patrol south of Kirkuk city.
    const e = map('IRQ41001');
    expect(e).toMatchObject({
      id: 'acled:IRQ41001',
      origin: 'dataset',
      source_id: 'acled',
      external_id: 'IRQ41001',
      date: '2021-09-05',
      date_precision: 1,
      country: 'IRQ',
      admin1: 'Kirkuk',
      admin2: 'Kirkuk',
      admin3: 'Markaz Kirkuk',
      location: 'Kirkuk',
      lat: 35.4681,
      lon: 44.3922,
      geo_precision: 1,
      actor1: 'Islamic State (Iraq)',
      actor2: 'Military Forces of Iraq (2020-)',
      attack_type: 'bombing',
      tactics: ['ied'],
      target_type: null,
      fatalities: 2,
      wounded: null,
      claimed: null,
    });
    expect(e.notes).toMatch(/^On 5 September 2021, an IED planted by IS militants/);
    expect(e.raw).toMatchObject({
      event_type: 'Explosions/Remote violence',
      sub_event_type: 'Remote explosive/landmine/IED',
      disorder_type: 'Political violence',
      inter1: 'Rebel group',
      inter2: 'State forces',
      interaction: 'Rebel group-State forces',
      source: 'Shafaq News',
      source_scale: 'National',
      iso: '368',
    });
    // The narrative is already in notes; it is not stored twice.
    expect(e.raw).not.toHaveProperty('notes');
  });

  it.each([
    ['IRQ41002', 'bombing', ['suicide'], 'private_citizens'],
    ['SYR88001', 'bombing', ['indirect_fire', 'shelling'], 'private_citizens'],
    ['SYR88002', 'bombing', ['airstrike'], null],
    ['IRQ41003', 'bombing', [], 'private_citizens'],
    ['IRQ41004', 'armed_assault', ['clash'], null],
    ['SYR88003', 'armed_assault', [], 'private_citizens'],
    ['IRQ41005', 'kidnapping', ['kidnapping'], 'private_citizens'],
    ['SYR88004', 'armed_assault', [], null],
    ['IRQ41006', 'unarmed_assault', [], 'private_citizens'],
    ['IRQ41007', null, [], null],
    ['SYR88005', null, [], null],
  ])('maps %s to attack type %s, tactics %j and target %s', (id, attack, tactics, target) => {
    const e = map(id);
    expect(e.attack_type).toBe(attack);
    expect(e.tactics).toEqual(tactics);
    expect(e.target_type).toBe(target);
  });

  it('maps a chemical weapon attack to unknown, since ACLED does not say how it was delivered', () => {
    const e = map('SYR88002', { sub_event_type: 'Chemical weapon' });
    expect(e).toMatchObject({ attack_type: 'unknown', tactics: [] });
  });

  it('keeps event types that are not attacks in raw, with no attack type', () => {
    // IRQ41007: a peaceful protest in Basrah over power cuts.
    const e = map('IRQ41007');
    expect(e).toMatchObject({ attack_type: null, actor1: 'Protesters (Iraq)', fatalities: 0 });
    expect(e.raw).toMatchObject({ event_type: 'Protests', sub_event_type: 'Peaceful protest' });
  });

  it('reads time_precision 2 as within a week and geo_precision 2 as near a place', () => {
    expect(map('IRQ41004')).toMatchObject({ date_precision: 2, geo_precision: 2 });
  });

  it('keeps associated actors, tags and the timestamp in raw', () => {
    expect(map('IRQ41004').raw).toMatchObject({ assoc_actor_2: 'Tribal Militia (Iraq)' });
    expect(map('IRQ41002').raw).toMatchObject({
      tags: 'crowd size=no report',
      timestamp: '1700000000',
    });
  });

  it('reads the country from the numeric iso code when the name is not known', () => {
    expect(map('SYR88001', { country: 'Syrian Arab Rep.' }).country).toBe('SYR');
    expect(map('IRQ41001', { country: '' }).country).toBe('IRQ');
  });

  it('reads older exports: "05 September 2021" dates and the iso3 column', () => {
    // SYR87650 is dated 5-September-2021, IRQ40951 "12 Oct 2020" with month precision.
    expect(acled.toEvent(row(old, 'IRQ40950'), ctx)).toMatchObject({
      id: 'acled:IRQ40950',
      date: '2021-09-05',
      country: 'IRQ',
      attack_type: 'bombing',
      tactics: ['ied'],
      target_type: null,
    });
    expect(acled.toEvent(row(old, 'SYR87650'), ctx)).toMatchObject({
      date: '2021-09-05',
      country: 'SYR',
      attack_type: 'armed_assault',
      // No civilian_targeting column before 2022: Violence against civilians targets civilians.
      target_type: 'private_citizens',
    });
    expect(acled.toEvent(row(old, 'IRQ40951'), ctx)).toMatchObject({
      date: '2020-10-12',
      date_precision: 3,
      attack_type: 'armed_assault',
      tactics: ['clash'],
    });
    expect(acled.toEvent(row(old, 'IRQ40950'), ctx).raw).toMatchObject({
      data_id: '8390112',
      iso3: 'IRQ',
    });
  });

  it('trusts the iso3 column over the country name', () => {
    const e = acled.toEvent({ ...row(old, 'IRQ40950'), country: 'Sudan', iso3: 'SDN' }, ctx);
    expect(e.country).toBe('SDN');
  });

  it.each([
    [{ event_id_cnty: '' }, 'event_id_cnty', /missing value/],
    [{ event_date: 'early September 2021' }, 'event_date', /is not a date/],
    [{ event_date: '2021-02-30' }, 'event_date', /not a calendar date/],
    [{ latitude: '123' }, 'latitude', /123 is outside -90..90/],
    [{ longitude: '' }, 'longitude', /missing while latitude is present/],
    [{ fatalities: 'several' }, 'fatalities', /"several" is not a non-negative whole number/],
    [{ time_precision: '4' }, 'time_precision', /"4" is not 1, 2 or 3/],
    [{ geo_precision: 'x' }, 'geo_precision', /"x" is not 1, 2 or 3/],
    [{ event_type: 'Terrorism' }, 'event_type', /"Terrorism" is not an ACLED event type/],
    [{ sub_event_type: 'Drone swarm' }, 'sub_event_type', /not an ACLED sub-event of Explosions/],
    [{ sub_event_type: 'Armed clash' }, 'sub_event_type', /not an ACLED sub-event/],
    [{ sub_event_type: '' }, 'sub_event_type', /missing value/],
    [{ civilian_targeting: 'Yes' }, 'civilian_targeting', /"Yes" is not "Civilian targeting"/],
    [
      { country: 'Atlantis', iso: '999' },
      'country',
      /"Atlantis" \(iso 999\) is not a known country/,
    ],
  ])('rejects %j naming the column %s', (patch, field, message) => {
    const err = fieldError({ ...row(good, 'IRQ41001'), ...patch });
    expect(err.field).toBe(field);
    expect(err.message).toMatch(message);
  });

  it('rejects an iso3 value that is not an alpha-3 code', () => {
    const err = fieldError({ ...row(old, 'IRQ40950'), iso3: 'IQ' });
    expect(err.field).toBe('iso3');
  });

  it('warns, and assumes the exact day, when time_precision is empty', () => {
    const warnings: string[] = [];
    const e = acled.toEvent(
      { ...row(good, 'IRQ41001'), time_precision: '' },
      { line: 2, warn: (k) => warnings.push(k) },
    );
    expect(e.date_precision).toBe(1);
    expect(warnings).toEqual(['time_precision missing: exact day assumed']);
  });
});

describe('acled.detect', () => {
  it('recognises current and older ACLED headers', () => {
    expect(acled.detect(Object.keys(good[0]!))).toBe(true);
    expect(acled.detect(Object.keys(old[0]!))).toBe(true);
    expect(acled.detect(['data_id', 'event_date', 'sub_event_type', 'actor1'])).toBe(true);
  });

  it('does not claim UCDP or GTD headers', () => {
    expect(acled.detect([...ucdp.requiredColumns, 'type_of_violence', 'date_prec'])).toBe(false);
    expect(acled.detect([...gtd.requiredColumns, 'summary', 'specificity'])).toBe(false);
  });

  it('requires the columns every ACLED export has', () => {
    const header = Object.keys(good[0]!);
    expect(acled.requiredColumns.filter((c) => !header.includes(c))).toEqual([]);
    expect(acled.requiredColumns.filter((c) => !Object.keys(old[0]!).includes(c))).toEqual([]);
  });
});

describe('importing ACLED', () => {
  let store: Store;
  beforeEach(async () => {
    store = await Store.open(':memory:');
  });
  afterEach(() => store.close());

  it('loads every row of a current export with canonical actors and pcodes', async () => {
    const r = await importFile(store, GOOD, { format: acled });
    expect(r).toMatchObject({ format: 'acled', rowsRead: 12, inserted: 12, quarantined: 0 });
    const rows = await store.all<Rec>(
      `SELECT id, date::VARCHAR AS date, country, admin1, admin1_code, actor1, attack_type,
              array_to_string(tactics, ';') AS tactics, target_type, fatalities,
              raw->>'event_type' AS event_type
       FROM events WHERE id IN ('acled:IRQ41001', 'acled:IRQ41007') ORDER BY id`,
    );
    expect(rows).toEqual([
      {
        // 35.4681, 44.3922 is Kirkuk city, in Kirkuk governorate (IQG13).
        id: 'acled:IRQ41001',
        date: '2021-09-05',
        country: 'IRQ',
        admin1: 'Kirkuk',
        admin1_code: 'IQG13',
        actor1: 'Islamic State',
        attack_type: 'bombing',
        tactics: 'ied',
        target_type: null,
        fatalities: 2,
        event_type: 'Explosions/Remote violence',
      },
      {
        // Basrah city: ACLED's "Al-Basrah" governorate, IQG02.
        id: 'acled:IRQ41007',
        date: '2021-07-04',
        country: 'IRQ',
        admin1: 'Al-Basrah',
        admin1_code: 'IQG02',
        actor1: 'Protesters (Iraq)',
        attack_type: null,
        tactics: '',
        target_type: null,
        fatalities: 0,
        event_type: 'Protests',
      },
    ]);
    const shelling = await store.one<Rec>(
      `SELECT array_to_string(tactics, ';') AS tactics, admin1_code FROM events
       WHERE id = 'acled:SYR88001'`,
    );
    // Ariha lies in Idleb governorate (SY07).
    expect(shelling).toEqual({ tactics: 'indirect_fire;shelling', admin1_code: 'SY07' });
  });

  it('loads an older export with dates written out in words', async () => {
    const r = await importFile(store, OLD, { format: acled });
    expect(r).toMatchObject({ rowsRead: 3, inserted: 3, quarantined: 0 });
    const dates = await store.all<{ id: string; date: string }>(
      'SELECT id, date::VARCHAR AS date FROM events ORDER BY id',
    );
    expect(dates).toEqual([
      { id: 'acled:IRQ40950', date: '2021-09-05' },
      { id: 'acled:IRQ40951', date: '2020-10-12' },
      { id: 'acled:SYR87650', date: '2021-09-05' },
    ]);
  });

  it('quarantines bad rows with line, field and reason, and still loads the good ones', async () => {
    const r = await importFile(store, BAD, { format: acled });
    expect(r).toMatchObject({ rowsRead: 8, inserted: 2, quarantined: 6 });
    const q = await store.all<{ line: number; field: string; reason: string }>(
      'SELECT line::INTEGER AS line, field, reason FROM quarantine ORDER BY line',
    );
    expect(q).toEqual([
      { line: 3, field: 'event_id_cnty', reason: expect.stringMatching(/missing value/) },
      {
        line: 4,
        field: 'event_date',
        reason: expect.stringMatching(/"early September 2021" is not a date/),
      },
      { line: 5, field: 'latitude', reason: '123 is outside -90..90' },
      { line: 6, field: 'fatalities', reason: '"several" is not a non-negative whole number' },
      { line: 7, field: '(row)', reason: 'expected 31 columns, found 8' },
      { line: 8, field: 'sub_event_type', reason: expect.stringMatching(/"Drone swarm" is not/) },
    ]);
    const ids = await store.all<{ id: string }>('SELECT id FROM events ORDER BY id');
    expect(ids.map((e) => e.id)).toEqual(['acled:IRQ42001', 'acled:IRQ42008']);
  });
});
