/**
 * Test fixture shared by the brief tests: a small fixed synthetic dataset of the Islamic State
 * in Syria (a 12-month series with a high phase in Apr–Jul 2020) and Iraq (30 bombings).
 */
import type { TestEvent } from '../analyze/test-events.js';

const SYR_PLACES = [
  { admin1: 'Deir-ez-Zor', admin1_code: 'SY09', lat: 35.33, lon: 40.14 },
  { admin1: 'Ar-Raqqa', admin1_code: 'SY11', lat: 35.95, lon: 39.01 },
  { admin1: 'Aleppo', admin1_code: 'SY02', lat: 36.2, lon: 37.16 },
  { admin1: 'Homs', admin1_code: 'SY04', lat: 34.55, lon: 38.28 },
];
const IRQ_PLACES = [
  { admin1: 'Ninewa', admin1_code: 'IQG15', lat: 36.34, lon: 43.13 },
  { admin1: 'Al-Anbar', admin1_code: 'IQG01', lat: 33.42, lon: 43.3 },
  { admin1: 'Kirkuk', admin1_code: 'IQG13', lat: 35.47, lon: 44.39 },
  { admin1: 'Diyala', admin1_code: 'IQG10', lat: 33.75, lon: 44.6 },
  { admin1: 'Salah Al-Din', admin1_code: 'IQG16', lat: 34.6, lon: 43.68 },
];
const SYR_MONTHLY = [2, 3, 2, 8, 9, 10, 8, 3, 2, 2, 3, 2];
const TYPES = ['bombing', 'armed_assault', 'assassination'] as const;

/** The fixture events, deterministic. */
export function briefEvents(): TestEvent[] {
  const out: TestEvent[] = [];
  let i = 0;
  SYR_MONTHLY.forEach((count, m) => {
    for (let k = 0; k < count; k++, i++) {
      const p = SYR_PLACES[i % (i % 3 === 0 ? 4 : 2)]!;
      out.push({
        id: `syn:s${String(i).padStart(3, '0')}`,
        source_id: 'ucdp_ged',
        date: `2020-${String(m + 1).padStart(2, '0')}-${String(1 + ((k * 5) % 28)).padStart(2, '0')}`,
        country: 'SYR',
        ...p,
        lat: p.lat + (i % 4) * 0.01,
        actor1: 'Islamic State',
        attack_type: TYPES[i % 3],
        target_type: i % 2 ? 'military' : 'private_citizens',
        fatalities: (i * 7) % 23,
      });
    }
  });
  for (let j = 0; j < 30; j++) {
    const p = IRQ_PLACES[j % 5]!;
    out.push({
      id: `syn:i${String(j).padStart(3, '0')}`,
      source_id: 'ucdp_ged',
      date: `2020-${String(1 + (j % 12)).padStart(2, '0')}-15`,
      country: 'IRQ',
      ...p,
      lon: p.lon + (j % 3) * 0.02,
      actor1: 'Islamic State',
      attack_type: 'bombing',
      fatalities: j % 4,
    });
  }
  return out;
}
