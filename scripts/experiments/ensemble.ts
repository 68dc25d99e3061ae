/**
 * Experiment: an ensemble of N models, their unit embeddings concatenated (each scaled by
 * 1/sqrt(N)), so the distance is sqrt(mean of the squared distances). The score rule is the first
 * model's with the mean of the global scales. Prints skilled / random EER on the validation writers.
 * Run: npx tsx scripts/experiments/ensemble.ts MODEL_A MODEL_B [MODEL_C ...] [--data DIR,DIR --split validation|all]
 * (default: the validation writers of cedar-dev and BHSig; e.g. `--data .cache/synthetic/eval-w100-both/scan --split all`).
 */
import { readDataset } from '../../src/training/data/datasetReader';
import { loadWriterImages } from '../../src/training/data/imageStore';
import { selectWriters } from '../../src/training/evaluation/evaluateDataset';
import { protocolScores, type WriterEmbeddings } from '../../src/training/evaluation/protocol';
import { summarize } from '../../src/training/evaluation/summarize';
import { thresholdFor } from '../../src/verification/decision';
import { loadLayersModelFromDir, readModelCard } from '../../src/training/io/modelFiles';
import { useWasmTrainingBackend } from '../../src/training/kernels/wasmBackend';
import { embedImages } from './embedImages';

await useWasmTrainingBackend();
const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const dataDirs = (option('--data') ?? '../shared/data/cedar-dev,../shared/data/bhsig260-bengali').split(',').filter(Boolean);
const split = (option('--split') ?? 'validation') as 'validation' | 'all';
if (!['validation', 'all'].includes(split)) throw new Error('--split must be validation or all');
const dirs = args;
if (dirs.length < 2) throw new Error('usage: npx tsx scripts/experiments/ensemble.ts MODEL_A MODEL_B [MODEL_C ...]');
const cards = dirs.map(readModelCard);
const models = await Promise.all(dirs.map(loadLayersModelFromDir));
const scale = 1 / Math.sqrt(dirs.length);
const concat = (parts: Float32Array[][]) =>
  parts[0].map((_, i) => {
    const v = new Float32Array(parts.reduce((n, p) => n + p[i].length, 0));
    let o = 0;
    for (const p of parts) {
      v.set(p[i].map((t) => t * scale), o);
      o += p[i].length;
    }
    return v;
  });
const rule = { ...cards[0].decision, globalScale: cards.reduce((s, c) => s + c.decision.globalScale, 0) / cards.length };
const f = (s: ReturnType<typeof summarize>) => `${(100 * s.skilled.eer).toFixed(1)}% / ${(100 * s.random.eer).toFixed(1)}%`;
for (const data of dataDirs) {
  const ws = loadWriterImages(selectWriters(readDataset(data), split));
  const per = models.map((_, mi) => ws.map((w) => ({ id: w.id, genuine: embedImages(models[mi], cards[mi], w.genuine), forged: embedImages(models[mi], cards[mi], w.forged) })));
  const ens: WriterEmbeddings[] = ws.map((w, i) => ({ id: w.id, genuine: concat(per.map((p) => p[i].genuine)), forged: concat(per.map((p) => p[i].forged)) }));
  for (const k of [1, 3, 5]) {
    const one = (e: WriterEmbeddings[], r: typeof rule) => summarize(protocolScores(e, k, cards[0].distanceHead, r), thresholdFor(r, null, k));
    const members = per.map((p, mi) => `${String.fromCharCode(65 + mi)} ${f(one(p, cards[mi].decision))}`).join('  ');
    console.log(`${data.replace(/\/+$/, '').split('/').slice(-2).join('/')} k=${k}: ${members}  ensemble ${f(one(ens, rule))}`);
  }
}
