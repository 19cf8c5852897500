// Builds data/places/places.json (the place index the geoparser reads) and
// data/places/rivers.geojson (the Euphrates and the Tigris, one merged line each).
//
//   npm run build && node scripts/build-places.mjs
//
// Inputs: ../shared/data/geo (Natural Earth places and rivers, GeoNames cities1000, the
// hoshmandent Iraqi cities list), ../shared/data/events/ucdp_ged_syria_2016_2019.csv (CC BY 4.0:
// the distinct where_prec 1 places in `where_coordinates`) and the project's own
// data/boundaries (COD-AB admin units, with their aliases). Admin names and pcodes of every
// point come from AdminLookup.locate, read from dist/ (hence `npm run build` first), so that the
// geoparser and the importers agree on which governorate a coordinate is in.
// SITREP_SHARED_DATA overrides the shared data folder (default: <repo>/../shared/data).
// Output is deterministic: places sorted by id, one place per line. Nothing runs at import.
// No IBC, CPOST or GTD record is read here: those are not redistributable.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import { latin } from './build-boundaries.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Islamic State provinces (wilayat) → the governorates they cover (coarse, by pcode). */
const WILAYAS = [
  { name: 'Wilayat Kirkuk', spellings: ['Kirkuk'], ar: 'كركوك', covers: ['IQG13'] },
  { name: 'Wilayat al-Khayr', spellings: ['al-Khayr', 'al-Khair'], ar: 'الخير', covers: ['SY09'] },
  {
    name: 'Wilayat al-Baraka',
    spellings: ['al-Baraka', 'al-Barakah'],
    ar: 'البركة',
    covers: ['SY08'],
  },
  {
    name: 'Wilayat Salahuddin',
    spellings: ['Salahuddin', 'Salah al-Din', 'Salah ad-Din'],
    ar: 'صلاح الدين',
    covers: ['IQG16'],
  },
  { name: 'Wilayat Diyala', spellings: ['Diyala'], ar: 'ديالى', covers: ['IQG10'] },
  {
    name: 'Wilayat al-Janub',
    spellings: ['al-Janub', 'al-Janoub'],
    ar: 'الجنوب',
    covers: ['IQG07', 'IQG12', 'IQG04'],
  },
  {
    name: 'Wilayat al-Furat',
    spellings: ['al-Furat', 'al-Furaat'],
    ar: 'الفرات',
    covers: ['IQG01', 'SY09'],
  },
  {
    name: 'Wilayat Ninawa',
    spellings: ['Ninawa', 'Nineveh', 'Ninewa'],
    ar: 'نينوى',
    covers: ['IQG15'],
  },
  { name: 'Wilayat Dijla', spellings: ['Dijla', 'Dijlah'], ar: 'دجلة', covers: ['IQG15'] },
  { name: 'Wilayat al-Anbar', spellings: ['al-Anbar', 'Anbar'], ar: 'الأنبار', covers: ['IQG01'] },
  {
    name: 'Wilayat al-Fallujah',
    spellings: ['al-Fallujah', 'Fallujah'],
    ar: 'الفلوجة',
    covers: ['IQG01'],
  },
  {
    name: 'Wilayat Shamal Baghdad',
    spellings: ['Shamal Baghdad', 'North Baghdad'],
    ar: 'شمال بغداد',
    covers: ['IQG08'],
  },
  { name: 'Wilayat Baghdad', spellings: ['Baghdad'], ar: 'بغداد', covers: ['IQG08'] },
  {
    name: 'Wilayat al-Jazira',
    spellings: ['al-Jazira', 'al-Jazirah', 'al-Jazeera'],
    ar: 'الجزيرة',
    covers: ['IQG15'],
  },
  { name: 'Wilayat Halab', spellings: ['Halab', 'Aleppo'], ar: 'حلب', covers: ['SY02'] },
  {
    name: 'Wilayat Hawran',
    spellings: ['Hawran', 'Houran', 'Horan'],
    ar: 'حوران',
    covers: ['SY12'],
  },
  {
    name: 'Wilayat al-Raqqa',
    spellings: ['al-Raqqa', 'al-Raqqah', 'Raqqa'],
    ar: 'الرقة',
    covers: ['SY11'],
  },
  { name: 'Wilayat Homs', spellings: ['Homs', 'Hims'], ar: 'حمص', covers: ['SY04'] },
  { name: 'Wilayat Hama', spellings: ['Hama', 'Hamah'], ar: 'حماة', covers: ['SY05'] },
  { name: 'Wilayat Idlib', spellings: ['Idlib'], ar: 'إدلب', covers: ['SY07'] },
  {
    name: 'Wilayat Dimashq',
    spellings: ['Dimashq', 'Damascus'],
    ar: 'دمشق',
    covers: ['SY01', 'SY03'],
  },
  { name: 'Wilayat al-Iraq', spellings: ['al-Iraq', 'Iraq'], ar: 'العراق', covers: ['IRQ'] },
  { name: 'Wilayat al-Sham', spellings: ['al-Sham', 'Sham'], ar: 'الشام', covers: ['SYR'] },
];
const WILAYA_WORDS = ['wilayat', 'wilayah', 'wilaya', 'welayat', 'vilayat'];
/** Wilayas that English reports also call "<name> Province" without a clash with a governorate. */
const WILAYA_PROVINCE_FORMS = new Set([
  'Wilayat al-Khayr',
  'Wilayat al-Baraka',
  'Wilayat al-Janub',
]);

