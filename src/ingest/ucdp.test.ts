import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../store/index.js';
import { FieldError } from './errors.js';
import { importFile } from './importer.js';
import { ucdp } from './ucdp.js';

const GOOD = 'test/fixtures/ingest/ucdp/good.csv';
const BAD = 'test/fixtures/ingest/ucdp/bad.csv';
const records = parse(readFileSync(GOOD), { columns: true }) as Record<string, string>[];
const ctx = { line: 2, warn: () => undefined };

describe('ucdp.toEvent', () => {
  it('maps a GED row to an event with stable id, precisions and the headline as notes', () => {
    // 217045: IS vs SDF in al-Hasakah, where_prec 2 (within 25 km), date_prec 1.
    const e = ucdp.toEvent(
      records.find((r) => r.id === '217045')!,
      ctx,
    );
    expect(e).toMatchObject({
      id: 'ucdp:217045',
      origin: 'dataset',
      source_id: 'ucdp_ged',
      external_id: '217045',
      date_precision: 1,
      geo_precision: 2,
      country: 'SYR',
      admin1: 'Al Hasakah',
      actor1: 'IS',
      actor2: 'SDF',
    });
    expect(e.notes).toBeTruthy();
    // IS vs SDF is a non-state conflict: type_of_violence 2, kept verbatim.
    expect(e.raw?.type_of_violence).toBe('2');
  });

  it('decodes the headline character references in notes, once, and keeps raw as published', () => {
    // A GED 19.1 headline as it is in the bundled file (Syria, SOHR), plus one escaped twice.
    const headline =
      'Warplanes bomb Jabal al-Zawiyah and people get out of Kafriya and Al-Fu&#8217;ah &amp;quot;IS&amp;quot;';
    const e = ucdp.toEvent({ ...records[0]!, source_headline: headline }, ctx);
    expect(e.notes).toBe(
      'Warplanes bomb Jabal al-Zawiyah and people get out of Kafriya and Al-Fu’ah &quot;IS&quot;',
    );
    expect(e.raw?.source_headline).toBe(headline);
  });

  it('maps date_prec 5 to month-or-vaguer and where_prec 6 (country) to coarse', () => {
    const e = ucdp.toEvent(
      records.find((r) => r.id === '236764')!,
      ctx,
    );
    expect(e.date_precision).toBe(3);
    expect(e.geo_precision).toBe(3);
  });

  it('names the column of an unknown precision code', () => {
    const r = { ...records[0]!, where_prec: '9' };
    expect(() => ucdp.toEvent(r, ctx)).toThrow(FieldError);
    expect(() => ucdp.toEvent(r, ctx)).toThrow(/not a GED precision code/);
  });

  it('detects GED headers and not others', () => {
    expect(ucdp.detect(Object.keys(records[0]!))).toBe(true);
    expect(ucdp.detect(['event_id_cnty', 'event_date', 'actor1'])).toBe(false);
  });
});

describe('importing UCDP GED', () => {
  let store: Store;
  beforeEach(async () => {
    store = await Store.open(':memory:');
  });
  afterEach(() => store.close());

  it('loads every good row with canonical actors and pcodes from the boundaries', async () => {
    const r = await importFile(store, GOOD);
    expect(r).toMatchObject({ format: 'ucdp', rowsRead: 10, inserted: 10, quarantined: 0 });
    const is = await store.all<{ id: string; actor1: string; admin1: string; admin1_code: string }>(
      `SELECT id, actor1, admin1, admin1_code FROM events WHERE id = 'ucdp:217045'`,
    );
    // The point lies in al-Hasakah governorate (pcode SY08); "IS" is the Islamic State.
    expect(is[0]).toMatchObject({ actor1: 'Islamic State', admin1_code: 'SY08' });
  });

  it('adds nothing when the same file is imported twice', async () => {
    await importFile(store, GOOD);
    const again = await importFile(store, GOOD);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 10 });
    const n = await store.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM events');
    expect(n?.n).toBe(10);
  });

  it('quarantines bad rows with line, field and reason, and still loads the good ones', async () => {
    const r = await importFile(store, BAD, { format: ucdp });
    expect(r.inserted).toBe(1);
    expect(r.quarantined).toBe(5);
    const q = await store.all<{ line: number; field: string; reason: string }>(
      'SELECT line::INTEGER AS line, field, reason FROM quarantine ORDER BY line',
    );
    expect(q).toEqual([
      { line: 3, field: 'date_start', reason: expect.stringMatching(/not a calendar date/) },
      {
        line: 4,
        field: 'best',
        reason: expect.stringMatching(/"many" is not a non-negative whole number/),
      },
      { line: 5, field: 'latitude', reason: expect.stringMatching(/outside -90..90/) },
      { line: 6, field: '(row)', reason: 'expected 41 columns, found 10' },
      {
        line: 7,
        field: 'id',
        reason: expect.stringMatching(/duplicate id .* \(first at line 2\)/),
      },
    ]);
  });

  it('does not duplicate quarantine rows when a bad file is imported again', async () => {
    await importFile(store, BAD, { format: ucdp });
    await importFile(store, BAD, { format: ucdp });
    const n = await store.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM quarantine');
    expect(n?.n).toBe(5);
  });
});
