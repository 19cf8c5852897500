import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertEvents } from '../analyze/test-events.js';
import { Store, ucdpHeadlineTargets } from '../store/index.js';

let store: Store;
beforeEach(async () => {
  store = await Store.open(':memory:');
});
afterEach(() => store.close());

/** A UCDP GED row as the importer stores it: the headlines in notes, their dates in raw. */
const row = (id: string, date: string, notes: string, sourceDate: string, lat = 35.6) => ({
  row: {
    id,
    date,
    source_id: 'ucdp_ged',
    origin: 'dataset',
    admin1_code: 'SY07',
    lat,
    lon: 36.1,
    actor1: 'Government of Syria',
    actor2: 'Syrian insurgents',
    notes,
  },
  sourceDate,
});

describe('ucdpHeadlineTargets (the UCDP × headline gold set)', () => {
  it('takes each row’s first real headline with its own date, and leaves out rows no report could single out', async () => {
    const rows = [
      // A daily report's bare title first: the headline is the article after it.
      row(
        'ucdp:1',
        '2016-02-01',
        'Syria Daily Report 01/02/2016;Hit-and-run clashes continue in Latakia Mountains',
        '2016-02-01;2016-02-02',
        35.9,
      ),
      // Twins: same day, coordinates and dyad, split by source article.
      row('ucdp:2', '2016-02-02', 'Shelling on Kabani hill', '2016-02-02'),
      row('ucdp:3', '2016-02-02', 'Clashes on Kabani hill', '2016-02-02'),
      // Reported "before" it happened: a coding slip in source_date.
      row('ucdp:4', '2016-02-03', 'Renewed clashes in Jabal al Akrad', '2015-02-03', 35.7),
    ];
    await insertEvents(
      store,
      rows.map((r) => r.row),
    );
    for (const r of rows) {
      await store.run(`UPDATE events SET raw = json_object('source_date', $d) WHERE id = $id`, {
        d: r.sourceDate,
        id: r.row.id,
      });
    }
    const targets = await ucdpHeadlineTargets(store, 1);
    expect(targets.map((t) => t.id)).toEqual(['ucdp:1']);
    expect(targets[0]).toMatchObject({
      headline: 'Hit-and-run clashes continue in Latakia Mountains',
      published: '2016-02-02',
    });
    // Rows left out as targets still stand as distractors: other events by UCDP's coding.
    expect([...targets[0]!.distractors].sort()).toEqual(['ucdp:2', 'ucdp:3', 'ucdp:4']);
  });
});
