import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { Store } from '../store/index.js';
import { acled } from './acled.js';
import type { EventFormat } from './format.js';
import { gtd } from './gtd.js';
import { ucdp } from './ucdp.js';
import { toCsvLine } from './csv.js';
import { CsvRecordParser } from './csv-parser.js';
import { importFile } from './importer.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-setbased-'));

/** The importer's phase lines (SITREP_TRACE) while `run` runs. */
async function traced(run: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  vi.stubEnv('SITREP_TRACE', '1');
  try {
    await run();
  } finally {
    vi.unstubAllEnvs();
    spy.mockRestore();
  }
  return lines;
}

/** Imports `file` into a fresh store and returns everything an import leaves behind. */
async function outcome(file: string, setBased: boolean, format: EventFormat = acled) {
  const store = await Store.open(':memory:');
  try {
    const r = await importFile(store, file, { format, setBased });
    const events = await store.all(
      `SELECT * EXCLUDE (import_id, updated_at, raw), raw::VARCHAR AS raw FROM events ORDER BY id`,
    );
    const quarantine = await store.all(
      `SELECT line::INTEGER AS line, field, reason, record FROM quarantine ORDER BY line, field`,
    );
    return {
      report: { ...r, importId: 0, seconds: 0 },
      events: JSON.parse(JSON.stringify(events)) as unknown,
      quarantine,
    };
  } finally {
    store.close();
  }
}

/** The set-based and the row-by-row import of `file` leave the same store behind. */
async function expectSameOutcome(file: string, format: EventFormat = acled): Promise<void> {
  const set = await outcome(file, true, format);
  const rows = await outcome(file, false, format);
  expect(set.quarantine).toEqual(rows.quarantine);
  expect(set.events).toEqual(rows.events);
  expect(set.report).toEqual(rows.report);
}

/** An ACLED file with rows that exercise every rule the SQL mapping has to get right. */
function trickyFile(name: string, extra: string): string {
  const [header, ...rows] = records('test/fixtures/ingest/acled/good.csv');
  const cols = header!;
  const base = toCsvLine(rows[0]!);
  const set = (line: string, col: string, value: string) => {
    const cells = parseLine(line);
    cells[cols.indexOf(col)] = value;
    return toCsvLine(cells);
  };
  const out = rows.map(toCsvLine);
  let n = 0;
  const variant = (col: string, value: string) =>
    out.push(set(set(base, 'event_id_cnty', `TST${++n}`), col, value));
  for (const d of [
    '05 September 2021',
    '5-Sep-2021',
    'September 5, 2021',
    '2021/9/5',
    '2021-02-30',
    '0099-01-01',
    'soon',
    '',
  ])
    variant('event_date', d);
  for (const v of ['', '4', ' 2 ']) variant('time_precision', v);
  for (const v of ['', '9', '2']) variant('geo_precision', v);
  for (const v of ['', '1,234', '-1', '2.5', '3.0', 'x']) variant('fatalities', v);
  for (const v of ['', '0', '95', '1e1', ' 33.1 ']) variant('latitude', v);
  for (const v of ['battles', 'Parade', '']) variant('event_type', v);
  for (const v of ['', 'Civilian targeting', 'yes']) variant('civilian_targeting', v);
  for (const v of ['Iraq', 'Atlantis', '']) variant('country', v);
  for (const v of ['ISIS', 'Daesh', '  ']) variant('actor1', v);
  for (const v of ['Salah al-Din', 'Nowhere', '']) variant('admin1', v);
  // No coordinates and no governorate, only a town: the importer places it by geoparsing.
  let placeOnly = set(base, 'event_id_cnty', `TST${++n}`);
  for (const col of ['latitude', 'longitude', 'admin1', 'admin2', 'admin3'])
    placeOnly = set(placeOnly, col, '');
  out.push(set(placeOnly, 'location', 'Tikrit'));
  // A duplicate id and a row with a cell that needs JSON escaping.
  out.push(base);
  variant('notes', `${extra} "quoted"`);
  variant('source', 'Shafaq "News"');
  // Byte-order marks: one opening a cell is dropped by both readers, any other kept.
  for (const v of ['\ufeffShafaq', '\ufeff\ufeffShafaq', 'Sha\ufefffaq', ' \ufeffShafaq'])
    variant('source', v);
  variant('actor1', '\ufeffISIS');
  variant('notes', `${extra}\n\ufeffsecond line`);
  const path = join(dir, name);
  writeFileSync(path, [toCsvLine(header!), ...out].join('\n') + '\n');
  return path;
}

