// Builds data/boundaries/ from the OCHA COD-AB boundary files in ../shared/data/geo.
//
//   node scripts/build-boundaries.mjs
//
// SITREP_SHARED_DATA overrides the shared data folder (default: <repo>/../shared/data).
// Output is reproducible: features sorted by pcode, properties in a fixed order, coordinates
// rounded to 5 decimals (about 1 m), one feature per line so that a rebuild diffs cleanly.
// Plain .mjs because the project has no TypeScript runner; nothing runs at import.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ADMIN1_ALIASES, ADMIN2_ALIASES, ADMIN3_ALIASES } from './admin-aliases-curated.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** One output file per country and level; `parents` are the ADM levels copied as admin1/admin2. */
const SOURCES = [
  { out: 'irq_adm0', country: 'IRQ', level: 0, file: 'irq_admbnda_adm0_cso_itos_20190603.geojson' },
  { out: 'irq_adm1', country: 'IRQ', level: 1, file: 'irq_admbnda_adm1_cso_20190603.geojson' },
  { out: 'irq_adm2', country: 'IRQ', level: 2, file: 'irq_admbnda_adm2_cso_20190603.geojson' },
  { out: 'irq_adm3', country: 'IRQ', level: 3, file: 'irq_admbnda_adm3_cso_20190603.geojson' },
  {
    out: 'syr_adm0',
    country: 'SYR',
    level: 0,
    file: 'syr_admbnda_adm0_uncs_unocha_20201217.geojson',
  },
  {
    out: 'syr_adm1',
    country: 'SYR',
    level: 1,
    file: 'syr_admbnda_adm1_uncs_unocha_20201217.geojson',
  },
];

const LICENCE = 'CC BY-IGO; source: OCHA Humanitarian Data Exchange (COD-AB)';

function main() {
  const shared = process.env.SITREP_SHARED_DATA ?? resolve(REPO, '../shared/data');
  const outDir = join(REPO, 'data', 'boundaries');
  mkdirSync(outDir, { recursive: true });

  const units = { 1: [], 2: [], 3: [] };
  let total = 0;
  for (const src of SOURCES) {
    const path = join(shared, 'geo', src.file);
    const input = JSON.parse(readFileSync(path, 'utf8'));
    const features = input.features.map((f, i) => reduceFeature(f, src, `${path}: feature ${i}`));
    features.sort((a, b) => compare(a.properties.code, b.properties.code));
    if (src.level > 0) units[src.level].push(...features.map((f) => f.properties));
    const text = featureCollection(features, { source: src.file, licence: LICENCE });
    writeFileSync(join(outDir, `${src.out}.geojson`), text);
    total += text.length;
    const points = features.reduce((n, f) => n + countPositions(f.geometry), 0);
    console.log(`${src.out}.geojson: ${features.length} features, ${points} points, ${kb(text)}`);
  }

  const aliases = buildAliases(units);
  const aliasText = JSON.stringify(aliases, null, 1) + '\n';
  writeFileSync(join(outDir, 'admin-aliases.json'), aliasText);
  total += aliasText.length;
  const count = (list) => list.reduce((n, u) => n + u.aliases.length, 0);
  console.log(
    `admin-aliases.json: ${count(aliases.admin1)} admin1, ${count(aliases.admin2)} admin2, ` +
      `${count(aliases.admin3)} admin3 aliases, ${kb(aliasText)}`,
  );
  console.log(`total ${(total / 1024 / 1024).toFixed(2)} MB in ${outDir}`);
}

/** Keeps names and codes only, in a fixed key order; parents as admin1/admin2 names and codes. */
function reduceFeature(feature, src, where) {
  const p = feature.properties;
  const lvl = src.level;
  const text = (key) => {
    const v = p[key];
    if (typeof v !== 'string' || v.trim() === '') throw new Error(`${where}: ${key}: missing name`);
    return v.trim().replace(/\s+/g, ' ');
  };
  const properties = {
    country: src.country,
    name: text(`ADM${lvl}_EN`),
    name_ar: text(`ADM${lvl}_AR`),
    code: text(`ADM${lvl}_PCODE`),
  };
  for (const parent of [1, 2]) {
    if (parent >= lvl) break;
    properties[`admin${parent}`] = text(`ADM${parent}_EN`);
    properties[`admin${parent}_code`] = text(`ADM${parent}_PCODE`);
  }
  return { type: 'Feature', properties, geometry: roundGeometry(feature.geometry, where) };
}

function roundGeometry(geometry, where) {
  if (geometry?.type === 'Polygon') {
    return { type: 'Polygon', coordinates: roundPolygon(geometry.coordinates, where) };
  }
  if (geometry?.type === 'MultiPolygon') {
    const parts = geometry.coordinates.map((p) => roundPolygon(p, where)).filter((p) => p.length);
    return { type: 'MultiPolygon', coordinates: parts };
  }
  throw new Error(`${where}: geometry: ${geometry?.type}, expected Polygon or MultiPolygon`);
}