const RIVERS = [
  {
    id: 'river:euphrates',
    name: 'Euphrates',
    parts: ['Euphrates', 'Firat', 'Al Furat'],
    aliases: [
      'Euphrates',
      'Firat',
      'Al Furat',
      'Furat',
      'Euphrates River',
      'الفرات',
      'نهر الفرات',
      'Fırat',
    ],
  },
  {
    id: 'river:tigris',
    name: 'Tigris',
    parts: ['Tigris', 'Dicle'],
    aliases: ['Tigris', 'Dicle', 'Dijla', 'Dijlah', 'Tigris River', 'دجلة', 'نهر دجلة'],
  },
];

/** Named areas reports use that no source lists (approximate centres, hand-placed). */
const REGIONS = [
  {
    id: 'region:eastern-ghouta',
    name: 'Eastern Ghouta',
    aliases: ['East Ghouta', 'Eastern Ghouta', 'الغوطة الشرقية'],
    lat: 33.55,
    lon: 36.4,
  },
  {
    id: 'region:western-ghouta',
    name: 'Western Ghouta',
    aliases: ['West Ghouta', 'Western Ghouta', 'الغوطة الغربية'],
    lat: 33.45,
    lon: 36.22,
  },
  {
    id: 'region:qalamoun',
    name: 'Qalamoun',
    aliases: ['Qalamoun', 'Qalamun', 'Kalamoun', 'القلمون'],
    lat: 33.95,
    lon: 36.6,
  },
  {
    id: 'region:eastern-qalamoun',
    name: 'Eastern Qalamoun',
    aliases: ['Eastern Qalamoun', 'East Qalamoun', 'القلمون الشرقي'],
    lat: 33.8,
    lon: 36.9,
  },
];

/** UCDP where_coordinates suffixes → kind; others keep the whole string as a 'site'. */
const UCDP_KINDS = { village: 'village', town: 'town', city: 'city', suburb: 'neighbourhood' };

const SOURCE_RANK = { geonames: 0, naturalearth: 1, hoshmandent: 2, ucdp: 3 };

