import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertEvents } from '../analyze/test-events.js';
import {
  getIncident,
  incidentOfEvent,
  listAbstentions,
  Store,
  updateEventFields,
} from '../store/index.js';
import { claimsSummary } from './claims.js';
import { linkEvents } from './resolve.js';
import { reportsStore } from './test-fixture.js';

let store: Store;
beforeEach(async () => {
  store = await reportsStore();
});
afterEach(() => store.close());

async function incidentOfDoc(docId: string): Promise<string | null> {
  const row = await store.one<{ id: string }>(
    `SELECT id FROM events WHERE external_id LIKE $p ORDER BY id LIMIT 1`,
    { p: `${docId}#%` },
  );
  expect(row, `an event extracted from ${docId}`).toBeDefined();
  return incidentOfEvent(store, row!.id);
}

describe('linkEvents', () => {
  it('merges a dataset row, an English report and an Arabic claim of one bombing', async () => {
    const run = await linkEvents(store);
    expect(run.events).toBeGreaterThanOrEqual(7);
    const inc = await incidentOfEvent(store, 'acled:IRQ1');
    expect(inc).not.toBeNull();
    expect(await incidentOfDoc('news-baqubah-1')).toBe(inc);
    expect(await incidentOfDoc('claim-baqubah-ar')).toBe(inc);
    const detail = await getIncident(store, inc!);
    expect(detail!.members.map((m) => m.role).sort()).toEqual(['claim', 'report', 'report']);
    expect(detail!.incident).toMatchObject({
      status: 'claimed_reported',
      date: '2021-03-16',
      n_claims: 1,
      n_reports: 2,
      claim_lag_days: 0,
      sources: ['acled', 'news', 'telegram'],
    });
    // The reports' range: 12 (news) to 13 (dataset); the claim's 25 does not enter it.
    expect(detail!.incident).toMatchObject({ fatalities_low: 12, fatalities_high: 13 });
    const claim = detail!.members.find((m) => m.role === 'claim')!;
    expect((claim.reasons as string[]).join(' ')).toMatch(/within 5 km precision/);
  });

  it('re-links an event an analyst corrected after it was linked', async () => {
    await linkEvents(store);
    const bombing = await incidentOfEvent(store, 'acled:IRQ1');
    const news = (await store.one<{ id: string }>(
      `SELECT id FROM events WHERE external_id LIKE 'news-baqubah-1#%' ORDER BY id LIMIT 1`,
    ))!.id;
    expect(await incidentOfEvent(store, news)).toBe(bombing);
    // The report was misdated: it describes a bombing five weeks later.
    await updateEventFields(
      store,
      news,
      [{ field: 'date', old: '2021-03-16', new: '2021-04-20' }],
      'analyst',
    );
    const run = await linkEvents(store);
    expect(run.new_events).toBe(1);
    const now = await incidentOfEvent(store, news);
    expect(now).not.toBeNull();
    expect(now).not.toBe(bombing);
    expect(await incidentOfEvent(store, 'acled:IRQ1')).toBe(bombing);
    expect(await incidentOfDoc('claim-baqubah-ar')).toBe(bombing);
    // Once re-linked it is not re-linked again.
    expect((await linkEvents(store)).new_events).toBe(0);
  });

  it('keeps a shooting 40 km away, and a second attack in the same town that day, apart', async () => {
    await linkEvents(store);
    const bombing = await incidentOfEvent(store, 'acled:IRQ1');
    const shopOwner = await incidentOfEvent(store, 'acled:IRQ2');
    expect(shopOwner).not.toBe(bombing);
    expect(await incidentOfDoc('news-shepherds-1')).not.toBe(bombing);
    expect(await incidentOfDoc('news-tuz-ied')).not.toBe(await incidentOfDoc('news-tuz-mortar'));
  });

  it('records why it abstained on the close call in Tuz Khurmatu', async () => {
    await linkEvents(store);
    const abstained = await listAbstentions(store, 50);
    const reasons = abstained.map((a) => (a.reasons as string[]).join('; '));
    expect(reasons.some((r) => /same day/.test(r) && /tactics differ|targets/.test(r))).toBe(true);
  });

  it('is incremental and idempotent: a re-run adds nothing, a new report joins its incident', async () => {
    const first = await linkEvents(store);
    const again = await linkEvents(store);
    expect(again.new_events).toBe(0);
    const count = async () =>
      (await store.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM incident_members'))!.n;
    const before = await count();
    expect(before).toBe(first.events);
    await insertEvents(store, [
      {
        id: 'gtd:2021031601',
        source_id: 'gtd',
        date: '2021-03-16',
        country: 'IRQ',
        admin1: 'Diyala',
        admin1_code: 'IQG10',
        lat: 33.75,
        lon: 44.63,
        geo_precision: 1,
        attack_type: 'bombing',
        tactics: ['suicide', 'vbied'],
        target_type: 'police',
        fatalities: 13,
      },
    ]);
    const third = await linkEvents(store);
    expect(third.new_events).toBe(1);
    expect(await count()).toBe(before + 1);
    expect(await incidentOfEvent(store, 'gtd:2021031601')).toBe(
      await incidentOfEvent(store, 'acled:IRQ1'),
    );
  });

  it('a full re-link gives the same incidents', async () => {
    await linkEvents(store);
    const snapshot = async () =>
      store.all('SELECT incident_id, event_id, role FROM incident_members ORDER BY event_id');
    const a = await snapshot();
    await linkEvents(store, { full: true });
    expect(await snapshot()).toEqual(a);
  });
});

describe('claimsSummary', () => {
  it('classifies the incidents, measures the claim lag and the casualty inflation', async () => {
    await linkEvents(store);
    const s = await claimsSummary(store, { country: ['IRQ'], from: '2021-03', to: '2021-03' });
    expect(s.by_status.claimed_reported).toBe(1);
    expect(s.by_status.unclaimed).toBe(s.n_incidents - 1);
    expect(s.claimed_share).toBeCloseTo(1 / s.n_incidents, 4);
    expect(s.claim_lag).toMatchObject({ n: 1, median_days: 0 });
    expect(s.claim_lag.histogram.find((h) => h.bucket === 'same day')!.n).toBe(1);
    // 25 claimed against the reports' median of 12 and 13, rounded to 13.
    expect(s.casualty_inflation).toEqual({ n: 1, ratio: Math.round((25 / 13) * 1000) / 1000 });
    expect(s.by_admin1.find((r) => r.admin1 === 'Diyala')).toMatchObject({ claimed: 1 });
    expect(s.window).toEqual({ from: '2021-03-01', to: '2021-03-31' });
  });

  it('finds a province whose claims stopped while attacks went on', async () => {
    const quiet = await Store.open(':memory:');
    try {
      const row = (admin1: string, code: string, date: string, claimed: boolean) => ({
        date,
        country: 'IRQ',
        admin1,
        admin1_code: code,
        claimed,
        attack_type: 'bombing',
        source_id: `src-${date}-${admin1}`,
      });
      await insertEvents(quiet, [
        ...['2020-01-05', '2020-02-05', '2020-03-05', '2020-04-05'].map((d) =>
          row('Kirkuk', 'IQG13', d, true),
        ),
        ...['2020-06-10', '2020-06-20', '2020-07-01', '2020-07-20'].map((d) =>
          row('Kirkuk', 'IQG13', d, false),
        ),
        ...['2020-01-07', '2020-03-07', '2020-05-07', '2020-07-07', '2020-07-25'].map((d) =>
          row('Diyala', 'IQG10', d, true),
        ),
      ]);
      await linkEvents(quiet);
      const s = await claimsSummary(quiet, { from: '2020-01', to: '2020-07' }, { silentDays: 60 });
      expect(s.silent_provinces).toEqual([
        { admin1: 'Kirkuk', claims_before: 4, last_claim: '2020-04-05', reported_recent: 4 },
      ]);
      expect(s.by_month.find((m) => m.month === '2020-06')).toMatchObject({
        reported: 2,
        claimed: 0,
        claimed_share: 0,
      });
    } finally {
      quiet.close();
    }
  });
});