/** Rounds to 5 decimals and drops the repeated points that rounding creates. */
function roundPolygon(rings, where) {
  const out = [];
  for (const ring of rings) {
    const r = [];
    for (const [x, y] of ring) {
      const pt = [round5(x), round5(y)];
      const last = r[r.length - 1];
      if (!last || last[0] !== pt[0] || last[1] !== pt[1]) r.push(pt);
    }
    const [first, last] = [r[0], r[r.length - 1]];
    if (first && (first[0] !== last[0] || first[1] !== last[1])) r.push([first[0], first[1]]);
    if (r.length >= 4) out.push(r);
  }
  if (out.length === 0) throw new Error(`${where}: geometry: every ring collapsed when rounded`);
  return out;
}

const round5 = (v) => Math.round(v * 1e5) / 1e5;

function countPositions(geometry) {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polys.reduce((n, p) => n + p.reduce((m, r) => m + r.length, 0), 0);
}

function featureCollection(features, metadata) {
  const lines = features.map((f) => JSON.stringify(f));
  const head = `{"type":"FeatureCollection","metadata":${JSON.stringify(metadata)},"features":[\n`;
  return head + lines.join(',\n') + '\n]}\n';
}

/** Alias lists per unit: canonical names, generated article forms, curated spellings. */
function buildAliases(units) {
  const curated = { 1: ADMIN1_ALIASES, 2: ADMIN2_ALIASES, 3: ADMIN3_ALIASES };
  const out = {
    about:
      'Alias spellings of COD-AB admin units (canonical name = COD-AB ADMn_EN). Latin forms are ' +
      'lowercased, without diacritics, apostrophes or hyphens; Arabic forms as written. Suffixes ' +
      'such as governorate/province/district are stripped at match time, not stored. ' +
      LICENCE,
  };
  for (const level of [1, 2, 3]) {
    const known = new Set(units[level].map((u) => u.code));
    for (const code of Object.keys(curated[level])) {
      if (!known.has(code))
        throw new Error(`admin-aliases-curated.mjs: ADMIN${level}: ${code}: no such pcode`);
    }
    out[`admin${level}`] = units[level].map((u) => {
      const spellings = [u.name, u.name_ar, ...(curated[level][u.code] ?? [])];
      const aliases = [...new Set(spellings.flatMap(variants))].sort(compare);
      const { country, name, name_ar, code } = u;
      const parents = level > 1 ? { admin1_code: u.admin1_code } : {};
      if (level > 2) parents.admin2_code = u.admin2_code;
      return { code, country, name, name_ar, ...parents, aliases };
    });
  }
  return out;
}

const ARABIC = /[\u0600-\u06ff]/;
const ARTICLES = new Set(['al', 'el', 'ad', 'ed', 'as', 'es', 'ar', 'er', 'az', 'ez', 'at', 'et']);
const ARTICLES_MORE = ['an', 'en', 'ash', 'esh', 'adh', 'ath', 'ul', 'ud', 'ur', 'us', 'uz', 'ut'];
for (const a of ARTICLES_MORE) ARTICLES.add(a);

/** Article variants of one spelling: al-X, el-X, assimilated (ad-Din, as-Sweida), and none. */
function variants(spelling) {
  if (ARABIC.test(spelling)) {
    const s = spelling.normalize('NFC').trim().replace(/\s+/g, ' ');
    return s.startsWith('ال') && s.length > 4 ? [s, s.slice(2)] : [s];
  }
  const tokens = latin(spelling).split(' ');
  const at = tokens.map((t, i) => ARTICLES.has(t) && i < tokens.length - 1);
  if (!at.some(Boolean)) return [tokens.join(' ')];
  const form = (choose) =>
    tokens
      .map((t, i) => (at[i] ? choose(tokens[i + 1], i) : t))
      .filter((t) => t !== '')
      .join(' ');
  const out = [
    tokens.join(' '),
    form(() => 'al'),
    form(() => 'el'),
    form(assimilated),
    form(() => ''),
    form((next, i) => (i === 0 ? '' : 'al')),
    form((next, i) => (i === 0 ? '' : assimilated(next))),
  ];
  return out.filter((s) => s !== '');
}

/** The Arabic article takes the sound of a following "sun letter": ad-Din, ash-Shirqat. */
function assimilated(next) {
  const two = next.slice(0, 2);
  if (['sh', 'th', 'dh'].includes(two)) return `a${two}`;
  return 'tdrzsn'.includes(next[0]) ? `a${next[0]}` : 'al';
}

/** Lowercase, no diacritics, apostrophes or hyphens: "Dar'a" → "dara", "Wāsiţ" → "wasit". */
export function latin(s) {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`ʼʻʿʾ´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const kb = (text) => `${(text.length / 1024).toFixed(0)} KB`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
