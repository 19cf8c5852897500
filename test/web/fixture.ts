/**
 * A small, deterministic store for the dashboard's end-to-end tests: ~400 dataset events over
 * Iraqi and Syrian governorates (2016–2017, seeded), and three extracted events with their source
 * documents and evidence spans — one English, one Arabic, one carrying `<script>` and
 * `<img onerror>` payloads in its text, actor and notes.
 */
import { readFileSync } from 'node:fs';
import { insertEvents, type TestEvent } from '../../src/analyze/test-events.js';
import { seeded } from '../../src/analyze/random.js';
import { bundledDataPath } from '../../src/model/paths.js';
import type { Store } from '../../src/store/index.js';

interface Unit {
  country: string;
  name: string;
  code: string;
  lon: number;
  lat: number;
}

/** Governorates with a point inside each (the mean of its outer ring is close enough here). */
function units(file: string): Unit[] {
  const fc = JSON.parse(readFileSync(bundledDataPath(file), 'utf8')) as {
    features: {
      properties: { country: string; name: string; code: string };
      geometry: { type: string; coordinates: unknown };
    }[];
  };
  return fc.features.map((f) => {
    const ring = (
      f.geometry.type === 'Polygon'
        ? (f.geometry.coordinates as number[][][])[0]
        : (f.geometry.coordinates as number[][][][])[0]![0]
    )!;
    const lon = ring.reduce((s, p) => s + p[0]!, 0) / ring.length;
    const lat = ring.reduce((s, p) => s + p[1]!, 0) / ring.length;
    return { ...f.properties, lon, lat };
  });
}

const TYPES = ['bombing', 'armed_assault', 'assassination', 'kidnapping'] as const;
const TARGETS = ['military', 'police', 'private_citizens', 'government'] as const;

export const ENGLISH = 'x:en1';
export const ARABIC = 'x:ar1';
export const HOSTILE = 'x:xss1';

export const ENGLISH_TEXT =
  'Soldiers of the caliphate detonated an IED on a police patrol in Mosul, killing four.';
export const ARABIC_TEXT = 'أعلن جنود الخلافة تفجير عبوة ناسفة على دورية للشرطة في الموصل';
export const HOSTILE_TEXT =
  'Claim <script>window.__xss = 1; alert("script")</script> and ' +
  '<img src=x onerror="window.__xss = 2; alert(\'img\')"> the soldiers attacked a checkpoint in Kirkuk.';

export interface Fixture {
  events: TestEvent[];
}

/** Fills `store`; returns every event inserted (for expected counts). */
export async function loadFixture(store: Store): Promise<Fixture> {
  const rand = seeded(20260601);
  const iraq = units('boundaries/irq_adm1.geojson');
  const syria = units('boundaries/syr_adm1.geojson');
  // Skewed towards a few governorates, as real data is.
  const hot = ['Ninewa', 'Al-Anbar', 'Salah Al-Din', 'Diyala', 'Kirkuk', 'Baghdad'];
  const events: TestEvent[] = [];
  for (let i = 0; i < 400; i++) {
    const inIraq = rand() < 0.75;
    const pool = inIraq ? iraq.filter((u) => hot.includes(u.name)) : syria;
    const u = pool[Math.floor(rand() * rand() * pool.length)]!;
    const month = Math.floor(rand() * 24);
    const day = 1 + Math.floor(rand() * 28);
    const date = `${2016 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    events.push({
      id: `test:${i}`,
      date,
      country: u.country,
      admin1: u.name,
      admin1_code: u.code,
      actor1: 'Islamic State',
      attack_type: TYPES[Math.floor(rand() * TYPES.length)]!,
      target_type: TARGETS[Math.floor(rand() * TARGETS.length)]!,
      claimed: rand() < 0.4,
      fatalities: Math.floor(rand() * 6),
      lat: u.lat + (rand() - 0.5) * 0.3,
      lon: u.lon + (rand() - 0.5) * 0.3,
    });
  }
  const ninewa = iraq.find((u) => u.name === 'Ninewa')!;
  const kirkuk = iraq.find((u) => u.name === 'Kirkuk')!;
  const extracted = (id: string, u: Unit, date: string, actor = 'Islamic State'): TestEvent => ({
    id,
    origin: 'extracted',
    source_id: 'telegram',
    date,
    country: u.country,
    admin1: u.name,
    admin1_code: u.code,
    actor1: actor,
    attack_type: 'bombing',
    target_type: 'police',
    claimed: true,
    fatalities: 4,
    lat: u.lat,
    lon: u.lon,
  });
  events.push(
    extracted(ENGLISH, ninewa, '2017-03-05'),
    extracted(ARABIC, ninewa, '2017-03-06'),
    extracted(HOSTILE, kirkuk, '2017-03-07', '<img src=x onerror="window.__xss = 3">'),
  );
  await insertEvents(store, events);
  await store.run(`UPDATE events SET notes = $notes WHERE id = $id`, {
    id: HOSTILE,
    notes: '<script>window.__xss = 4</script><b>bold?</b>',
  });
  await store.run(
    `INSERT INTO documents (id, source, lang, text) VALUES
     ('doc:en', 'telegram', 'en', $en), ('doc:ar', 'telegram', 'ar', $ar), ('doc:xss', 'telegram', 'en', $xss)`,
    { en: ENGLISH_TEXT, ar: ARABIC_TEXT, xss: HOSTILE_TEXT },
  );
  const spans: [string, string, string, string, string][] = [
    [ENGLISH, 'doc:en', ENGLISH_TEXT, 'attack_type', 'detonated an IED'],
    [ENGLISH, 'doc:en', ENGLISH_TEXT, 'target_type', 'police patrol'],
    [ENGLISH, 'doc:en', ENGLISH_TEXT, 'admin1', 'Mosul'],
    [ARABIC, 'doc:ar', ARABIC_TEXT, 'attack_type', 'تفجير عبوة ناسفة'],
    [ARABIC, 'doc:ar', ARABIC_TEXT, 'admin1', 'الموصل'],
    [HOSTILE, 'doc:xss', HOSTILE_TEXT, 'attack_type', 'attacked'],
    [HOSTILE, 'doc:xss', HOSTILE_TEXT, 'admin1', 'Kirkuk'],
  ];
  for (const [event, doc, text, field, quote] of spans) {
    const start = text.indexOf(quote);
    if (start < 0) throw new Error(`fixture: "${quote}" not in ${doc}`);
    await store.run(`INSERT INTO evidence VALUES ($event, $doc, $field, $start, $end)`, {
      event,
      doc,
      field,
      start,
      end: start + quote.length,
    });
  }
  return { events };
}
