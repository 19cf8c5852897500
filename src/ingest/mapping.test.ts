import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventInput } from '../model/index.js';
import { Store } from '../store/index.js';
import { FieldError, ImportError } from './errors.js';
import type { EventFormat } from './format.js';
import { importFile } from './importer.js';
import { bundledMappings, loadMapping, mappingFormat, type Mapping } from './mapping.js';

const FIX = 'test/fixtures/ingest';
const REAL = join(process.cwd(), '..', 'shared', 'data', 'events');

/** A minimal valid mapping; tests override what they exercise. */
function spec(
  over: Omit<Partial<Mapping>, 'fields'> & { fields?: Partial<Mapping['fields']> } = {},
): Mapping {
  const { fields, ...rest } = over;
  return {
    name: 't',
    description: 'test mapping',
    source_id: 't',
    id: { column: 'id' },
    ...rest,
    fields: { date: { column: 'day' }, ...fields },
  };
}

function run(m: Mapping, record: Record<string, string>, warnings: string[] = []): EventInput {
  const r = { id: '1', day: '2021-09-05', ...record };
  return mappingFormat(m).toEvent(r, { line: 2, warn: (k) => warnings.push(k) });
}

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof FieldError) return `${err.field}: ${err.message}`;
    throw err;
  }
  throw new Error('expected a FieldError');
}

function rows(file: string): Record<string, string>[] {
  return parse(readFileSync(file), { columns: true }) as Record<string, string>[];
}

describe('value rules', () => {
  it('takes a column, a constant, or several columns joined', () => {
    const m = spec({
      fields: {
        location: { columns: ['town', 'place'], join: ' / ' },
        admin1: { column: 'prov' },
        country: { const: 'SYR' },
      },
    });
    expect(run(m, { town: ' Mosul ', place: '', prov: 'Ninawa' })).toMatchObject({
      location: 'Mosul',
      admin1: 'Ninawa',
      country: 'SYR',
    });
    expect(run(m, { town: 'Mosul', place: 'Old City', prov: '' })).toMatchObject({
      location: 'Mosul / Old City',
      admin1: null,
    });
  });

  it('maps values after trimming and case-folding, and passes uncovered text through', () => {
    const m = spec({
      fields: { actor1: { column: 'who', map: { 'unknown group': null, daesh: 'IS' } } },
    });
    expect(run(m, { who: '  Unknown GROUP ' }).actor1).toBeNull();
    expect(run(m, { who: 'DAESH' }).actor1).toBe('IS');
    expect(run(m, { who: 'Ansar al-Sunna' }).actor1).toBe('Ansar al-Sunna');
  });

  it('tries patterns in order, the first match winning, and uses default for uncovered text', () => {
    const m = spec({
      fields: {
        attack_type: {
          column: 'how',
          patterns: [
            { match: 'suicide', value: 'bombing' },
            { match: 'gun|shot', value: 'armed_assault' },
          ],
          default: null,
        },
      },
    });
    expect(run(m, { how: 'Suicide bomber, then gunfire' }).attack_type).toBe('bombing');
    expect(run(m, { how: 'shot dead' }).attack_type).toBe('armed_assault');
    expect(run(m, { how: 'drowned' }).attack_type).toBeNull();
    expect(run(m, { how: '' }).attack_type).toBeNull();
  });

  it('uses default for an empty cell', () => {
    const m = spec({ fields: { target_type: { column: 'tt', default: 'unknown' } } });
    expect(run(m, { tt: '' }).target_type).toBe('unknown');
    expect(run(m, { tt: 'police' }).target_type).toBe('police');
  });

  it('refuses source text outside a vocabulary, naming the column', () => {
    const m = spec({ fields: { attack_type: { column: 'how' } } });
    expect(fieldOf(() => run(m, { how: 'shooting' }))).toMatch(
      /^how: "shooting" is not a attack_type \(bombing, .*\); add it to the map or patterns$/,
    );
  });

  it('reads counts, precision codes and booleans from text', () => {
    const m = spec({
      fields: {
        wounded: { column: 'w' },
        geo_precision: { column: 'gp' },
        claimed: { column: 'c' },
      },
    });
    expect(run(m, { w: '1,204', gp: '2', c: 'Yes' })).toMatchObject({
      wounded: 1204,
      geo_precision: 2,
      claimed: true,
    });
    expect(fieldOf(() => run(m, { w: '-3', gp: '', c: '' }))).toBe(
      'w: "-3" is not a non-negative whole number',
    );
    expect(fieldOf(() => run(m, { w: '', gp: '', c: 'maybe' }))).toMatch(
      /^c: "maybe" is not true\/false/,
    );
  });

  it("treats the mapping's missing markers as empty cells", () => {
    const m = spec({
      missing: ['-', '-99'],
      fields: { wounded: { column: 'w' }, notes: { column: 'n' } },
    });
    expect(run(m, { w: '-99', n: ' - ' })).toMatchObject({ wounded: null, notes: null });
  });

  it('reads lat/lon as a pair: both or neither, in range, 0,0 unknown', () => {
    const m = spec({ fields: { lat: { column: 'y' }, lon: { column: 'x' } } });
    expect(run(m, { y: '36.34', x: '43.13' })).toMatchObject({ lat: 36.34, lon: 43.13 });
    expect(run(m, { y: '0', x: '0' })).toMatchObject({ lat: null, lon: null });
    expect(fieldOf(() => run(m, { y: '136', x: '43' }))).toBe('y: 136 is outside -90..90');
    expect(fieldOf(() => run(m, { y: '', x: '43' }))).toBe('y: missing while longitude is present');
  });
});

