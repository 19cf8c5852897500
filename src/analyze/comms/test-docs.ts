/** Test helper: a store holding documents written as NDJSON and ingested like any file. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestDocuments } from '../../ingest/comms/ingest.js';
import { Store } from '../../store/index.js';

export interface TestDoc {
  id: string;
  text: string;
  published?: string;
  channel?: string;
  source?: string;
  lang?: string;
  author?: string;
  forwarded_from?: string;
}

const dir = mkdtempSync(join(tmpdir(), 'sitrep-comms-analyze-'));
let files = 0;

/** A fresh in-memory store with `docs` ingested (near-duplicates linked when `link`). */
export async function storeWithDocs(docs: readonly TestDoc[], link = false): Promise<Store> {
  const store = await Store.open(':memory:');
  const file = join(dir, `docs-${++files}.ndjson`);
  writeFileSync(file, docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
  await ingestDocuments(store, file, { nearDuplicates: link ? {} : false });
  return store;
}
