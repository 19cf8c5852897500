/**
 * Test fixture: one week in Diyala and Kirkuk as a dataset codes it (two rows) and as news and an
 * Arabic claim report it (documents in test/fixtures/link, run through the real extractor).
 */
import { fileURLToPath } from 'node:url';
import { insertEvents } from '../analyze/test-events.js';
import { extractStored } from '../extract/index.js';
import { ingestDocuments } from '../ingest/index.js';
import { Store } from '../store/index.js';

const reports = fileURLToPath(new URL('../../test/fixtures/link/reports.ndjson', import.meta.url));

/** Dataset rows as an ACLED-style source would code the same week in Diyala and Kirkuk. */
const DATASET = [
  {
    id: 'acled:IRQ1',
    source_id: 'acled',
    date: '2021-03-16',
    country: 'IRQ',
    admin1: 'Diyala',
    admin1_code: 'IQG10',
    location: 'Baqubah',
    lat: 33.7476,
    lon: 44.6403,
    geo_precision: 1,
    actor1: 'Islamic State',
    attack_type: 'bombing',
    tactics: ['suicide', 'vbied'],
    target_type: 'police',
    fatalities: 13,
    notes: 'A suicide car bomb exploded at a police checkpoint at the entrance of Baqubah.',
  },
  {
    id: 'acled:IRQ2',
    source_id: 'acled',
    date: '2021-03-16',
    country: 'IRQ',
    admin1: 'Diyala',
    admin1_code: 'IQG10',
    location: 'Baqubah',
    lat: 33.7476,
    lon: 44.6403,
    geo_precision: 1,
    actor1: null,
    attack_type: 'armed_assault',
    target_type: 'private_citizens',
    fatalities: 1,
    notes: 'Gunmen shot dead a shop owner in central Baqubah.',
  },
];

/** An in-memory store with the dataset rows and the extracted reports, not yet linked. */
export async function reportsStore(): Promise<Store> {
  const store = await Store.open(':memory:');
  await insertEvents(store, DATASET);
  await ingestDocuments(store, reports);
  await extractStored(store);
  return store;
}
