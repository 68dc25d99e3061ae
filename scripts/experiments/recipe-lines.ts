/**
 * Which of the recipe's training batches hold a printed line that preprocessing removes
 * (docs/scan-conditions.md): replays sampleBatch's exact sampling and augmentation for each step and
 * worker (the trainer's per-step seeds) and reports every augmented image where `ruledLines` > 0.
 *   npx tsx scripts/experiments/recipe-lines.ts SEED [FIRST_STEP] [LAST_STEP]
 * SEED is a member's seed (the recipe's members: 1 and 2); steps default to 0-599; two workers.
 */
import { PreprocessError, preprocess, toGrey } from '../../src/preprocessing';
import { augment, AUGMENT_PRESETS, greyToPixels } from '../../src/training/augment';
import { chooseWriters } from '../../src/training/batch';
import { readDataset } from '../../src/training/data/datasetReader';
import { loadWriterImages } from '../../src/training/data/imageStore';
import { Rng } from '../../src/training/data/random';
import { splitWriters } from '../../src/training/data/split';
import { TRAIN_DEFAULTS } from '../../src/training/defaults';

const [seed, first = 0, last = 599] = process.argv.slice(2).map(Number);
if (!Number.isInteger(seed)) {
  console.error('usage: npx tsx scripts/experiments/recipe-lines.ts SEED [FIRST_STEP] [LAST_STEP]');
  process.exit(2);
}
const files = ['../shared/data/cedar-dev', '../shared/data/bhsig260-bengali'].flatMap((d) => splitWriters(readDataset(d)).train);
const pool = loadWriterImages(files);
const shape = { ...TRAIN_DEFAULTS.batch, balanceDatasets: true };
const aug = AUGMENT_PRESETS.mild!;
let found = 0;
for (let step = first; step <= last; step++)
  for (let worker = 0; worker < 2; worker++) {
    // sampleBatch (src/training/batch.ts), step by step: the same draws from the same generator.
    const rng = new Rng((seed * 1_000_003 + step * 97 + worker) >>> 0);
    const eligible = pool.filter((w) => w.genuine.length >= 2);
    const items: { id: string; kind: string; img: (typeof pool)[0]['genuine'][0] }[] = [];
    for (const w of chooseWriters(eligible, shape, rng)) {
      for (const img of rng.sample(w.genuine, shape.genuine)) items.push({ id: w.id, kind: 'genuine', img });
      for (const img of rng.sample(w.forged, shape.forged)) items.push({ id: w.id, kind: 'forged', img });
    }
    for (const it of items) {
      try {
        const r = preprocess(greyToPixels(augment(toGrey(it.img), rng, aug)), { height: 96, width: 192 });
        if (r.ruledLines > 0) {
          found++;
          console.log(`seed ${seed} step ${step} worker ${worker}: ${it.id} (${it.kind}) ${r.ruledLines} line(s)`);
        }
      } catch (e) {
        if (!(e instanceof PreprocessError)) throw e;
      }
    }
  }
console.log(`seed ${seed}, steps ${first}-${last}: ${found} augmented image(s) with a printed line removed`);
