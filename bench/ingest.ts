/**
 * `npm run bench:ingest`: communications ingest throughput and near-duplicate linking time.
 *
 * 1. The bundled Fifth Tribe tweets (17,410 rows, gzipped CSV).
 * 2. A generated Telegram Desktop export (default 500,000 messages, `--messages N`): Arabic and
 *    English posts drawn from real-shaped vocabularies, a tenth of them forwards or reposts of
 *    an earlier post with small edits (so near-duplicate linking has work to do).
 *
 * Each runs in a fresh process (peak RSS is its own): ingest with linking off, then
 * `linkNearDuplicates` over everything. Prints docs/s, seconds and peak RSS.
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { seeded } from '../src/analyze/random.js';
import { ingestDocuments } from '../src/ingest/comms/ingest.js';
import { linkNearDuplicates } from '../src/ingest/comms/near-duplicates.js';
import { Store } from '../src/store/index.js';

const TWEETS = 'data/comms/fifthtribe_tweets.csv.gz';

const AR = (
  'مقتل إصابة عناصر الجيش الشرطة الحشد هجوم استشهادي بسيارة مفخخة عبوة ناسفة قنص اشتباكات ' +
  'تدمير آلية دبابة عربة همر نقطة تفتيش تجمع ثكنة مقر قرب بلدة مدينة قرية جنوب شمال شرق غرب ' +
  'كركوك الموصل تكريت بيجي الرمادي الفلوجة سامراء ديالى الرقة دير الزور تدمر حلب الباب منبج ' +
  'جنود مرتدين صحوات اغتنام أسلحة ذخائر صواريخ قذائف هاون ولاية إصدار مرئي كلمة صوتية بيان'
).split(' ');
const EN = (
  'killed wounded soldiers police militia attack suicide car bomb roadside explosive sniper ' +
  'clashes destroyed vehicle tank humvee checkpoint gathering barracks headquarters near town ' +
  'city village south north east west Kirkuk Mosul Tikrit Baiji Ramadi Fallujah Samarra Diyala ' +
  'Raqqa Deir Palmyra Aleppo fighters captured weapons ammunition rockets mortars province ' +
  'video statement audio release breaking report sources say today morning evening'
).split(' ');
/** Latin syllable → an Arabic-letter syllable (so made-up Arabic words are in Arabic script). */
function arabic(syllable: string): string {
  const map: Record<string, string> = {
    b: 'ب',
    t: 'ت',
    h: 'ح',
    j: 'ج',
    k: 'ك',
    d: 'د',
    r: 'ر',
    z: 'ز',
    s: 'س',
    f: 'ف',
    q: 'ق',
    l: 'ل',
    m: 'م',
    n: 'ن',
    w: 'و',
    y: 'ي',
    a: 'ا',
  };
  return [...syllable].map((c) => map[c] ?? '').join('');
}
const CHANNELS = ['Amaq Agency', 'Nashir News', 'Al-Bayan Radio', 'Khilafah News', 'Supporters'];

/**
 * A Zipf-distributed vocabulary: the real words above first (the frequent ones), then
 * syllable-built words in the same script, so unrelated posts share about as many character
 * 5-grams as real ones do (a few dozen real words alone would make every post look alike).
 */
function vocabulary(
  rand: () => number,
  seedWords: readonly string[],
  syllables: readonly string[],
) {
  const words = [...seedWords];
  while (words.length < 20_000) {
    let w = '';
    const n = 2 + Math.floor(rand() * 3);
    for (let i = 0; i < n; i++) w += syllables[Math.floor(rand() * syllables.length)]!;
    words.push(w);
  }
  const cdf: number[] = [];
  let total = 0;
  for (let r = 1; r <= words.length; r++) cdf.push((total += 1 / r));
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
}

function post(
  rand: () => number,
  pick: { ar: () => string; en: () => string },
  serial: number,
): string {
  const word = rand() < 0.6 ? pick.ar : pick.en;
  const n = 12 + Math.floor(rand() * 30);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(word());
  out.splice(Math.floor(rand() * n), 0, String(serial % 997));
  return out.join(' ');
}

/** Small edits a repost makes: a word dropped, a word changed, a hashtag or link appended. */
function edit(text: string, rand: () => number): string {
  const w = text.split(' ');
  if (w.length > 10 && rand() < 0.5) w.splice(Math.floor(rand() * w.length), 1);
  if (rand() < 0.5) w[Math.floor(rand() * w.length)] = rand() < 0.5 ? 'عاجل' : 'BREAKING';
  if (rand() < 0.5) w.push('#ولاية_كركوك');
  if (rand() < 0.5) w.push(`https://t.me/c/${Math.floor(rand() * 1e6)}`);
  return w.join(' ');
}

