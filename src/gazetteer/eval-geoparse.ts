/**
 * Geoparser evaluation against labelled incidents (GTD incident pages and the like): each text
 * is geoparsed, its primary place (see primary.ts) compared with the coded governorate, district
 * and point. Shared by `sitrep eval geoparse` and bench/geoparse.ts.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { AdminLookup } from './admin-lookup.js';
import type { Iso3 } from './admin-types.js';
import { geoparse } from './geoparse.js';
import { PlaceIndex } from './place-index.js';
import { primaryPlace } from './primary.js';
import { km } from './resolve.js';
import type { Toponym } from './toponym.js';

/** A candidate this close to the gold point is "the right place" (retrieval ceiling). */
export const RIGHT_PLACE_KM = 25;

const nullableString = z.string().nullable().optional();
const nullableNumber = z.number().nullable().optional();

/** One gold line: the GTD page shape (`summary`, `provstate`, `city`, `latitude`…) or generic. */
const GoldLine = z
  .object({
    gtdid: z.union([z.string(), z.number()]).optional(),
    id: z.union([z.string(), z.number()]).optional(),
    summary: z.string().optional(),
    text: z.string().optional(),
    country: nullableString,
    provstate: nullableString,
    admin1: nullableString,
    admin2: nullableString,
    city: nullableString,
    latitude: nullableNumber,
    longitude: nullableNumber,
    lat: nullableNumber,
    lon: nullableNumber,
  })
  .refine((g) => typeof (g.summary ?? g.text) === 'string', { message: 'missing text' });

/** A labelled document; admin names as coded (resolved to pcodes through AdminLookup). */
export interface GoldDoc {
  id: string;
  text: string;
  country: Iso3 | null;
  admin1: string | null;
  admin2: string | null;
  city: string | null;
  lat: number | null;
  lon: number | null;
}

/** How one document scored; null where the gold lacks what the measure needs. */
export interface GeoparseDocScore {
  id: string;
  predicted: Toponym | null;
  gold_admin1_code: string | null;
  gold_admin2_code: string | null;
  /** `coded`: the label's coordinates; `gazetteer`: the coded city found in the gazetteer. */
  gold_point: { lat: number; lon: number; source: 'coded' | 'gazetteer' } | null;
  admin1_correct: boolean | null;
  admin2_correct: boolean | null;
  error_km: number | null;
  /** Some candidate of some toponym lies within RIGHT_PLACE_KM of the gold point. */
  retrieved: boolean | null;
  abstained: boolean;
}

/** A hit count over the documents where the measure applies. */
export interface Share {
  hits: number;
  n: number;
}

/** The evaluation of one dataset: one table row. */
export interface GeoparseEvalResult {
  dataset: string;
  n: number;
  admin1: Share;
  admin2: Share;
  /** Over documents with a gold point and a predicted point. */
  error_km: { n: number; mean: number | null; median: number | null };
  /** Over documents with a gold point; no predicted point counts as a miss. */
  within_25km: Share;
  within_161km: Share;
  retrieval: Share;
  /** hits = abstentions on documents that name no locatable place (correct abstentions). */
  abstained: Share;
  gold_points: { coded: number; gazetteer: number };
  docs: GeoparseDocScore[];
}

/**
 * Parses one gold line; throws `invalid JSON: …`, `missing text` or `<field>: <reason>`.
 * `fallbackId` (the line number) names documents without `id`/`gtdid`.
 */
export function parseGoldLine(line: string, fallbackId: string): GoldDoc {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (err) {
    throw new Error(`invalid JSON: ${(err as Error).message}`);
  }
  const parsed = GoldLine.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.');
    throw new Error(field ? `${field}: ${issue?.message}` : (issue?.message ?? 'invalid'));
  }
  const g = parsed.data;
  const admin1 = g.provstate ?? g.admin1 ?? null;
  return {
    id: String(g.id ?? g.gtdid ?? fallbackId),
    text: g.summary ?? g.text ?? '',
    country: iso3(g.country ?? null),
    admin1: admin1 && !/^unknown$/i.test(admin1.trim()) ? admin1 : null,
    admin2: g.admin2 ?? null,
    city: g.city && !/^unknown$/i.test(g.city.trim()) ? g.city : null,
    lat: g.latitude ?? g.lat ?? null,
    lon: g.longitude ?? g.lon ?? null,
  };
}

/** Reads a gold NDJSON file line by line; bad lines come back as `FILE:LINE: reason`. */
export async function readGold(path: string): Promise<{ docs: GoldDoc[]; problems: string[] }> {
  const docs: GoldDoc[] = [];
  const problems: string[] = [];
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    try {
      docs.push(parseGoldLine(line, `line ${n}`));
    } catch (err) {
      problems.push(`${path}:${n}: ${(err as Error).message}`);
    }
  }
  return { docs, problems };
}