async function main() {
  const shared = process.env.SITREP_SHARED_DATA ?? resolve(REPO, '../shared/data');
  const dist = join(REPO, 'dist/src/gazetteer/admin-lookup.js');
  if (!existsSync(dist)) throw new Error(`${dist}: missing; run \`npm run build\` first`);
  const { AdminLookup } = await import(pathToFileURL(dist).href);
  const { nameKey } = await import(
    pathToFileURL(join(REPO, 'dist/src/gazetteer/normalize-name.js')).href
  );
  const lookup = AdminLookup.load(join(REPO, 'data', 'boundaries'));
  const geo = (f) => join(shared, 'geo', f);

  const points = [
    ...readGeoNames(geo('geonames_cities1000_IQ_SY.csv')),
    ...readNaturalEarth(geo('ne_10m_populated_places_iraq_syria.geojson')),
    ...readHoshmandent(geo('iraq_cities_hoshmandent.json'), lookup),
    ...readUcdp(join(shared, 'events', 'ucdp_ged_syria_2016_2019.csv')),
  ].filter((p) => lookup.locate(p.lon, p.lat) !== null);
  const { looseKey } = await import(pathToFileURL(join(REPO, 'dist/src/gazetteer/tokens.js')).href);
  const mergeKey = (name) => {
    const key = nameKey(name);
    return ARABIC.test(key) || key.length < 4 ? key : looseKey(key);
  };
  const merged = dedupe(points, mergeKey);

  const aliasFile = JSON.parse(
    readFileSync(join(REPO, 'data/boundaries/admin-aliases.json'), 'utf8'),
  );
  const units = readUnits(aliasFile, lookup);
  addArabicFromUnits(merged, units, lookup, nameKey);

  const places = [];
  for (const p of merged) {
    const admin = lookup.locate(p.lon, p.lat);
    places.push(
      place(p.id, p.name, p.aliases, p.kind, p.population, p.lat, p.lon, admin, p.sources),
    );
  }
  for (const u of units) places.push(u);
  for (const w of WILAYAS) places.push(wilaya(w, units));
  for (const r of REGIONS) {
    const admin = lookup.locate(r.lon, r.lat);
    places.push(place(r.id, r.name, r.aliases, 'region', null, r.lat, r.lon, admin, ['curated']));
  }

  const riverGeo = JSON.parse(
    readFileSync(geo('ne_10m_rivers_lake_centerlines_iraq_syria.geojson'), 'utf8'),
  );
  const rivers = RIVERS.map((r) => mergeRiver(r, riverGeo.features));
  for (const r of rivers) {
    const [lon, lat] = r.mid;
    places.push(place(r.id, r.name, r.aliases, 'river', null, lat, lon, null, ['naturalearth']));
  }

  places.sort((a, b) => compare(a.id, b.id));
  const ids = new Set();
  for (const p of places) {
    if (ids.has(p.id)) throw new Error(`places: duplicate id ${p.id}`);
    ids.add(p.id);
  }
  const outDir = join(REPO, 'data', 'places');
  mkdirSync(outDir, { recursive: true });
  const about =
    'Sitrep place index built by scripts/build-places.mjs from COD-AB (CC BY-IGO), GeoNames ' +
    'cities1000 (CC BY 4.0), Natural Earth (public domain), hoshmandent Iraqi cities (MIT) and ' +
    'UCDP GED Syria where_coordinates (CC BY 4.0); see data/ATTRIBUTION.md';
  const text =
    `{"about":${JSON.stringify(about)},"places":[\n` +
    places.map((p) => JSON.stringify(p)).join(',\n') +
    '\n]}\n';
  writeFileSync(join(outDir, 'places.json'), text);
  const riverText =
    '{"type":"FeatureCollection","metadata":{"source":"ne_10m_rivers_lake_centerlines","licence":"public domain (Natural Earth)"},"features":[\n' +
    rivers
      .map((r) =>
        JSON.stringify({
          type: 'Feature',
          properties: { id: r.id, name: r.name, parts: r.parts },
          geometry: { type: 'MultiLineString', coordinates: r.lines },
        }),
      )
      .join(',\n') +
    '\n]}\n';
  writeFileSync(join(outDir, 'rivers.geojson'), riverText);
  const kinds = {};
  for (const p of places) kinds[p.kind] = (kinds[p.kind] ?? 0) + 1;
  console.log(`places.json: ${places.length} places ${JSON.stringify(kinds)}, ${kb(text)}`);
  console.log(
    `rivers.geojson: ${rivers.map((r) => `${r.name} ${r.lines.length} lines`).join(', ')}, ${kb(riverText)}`,
  );
}

// ---------------------------------------------------------------- sources

function readGeoNames(path) {
  const rows = parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true });
  return rows.map((r) => ({
    id: `gn:${r.country}.${r.admin1}.${slug(r.name)}`,
    name: plain(r.name),
    aliases: [r.name],
    kind: 'town',
    population: null,
    lat: round(Number(r.lat)),
    lon: round(Number(r.lng)),
    sources: ['geonames'],
  }));
}

