import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../store/index.js';
import { acled } from './acled.js';
import { FieldError } from './errors.js';
import { gtd } from './gtd.js';
import { importFile } from './importer.js';
import { ucdp } from './ucdp.js';

const GOOD = 'test/fixtures/ingest/gtd/good.csv';
const BAD = 'test/fixtures/ingest/gtd/bad.csv';
type Rec = Record<string, string>;
const good = parse(readFileSync(GOOD), { columns: true }) as Rec[];
const ctx = { line: 2, warn: () => undefined };
const row = (id: string) => good.find((r) => r.eventid === id)!;
const map = (id: string, patch: Rec = {}) => gtd.toEvent({ ...row(id), ...patch }, ctx);

/** The FieldError `toEvent` throws for a record, so tests can check its column and message. */
function fieldError(r: Rec): FieldError {
  try {
    gtd.toEvent(r, ctx);
  } catch (err) {
    if (err instanceof FieldError) return err;
    throw err;
  }
  throw new Error('expected a FieldError');
}

describe('gtd.toEvent', () => {
  it('maps a remote-triggered market bombing, keeping the labels in raw', () => {
    // 201501150001: ISIL bomb in a Baghdad market, claimed; 4 killed, 11 wounded.
    const e = map('201501150001');
    expect(e).toMatchObject({
      id: 'gtd:201501150001',
      origin: 'dataset',
      source_id: 'gtd',
      external_id: '201501150001',
      date: '2015-01-15',
      date_end: null,
      date_precision: 1,
      country: 'IRQ',
      admin1: 'Baghdad',
      location: 'Baghdad',
      lat: 33.312806,
      lon: 44.361488,
      geo_precision: 1,
      actor1: 'Islamic State of Iraq and the Levant (ISIL)',
      actor2: null,
      attack_type: 'bombing',
      tactics: ['ied'],
      target_type: 'private_citizens',
      fatalities: 4,
      wounded: 11,
      claimed: true,
    });
    expect(e.notes).toMatch(/^01\/15\/2015: An explosive device detonated in a market/);
    expect(e.raw).toMatchObject({
      attacktype1_txt: 'Bombing/Explosion',
      targtype1_txt: 'Private Citizens & Property',
      targsubtype1_txt: 'Marketplace/Plaza/Square',
      target1: 'Market',
      natlty1_txt: 'Iraq',
      weaptype1_txt: 'Explosives',
      weapsubtype1_txt: 'Remote Trigger',
      claimmode_txt: 'Unknown',
      location: 'The attack took place in the Shaab neighborhood.',
      nkillter: '0',
      region_txt: 'Middle East & North Africa',
    });
    // Codes beside their labels, and the summary (kept as notes), are not repeated.
    expect(e.raw).not.toHaveProperty('attacktype1');
    expect(e.raw).not.toHaveProperty('country');
    expect(e.raw).not.toHaveProperty('summary');
  });

  it('tags a suicide car bomb as both suicide and vbied', () => {
    // 201503120003: SVBIED at an army checkpoint in Samarra.
    expect(map('201503120003')).toMatchObject({
      attack_type: 'bombing',
      tactics: ['suicide', 'vbied'],
      target_type: 'military',
      fatalities: 10,
      wounded: 17,
      claimed: true,
      admin1: 'Saladin',
    });
  });

  it('dates an unknown day to the 1st of the month at month precision, and keeps unknown counts null', () => {
    // 201506000001: a journalist abducted in Raqqa "June 2015"; claim and casualties unknown.
    const warnings: string[] = [];
    const e = gtd.toEvent(row('201506000001'), { line: 4, warn: (k) => warnings.push(k) });
    expect(e).toMatchObject({
      date: '2015-06-01',
      date_precision: 3,
      country: 'SYR',
      attack_type: 'kidnapping',
      tactics: ['kidnapping'],
      target_type: 'journalists_media',
      fatalities: null,
      wounded: null,
      claimed: null,
    });
    expect(e.raw).toMatchObject({ approxdate: 'June 2015', claimed: '-9' });
    expect(warnings).toEqual(['day unknown: first of the month, month precision']);
  });

  it('dates an unknown month to January 1st at month-or-vaguer precision', () => {
    // 201400000002: an imam assassinated in Mosul sometime in 2014, by an unknown group.
    expect(map('201400000002')).toMatchObject({
      date: '2014-01-01',
      date_precision: 3,
      attack_type: 'assassination',
      tactics: ['assassination'],
      target_type: 'religious',
      actor1: null,
      claimed: false,
    });
  });

  it('ends an extended incident at its resolution date', () => {
    // 201406100005: the Turkish consulate in Mosul held from 10 to 14 June 2014.
    expect(map('201406100005')).toMatchObject({
      date: '2014-06-10',
      date_end: '2014-06-14',
      attack_type: 'barricade_hostage',
      tactics: [],
      target_type: 'government_diplomatic',
      claimed: null,
    });
  });

  it('ignores a resolution date on an incident that is not extended', () => {
    expect(map('201406100005', { extended: '0' }).date_end).toBeNull();
  });

  it('warns and leaves date_end empty when the resolution is unusable', () => {
    const warnings: string[] = [];
    const warn = (k: string) => warnings.push(k);
    const r = row('201406100005');
    expect(gtd.toEvent({ ...r, resolution: 'mid-June' }, { line: 6, warn }).date_end).toBeNull();
    expect(gtd.toEvent({ ...r, resolution: '2014-06-01' }, { line: 6, warn }).date_end).toBeNull();
    expect(warnings).toEqual([
      'resolution not a date: date_end left empty',
      'resolution before the incident date: date_end left empty',
    ]);
  });

  it('maps rockets to indirect fire, a second group to actor2 and specificity 3 to near a place', () => {
    // 201602210004: Nusra and Ahrar al-Sham rockets on a militia headquarters near Homs.
    expect(map('201602210004')).toMatchObject({
      attack_type: 'bombing',
      tactics: ['indirect_fire'],
      target_type: 'terrorists_militants',
      actor1: 'Al-Nusrah Front',
      actor2: 'Ahrar al-Sham',
      geo_precision: 2,
      claimed: false,
    });
  });

  it('tags an incendiary facility attack as arson, and "in the vicinity" as near a place', () => {
    // 201704090002: a substation set on fire on the outskirts of Kirkuk.
    expect(map('201704090002')).toMatchObject({
      attack_type: 'facility_attack',
      tactics: ['arson'],
      target_type: 'utilities',
      geo_precision: 2,
      fatalities: 0,
    });
  });

  it('takes tactics from a second attack type, and reads approxdate as within a week', () => {
    // 201710300001: a police station stormed and its commander killed, "October 29-30, 2017";
    // only the province is known (specificity 4), and the city is "Unknown".
    expect(map('201710300001')).toMatchObject({
      date: '2017-10-30',
      date_precision: 2,
      attack_type: 'armed_assault',
      tactics: ['assassination'],
      target_type: 'police',
      geo_precision: 3,
      location: null,
    });
  });

  it.each([
    ['Assassination', 'assassination'],
    ['Armed Assault', 'armed_assault'],
    ['Bombing/Explosion', 'bombing'],
    ['Hijacking', 'hijacking'],
    ['Hostage Taking (Barricade Incident)', 'barricade_hostage'],
    ['Hostage Taking (Kidnapping)', 'kidnapping'],
    ['Facility/Infrastructure Attack', 'facility_attack'],
    ['Unarmed Assault', 'unarmed_assault'],
    ['Unknown', 'unknown'],
  ])('maps attack type "%s" to %s', (label, type) => {
    expect(map('201501150001', { attacktype1_txt: label }).attack_type).toBe(type);
  });

  it.each([
    ['Business', 'business'],
    ['Government (General)', 'government'],
    ['Police', 'police'],
    ['Military', 'military'],
    ['Abortion Related', 'abortion_related'],
    ['Airports & Aircraft', 'airports_aircraft'],
    ['Government (Diplomatic)', 'government_diplomatic'],
    ['Educational Institution', 'educational_institution'],
    ['Food or Water Supply', 'food_water_supply'],
    ['Journalists & Media', 'journalists_media'],
    ['Maritime', 'maritime'],
    ['NGO', 'ngo'],
    ['Other', 'other'],
    ['Private Citizens & Property', 'private_citizens'],
    ['Religious Figures/Institutions', 'religious'],
    ['Telecommunication', 'telecommunication'],
    ['Terrorists/Non-State Militia', 'terrorists_militants'],
    ['Tourists', 'tourists'],
    ['Transportation', 'transportation'],
    ['Unknown', 'unknown'],
    ['Utilities', 'utilities'],
    ['Violent Political Party', 'violent_political_party'],
  ])('maps target type "%s" to %s', (label, type) => {
    expect(map('201501150001', { targtype1_txt: label }).target_type).toBe(type);
  });

  it.each([
    ['1', 1],
    ['2', 2],
    ['3', 2],
    ['4', 3],
    ['5', 3],
  ])('maps specificity %s to geo precision %s', (specificity, precision) => {
    expect(map('201501150001', { specificity }).geo_precision).toBe(precision);
  });

  it.each([
    [{ eventid: '' }, 'eventid', /missing value/],
    [
      { attacktype1_txt: 'Drone Strike' },
      'attacktype1_txt',
      /"Drone Strike" is not a GTD attack type/,
    ],
    [{ attacktype1_txt: '' }, 'attacktype1_txt', /missing value/],
    [{ attacktype2_txt: 'Sniping' }, 'attacktype2_txt', /"Sniping" is not a GTD attack type/],
    [{ targtype1_txt: 'Checkpoints' }, 'targtype1_txt', /"Checkpoints" is not a GTD target type/],
    [{ imonth: '2', iday: '31' }, 'iday', /2015-2-31 is not a calendar date/],
    [{ imonth: '13' }, 'imonth', /13 is not a month/],
    [{ iday: '1.5' }, 'iday', /1.5 is not a whole number/],
    [{ iyear: '' }, 'iyear', /missing value/],
    [{ claimed: '2' }, 'claimed', /2 is not 1, 0 or -9/],
    [{ claimed: 'yes' }, 'claimed', /"yes" is not a number/],
    [{ specificity: '6' }, 'specificity', /6 is not one of 1, 2, 3, 4, 5/],
    [{ nkill: '3.5' }, 'nkill', /not a non-negative whole number/],
    [{ nwound: '-9' }, 'nwound', /not a non-negative whole number/],
    [{ country_txt: 'Atlantis' }, 'country_txt', /"Atlantis" is not a known country/],
    [{ latitude: '95.2' }, 'latitude', /outside -90..90/],
  ])('rejects %j naming the column %s', (patch, field, message) => {
    const err = fieldError({ ...row('201501150001'), ...patch });
    expect(err.field).toBe(field);
    expect(err.message).toMatch(message);
  });
});

