/**
 * Tier 2: runs only where ../shared/data exists (GTD pages are not redistributable, so they
 * are read from there and never copied into the project).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AdminLookup } from './admin-lookup.js';
import { geoparse } from './geoparse.js';
import { primaryPlace } from './primary.js';

const GTD = join(import.meta.dirname, '../../../shared/data/labelled/gtd_pages_dev.ndjson');

interface GtdPage {
  country: string;
  provstate: string | null;
  summary: string;
}

describe.skipIf(!existsSync(GTD))('geoparse on GTD dev incident pages (shared data)', () => {
  it('puts the primary place in the coded governorate for ≥ 90% of pages', () => {
    const lookup = AdminLookup.load();
    const pages = readFileSync(GTD, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as GtdPage);
    let n = 0;
    let correct = 0;
    for (const p of pages) {
      const country = p.country === 'Syria' ? 'SYR' : 'IRQ';
      const gold = p.provstate ? lookup.resolveName(country, p.provstate) : null;
      if (!gold) continue;
      n++;
      const best = primaryPlace(geoparse(p.summary));
      if (best?.admin1_code === gold.admin1_code) correct++;
    }
    expect(n).toBeGreaterThan(20);
    expect(correct / n).toBeGreaterThanOrEqual(0.9);
  });
});