function readNaturalEarth(path) {
  const { features } = JSON.parse(readFileSync(path, 'utf8'));
  return features.map((f) => {
    const p = f.properties;
    const gid = Number(p.GEONAMEID);
    const capital = /capital/i.test(p.FEATURECLA ?? '');
    return {
      id: gid > 0 ? `gn:${gid}` : `ne:${slug(p.NAME)}`,
      name: p.NAME_EN ?? p.NAME,
      aliases: [
        p.NAME,
        p.NAMEASCII,
        p.NAME_EN,
        ...(p.NAMEALT ? String(p.NAMEALT).split('|') : []),
      ].filter(Boolean),
      kind: capital || p.POP_MAX > 100000 ? 'city' : 'town',
      population: p.POP_MAX > 0 ? p.POP_MAX : null,
      lat: round(p.LATITUDE),
      lon: round(p.LONGITUDE),
      sources: ['naturalearth'],
    };
  });
}

/**
 * The hoshmandent list is unsourced and partly wrong (some "cities" carry the governorate's
 * name): an entry is kept only when its point lies in the governorate its `region` names, and
 * its name comes from the slug when the two disagree.
 */
function readHoshmandent(path, lookup) {
  const rows = JSON.parse(readFileSync(path, 'utf8'));
  const out = [];
  for (const r of rows) {
    const lat = round(Number(r.latitude));
    const lon = round(Number(r.longitude));
    const at = lookup.locate(lon, lat);
    const region = lookup.resolveName('IRQ', r.region);
    if (!at || !region || region.admin1_code !== at.admin1_code) continue;
    const fromSlug = r.slug
      .split('-')
      .map((w) => (w.length > 2 ? w[0].toUpperCase() + w.slice(1) : w))
      .join(' ');
    const name = slug(r.name) === r.slug ? r.name : fromSlug;
    const named = lookup.resolveName('IRQ', name);
    out.push({
      // named like a governorate ("Al Anbar", pop. 22,370): kept only if another source has it
      weak: named !== null && named.admin2_code === null,
      id: `hs:${r.slug}`,
      name,
      aliases: [name],
      kind: r.population > 100000 ? 'city' : 'town',
      population: r.population > 0 ? r.population : null,
      lat,
      lon,
      sources: ['hoshmandent'],
    });
  }
  return out;
}

function readUcdp(path) {
  const rows = parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true });
  const byName = new Map();
  for (const r of rows) {
    if (r.where_prec !== '1' || !r.where_coordinates.trim()) continue;
    const key = r.where_coordinates.trim().replace(/\s+/g, ' ');
    const at = `${round(Number(r.latitude))},${round(Number(r.longitude))}`;
    const counts = byName.get(key) ?? new Map();
    counts.set(at, (counts.get(at) ?? 0) + 1);
    byName.set(key, counts);
  }
  const out = [];
  for (const [raw, counts] of [...byName].sort((a, b) => compare(a[0], b[0]))) {
    const [at] = [...counts].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))[0];
    const [lat, lon] = at.split(',').map(Number);
    const words = raw.split(' ');
    const last = words[words.length - 1].toLowerCase();
    const kind = UCDP_KINDS[last];
    let base = kind ? words.slice(0, -1).join(' ') : raw;
    const aliases = [];
    base = base.replace(/\(([^)]*)\)/g, (_, inner) => (aliases.push(inner.trim()), ' ')).trim();
    const [name, ...others] = base
      .split('/')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!name) continue;
    aliases.unshift(name, ...others);
    out.push({
      id: `ucdp:${slug(raw)}`,
      name,
      aliases: aliases.filter((a) => a.length > 1),
      kind: kind ?? 'site',
      population: null,
      lat,
      lon,
      sources: ['ucdp'],
    });
  }
  return out;
}

/** COD-AB governorates, districts and subdistricts as places at an interior point. */
function readUnits(aliasFile, lookup) {
  const files = { IRQ: ['irq_adm1', 'irq_adm2', 'irq_adm3'], SYR: ['syr_adm1'] };
  const aliasByCode = new Map();
  for (const level of ['admin1', 'admin2', 'admin3'])
    for (const u of aliasFile[level]) aliasByCode.set(u.code, u);
  const kinds = ['governorate', 'district', 'subdistrict'];
  const out = [];
  for (const [country, list] of Object.entries(files)) {
    list.forEach((file, i) => {
      const fc = JSON.parse(readFileSync(join(REPO, 'data/boundaries', `${file}.geojson`), 'utf8'));
      for (const f of fc.features) {
        const code = f.properties.code;
        const alias = aliasByCode.get(code);
        const [lon, lat] = interiorPoint(f.geometry, code, lookup);
        const admin = lookup.locate(lon, lat);
        const names = [f.properties.name, f.properties.name_ar, ...(alias?.aliases ?? [])];
        const p = place(`cod:${code}`, f.properties.name, names, kinds[i], null, lat, lon, admin, [
          'cod-ab',
        ]);
        p.name_ar = f.properties.name_ar;
        p.country = country;
        out.push(p);
      }
    });
  }
  return out;
}