describe('gtd.detect', () => {
  it('recognises the GTD header', () => {
    expect(gtd.detect(Object.keys(good[0]!))).toBe(true);
  });

  it('does not claim UCDP or ACLED headers', () => {
    expect(gtd.detect([...ucdp.requiredColumns, 'type_of_violence', 'date_prec'])).toBe(false);
    expect(gtd.detect([...acled.requiredColumns, 'year', 'iso'])).toBe(false);
  });

  it('requires only columns the GTD file has', () => {
    const header = Object.keys(good[0]!);
    expect(gtd.requiredColumns.filter((c) => !header.includes(c))).toEqual([]);
  });
});

describe('importing GTD', () => {
  let store: Store;
  beforeEach(async () => {
    store = await Store.open(':memory:');
  });
  afterEach(() => store.close());

  it('loads every good row with canonical actors, pcodes and counted date warnings', async () => {
    const r = await importFile(store, GOOD, { format: gtd });
    expect(r).toMatchObject({ format: 'gtd', rowsRead: 8, inserted: 8, quarantined: 0 });
    expect(r.warnings).toMatchObject({
      'day unknown: first of the month, month precision': 1,
      'month unknown: January 1st, year precision': 1,
    });
    const rows = await store.all<Rec>(
      `SELECT id, date::VARCHAR AS date, date_end::VARCHAR AS date_end, admin1, admin1_code,
              actor1, attack_type, array_to_string(tactics, ';') AS tactics, claimed
       FROM events WHERE id IN ('gtd:201503120003', 'gtd:201704090002', 'gtd:201406100005')
       ORDER BY id`,
    );
    expect(rows).toEqual([
      {
        id: 'gtd:201406100005',
        date: '2014-06-10',
        date_end: '2014-06-14',
        admin1: 'Ninewa',
        admin1_code: 'IQG15',
        actor1: 'Islamic State',
        attack_type: 'barricade_hostage',
        tactics: '',
        claimed: null,
      },
      {
        // Samarra: GTD's "Saladin" is Salah Al-Din governorate (IQG16) in the boundaries.
        id: 'gtd:201503120003',
        date: '2015-03-12',
        date_end: null,
        admin1: 'Salah Al-Din',
        admin1_code: 'IQG16',
        actor1: 'Islamic State',
        attack_type: 'bombing',
        tactics: 'suicide;vbied',
        claimed: true,
      },
      {
        // 35.4681, 44.3922 is Kirkuk city, in Kirkuk governorate (IQG13).
        id: 'gtd:201704090002',
        date: '2017-04-09',
        date_end: null,
        admin1: 'Kirkuk',
        admin1_code: 'IQG13',
        actor1: null,
        attack_type: 'facility_attack',
        tactics: 'arson',
        claimed: false,
      },
    ]);
  });

  it('quarantines bad rows with line, field and reason, and still loads the good one', async () => {
    const r = await importFile(store, BAD, { format: gtd });
    expect(r).toMatchObject({ rowsRead: 6, inserted: 1, quarantined: 5 });
    const q = await store.all<{ line: number; field: string; reason: string }>(
      'SELECT line::INTEGER AS line, field, reason FROM quarantine ORDER BY line',
    );
    expect(q).toEqual([
      { line: 3, field: 'attacktype1_txt', reason: '"Drone Strike" is not a GTD attack type' },
      { line: 4, field: 'iday', reason: '2016-2-31 is not a calendar date' },
      { line: 5, field: 'claimed', reason: '"yes" is not a number' },
      { line: 6, field: 'targtype1_txt', reason: '"Checkpoints" is not a GTD target type' },
      { line: 7, field: 'nkill', reason: '"3.5" is not a non-negative whole number' },
    ]);
    const ids = await store.all<{ id: string }>('SELECT id FROM events');
    expect(ids).toEqual([{ id: 'gtd:201601050001' }]);
  });
});
