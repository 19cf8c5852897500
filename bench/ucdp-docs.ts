/**
 * Benchmark input shared by the text benchmarks: the bundled UCDP GED rows (real headlines with
 * their coded governorate), and the headlines joined into ~1 KB documents.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { bundledDataPath } from '../src/model/index.js';

export interface UcdpRow {
  source_headline: string;
  adm_1: string;
}

/** The bundled UCDP GED Syria rows (headline and coded admin1 only). */
export function ucdpRows(): UcdpRow[] {
  const gz = readFileSync(bundledDataPath('events/ucdp_ged_syria_2016_2019.csv.gz'));
  const rows: Record<string, string>[] = parse(gunzipSync(gz), { columns: true });
  return rows.map((r) => ({ source_headline: r.source_headline ?? '', adm_1: r.adm_1 ?? '' }));
}

/** Headlines joined with '. ' into documents of at least `chars` characters. */
export function headlineDocuments(headlines: readonly string[], chars = 1000): string[] {
  const docs: string[] = [];
  let doc = '';
  for (const h of headlines) {
    doc += (doc ? '. ' : '') + h;
    if (doc.length >= chars) {
      docs.push(doc);
      doc = '';
    }
  }
  return docs;
}
