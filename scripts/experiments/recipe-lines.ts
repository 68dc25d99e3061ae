/**
 * Which of the recipe's training batches hold a printed line that preprocessing removes
 * (docs/scan-conditions.md): replays sampleBatch's exact sampling and augmentation for each step and
 * worker (the trainer's per-step seeds) and reports every augmented image where `ruledLines` > 0.
 *   npx tsx scripts/experiments/recipe-lines.ts SEED [FIRST_STEP] [LAST_STEP]
 * SEED is a member's seed (the recipe's members: 1 and 2); steps default to 0-599; two workers.
 */
import { AUGMENT_PRESETS } from '../../src/training/augment';
import { augmentedInput, drawBatchItems } from '../../src/training/batch';
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
const size = { height: 96, width: 192 };
let found = 0;
for (let step = first; step <= last; step++)
  for (let worker = 0; worker < 2; worker++) {
    // sampleBatch's own steps (src/training/batch.ts): the same draws from the same generator.
    const rng = new Rng((seed * 1_000_003 + step * 97 + worker) >>> 0);
    for (const it of drawBatchItems(pool, shape, rng)) {
      const r = augmentedInput(it.img, rng, size, AUGMENT_PRESETS.mild);
      if (r.ruledLines > 0) {
        found++;
        console.log(`seed ${seed} step ${step} worker ${worker}: ${it.writerId} (${it.g ? 'genuine' : 'forged'}) ${r.ruledLines} line(s)`);
      }
    }
  }
console.log(`seed ${seed}, steps ${first}-${last}: ${found} augmented image(s) with a printed line removed`);