describe('date rules', () => {
  it('reads an explicit day-first format, and parseDay spellings without one', () => {
    const dmy = spec({ fields: { date: { column: 'day', format: 'DD/MM/YYYY' } } });
    expect(run(dmy, { day: '05/09/2021' }).date).toBe('2021-09-05');
    expect(fieldOf(() => run(dmy, { day: '2021-09-05' }))).toBe(
      'day: "2021-09-05" does not match the date format DD/MM/YYYY',
    );
    expect(run(spec(), { day: '5 Sep 2021' }).date).toBe('2021-09-05');
    expect(fieldOf(() => run(spec(), { day: '' }))).toBe('day: missing value, expected a date');
  });

  it('derives precision from the span: one day 1, up to a week 2, longer 3', () => {
    const m = spec({ fields: { date_end: { column: 'end' } } });
    expect(run(m, { end: '' })).toMatchObject({ date_end: null, date_precision: 1 });
    expect(run(m, { end: '2021-09-05' })).toMatchObject({ date_precision: 1 });
    expect(run(m, { end: '2021-09-12' })).toMatchObject({ date_precision: 2 });
    expect(run(m, { end: '2021-09-13' })).toMatchObject({ date_precision: 3 });
    expect(fieldOf(() => run(m, { end: '2021-09-04' }))).toBe(
      'end: 2021-09-04 is before the start 2021-09-05',
    );
  });

  it('lets a date_precision rule replace the span', () => {
    const m = spec({ fields: { date_precision: { column: 'p', map: { exact: 1, month: 3 } } } });
    expect(run(m, { p: 'month' }).date_precision).toBe(3);
    expect(run(m, { p: '' }).date_precision).toBe(1);
  });

  it.each([
    ['7', '2014', '6', '14', '2014-06-14', null, 1],
    ['day 0', '2014', '6', '0', '2014-06-01', '2014-06-30', 3],
    ['empty day', '2014', '2', '', '2014-02-01', '2014-02-28', 3],
    ['day -99', '2016', '2', '-99', '2016-02-01', '2016-02-29', 3],
    ['month 0', '2014', '0', '0', '2014-01-01', '2014-12-31', 3],
    ['month name', '2014', 'June', '14', '2014-06-14', null, 1],
  ])('reads year/month/day parts (%s)', (_, y, mo, d, date, end, precision) => {
    const m = spec({ fields: { date: { year: 'y', month: 'm', day: 'd' } } });
    expect(run(m, { y, m: mo, d })).toMatchObject({
      date,
      date_end: end,
      date_precision: precision,
    });
  });

  it('names the column of a bad date part', () => {
    const m = spec({ fields: { date: { year: 'y', month: 'm', day: 'd' } } });
    expect(fieldOf(() => run(m, { y: '2014', m: '13', d: '1' }))).toBe('m: "13" is not a month');
    expect(fieldOf(() => run(m, { y: '', m: '1', d: '1' }))).toBe(
      'y: missing year, expected a date',
    );
    expect(fieldOf(() => run(m, { y: '14', m: '1', d: '1' }))).toBe('y: "14" is not a year');
    expect(fieldOf(() => run(m, { y: '2014', m: '2', d: '30' }))).toBe(
      'd: 2014-2-30 is not a calendar date',
    );
  });
});