async function generateTelegram(path: string, messages: number): Promise<void> {
  const out = createWriteStream(path);
  const rand = seeded(7);
  const recent: string[] = [];
  const pick = {
    ar: vocabulary(
      rand,
      AR,
      'ba ta tha ja ha kha da ra za sa sha sa da ta fa qa ka la ma na wa ya'.split(' ').map(arabic),
    ),
    en: vocabulary(
      rand,
      EN,
      'ka ri mo ta le sun bar ton di an el or us ex pro con ment ing ed'.split(' '),
    ),
  };
  out.write(
    '{\n "name": "Bench channel",\n "type": "public_channel",\n "id": 1700000001,\n "messages": [\n',
  );
  const start = Date.UTC(2015, 0, 1) / 1000;
  for (let i = 1; i <= messages; i++) {
    const repost = recent.length > 0 && rand() < 0.1;
    const text = repost
      ? edit(recent[Math.floor(rand() * recent.length)]!, rand)
      : post(rand, pick, i);
    if (!repost) {
      if (recent.length < 500) recent.push(text);
      else recent[Math.floor(rand() * 500)] = text;
    }
    const unix = start + i * 60 + Math.floor(rand() * 60);
    const msg: Record<string, unknown> = {
      id: i,
      type: 'message',
      date: new Date(unix * 1000).toISOString().slice(0, 19),
      date_unixtime: String(unix),
      from: CHANNELS[Math.floor(rand() * CHANNELS.length)],
      from_id: 'channel1700000001',
      text: rand() < 0.2 ? [{ type: 'bold', text: text.slice(0, 20) }, text.slice(20)] : text,
    };
    if (repost) msg.forwarded_from = CHANNELS[Math.floor(rand() * CHANNELS.length)];
    const line = `  ${JSON.stringify(msg)}${i < messages ? ',' : ''}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.write(' ]\n}\n');
  out.end();
  await once(out, 'finish');
}

interface WorkerResult {
  documents: number;
  ingestSeconds: number;
  dedupSeconds: number;
  hashed: number;
  linked: number;
  candidates: number;
  maxRssMiB: number;
}

async function worker(file: string, db: string): Promise<WorkerResult> {
  const store = await Store.open(db);
  let t = performance.now();
  const r = await ingestDocuments(store, file, { nearDuplicates: false });
  const ingestSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const d = await linkNearDuplicates(store);
  const dedupSeconds = (performance.now() - t) / 1000;
  store.close();
  return {
    documents: r.inserted,
    ingestSeconds,
    dedupSeconds,
    hashed: d.hashed,
    linked: d.linked,
    candidates: d.candidates,
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

function runWorker(file: string, db: string): WorkerResult {
  rmSync(db, { force: true });
  rmSync(db + '.wal', { force: true });
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, [self, '--worker', file, db], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`worker failed on ${file}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as WorkerResult;
}

function report(name: string, r: WorkerResult): void {
  const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en-US');
  console.log(
    `${name.padEnd(28)} ${r.documents.toLocaleString('en-US').padStart(9)} docs  ` +
      `ingest ${r.ingestSeconds.toFixed(1)} s (${rate(r.documents, r.ingestSeconds)} docs/s)  ` +
      `near-dup ${r.dedupSeconds.toFixed(1)} s (${rate(r.hashed, r.dedupSeconds)} docs/s, ` +
      `${r.candidates.toLocaleString('en-US')} candidate pairs, ${r.linked.toLocaleString('en-US')} linked)  ` +
      `peak RSS ${r.maxRssMiB} MiB`,
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--worker') {
    console.log(JSON.stringify(await worker(args[1]!, args[2]!)));
    return;
  }
  const at = args.indexOf('--messages');
  const messages = at >= 0 ? Number(args[at + 1]) : 500_000;
  const dir = '.bench';
  mkdirSync(dir, { recursive: true });
  report('Fifth Tribe tweets (csv.gz)', runWorker(TWEETS, join(dir, 'ingest-tweets.duckdb')));
  const file = join(dir, `telegram-${messages}.json`);
  if (!existsSync(file)) {
    const t = performance.now();
    await generateTelegram(file, messages);
    console.log(`generated ${file} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  report('generated Telegram export', runWorker(file, join(dir, 'ingest-telegram.duckdb')));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
