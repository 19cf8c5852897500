#!/usr/bin/env node
/**
 * Fits the confidence calibration of the rule extractor (data/models/calibration.json): one
 * L2-regularised logistic map per field over the extractor's raw evidence features, on
 * distantly supervised documents (UCDP headlines, IBC and CPOST records, GTD dev pages; never
 * the GTD held-out split). Deterministic: fixed hash split, Newton fit, no randomness.
 *
 *   npm run build && node scripts/train-calibration.mjs [--data ../shared/data] [--out data/models/calibration.json]
 *
 * Prints ECE and Brier per field on the distant test split, before (the 0.1 formula) and after.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const L2 = 1;

async function main() {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: '../shared/data' },
      out: { type: 'string', default: 'data/models/calibration.json' },
    },
  });
  const dist = (p) => import(new URL(`../dist/src/extract/${p}`, import.meta.url).href);
  const { ucdpDocs, ibcDocs, cpostDocs, gtdDevDocs, labelEvent, distantSplit } =
    await dist('distant.js');
  const { extractDetailed } = await dist('extract.js');
  const conf = await dist('confidence.js');
  const { fitLogistic, predictLogistic } = await dist('logistic.js');
  const { reliability } = await dist('reliability.js');
  const { bundledDataPath } = await import(
    new URL('../dist/src/model/index.js', import.meta.url).href
  );
  conf.setCalibrationModel(null); // features only; the old model must not leak into the fit

  const need = (f) => {
    const p = join(values.data, f);
    if (!existsSync(p)) throw new Error(`${p}: not found (pass --data DIR)`);
    return p;
  };
  const docs = [
    ...ucdpDocs(bundledDataPath('events/ucdp_ged_syria_2016_2019.csv.gz')),
    ...ibcDocs(need('events/ibc_iraq_incidents_2003_2017.csv')),
    ...cpostDocs(need('events/cpost_dsat_suicide_attacks_iraq.csv')),
    ...gtdDevDocs(need('labelled/gtd_pages_dev.ndjson')),
  ];

  const fields = ['event', ...conf.CALIBRATED_FIELDS];
  /** field → split → rows of {x, y, formula} */
  const rows = Object.fromEntries(fields.map((f) => [f, { train: [], test: [] }]));
  const tally = {};
  for (const d of docs) {
    // GTD dev pages are few and closest to the target text: always train on them.
    const split = d.source === 'gtd' ? 'train' : distantSplit(d.doc.id);
    const found = extractDetailed(d.doc);
    const t = (tally[d.source] ??= { docs: 0, events: 0 });
    t.docs++;
    for (const { event, features } of d.everyEvent ? found : found.slice(0, 1)) {
      t.events++;
      const labels = labelEvent(event, d.gold);
      const x = conf.featureVector(features);
      const formula = conf.formulaConfidence(features);
      for (const f of fields) {
        if (labels[f] !== undefined) rows[f][split].push({ x, y: labels[f], formula });
      }
    }
  }

  const model = { version: 1, features: [...conf.FEATURE_NAMES], fields: {}, trained_on: {} };
  const report = [];
  for (const f of fields) {
    const { train, test } = rows[f];
    const m = fitLogistic(
      train.map((r) => r.x),
      train.map((r) => r.y),
      { l2: L2 },
    );
    const round = (v) => Math.round(v * 1e4) / 1e4;
    model.fields[f] = { bias: round(m.bias), weights: m.weights.map(round) };
    model.trained_on[f] = {
      n: train.length,
      positive: train.filter((r) => r.y).length,
    };
    const before = reliability(test.map((r) => [r.formula, r.y]));
    const after = reliability(test.map((r) => [predictLogistic(m, r.x), r.y]));
    report.push({
      field: f,
      train: train.length,
      test: test.length,
      'test acc': test.length ? (test.filter((r) => r.y).length / test.length).toFixed(3) : '-',
      'ECE before': before.ece.toFixed(3),
      'ECE after': after.ece.toFixed(3),
      'Brier before': before.brier.toFixed(3),
      'Brier after': after.brier.toFixed(3),
    });
  }
  model.sources = tally;
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, JSON.stringify(model, null, 2) + '\n');
  console.log('documents and scored events per source:', JSON.stringify(tally));
  console.table(report);
  console.log(`wrote ${values.out}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