describe('ranges, tactics, flags and raw', () => {
  const range = (best: 'min' | 'max' | 'mean') =>
    spec({
      fields: { fatalities: { min: 'lo', max: 'hi', best }, wounded: { min: 'wlo', best: 'min' } },
    });

  it.each([
    ['min', 3],
    ['max', 8],
    ['mean', 6],
  ] as const)('takes the %s of a range as the best estimate', (best, n) => {
    expect(run(range(best), { lo: '3', hi: '8', wlo: '2' })).toMatchObject({
      fatalities: n,
      fatalities_low: 3,
      fatalities_high: 8,
      wounded: 2,
    });
  });

  it('never guesses a best estimate from a missing bound', () => {
    expect(run(range('mean'), { lo: '3', hi: '', wlo: '' })).toMatchObject({
      fatalities: null,
      fatalities_low: 3,
      fatalities_high: null,
      wounded: null,
    });
  });

  it('keeps only the best bound of an inverted range, and warns', () => {
    const warnings: string[] = [];
    expect(run(range('min'), { lo: '16', hi: '0', wlo: '' }, warnings)).toMatchObject({
      fatalities: 16,
      fatalities_low: 16,
      fatalities_high: null,
    });
    expect(warnings).toEqual(['fatalities: hi below lo, kept only the min figure']);
  });

  it('accumulates tactics from every matching pattern and rule, in vocabulary order', () => {
    const m = spec({
      fields: {
        tactics: [
          { const: ['ambush'] },
          {
            column: 'how',
            patterns: [
              { match: 'car bomb', value: 'vbied' },
              { match: 'suicide', value: ['suicide'] },
              { match: 'nothing', value: 'arson' },
            ],
          },
          { column: 'cars', patterns: [{ match: '^0*[1-9]', value: 'vbied' }] },
        ],
      },
    });
    expect(run(m, { how: 'suicide car bomb', cars: '2' }).tactics).toEqual([
      'suicide',
      'vbied',
      'ambush',
    ]);
    expect(run(m, { how: '', cars: '0' }).tactics).toEqual(['ambush']);
  });

  it('sets a raw flag and coarsens the date precision for flagged rows', () => {
    const m = spec({
      flags: [{ name: 'aggregate', columns: ['where'], match: 'morgue', date_precision: 3 }],
    });
    expect(run(m, { where: 'Baghdad city morgue' })).toMatchObject({
      date_precision: 3,
      raw: { aggregate: 'true' },
    });
    expect(run(m, { where: 'Baghdad' }).raw).not.toHaveProperty('aggregate');
  });

  it('keeps every non-empty cell in raw, or only the listed columns', () => {
    expect(run(spec(), { a: 'x', b: ' ' }).raw).toEqual({ id: '1', day: '2021-09-05', a: 'x' });
    expect(run(spec({ raw: ['a', 'absent'] }), { a: 'x', b: 'y' }).raw).toEqual({ a: 'x' });
  });
});