function wilaya(w, units) {
  const aliases = [w.name];
  for (const s of w.spellings) {
    for (const word of WILAYA_WORDS) aliases.push(`${word} ${s}`);
    if (WILAYA_PROVINCE_FORMS.has(w.name)) aliases.push(`${s} province`, `${s} wilaya`);
  }
  aliases.push(`ولاية ${w.ar}`);
  const first = units.find((u) => u.id === `cod:${w.covers[0]}`);
  const country = w.covers[0].startsWith('SY') ? 'SYR' : 'IRQ';
  return {
    id: `wilaya:${slug(w.name.replace(/^Wilayat /, ''))}`,
    name: w.name,
    aliases: unique(aliases),
    kind: 'wilaya',
    population: null,
    lat: first ? first.lat : null,
    lon: first ? first.lon : null,
    country,
    admin1: null,
    admin1_code: null,
    admin2: null,
    admin2_code: null,
    admin3: null,
    admin3_code: null,
    covers: w.covers,
    sources: ['curated'],
  };
}

// ---------------------------------------------------------------- merging

/**
 * Same name key (loose for Latin: Baiji = Bayji) within 5 km (15 km for places of 100,000 people or more) → one place: the
 * GeoNames coordinates win, then Natural Earth, hoshmandent, UCDP; population from the first
 * source that has one; aliases from all; the id of the best-ranked source, except that a
 * GeoNames id number (from Natural Earth) beats a GeoNames name-based id.
 */
function dedupe(points, nameKey) {
  const sorted = [...points].sort(
    (a, b) => SOURCE_RANK[a.sources[0]] - SOURCE_RANK[b.sources[0]] || compare(a.id, b.id),
  );
  const groups = [];
  const byKey = new Map();
  for (const p of sorted) {
    const keys = unique(p.aliases.map(nameKey).filter(Boolean));
    let target = null;
    for (const k of keys) {
      for (const g of byKey.get(k) ?? []) {
        const limit = Math.max(g.population ?? 0, p.population ?? 0) >= 100000 ? 15 : 5;
        if (km(g.lat, g.lon, p.lat, p.lon) <= limit) target = target ?? g;
      }
    }
    if (!target) {
      target = { ...p, aliases: [...p.aliases], sources: [...p.sources] };
      groups.push(target);
    } else {
      target.aliases.push(...p.aliases);
      target.sources = unique([...target.sources, ...p.sources]);
      target.population = target.population ?? p.population;
      if (p.kind === 'city' || (p.kind === 'town' && target.kind !== 'city')) target.kind = p.kind;
      if (/^gn:\d+$/.test(p.id) && !/^gn:\d+$/.test(target.id)) target.id = p.id;
    }
    for (const k of keys) byKey.set(k, [...(byKey.get(k) ?? []), target]);
  }
  const kept = groups.filter((g) => !(g.weak && g.sources.length === 1));
  for (const g of kept) {
    if (g.population !== null && g.population >= 100000 && g.kind !== 'site') g.kind = 'city';
  }
  return kept;
}

/** A settlement named like the COD unit it lies in gets the unit's spellings, Arabic ones too. */
function addArabicFromUnits(points, units, lookup, nameKey) {
  const byKey = new Map();
  for (const u of units) {
    const latin = u.aliases.filter((a) => !ARABIC.test(a));
    for (const k of unique(latin.map(nameKey))) byKey.set(k, [...(byKey.get(k) ?? []), u]);
  }
  for (const p of points) {
    const at = lookup.locate(p.lon, p.lat);
    if (!at) continue;
    const own = new Set([at.admin1_code, at.admin2_code, at.admin3_code]);
    const keys = unique(p.aliases.map(nameKey));
    for (const k of keys) {
      for (const u of byKey.get(k) ?? []) {
        if (own.has(u.id.slice(4))) p.aliases.push(...u.aliases);
      }
    }
  }
}

