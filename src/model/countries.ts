/** Country names, ISO2 codes and Gleditsch-Ward numbers → ISO 3166-1 alpha-3. */
import { aliasKey } from './normalize-text.js';

interface Country {
  iso3: string;
  iso2: string;
  /** Gleditsch & Ward state number, used by UCDP (`country_id`). */
  gwno: number;
  names: readonly string[];
}

/** The study region and its neighbours: where Iraq/Syria datasets place events. */
export const COUNTRIES: readonly Country[] = [
  { iso3: 'IRQ', iso2: 'IQ', gwno: 645, names: ['Iraq', 'Republic of Iraq', 'العراق'] },
  {
    iso3: 'SYR',
    iso2: 'SY',
    gwno: 652,
    names: ['Syria', 'Syrian Arab Republic', 'سوريا', 'سورية'],
  },
  { iso3: 'TUR', iso2: 'TR', gwno: 640, names: ['Turkey', 'Türkiye', 'Turkiye'] },
  { iso3: 'JOR', iso2: 'JO', gwno: 663, names: ['Jordan'] },
  { iso3: 'LBN', iso2: 'LB', gwno: 660, names: ['Lebanon'] },
  { iso3: 'IRN', iso2: 'IR', gwno: 630, names: ['Iran', 'Islamic Republic of Iran'] },
  { iso3: 'SAU', iso2: 'SA', gwno: 670, names: ['Saudi Arabia'] },
  { iso3: 'KWT', iso2: 'KW', gwno: 690, names: ['Kuwait'] },
  { iso3: 'ISR', iso2: 'IL', gwno: 666, names: ['Israel'] },
  { iso3: 'PSE', iso2: 'PS', gwno: 667, names: ['Palestine', 'West Bank and Gaza Strip'] },
  { iso3: 'EGY', iso2: 'EG', gwno: 651, names: ['Egypt'] },
  { iso3: 'LBY', iso2: 'LY', gwno: 620, names: ['Libya'] },
  { iso3: 'YEM', iso2: 'YE', gwno: 679, names: ['Yemen', 'Yemen (North Yemen)'] },
  { iso3: 'AFG', iso2: 'AF', gwno: 700, names: ['Afghanistan'] },
  { iso3: 'NGA', iso2: 'NG', gwno: 475, names: ['Nigeria'] },
];

const BY_KEY: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const c of COUNTRIES) {
    m.set(aliasKey(c.iso3), c.iso3);
    m.set(aliasKey(c.iso2), c.iso3);
    for (const n of c.names) m.set(aliasKey(n), c.iso3);
  }
  return m;
})();

/**
 * ISO3 for a country name or an ISO2/ISO3 code; null when unknown. Numbers are refused on
 * purpose: ISO numeric and Gleditsch-Ward codes collide (620 is Portugal in one, Libya in the
 * other), so numeric codes go through the function named for their scheme.
 * @example toIso3('Syrian Arab Republic') // 'SYR'
 */
export function toIso3(value: string | null | undefined): string | null {
  if (!value || /^\d+$/.test(value.trim())) return null;
  const key = aliasKey(value);
  return key ? (BY_KEY.get(key) ?? null) : null;
}

/** ISO3 for a Gleditsch-Ward state number (UCDP `country_id`). @example gwnoToIso3(652) // 'SYR' */
export function gwnoToIso3(gwno: string | number | null | undefined): string | null {
  if (gwno === null || gwno === undefined || gwno === '') return null;
  return COUNTRIES.find((c) => c.gwno === Number(gwno))?.iso3 ?? null;
}