describe('ids', () => {
  const hashed = spec({ source_id: 'src', id: { hash: ['a', 'b'] } });

  it('prefixes a column id with the source', () => {
    expect(run(spec({ source_id: 'src' }), { id: ' 42 ' })).toMatchObject({
      id: 'src:42',
      external_id: '42',
    });
    expect(fieldOf(() => run(spec(), { id: '' }))).toBe('id: missing value, expected an id');
  });

  it('hashes the listed columns into a stable id', () => {
    const one = run(hashed, { a: 'x', b: 'y' });
    expect(one.id).toMatch(/^src:[0-9a-f]{16}$/);
    expect(one.external_id).toBeNull();
    expect(run(hashed, { a: 'x', b: 'y', other: 'z' }).id).toBe(one.id);
    expect(run(hashed, { a: 'x', b: 'y2' }).id).not.toBe(one.id);
    // The column boundary counts: "xy" + "" is not "x" + "y".
    expect(run(hashed, { a: 'xy', b: '' }).id).not.toBe(one.id);
  });

  it('refuses to hash a row whose id columns are all empty', () => {
    expect(fieldOf(() => run(hashed, { a: ' ', b: '' }))).toBe(
      'id: no value in any id column (a, b), so no stable id',
    );
  });
});

describe('the compiled format', () => {
  it('requires every referenced column except optional ones and raw', () => {
    const f = mappingFormat(
      spec({
        id: { hash: ['y', 'm'] },
        fields: {
          date: { year: 'y', month: 'm' },
          notes: { columns: ['n1', 'n2'] },
          admin1: { column: 'prov', optional: true },
          fatalities: { min: 'lo', max: 'hi', best: 'min' },
          tactics: [{ column: 'how', patterns: [{ match: 'x', value: 'ied' }] }],
        },
        flags: [{ name: 'f', columns: ['where'], match: 'x' }],
        raw: ['kept'],
      }),
    );
    expect(f.requiredColumns).toEqual(['y', 'm', 'n1', 'n2', 'lo', 'hi', 'how', 'where']);
  });

  it('detects a header containing every detect column, and never without detect', () => {
    expect(mappingFormat(spec({ detect: ['a', 'b'] })).detect(['b', 'c', 'a'])).toBe(true);
    expect(mappingFormat(spec({ detect: ['a', 'b'] })).detect(['a'])).toBe(false);
    expect(mappingFormat(spec()).detect(['id', 'day'])).toBe(false);
  });

  it('takes its name from the argument when given, and its duplicate policy from the spec', () => {
    const f = mappingFormat(spec({ duplicates: 'keep-first' }), 'csv');
    expect(f).toMatchObject({ name: 'csv', duplicates: 'keep-first' });
    expect(mappingFormat(spec()).duplicates).toBe('quarantine');
  });
});

