/**
 * The brief on a small fixed synthetic dataset (Islamic State in Syria and Iraq, 2020): its key
 * judgments are the analyses' own sentences and numbers, its SVGs match the snapshots in
 * test/fixtures/report (REGEN=1 rewrites them), and bad filters give an empty brief or an error.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  concentration,
  concentrationFinding,
  dispersion,
  forecast,
  regimeFinding,
  regimes,
  rivers,
  tempo,
  tempoFinding,
} from '../analyze/index.js';
import { forecastFindings, riverFinding } from '../analyze/findings.js';
import { insertEvents } from '../analyze/test-events.js';
import type { EventFilter } from '../model/index.js';
import { Store } from '../store/index.js';
import { BriefError, buildBrief } from './brief.js';
import { BriefSchema } from './brief-types.js';
import { dispersionComparison, index2, pct } from './dispersion-finding.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-md.js';
import { briefEvents } from './test-brief-events.js';

const FIXTURES = 'test/fixtures/report';
const NOW = new Date('2024-01-02T03:04:05Z');
const SYR: EventFilter = { actor: ['Islamic State'], country: ['SYR'] };
const EVIL = '<img src=x onerror=alert(1)> | *bold*';

let store: Store;
beforeAll(async () => {
  store = await Store.open(':memory:');
  await insertEvents(store, briefEvents());
  await store.run(`UPDATE events SET geo_precision = 1, location = admin1 || ' town'`);
  await store.run(`UPDATE events SET notes = $n, fatalities = 99 WHERE id = 'syn:s010'`, {
    n: EVIL,
  });
  // Communications: five documents in the window, one before it (not counted).
  await store.run(
    `INSERT INTO documents (id, source, published_at, text) VALUES
       ('d1', 'telegram', '2020-02-03T10:00:00Z', 'a'), ('d2', 'telegram', '2020-02-20T10:00:00Z', 'b'),
       ('d3', 'telegram', '2020-05-01T00:30:00Z', 'c'), ('d4', 'twitter', '2020-03-31T23:59:00Z', 'd'),
       ('d5', 'twitter', '2020-12-01T08:00:00Z', 'e'), ('d0', 'twitter', '2019-12-31T23:00:00Z', 'f')`,
  );
});
afterAll(() => store.close());

function snapshot(name: string, actual: string): void {
  const path = `${FIXTURES}/${name}`;
  if (process.env.REGEN === '1' || !existsSync(path)) {
    mkdirSync(FIXTURES, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('buildBrief', () => {
  it('states the analyses’ own findings and numbers as key judgments', async () => {
    const brief = await buildBrief(store, SYR, { compare: 'IRQ', now: NOW });
    expect(BriefSchema.parse(brief)).toEqual(brief);
    const t = await tempo(store, SYR);
    const d = await dispersion(store, SYR);
    const other = await dispersion(store, { ...SYR, country: ['IRQ'] });
    expect(brief.judgments).toEqual([
      tempoFinding(t),
      concentrationFinding(await concentration(store, SYR)),
      regimeFinding(await regimes(store, SYR)),
      dispersionComparison(d, other),
      ...(await forecastFindings(store, SYR)),
      riverFinding(await rivers(store, SYR)),
    ]);
    const f = (await forecast(store, SYR, { horizon: 1 })).points[0]!;
    expect(brief.judgments[4]).toContain(
      `expect ${Math.floor(f.lo80)}–${Math.ceil(f.hi80)} events in Dec 2020 (80% interval)`,
    );
    expect(brief.inputs.n).toBe(t.n);
    expect(brief.judgments[0]).toContain(`mean ${t.mean_per_period!.toFixed(1)} per month`);
    expect(brief.judgments[0]).toContain(`${t.ci95![0].toFixed(1)}–${t.ci95![1].toFixed(1)}`);
    const cmp = brief.judgments[3]!;
    expect(cmp).toContain(`${pct(d.dbscan.share_largest3)} vs ${pct(other.dbscan.share_largest3)}`);
    expect(cmp).toContain(
      `${index2(d.nearest_neighbour_locations.index)} vs ${index2(other.nearest_neighbour_locations.index)}`,
    );
    expect(brief.method.n_excluded).toBe(d.n_excluded);
    expect(brief.incidents[0]).toMatchObject({ id: 'syn:s010', fatalities: 99, notes: EVIL });
    expect(brief.incidents).toHaveLength(10);
    expect(brief.mix.attack_type.reduce((s, r) => s + r.n, 0)).toBe(t.n);
  });

  it('draws the tempo chart and the map deterministically (snapshots)', async () => {
    const a = await buildBrief(store, SYR, { now: NOW });
    const b = await buildBrief(store, SYR, { now: NOW });
    expect(renderHtml(a)).toBe(renderHtml(b));
    const svg = (name: string) => a.figures.find((f) => f.name === name)!.svg;
    snapshot('tempo.svg', svg('tempo'));
    snapshot('map.svg', svg('map'));
    snapshot('attack-mix.svg', svg('attack-mix'));
    snapshot('communications.svg', svg('communications'));
    expect(svg('map')).toContain('<title>Deir-ez-Zor: ');
  });

  it('gives each quarter’s attack mix as an independent count of the fixture says', async () => {
    const brief = await buildBrief(store, SYR, { now: NOW });
    const expected = new Map<string, number>();
    for (const e of briefEvents().filter((ev) => ev.country === 'SYR')) {
      const q = `2020-Q${Math.floor((Number(e.date.slice(5, 7)) - 1) / 3) + 1}`;
      const key = `${q} ${e.attack_type}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const got = new Map(brief.mix_over_time.map((r) => [`${r.quarter} ${r.key}`, r.n]));
    expect(got).toEqual(expected);
    const q2 = brief.mix_over_time.filter((r) => r.quarter === '2020-Q2');
    expect(q2.reduce((a, r) => a + r.share, 0)).toBeCloseTo(1, 12);
  });

  it('counts stored documents per source and month within the window', async () => {
    const brief = await buildBrief(store, SYR, { now: NOW });
    expect(brief.communications).toEqual({
      window: brief.inputs.window,
      n: 5,
      by_source: [
        { source: 'telegram', n: 3, share: 0.6 },
        { source: 'twitter', n: 2, share: 0.4 },
      ],
      monthly: [
        { month: '2020-02', source: 'telegram', n: 2 },
        { month: '2020-03', source: 'twitter', n: 1 },
        { month: '2020-05', source: 'telegram', n: 1 },
        { month: '2020-12', source: 'twitter', n: 1 },
      ],
    });
    const narrow = await buildBrief(
      store,
      { ...SYR, from: '2020-06', to: '2020-11' },
      { now: NOW },
    );
    expect(narrow.communications).toBeNull();
    expect(narrow.figures.map((f) => f.name)).toEqual(['tempo', 'map', 'attack-mix']);
  });

  it('renders HTML without scripts and with untrusted text escaped', async () => {
    const html = renderHtml(await buildBrief(store, SYR, { compare: 'IRQ', now: NOW }));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<svg');
  });

  it('renders Markdown with figure files beside it and escaped notes', async () => {
    const { markdown, files } = renderMarkdown(await buildBrief(store, SYR, { now: NOW }), 'b');
    expect(files.map((f) => f.path)).toEqual([
      'b-tempo.svg',
      'b-map.svg',
      'b-attack-mix.svg',
      'b-communications.svg',
    ]);
    expect(markdown).toContain('### Attack mix over time');
    expect(markdown).toContain('| telegram | 3 | 60% |');
    expect(markdown).toContain('![');
    expect(markdown).toContain('(b-map.svg)');
    expect(markdown).not.toContain('<img');
    expect(markdown).toContain('&lt;img src=x onerror=alert(1)&gt; \\| \\*bold\\*');
  });

  it('says there is nothing to report for an unknown country or an empty window', async () => {
    const none = await buildBrief(store, { ...SYR, country: ['XYZ'] }, { now: NOW });
    expect(none.nothing_to_report).toBe('Nothing to report: unknown country: XYZ.');
    expect(none.figures).toEqual([]);
    const html = renderHtml(none);
    expect(html).not.toContain('<svg');
    expect(html).toContain('Nothing to report');
    const empty = await buildBrief(store, { ...SYR, from: '2023-01', to: '2023-03' }, { now: NOW });
    expect(empty.nothing_to_report).toBe('Nothing to report: no events match this filter.');
    expect(renderMarkdown(empty, 'e').files).toEqual([]);
  });

  it('refuses malformed requests with the value named', async () => {
    await expect(buildBrief(store, { from: '2021', to: '2020' })).rejects.toThrow(
      new BriefError('filter: from 2021 is after to 2020'),
    );
    await expect(
      buildBrief(store, { actor: ['Islamic State'] }, { compare: 'IRQ' }),
    ).rejects.toThrow('compare: IRQ needs exactly one country in the filter');
  });
});