/** Scores one document (see GeoparseDocScore). */
export function scoreDoc(doc: GoldDoc, lookup: AdminLookup, index: PlaceIndex): GeoparseDocScore {
  const toponyms = geoparse(doc.text);
  const predicted = primaryPlace(toponyms);
  const gold = doc.admin1 ? lookup.resolveName(doc.country, doc.admin1, doc.admin2) : null;
  const goldPoint = goldLocation(doc, gold?.admin1_code ?? null, index);
  const coded = goldPoint?.source === 'coded' ? lookup.locate(goldPoint.lon, goldPoint.lat) : null;
  const goldAdmin2 = (doc.admin2 ? gold?.admin2_code : coded?.admin2_code) ?? null;
  const error =
    goldPoint && predicted?.lat != null && predicted.lon != null
      ? km(predicted.lat, predicted.lon, goldPoint.lat, goldPoint.lon)
      : null;
  return {
    id: doc.id,
    predicted,
    gold_admin1_code: gold?.admin1_code ?? null,
    gold_admin2_code: goldAdmin2,
    gold_point: goldPoint,
    admin1_correct: gold?.admin1_code ? predicted?.admin1_code === gold.admin1_code : null,
    admin2_correct: goldAdmin2 ? predicted?.admin2_code === goldAdmin2 : null,
    error_km: error,
    retrieved: goldPoint ? retrieved(toponyms, goldPoint, index) : null,
    abstained: predicted === null,
  };
}

/**
 * Evaluates the geoparser on labelled documents: one result (one table row) for the dataset.
 * @example evaluateGeoparse(docs, 'gtd_pages_dev').admin1 // { hits: 30, n: 32 }
 */
export function evaluateGeoparse(docs: readonly GoldDoc[], dataset: string): GeoparseEvalResult {
  const lookup = AdminLookup.load();
  const index = PlaceIndex.load();
  const scores = docs.map((d) => scoreDoc(d, lookup, index));
  const share = (f: (s: GeoparseDocScore) => boolean | null): Share => {
    const vals = scores.map(f).filter((v): v is boolean => v !== null);
    return { hits: vals.filter(Boolean).length, n: vals.length };
  };
  const errors = scores.flatMap((s) => (s.error_km === null ? [] : [s.error_km]));
  const within = (limit: number) => (s: GeoparseDocScore) =>
    s.gold_point ? s.error_km !== null && s.error_km <= limit : null;
  const abstentions = scores.filter((s) => s.abstained);
  return {
    dataset,
    n: scores.length,
    admin1: share((s) => s.admin1_correct),
    admin2: share((s) => s.admin2_correct),
    error_km: { n: errors.length, mean: mean(errors), median: median(errors) },
    within_25km: share(within(25)),
    within_161km: share(within(161)),
    retrieval: share((s) => s.retrieved),
    abstained: {
      n: abstentions.length,
      hits: abstentions.filter((s) => !s.gold_admin1_code && !s.gold_point).length,
    },
    gold_points: {
      coded: scores.filter((s) => s.gold_point?.source === 'coded').length,
      gazetteer: scores.filter((s) => s.gold_point?.source === 'gazetteer').length,
    },
    docs: scores,
  };
}

/** `gtd_pages_dev.ndjson` → `gtd_pages_dev`. */
export const datasetName = (path: string): string => basename(path).replace(/\.[^.]*$/, '');

/**
 * The gold point: the coded coordinates, else the coded city looked up in the gazetteer within
 * the coded governorate (a settlement first). "Near X" cities give none.
 */
export function goldLocation(
  doc: GoldDoc,
  admin1Code: string | null,
  index: PlaceIndex,
): GeoparseDocScore['gold_point'] {
  if (doc.lat !== null && doc.lon !== null) return { lat: doc.lat, lon: doc.lon, source: 'coded' };
  if (!doc.city || /^near /i.test(doc.city)) return null;
  const hits = index.find(doc.city.replace(/ (city|district|town)$/i, '')).places;
  const inArea = hits.filter(
    (h) => h.admin1_code === admin1Code && h.lat !== null && h.lon !== null,
  );
  const settle = inArea.find((h) => ['city', 'town', 'village'].includes(h.kind)) ?? inArea[0];
  return settle && settle.lat !== null && settle.lon !== null
    ? { lat: settle.lat, lon: settle.lon, source: 'gazetteer' }
    : null;
}

function retrieved(
  toponyms: readonly Toponym[],
  gold: { lat: number; lon: number },
  index: PlaceIndex,
): boolean {
  const near = (lat: number | null | undefined, lon: number | null | undefined): boolean =>
    lat != null && lon != null && km(lat, lon, gold.lat, gold.lon) <= RIGHT_PLACE_KM;
  return toponyms.some(
    (t) =>
      near(t.lat, t.lon) ||
      t.candidates.some((c) => {
        const p = index.byId(c.place_id);
        return near(p?.lat, p?.lon);
      }),
  );
}

function iso3(country: string | null): Iso3 | null {
  const c = country?.trim().toLowerCase();
  if (c === 'iraq' || c === 'irq') return 'IRQ';
  if (c === 'syria' || c === 'syr') return 'SYR';
  return null;
}

const mean = (xs: readonly number[]): number | null =>
  xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;

function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