describe('invalid mappings', () => {
  it.each([
    [{ id: {} }, '$.id: expected exactly one of "column" or "hash"'],
    [{ fields: { date: { colum: 'day' } } }, '$.fields.date: Unrecognized key: "colum"'],
    [
      { fields: { date: { column: 'd' }, attack_type: { column: 'a', default: 'shooting' } } },
      '$.fields.attack_type.default: expected one of bombing',
    ],
    [
      {
        fields: {
          date: { column: 'd' },
          actor1: { column: 'a', patterns: [{ match: '(', value: 'x' }] },
        },
      },
      '$.fields.actor1.patterns[0].match: not a valid regular expression',
    ],
    [
      { fields: { date: { column: 'd' }, claimed: { column: 'c', map: { 'not sure': 'maybe' } } } },
      '$.fields.claimed.map["not sure"]: expected true, false or null',
    ],
    [
      { fields: { date: { column: 'd' }, notes: { min: 'a', best: 'min' } } },
      '$.fields.notes.min: a range applies to fatalities and wounded only',
    ],
    [
      { fields: { date: { column: 'd', format: 'DD/MM' } } },
      '$.fields.date.format: invalid date format',
    ],
    [
      { fields: { date: { column: 'd' }, tactics: [{ const: ['suicide', 'parachute'] }] } },
      '$.fields.tactics[0].const[1]: Invalid option',
    ],
    [
      { fields: { date: { column: 'd' }, lat: { column: 'y' } } },
      '$.fields.lon: lat and lon go together',
    ],
  ])('%j → %s', (over, message) => {
    const bad = { ...spec(), ...over } as unknown as Mapping;
    expect(() => mappingFormat(bad)).toThrow(ImportError);
    expect(() => mappingFormat(bad)).toThrow(`mapping t: ${message}`);
  });

  it('names the file and the JSON path when a file is invalid', async () => {
    await expect(loadMapping(`${FIX}/mapping/invalid.json`)).rejects.toThrow(
      new RegExp(
        `^${FIX}/mapping/invalid.json: \\$\\.fields\\.attack_type\\.patterns\\[1\\]\\.value: ` +
          'expected one of bombing, .* or null, got "shooting"$',
      ),
    );
  });

  it('says when a file is missing or not JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-mapping-'));
    writeFileSync(join(dir, 'bad.json'), '{ "name": ');
    await expect(loadMapping(join(dir, 'bad.json'))).rejects.toThrow(/bad\.json: not JSON: /);
    await expect(loadMapping(join(dir, 'none.json'))).rejects.toThrow(
      /none\.json: cannot read: ENOENT$/,
    );
    rmSync(dir, { recursive: true });
  });
});

describe('the example mapping (day-first dates, value maps)', () => {
  let f: EventFormat;
  const records = rows(`${FIX}/mapping/example.csv`);
  beforeAll(async () => {
    f = await loadMapping(`${FIX}/mapping/example.json`);
  });
  const ctx = { line: 2, warn: () => undefined };

  it('maps a row to the exact event', () => {
    expect(f.toEvent(records[0]!, ctx)).toEqual({
      id: 'acme:A-1',
      external_id: 'A-1',
      origin: 'dataset',
      source_id: 'acme',
      date: '2021-09-05',
      date_end: null,
      date_precision: 1,
      country: 'IRQ',
      admin1: 'Ninawa',
      location: 'Mosul, Old City',
      lat: 36.34,
      lon: 43.13,
      geo_precision: 1,
      actor1: 'Islamic State',
      attack_type: 'bombing',
      tactics: ['suicide', 'vbied'],
      target_type: 'police',
      fatalities: 5,
      fatalities_low: 4,
      fatalities_high: 6,
      wounded: 11,
      claimed: true,
      notes: 'Car bomb at a police checkpoint in the Old City.',
      raw: {
        ref: 'A-1',
        method: 'suicide car bomb',
        summary: 'Car bomb at a police checkpoint in the Old City.',
      },
    });
  });

  it('reads the optional end date, maps "n/a" to empty and leaves unknown targets null', () => {
    expect(f.toEvent(records[1]!, ctx)).toMatchObject({
      date: '2021-10-13',
      date_end: '2021-10-15',
      date_precision: 2,
      actor1: null,
      wounded: null,
      claimed: false,
    });
    expect(f.toEvent(records[2]!, ctx)).toMatchObject({
      attack_type: 'kidnapping',
      target_type: null,
      fatalities: null,
      fatalities_low: 0,
      lat: null,
    });
    expect(fieldOf(() => f.toEvent(records[3]!, ctx))).toBe(
      'day: 2021-11-31 is not a calendar date',
    );
  });
});