function records(file: string): string[][] {
  const p = new CsvRecordParser();
  return [...p.push(readFileSync(file, 'utf8')), ...p.end()].map((r) => r.values);
}

function parseLine(line: string): string[] {
  const p = new CsvRecordParser();
  return [...p.push(line), ...p.end()][0]!.values;
}

describe('set-based import', () => {
  const fixtures = ['good.csv', 'bad.csv', 'old.csv'].map((f) => `test/fixtures/ingest/acled/${f}`);

  it.each([
    ...fixtures,
    // With a tab the file needs the per-cell checks and full JSON escaping; without, neither.
    trickyFile('tricky-tab.csv', 'tab\there'),
    trickyFile('tricky-plain.csv', 'plain'),
  ])('stores the same events, quarantine and warnings as the row-by-row path: %s', (file) =>
    expectSameOutcome(file),
  );

  it('reads gzip files and finds nothing to change when the same file is imported again', async () => {
    const gz = join(dir, 'good.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync('test/fixtures/ingest/acled/good.csv')));
    const store = await Store.open(':memory:');
    try {
      const first = await importFile(store, gz, { format: acled });
      expect(first.inserted).toBeGreaterThan(0);
      const again = await importFile(store, 'test/fixtures/ingest/acled/good.csv', {
        format: acled,
        setBased: false,
      });
      expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: first.inserted });
    } finally {
      store.close();
    }
  });

  it('re-imports set-based: unchanged rows are left alone, changed ones updated, new ones added', async () => {
    const [header, ...rows] = records('test/fixtures/ingest/acled/good.csv');
    const notes = header!.indexOf('notes');
    const id = header!.indexOf('event_id_cnty');
    const changed = rows.map((r) => [...r]);
    changed[0]![notes] = 'A corrected narrative.';
    const added = [...rows[1]!];
    added[id] = 'NEW1';
    const second = join(dir, 'second.csv');
    writeFileSync(second, [header!, ...changed, added].map(toCsvLine).join('\n') + '\n');
    const store = await Store.open(':memory:');
    try {
      const file = 'test/fixtures/ingest/acled/good.csv';
      const first = await importFile(store, file, { format: acled });
      expect(first.inserted).toBeGreaterThan(2);
      const again = await importFile(store, file, { format: acled });
      expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: first.inserted });
      const next = await importFile(store, second, { format: acled });
      expect(next).toMatchObject({ inserted: 1, updated: 1, unchanged: first.inserted - 1 });
      const row = await store.one<{ notes: string; import_id: number }>(
        `SELECT notes, import_id FROM events WHERE id = $id`,
        { id: `acled:${rows[0]![id]}` },
      );
      expect(row).toEqual({ notes: 'A corrected narrative.', import_id: next.importId });
      const n = await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM events`);
      expect(n?.n).toBe(first.inserted + 1);
    } finally {
      store.close();
    }
  });

  it('reports progress over both reads of the file', async () => {
    const file = 'test/fixtures/ingest/acled/good.csv';
    const size = readFileSync(file).length;
    const seen: { rows: number; bytesRead: number; bytesTotal: number }[] = [];
    const store = await Store.open(':memory:');
    try {
      await importFile(store, file, { format: acled, onProgress: (p) => seen.push(p) });
    } finally {
      store.close();
    }
    // Half after the first read; the second (inside the commit) may report on the way.
    const shares = seen.map((p) => p.bytesRead / p.bytesTotal);
    expect(shares[0]).toBe(0.5);
    expect(shares.at(-1)).toBe(1);
    expect(shares.every((v, i) => i === 0 || v >= shares[i - 1]!)).toBe(true);
    expect(seen.every((p) => p.bytesTotal === 2 * size)).toBe(true);
  });

  it('reads CRLF line ends as the row-by-row parser does', async () => {
    const path = join(dir, 'crlf.csv');
    const text = readFileSync('test/fixtures/ingest/acled/good.csv', 'utf8');
    writeFileSync(path, text.replace(/\r?\n/g, '\r\n'));
    await expectSameOutcome(path);
  });

  it('numbers lines right when quoted cells span lines', async () => {
    const [header, first, ...rest] = records('test/fixtures/ingest/acled/good.csv');
    const col = (name: string) => header!.indexOf(name);
    const cells = [...first!];
    cells[col('notes')] = 'two\nlines';
    const third = [...rest[0]!];
    third[col('notes')] = 'three\r\nlines\nhere';
    // After them: a row the JS mapper rejects, and a repeat of the first row's id.
    const bad = [...rest[1]!];
    bad[col('event_id_cnty')] = 'BAD1';
    bad[col('fatalities')] = 'many';
    const path = join(dir, 'multiline.csv');
    writeFileSync(
      path,
      [header!, cells, third, ...rest.slice(1), bad, first!].map(toCsvLine).join('\n') + '\n',
    );
    const lines = await traced(() => outcome(path, true));
    expect(lines.some((l) => l.includes('set-based: read'))).toBe(true);
    await expectSameOutcome(path);
    expect((await outcome(path, true)).quarantine.length).toBe(2);
  });
});

/**
 * A fixture's rows, then variants of its first row (each with a fresh id in `idCol`), then its
 * second row again (a repeated id): what a tricky file for a SQL mapping is made of.
 */
function variantsOf(fixture: string, idCol: string, prefix: string) {
  const [header, ...rows] = records(fixture);
  const out = rows.map((r) => [...r]);
  let n = 0;
  return {
    variant(changes: Record<string, string>): void {
      const cells = [...rows[0]!];
      cells[header!.indexOf(idCol)] = `${prefix}${++n}`;
      for (const [col, value] of Object.entries(changes)) cells[header!.indexOf(col)] = value;
      out.push(cells);
    },
    write(name: string): string {
      const path = join(dir, name);
      const all = [header!, ...out, [...rows[1]!]];
      writeFileSync(path, all.map(toCsvLine).join('\n') + '\n');
      return path;
    },
  };
}

/** A UCDP GED file with rows that exercise every rule of its SQL mapping. */
function trickyUcdp(): string {
  const { variant, write } = variantsOf('test/fixtures/ingest/ucdp/good.csv', 'id', '9');
  for (const v of ['', '1', '3', '5', '6', 'x']) variant({ date_prec: v });
  for (const v of ['', '4', '7', '8']) variant({ where_prec: v });
  for (const v of ['2016-01-02', '', '2015-12-31', 'soon']) variant({ date_end: v });
  for (const v of ['05 January 2016', '2016/1/1', 'someday']) variant({ date_start: v });
  for (const v of ['', '1,234', '-3', '2.0']) variant({ best: v });
  variant({ low: '9', high: '' });
  for (const v of [
    'Aleppo governorate',
    'Aleppo Province',
    'Governorate',
    'Aleppo\u00a0governorate',
    '',
  ])
    variant({ adm_1: v });
  for (const v of ['Ariha District', 'Ariha nahiya', '']) variant({ adm_2: v });
  variant({ source_headline: 'Clashes in Al-Fu&#8217;ah &amp; Kafraya' });
  variant({ source_headline: '' });
  for (const v of ['Syria', 'Atlantis', '']) variant({ country: v });
  variant({ country: '', country_id: '645' });
  variant({ latitude: '', longitude: '' });
  // No coordinates and no governorate: placed by the geoparser from where_coordinates.
  variant({ latitude: '', longitude: '', adm_1: '', adm_2: '', where_coordinates: 'Palmyra town' });
  variant({ where_coordinates: '', where_description: 'near the T4 airbase' } as Record<
    string,
    string
  >);
  variant({ side_a: 'IS', side_b: '  ' });
  return write('tricky-ucdp.csv');
}

describe('set-based import of UCDP GED', () => {
  it.each([
    'test/fixtures/ingest/ucdp/good.csv',
    'test/fixtures/ingest/ucdp/bad.csv',
    trickyUcdp(),
    // The bundled release: 16,566 real rows.
    'data/events/ucdp_ged_syria_2016_2019.csv.gz',
  ])('stores the same events, quarantine and warnings as the row-by-row path: %s', (file) =>
    expectSameOutcome(file, ucdp),
  );

  it('takes the set-based path for GED files, multi-line headlines and byte-order marks too', async () => {
    const [header, ...rows] = records('test/fixtures/ingest/ucdp/good.csv');
    const at = header!.indexOf('source_headline');
    const write = (name: string, headline: string) => {
      const cells = rows.map((r) => [...r]);
      cells[1]![at] = headline;
      const path = join(dir, name);
      writeFileSync(path, [header!, ...cells].map(toCsvLine).join('\n') + '\n');
      return path;
    };
    const taken = async (file: string) =>
      (await traced(() => outcome(file, true, ucdp))).some((l) => l.includes('set-based: read'));
    expect(await taken('test/fixtures/ingest/ucdp/good.csv')).toBe(true);
    const multiLine = write('ged-multiline.csv', 'Clashes in Raqqa;\nShelling on Deir ez-Zor');
    expect(await taken(multiLine)).toBe(true);
    const set = await outcome(multiLine, true, ucdp);
    expect(set).toEqual(await outcome(multiLine, false, ucdp));
    // Byte-order marks in cells (the bundled release has one): both readers drop one that opens
    // a cell and keep any other.
    const bom = write('ged-bom.csv', '\ufeffThe number of martyrs\ufeff increased');
    expect(await taken(bom)).toBe(true);
    await expectSameOutcome(bom, ucdp);
  });
});

/** A GTD file with rows that exercise every rule of its SQL mapping. */
function trickyGtd(): string {
  const { variant, write } = variantsOf('test/fixtures/ingest/gtd/good.csv', 'eventid', '99');
  for (const v of ['', '0', '13', '2', '1.0', 'x']) variant({ imonth: v });
  for (const v of ['', '0', '31', '30', '29', '2.0']) variant({ imonth: '2', iday: v });
  for (const v of ['', '99', '2016.0']) variant({ iyear: v });
  variant({ approxdate: 'January 15-16, 2015' });
  for (const v of ['2015-01-20', '2015-01-01', '01/20/2015', 'January 20, 2015', '']) {
    variant({ extended: '1', resolution: v });
  }
  variant({ extended: '0', resolution: '2015-01-20' });
  variant({ extended: 'yes' });
  for (const v of ['', '2', '4', '5', '7']) variant({ specificity: v });
  for (const v of ['1', '0', '', 'x']) variant({ specificity: '1', vicinity: v });
  for (const v of ['', '0', '1', '1.0']) variant({ suicide: v });
  for (const v of ['Armed Assault', 'ASSASSINATION', 'Hostage Taking (Kidnapping)', 'Parade', '']) {
    variant({ attacktype1_txt: v });
  }
  variant({ attacktype2_txt: 'Assassination', attacktype3_txt: 'Hostage Taking (Kidnapping)' });
  variant({ attacktype2_txt: 'Sabotage' });
  for (const v of ['Vehicle', 'Suicide (carried bodily by human being)', 'Grenade', 'Mine']) {
    variant({ weapsubtype1_txt: v, weapsubtype2_txt: 'Arson/Fire' });
  }
  variant({ weaptype2_txt: 'Incendiary' });
  for (const v of ['Police', 'Unknown', 'Aliens', '']) variant({ targtype1_txt: v });
  for (const v of ['', '-9', '0', '1', '2', '1.0']) variant({ claimed: v });
  for (const v of ['Unknown', 'unknown', 'ISIL', '']) variant({ gname: v, gname2: v, city: v });
  for (const v of ['Iraq', 'Atlantis', '']) variant({ country_txt: v });
  for (const v of ['', '1,234', '4.0', '-1']) variant({ nkill: v, nwound: v });
  variant({ latitude: '', longitude: '' });
  variant({ latitude: '33.3', longitude: '' });
  // A code and its label: the code stays in raw only when the label is empty.
  variant({ attacktype1: '3', attacktype2: '1', attacktype2_txt: '' });
  variant({ summary: 'A "quoted" summary with a tab\there' });
  return write('tricky-gtd.csv');
}

describe('set-based import of GTD', () => {
  it.each(['test/fixtures/ingest/gtd/good.csv', 'test/fixtures/ingest/gtd/bad.csv', trickyGtd()])(
    'stores the same events, quarantine and warnings as the row-by-row path: %s',
    (file) => expectSameOutcome(file, gtd),
  );

  it('maps in SQL every row it can vouch for, and leaves the rest to the JS mapper', async () => {
    const mapped = async (file: string) => {
      const lines = await traced(() => outcome(file, true, gtd));
      return Number(/set-based: (\d+) rows mapped in SQL/.exec(lines.join(''))?.[1]);
    };
    // All 8 rows of the clean fixture; of the 82 tricky ones, those in plain spellings (the
    // others: codes as "1.0", unknown labels, a repeated id, …).
    expect(await mapped('test/fixtures/ingest/gtd/good.csv')).toBe(8);
    expect(await mapped(trickyGtd())).toBeGreaterThanOrEqual(50);
  });
});
