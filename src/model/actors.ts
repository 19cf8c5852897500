/**
 * Canonical actor names. Sources spell the same group many ways (ISIS, ISIL, IS, Daesh,
 * الدولة الإسلامية …); analyses group by the canonical name, and the original stays in `raw`.
 */
import { aliasKey } from './normalize-text.js';

/** Canonical name → aliases (the canonical name is an alias of itself). */
export const ACTOR_ALIASES: Readonly<Record<string, readonly string[]>> = {
  'Islamic State': [
    'IS',
    'ISIS',
    'ISIL',
    'Daesh',
    "Da'esh",
    'Daish',
    'Islamic State of Iraq and the Levant',
    'Islamic State in Iraq and the Levant',
    'Islamic State of Iraq and Syria',
    'Islamic State in Iraq and Syria',
    'Islamic State of Iraq and al-Sham',
    'Islamic State of Iraq and ash-Sham',
    'Islamic State (IS)',
    'Islamic State of Iraq and the Levant (ISIL)',
    'IS - Islamic State',
    'Islamic State Iraq Province',
    'Islamic State - Iraq Province',
    'Islamic State Syria Province',
    'Islamic State - Syria Province',
    'Islamic State (Iraq)',
    'Islamic State (Syria)',
    'الدولة الإسلامية',
    'الدولة الاسلامية',
    'تنظيم الدولة',
    'تنظيم الدولة الإسلامية',
    'داعش',
    'دولة الخلافة',
  ],
  'Islamic State of Iraq': ['ISI', 'Islamic State of Iraq (ISI)', 'دولة العراق الإسلامية'],
  'al-Qaeda in Iraq': [
    'AQI',
    'Al-Qaida in Iraq',
    'Al Qaeda in Iraq',
    'Tanzim Qaidat al-Jihad fi Bilad al-Rafidayn',
    "Al-Qa'ida in Iraq",
  ],
  "Hay'at Tahrir al-Sham": [
    'HTS',
    'Hayat Tahrir al-Sham',
    'HTS: Hayat Tahrir al Sham',
    'Tahrir al-Sham',
    'هيئة تحرير الشام',
  ],
  'Jabhat al-Nusra': [
    'Nusra Front',
    'al-Nusra Front',
    'Al-Nusrah Front',
    'Jabhat Fateh al-Sham',
    'Jabhat al-Nusra (Al-Nusra Front)',
    'جبهة النصرة',
  ],
  'Syrian Democratic Forces': ['SDF', 'QSD', 'قوات سوريا الديمقراطية'],
  'Kurdistan Workers Party': ["Kurdistan Workers' Party", 'PKK', "Kurdistan Workers' Party (PKK)"],
  'Government of Syria': ['Syrian government', 'Syrian Arab Army', 'Military Forces of Syria'],
  'Government of Iraq': ['Iraqi government', 'Iraqi Security Forces', 'Military Forces of Iraq'],
  'Popular Mobilization Forces': [
    'PMF',
    'PMU',
    'Hashd al-Shaabi',
    'al-Hashd al-Shaabi',
    'الحشد الشعبي',
  ],
};

const INDEX: ReadonlyMap<string, string> = (() => {
  const index = new Map<string, string>();
  for (const [canonical, aliases] of Object.entries(ACTOR_ALIASES)) {
    for (const alias of [canonical, ...aliases]) index.set(aliasKey(alias), canonical);
  }
  return index;
})();

/**
 * The canonical actor name for a source's spelling; the trimmed original when no alias is known
 * (unknown groups are kept, not dropped), null for empty values.
 *
 * Tries the whole value, then the value without a parenthetical ("… (ISIL)"), then the
 * parenthetical alone, so GTD's "Islamic State of Iraq and the Levant (ISIL)" resolves.
 * @example canonicalActor('ISIL') // 'Islamic State'
 */
export function canonicalActor(value: string | null | undefined): string | null {
  if (!value) return null;
  // Datasets repeat a few dozen actor spellings millions of times: remember the answers.
  let hit = MEMO.get(value);
  if (hit === undefined) {
    hit = resolveActor(value);
    if (MEMO.size >= 10_000) MEMO.clear();
    MEMO.set(value, hit);
  }
  return hit;
}

const MEMO = new Map<string, string | null>();

function resolveActor(value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed) return null;
  const paren = /^(.*?)\s*\(([^)]+)\)\s*$/.exec(trimmed);
  const tries = paren ? [trimmed, paren[1] ?? '', paren[2] ?? ''] : [trimmed];
  for (const t of tries) {
    const hit = INDEX.get(aliasKey(t));
    if (hit) return hit;
  }
  return trimmed;
}