describe('bundled mappings', () => {
  let formats: EventFormat[];
  beforeAll(async () => {
    formats = await bundledMappings();
  });
  const get = (name: string) => formats.find((f) => f.name === name)!;
  const ctx = { line: 2, warn: () => undefined };

  it('loads ibc and cpost, each detected by its own header only', () => {
    expect(formats.map((f) => f.name)).toEqual(['cpost', 'ibc']);
    const ibcHeader = Object.keys(rows(`${FIX}/ibc/good.csv`)[0]!);
    const cpostHeader = Object.keys(rows(`${FIX}/cpost/good.csv`)[0]!);
    expect(get('ibc').detect(ibcHeader)).toBe(true);
    expect(get('ibc').detect(cpostHeader)).toBe(false);
    expect(get('cpost').detect(cpostHeader)).toBe(true);
    expect(get('cpost').detect(ibcHeader)).toBe(false);
  });

  describe('ibc', () => {
    const ibc = rows(`${FIX}/ibc/good.csv`);
    const byCode = (code: string) => ibc.find((r) => r.ibc_code === code)!;

    it('maps a roadside bomb on a police patrol, best = reported minimum', () => {
      expect(get('ibc').toEvent(byCode('z1001'), ctx)).toEqual({
        id: 'ibc:z1001',
        external_id: 'z1001',
        origin: 'dataset',
        source_id: 'ibc',
        date: '2009-03-12',
        date_end: '2009-03-12',
        date_precision: 1,
        country: 'IRQ',
        location: 'Hay Al-Jihad, west Baghdad',
        lat: null,
        lon: null,
        attack_type: 'bombing',
        tactics: ['ied'],
        target_type: 'police',
        fatalities: 2,
        fatalities_low: 2,
        fatalities_high: 3,
        notes: 'police patrol; roadside bomb',
        raw: {
          ibc_code: 'z1001',
          start_date: '12 Mar 2009',
          end_date: '12 Mar 2009',
          time: 'AM',
          location: 'Hay Al-Jihad, west Baghdad',
          target: 'police patrol',
          weapons: 'roadside bomb',
          reported_minimum: '2',
          reported_maximum: '3',
          sources: 'Wire A 12 Mar, Paper B 13 Mar',
        },
      });
    });

    it.each([
      [
        'z1002',
        {
          attack_type: 'bombing',
          tactics: ['suicide', 'vbied'],
          target_type: 'private_citizens',
          fatalities: 12,
        },
      ],
      [
        'z1003',
        {
          attack_type: 'armed_assault',
          tactics: ['execution'],
          target_type: null,
          date_precision: 2,
        },
      ],
      [
        'z1004',
        { attack_type: 'bombing', tactics: ['indirect_fire'], target_type: 'private_citizens' },
      ],
      ['z1006', { attack_type: 'armed_assault', tactics: ['beheading'], target_type: null }],
      [
        'z1007',
        { attack_type: 'bombing', tactics: ['airstrike'], fatalities: 5, fatalities_high: null },
      ],
    ])('maps %s from its weapons and target text', (code, expected) => {
      expect(get('ibc').toEvent(byCode(code), ctx)).toMatchObject(expected);
    });

    it('keeps a monthly morgue total, flagged, with month precision and no attack type', () => {
      expect(get('ibc').toEvent(byCode('z1005'), ctx)).toMatchObject({
        date: '2010-03-01',
        date_end: '2010-03-31',
        date_precision: 3,
        attack_type: null,
        tactics: [],
        fatalities: 40,
        raw: { aggregate: 'morgue_or_hospital_total' },
      });
    });
  });

  describe('cpost', () => {
    const cpost = rows(`${FIX}/cpost/good.csv`);

    it('maps an unclaimed car bomb on a police checkpoint to a month-precise event', () => {
      const e = get('cpost').toEvent(cpost[0]!, ctx);
      expect(e).toEqual({
        id: expect.stringMatching(/^cpost:[0-9a-f]{16}$/),
        external_id: null,
        origin: 'dataset',
        source_id: 'cpost',
        // date.day is the day of the week (3 = Wednesday), so only the month is known.
        date: '2014-06-01',
        date_end: '2014-06-30',
        date_precision: 3,
        country: 'IRQ',
        admin1: 'Baghdad',
        location: 'Baghdad, Hay Al-Amel, main road',
        lat: 33.28,
        lon: 44.32,
        actor1: null,
        attack_type: 'bombing',
        tactics: ['suicide', 'vbied'],
        target_type: 'police',
        claimed: false,
        fatalities: 4,
        fatalities_low: 4,
        fatalities_high: 6,
        wounded: 10,
        notes: 'Iraqi Police checkpoint; Car bomb',
        raw: expect.objectContaining({ 'date.day': '3', groups: 'Unknown Group' }),
      });
    });

    it.each([
      [
        1,
        {
          actor1: 'Islamic State',
          claimed: true,
          target_type: 'military',
          tactics: ['suicide', 'vbied'],
        },
      ],
      [2, { actor1: 'Al-Qaeda in Iraq', target_type: 'religious', tactics: ['suicide'] }],
      [4, { claimed: null, target_type: 'private_citizens', fatalities: null, wounded: null }],
      [5, { claimed: false, target_type: 'government', fatalities: 2, wounded: 7 }],
    ])('maps row %i', (i, expected) => {
      expect(get('cpost').toEvent(cpost[i]!, ctx)).toMatchObject(expected);
    });

    it('gives the rows of one attack repeated per group the same id', () => {
      const [a, b] = [cpost[2]!, cpost[3]!].map((r) => get('cpost').toEvent(r, ctx));
      expect(a!.actor1).not.toBe(b!.actor1);
      expect(a!.id).toBe(b!.id);
    });
  });
});

