/**
 * Where one training step's time goes, on one thread: sampling + augmentation + preprocessing of a
 * worker's batch, then the forward/backward pass, with tfjs's per-kernel profile.
 * Usage: npx tsx scripts/experiments/profile-step.ts [DATA] [steps]
 */
import * as tf from '@tensorflow/tfjs';
import { useWasmTrainingBackend } from '../../src/training/kernels/wasmBackend';
import { Network } from '../../src/training/network';
import { DEFAULT_MODEL_CONFIG } from '../../src/model/config';
import { readDataset } from '../../src/training/data/datasetReader';
import { splitWriters } from '../../src/training/data/split';
import { loadWriterImages } from '../../src/training/data/imageStore';
import { sampleBatch } from '../../src/training/batch';
import { MILD_AUGMENT } from '../../src/training/augment';
import { Rng } from '../../src/training/data/random';
import type { LossOptions } from '../../src/training/losses';
import { TRAIN_DEFAULTS } from '../../src/training/defaults';

const data = process.argv[2] ?? '../shared/data/cedar-dev';
const steps = Number(process.argv[3] ?? 5);
await useWasmTrainingBackend();
const files = splitWriters(readDataset(data)).train.slice(0, 12);
const pool = loadWriterImages(files);
const cfg = DEFAULT_MODEL_CONFIG;
// npm run train's defaults (loss, mining, margin, proxy term, batch).
const loss: LossOptions = { kind: TRAIN_DEFAULTS.loss, mining: TRAIN_DEFAULTS.mining, margin: TRAIN_DEFAULTS.margin, proxy: { ...TRAIN_DEFAULTS.proxy } };
const net = new Network(cfg, loss, 'euclidean', 1, pool.length);
const shape = { ...TRAIN_DEFAULTS.batch };
let tBatch = 0;
let tGrad = 0;
for (let s = 0; s < steps; s++) {
  const rng = new Rng(s + 1);
  let t = performance.now();
  const b = sampleBatch(pool, shape, rng, { height: cfg.inputHeight, width: cfg.inputWidth }, MILD_AUGMENT);
  const bt = performance.now() - t;
  t = performance.now();
  net.gradients(b.images, b.writer, b.genuine, rng, undefined, b.classes);
  const gt = performance.now() - t;
  if (s > 0) { tBatch += bt; tGrad += gt; }
  console.log(`step ${s}: batch ${bt.toFixed(0)} ms, gradients ${gt.toFixed(0)} ms`);
}
console.log(`mean of steps 1..: batch ${(tBatch / (steps - 1)).toFixed(0)} ms, gradients ${(tGrad / (steps - 1)).toFixed(0)} ms`);
const rng = new Rng(99);
const b = sampleBatch(pool, shape, rng, { height: cfg.inputHeight, width: cfg.inputWidth }, MILD_AUGMENT);
const prof = await tf.profile(() => { net.gradients(b.images, b.writer, b.genuine, rng, undefined, b.classes); });
const by = new Map<string, { ms: number; n: number }>();
for (const k of prof.kernels) {
  const ms = Number(await (k as unknown as { kernelTimeMs: number | Promise<number> }).kernelTimeMs) || 0;
  const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
  const e = by.get(key) ?? { ms: 0, n: 0 };
  e.ms += ms; e.n++;
  by.set(key, e);
}
const rows = [...by.entries()].sort((a, b) => b[1].ms - a[1].ms);
const total = rows.reduce((s, r) => s + r[1].ms, 0);
console.log(`profiled kernels: ${prof.kernels.length}, total ${total.toFixed(0)} ms`);
for (const [k, v] of rows.slice(0, 40)) console.log(`${v.ms.toFixed(1).padStart(8)} ms ${String(v.n).padStart(3)}x  ${k}`);