function place(id, name, aliases, kind, population, lat, lon, admin, sources) {
  return {
    id,
    name,
    aliases: unique(aliases.flatMap(variants)).sort(compare),
    kind,
    population,
    lat,
    lon,
    country: admin?.country ?? null,
    admin1: admin?.admin1 ?? null,
    admin1_code: admin?.admin1_code ?? null,
    admin2: admin?.admin2 ?? null,
    admin2_code: admin?.admin2_code ?? null,
    admin3: admin?.admin3 ?? null,
    admin3_code: admin?.admin3_code ?? null,
    sources,
  };
}

// ---------------------------------------------------------------- spellings

const ARABIC = /[\u0600-\u06ff]/;

/**
 * Spelling variants of one name, lowercased: article forms are matched by the name key anyway,
 * so these are the letter variants the key does not fold — q/k, ou/u, ee/i, final ah/a/eh,
 * doubled letters, hyphen/space.
 */
function variants(spelling) {
  if (ARABIC.test(spelling)) {
    const s = spelling.normalize('NFC').trim().replace(/\s+/g, ' ');
    return s.startsWith('ال') && s.length > 4 ? [s, s.slice(2)] : [s];
  }
  const base = latin(spelling);
  if (base === '') return [];
  const out = new Set([base]);
  const rules = [
    [/q/g, 'k'],
    [/ou/g, 'u'],
    [/ee/g, 'i'],
    [/([a-z])\1/g, '$1'],
    [/a\b/g, 'ah'],
    [/(?:ah|eh)\b/g, 'a'],
    [/^(?:al|el|as|ad|ar|az|ash|an|at) /, ''],
  ];
  for (const [re, to] of rules) {
    const v = base.replace(re, to);
    if (v !== base && v.length > 2) out.add(v);
  }
  return [...out];
}

// ---------------------------------------------------------------- geometry

function mergeRiver(river, features) {
  const lines = [];
  for (const f of features) {
    if (!river.parts.includes(f.properties.name)) continue;
    const g = f.geometry;
    const parts = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
    for (const line of parts) lines.push(line.map(([x, y]) => [round(x), round(y)]));
  }
  lines.sort((a, b) => compare(JSON.stringify(a[0]), JSON.stringify(b[0])));
  const all = lines.flat();
  const mid = all[Math.floor(all.length / 2)];
  return { ...river, lines, mid };
}

/** Area centroid of the largest ring when inside the unit, else the nearest grid point inside. */
function interiorPoint(geometry, code, lookup) {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best = null;
  for (const poly of polys) {
    const c = ringCentroid(poly[0]);
    if (!best || Math.abs(c.area) > Math.abs(best.area)) best = { ...c, ring: poly[0] };
  }
  const inside = (x, y) => {
    const m = lookup.locate(x, y);
    return m && [m.admin1_code, m.admin2_code, m.admin3_code].includes(code);
  };
  if (inside(best.x, best.y)) return [round(best.x), round(best.y)];
  const xs = best.ring.map((p) => p[0]);
  const ys = best.ring.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let found = null;
  for (let i = 0; i <= 40; i++) {
    for (let j = 0; j <= 40; j++) {
      const x = x0 + ((x1 - x0) * i) / 40;
      const y = y0 + ((y1 - y0) * j) / 40;
      const d = (x - best.x) ** 2 + (y - best.y) ** 2;
      if (inside(x, y) && (!found || d < found.d)) found = { x, y, d };
    }
  }
  return found ? [round(found.x), round(found.y)] : [round(best.x), round(best.y)];
}

function ringCentroid(ring) {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[i + 1];
    const a = x0 * y1 - x1 * y0;
    area += a;
    cx += (x0 + x1) * a;
    cy += (y0 + y1) * a;
  }
  if (area === 0) return { x: ring[0][0], y: ring[0][1], area: 0 };
  return { x: cx / (3 * area), y: cy / (3 * area), area: area / 2 };
}

function km(lat1, lon1, lat2, lon2) {
  const r = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(a));
}

const round = (x) => Math.round(x * 1e5) / 1e5;
const plain = (s) => s.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFC');
const slug = (s) => latin(s).replace(/ /g, '-');
const unique = (xs) => [...new Set(xs)];
const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const kb = (text) => `${(text.length / 1024).toFixed(0)} KB`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