describe('importing with mappings', () => {
  let store: Store;
  let ibc: EventFormat;
  let cpost: EventFormat;
  beforeAll(async () => {
    [cpost, ibc] = (await bundledMappings()) as [EventFormat, EventFormat];
  });
  beforeEach(async () => {
    store = await Store.open(':memory:');
  });
  afterEach(() => store.close());

  it('loads every IBC fixture row, and adds nothing on a second import', async () => {
    const report = await importFile(store, `${FIX}/ibc/good.csv`, { format: ibc });
    expect(report).toMatchObject({ format: 'ibc', rowsRead: 7, inserted: 7, quarantined: 0 });
    expect(report.warnings).toMatchObject({
      'fatalities: reported_maximum below reported_minimum, kept only the min figure': 1,
    });
    const again = await importFile(store, `${FIX}/ibc/good.csv`, { format: ibc });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 7, quarantined: 0 });
    const n = await store.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM events');
    expect(n?.n).toBe(7);
  });

  it('quarantines bad IBC rows with line, field and reason', async () => {
    const report = await importFile(store, `${FIX}/ibc/bad.csv`, { format: ibc });
    expect(report).toMatchObject({ rowsRead: 7, inserted: 1, quarantined: 6 });
    const q = await store.all<{ line: number; field: string; reason: string }>(
      'SELECT line::INTEGER AS line, field, reason FROM quarantine ORDER BY line',
    );
    expect(q).toEqual([
      { line: 3, field: 'ibc_code', reason: 'missing value, expected an id' },
      { line: 4, field: 'date_start', reason: '2009-2-30 is not a calendar date' },
      { line: 5, field: 'reported_minimum', reason: '"-2" is not a non-negative whole number' },
      { line: 6, field: 'date_end', reason: '2009-02-03 is before the start 2009-06-01' },
      { line: 7, field: 'id', reason: 'duplicate id ibc:z2001 (first at line 2)' },
      { line: 8, field: '(row)', reason: 'expected 13 columns, found 4' },
    ]);
  });

  it('merges CPOST rows repeated per group into one event, and is idempotent', async () => {
    const report = await importFile(store, `${FIX}/cpost/good.csv`, { format: cpost });
    expect(report).toMatchObject({ format: 'cpost', rowsRead: 6, inserted: 5, quarantined: 0 });
    expect(report.merged).toBe(1);
    const mosque = await store.all<{ actor1: string; admin1_code: string }>(
      `SELECT actor1, admin1_code FROM events WHERE target_type = 'religious'`,
    );
    // The first row's group wins (canonical spelling); the point lies in Ninawa governorate.
    expect(mosque).toEqual([{ actor1: 'al-Qaeda in Iraq', admin1_code: 'IQG15' }]);
    const again = await importFile(store, `${FIX}/cpost/good.csv`, { format: cpost });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 5 });
  });

  it('quarantines bad CPOST rows with line, field and reason', async () => {
    const report = await importFile(store, `${FIX}/cpost/bad.csv`, { format: cpost });
    expect(report).toMatchObject({ rowsRead: 5, inserted: 1, quarantined: 4 });
    const q = await store.all<{ line: number; field: string; reason: string }>(
      'SELECT line::INTEGER AS line, field, reason FROM quarantine ORDER BY line',
    );
    expect(q).toEqual([
      {
        line: 3,
        field: 'id',
        reason: expect.stringMatching(
          /^no value in any id column \(date\.year, .*\), so no stable id$/,
        ),
      },
      { line: 4, field: 'date.month', reason: '"13" is not a month' },
      {
        line: 5,
        field: 'statistics.# killed_low',
        reason: '"-5" is not a non-negative whole number',
      },
      { line: 6, field: 'target.latitude', reason: '135.46 is outside -90..90' },
    ]);
  });

  it('imports a generic CSV through an example mapping', async () => {
    const format = await loadMapping(`${FIX}/mapping/example.json`);
    const report = await importFile(store, `${FIX}/mapping/example.csv`, { format });
    expect(report).toMatchObject({ format: 'acme', rowsRead: 4, inserted: 3, quarantined: 1 });
  });
});

