/**
 * Which images the recipe's training ever preprocesses where a preprocessing branch that real scans
 * never take fires: a printed line removed (`ruledLines` > 0), lines along the page's edges cleared
 * (`borderInk` > 0), a form's box found inside the page (`formBox`) or a patterned background recognised (`patternedBackground`; docs/scan-conditions.md). Replays sampleBatch's exact sampling and augmentation
 * for each step and worker (the trainer's per-step seeds), and the batch-norm calibration images.
 * A branch that never fires in this replay cannot change what `npm run train` produces; nor can a preprocessing
 * change that leaves the printed sha1 of every replayed raster as it was (run this on both commits).
 *   npx tsx scripts/experiments/recipe-replay.ts SEED [--pretrain] [FIRST_STEP] [LAST_STEP]
 * SEED is a member's seed (the recipe's members: 1 and 2); two workers. Without --pretrain: the
 * training on the real training writers, steps 0-599 by default; with it: the pretraining on the
 * synthetic writers (.cache/synthetic/mixed-w1000-s1, made by npm run train), steps 0-199.
 */
import { createHash } from 'node:crypto';
import { AUGMENT_PRESETS } from '../../src/training/augment';
import { augmentedInput, drawBatchItems } from '../../src/training/batch';
import { readDataset } from '../../src/training/data/datasetReader';
import { loadWriterImages } from '../../src/training/data/imageStore';
import { Rng } from '../../src/training/data/random';
import { splitWriters } from '../../src/training/data/split';
import { TRAIN_DEFAULTS } from '../../src/training/defaults';
import { calibrationPicks } from '../../src/training/trainer';
import { preprocess, type PreprocessResult } from '../../src/preprocessing';

const args = process.argv.slice(2);
const pretrain = args.includes('--pretrain');
const [seed, first = 0, last = pretrain ? TRAIN_DEFAULTS.pretrainSteps - 1 : TRAIN_DEFAULTS.steps - 1] = args.filter((a) => a !== '--pretrain').map(Number);
if (!Number.isInteger(seed)) {
  console.error('usage: npx tsx scripts/experiments/recipe-replay.ts SEED [--pretrain] [FIRST_STEP] [LAST_STEP]');
  process.exit(2);
}
const dirs = pretrain ? ['.cache/synthetic/mixed-w1000-s1'] : ['../shared/data/cedar-dev', '../shared/data/bhsig260-bengali'];
const files = dirs.flatMap((d) => splitWriters(readDataset(d)).train);
const pool = loadWriterImages(files);
const shape = { ...TRAIN_DEFAULTS.batch, balanceDatasets: true };
const size = { height: 96, width: 192 };
const found = { lines: 0, border: 0, box: 0, patterned: 0, images: 0, maxPull: 0 };
const hash = createHash('sha1');
function check(r: PreprocessResult, where: string): void {
  found.images++;
  hash.update(Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength));
  if (r.ruledLines > 0) {
    found.lines++;
    console.log(`${where}: ${r.ruledLines} printed line(s) removed`);
  }
  if (r.borderInk > 0 || r.formBox) found.maxPull = Math.max(found.maxPull, r.borderPull);
  if (r.borderInk > 0) {
    found.border++;
    console.log(`${where}: ${r.borderInk} ink pixels cleared along the edges`);
  }
  if (r.formBox) {
    found.box++;
    console.log(`${where}: a form's box found inside the page`);
  }
  if (r.patternedBackground) {
    found.patterned++;
    console.log(`${where}: patterned background (faint share ${(100 * r.faintShare).toFixed(1)}%)`);
  }
}
// The batch-norm calibration images (trainer.ts: calibrationImages(train, new Rng(seed + 17), size), no augmentation).
calibrationPicks(pool, new Rng(seed + 17)).forEach((img, i) => check(preprocess(img, size), `calibration image ${i}`));
for (let step = first; step <= last; step++)
  for (let worker = 0; worker < TRAIN_DEFAULTS.workers; worker++) {
    // sampleBatch's own steps (src/training/batch.ts): the same draws from the same generator.
    const rng = new Rng((seed * 1_000_003 + step * 97 + worker) >>> 0);
    for (const it of drawBatchItems(pool, shape, rng)) check(augmentedInput(it.img, rng, size, AUGMENT_PRESETS.mild), `seed ${seed} step ${step} worker ${worker}: ${it.writerId} (${it.g ? 'genuine' : 'forged'})`);
  }
console.log(
  `seed ${seed}, ${pretrain ? 'pretraining' : 'training'} steps ${first}-${last} and calibration: ${found.images} images, ` +
    `${found.lines} with a printed line removed, ${found.border} with edge lines cleared (largest threshold pull ${found.maxPull.toFixed(3)}), ${found.box} with a form's box, ${found.patterned} with a patterned background; ` +
    `rasters sha1 ${hash.digest('hex')}`,
);
