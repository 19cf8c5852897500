/**
 * Extraction over stored documents: events with origin `extracted` through the import staging
 * and commit path (content-hash ids, so a re-run changes nothing), and their evidence rows.
 */
import { createHash } from 'node:crypto';
import { EventSchema, type Event, type Evidence } from '../model/index.js';
import { EvidenceStage, ImportStage, listDocuments, type Store } from '../store/index.js';
import { extract } from './extract.js';
import { EXTRACTOR, type ExtractedEvent } from './types.js';

export interface StoreExtractResult {
  documents: number;
  events: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Events not stored, by reason (e.g. no date in the text and no publication date). */
  skipped: Record<string, number>;
}

const PAGE = 500;

/**
 * Extracts from every stored document and stores the events and their evidence. Documents are
 * read a page at a time and both events and evidence are staged in the database as they go, so
 * memory stays flat however many documents are stored.
 */
export async function extractStored(store: Store): Promise<StoreExtractResult> {
  const stage = await ImportStage.open(store);
  const evidence = await EvidenceStage.open(store);
  const digest = createHash('sha256');
  let documents = 0;
  const skipped: Record<string, number> = {};
  let events = 0;
  let line = 0;
  for (let offset = 0; ; offset += PAGE) {
    const page = await listDocuments(store, { limit: PAGE, offset });
    for (const doc of page) {
      documents++;
      const rows: Evidence[] = [];
      digest.update(`${doc.id}\u0000${doc.content_hash ?? ''}\n`);
      const published = doc.published_at?.slice(0, 10) ?? null;
      const found = extract({
        id: doc.id,
        text: doc.text,
        published,
        lang: doc.lang,
        source: doc.source,
      });
      found.forEach((x, index) => {
        line++;
        const event = toEvent(x, index, doc.source, published);
        if (typeof event === 'string') {
          skipped[event] = (skipped[event] ?? 0) + 1;
          return;
        }
        events++;
        stage.addEvent(line, event);
        for (const [field, [start, end]] of Object.entries(x.evidence)) {
          rows.push({ event_id: event.id, document_id: doc.id, field, start, end });
        }
      });
      evidence.add(doc.id, rows);
    }
    stage.flush();
    evidence.flush();
    if (page.length < PAGE) break;
  }
  const counts = await stage.commit(
    {
      file: '(stored documents)',
      sha256: digest.digest('hex'),
      format: `extract:${EXTRACTOR.name}@${EXTRACTOR.version}`,
      startedAt: new Date(),
      rowsRead: documents,
    },
    'keep-first',
    skipped,
  );
  await evidence.commit();
  return {
    documents,
    events,
    inserted: counts.inserted,
    updated: counts.updated,
    unchanged: counts.unchanged,
    skipped,
  };
}

/**
 * The stored Event for an extracted one, or the reason it cannot be stored. The id hashes the
 * document id, the event's index and its key fields (nulls written as null, never skipped).
 * An event without a date in its text takes the publication day at precision 2 (a week).
 */
export function toEvent(
  x: ExtractedEvent,
  index: number,
  source: string,
  published: string | null,
): Event | string {
  const date = x.date ?? published;
  if (!date) return 'no date';
  const key = [
    x.doc_id,
    index,
    x.attack_type,
    x.date,
    x.admin1_code,
    x.location,
    x.fatalities,
    x.wounded,
  ];
  const id = `extracted:${createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 20)}`;
  const notes = [...x.notes, ...(x.date ? [] : ['date: not in the text; publication day used'])];
  const parsed = EventSchema.safeParse({
    id,
    origin: 'extracted',
    extractor: `${x.extractor.name}@${x.extractor.version}`,
    source_id: source,
    external_id: `${x.doc_id}#${index}`,
    date,
    // Without a date in the text the event is dated by its report: news and claims run days,
    // not weeks, behind what they report, so the publication day is "within a week" (2).
    date_precision: x.date ? (x.date_precision ?? 3) : 2,
    country: x.country,
    admin1: x.admin1,
    admin1_code: x.admin1_code,
    admin2: x.admin2,
    admin2_code: x.admin2_code,
    location: x.location,
    lat: x.lat,
    lon: x.lon,
    geo_precision: x.geo_precision,
    actor1: x.actor1,
    attack_type: x.attack_type,
    tactics: x.tactics,
    target_type: x.target_type,
    fatalities: x.fatalities,
    wounded: x.wounded,
    claimed: x.claimed,
    notes: notes.length ? notes.join('; ') : null,
    confidence: x.confidence,
    raw: { doc_id: x.doc_id },
  });
  return parsed.success ? parsed.data : `invalid: ${parsed.error.issues[0]?.path.join('.') ?? ''}`;
}