describe.runIf(existsSync(REAL))('importing the real IBC and CPOST files', () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open(':memory:');
  });

  it.each([
    ['ibc', 'ibc_iraq_incidents_2003_2017.csv'],
    ['cpost', 'cpost_dsat_suicide_attacks_iraq.csv'],
  ])(
    '%s: every row read is imported, quarantined or merged as a repeat',
    async (name, file) => {
      const format = (await bundledMappings()).find((f) => f.name === name)!;
      const report = await importFile(store, join(REAL, file), { format });
      const merged = report.merged;
      expect(
        report.inserted + report.updated + report.unchanged + report.quarantined + merged,
      ).toBe(report.rowsRead);
      const reasons = await store.all<{ field: string; reason: string; n: number }>(
        `SELECT field, regexp_replace(reason, '\\d+|"[^"]*"', '#', 'g') AS reason, count(*)::INTEGER AS n
         FROM quarantine WHERE import_id = $id GROUP BY ALL ORDER BY n DESC`,
        { id: report.importId },
      );
      const extra = await store.one<{ aggregate: number; month: number; roundup: number }>(
        `SELECT count(*) FILTER (WHERE raw->>'aggregate' IS NOT NULL)::INTEGER AS aggregate,
                count(*) FILTER (WHERE raw->>'roundup' IS NOT NULL)::INTEGER AS roundup,
                count(*) FILTER (WHERE date_precision = 3)::INTEGER AS month
         FROM events WHERE source_id = $s`,
        { s: name },
      );
      console.log(
        JSON.stringify(
          { ...report, seconds: undefined, merged, quarantineReasons: reasons, ...extra },
          null,
          1,
        ),
      );
      expect(report.inserted).toBeGreaterThan(0);
    },
    300_000,
  );
});
