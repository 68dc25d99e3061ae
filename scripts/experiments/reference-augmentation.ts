/**
 * Experiment (not shipped): reference-side test-time augmentation. Enrolment is not
 * time-critical, so each reference could be embedded as the mean of itself and T mildly
 * transformed copies (rotation, shear, scale, aspect: ROT, SHEAR, SCALE, ASPECT env vars), the
 * questioned signature embedded once. Prints skilled/random EER and FAR/FRR on the validation
 * writers for plain, augmented references, and both sides augmented.
 * Run: npx tsx scripts/experiments/reference-augmentation.ts [MODEL_DIR]   (T=4 by default)
 * Result (docs/training-experiments.md): mixed, within noise; not shipped.
 */
import { preprocess, toGrey, type PixelImage } from '../../src/preprocessing';
import { augment, greyToPixels, type AugmentOptions } from '../../src/training/augment';
import { Rng } from '../../src/training/data/random';
import { readDataset } from '../../src/training/data/datasetReader';
import { loadWriterImages } from '../../src/training/data/imageStore';
import { selectWriters } from '../../src/training/evaluation/evaluateDataset';
import { protocolScores, type WriterEmbeddings } from '../../src/training/evaluation/protocol';
import { summarize } from '../../src/training/evaluation/summarize';
import { thresholdFor } from '../../src/verification/decision';
import { defaultModelDir, loadLayersModelFromDir, readModelCard } from '../../src/training/io/modelFiles';
import { useWasmTrainingBackend } from '../../src/training/kernels/wasmBackend';
import { embedImages, embedRasters } from './embedImages';

await useWasmTrainingBackend();
const dir = process.argv[2] ?? defaultModelDir();
const card = readModelCard(dir);
const model = await loadLayersModelFromDir(dir);
const T = Number(process.env.T ?? 4);
const GEO: AugmentOptions = { rotateDeg: Number(process.env.ROT ?? 2), shear: Number(process.env.SHEAR ?? 0.05), scale: Number(process.env.SCALE ?? 0.05), aspect: Number(process.env.ASPECT ?? 0.03), strokeProb: Number(process.env.STROKE ?? 0), toneProb: 0, noise: 0 };
const norm = (v: Float32Array) => { let s = 0; for (const x of v) s += x * x; s = Math.sqrt(s); return v.map((x) => x / s); };
function embOf(imgs: PixelImage[], tta: number, seed: string): Float32Array[] {
  const base = embedImages(model, card, imgs);
  if (tta === 0) return base;
  return imgs.map((g, i) => {
    const rng = new Rng(1234 + i * 7919 + seed.length);
    const views = Array.from({ length: tta }, () => preprocess(greyToPixels(augment(toGrey(g), rng, GEO)), { version: card.preprocessing.version as never }).data);
    const es = [base[i], ...embedRasters(model, card, views)];
    const m = new Float32Array(es[0].length);
    for (const e of es) for (let j = 0; j < m.length; j++) m[j] += e[j] / es.length;
    return norm(m);
  });
}
for (const data of ['../shared/data/cedar-dev', '../shared/data/bhsig260-bengali']) {
  const imgs = loadWriterImages(selectWriters(readDataset(data), 'validation'));
  const plain: WriterEmbeddings[] = imgs.map((w) => ({ id: w.id, genuine: embOf(w.genuine, 0, w.id), forged: embOf(w.forged, 0, w.id) }));
  const tta: WriterEmbeddings[] = imgs.map((w) => ({ id: w.id, genuine: embOf(w.genuine, T, w.id), forged: plain.find((p) => p.id === w.id)!.forged }));
  for (const k of [1, 3, 5]) {
    const s0 = summarize(protocolScores(plain, k, card.distanceHead, card.decision), thresholdFor(card.decision, null, k));
    const s1 = summarize(protocolScores(tta, k, card.distanceHead, card.decision, undefined, undefined, plain), thresholdFor(card.decision, null, k));
    const s2 = summarize(protocolScores(tta, k, card.distanceHead, card.decision, undefined, undefined, tta), thresholdFor(card.decision, null, k));
    const f = (s: typeof s0) => `${(100 * s.skilled.eer).toFixed(1)}/${(100 * s.random.eer).toFixed(1)} far ${(100 * s.skilled.far).toFixed(1)} frr ${(100 * s.skilled.frr).toFixed(1)}`;
    console.log(`${data.split('/').pop()} k=${k}  plain ${f(s0)}  | refTTA ${f(s1)} | bothTTA ${f(s2)}`);
  }
}
