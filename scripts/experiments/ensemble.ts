/**
 * Experiment: an ensemble of two models, their unit embeddings concatenated (each scaled by
 * 1/sqrt(2)), so the distance is sqrt((d1^2 + d2^2) / 2). The score rule is the first model's
 * with the mean of the two global scales. Prints skilled / random EER on the validation writers.
 * Run: npx tsx scripts/experiments/ensemble.ts MODEL_A MODEL_B
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
const dirs = process.argv.slice(2, 4);
const cards = dirs.map(readModelCard);
const models = await Promise.all(dirs.map(loadLayersModelFromDir));
const concat = (a: Float32Array[], b: Float32Array[]) =>
  a.map((x, i) => {
    const v = new Float32Array(x.length + b[i].length);
    v.set(x.map((t) => t / Math.SQRT2));
    v.set(b[i].map((t) => t / Math.SQRT2), x.length);
    return v;
  });
const rule = { ...cards[0].decision, globalScale: (cards[0].decision.globalScale + cards[1].decision.globalScale) / 2 };
const f = (s: ReturnType<typeof summarize>) => `${(100 * s.skilled.eer).toFixed(1)}% / ${(100 * s.random.eer).toFixed(1)}%`;
for (const data of ['../shared/data/cedar-dev', '../shared/data/bhsig260-bengali']) {
  const ws = loadWriterImages(selectWriters(readDataset(data), 'validation'));
  const per = [0, 1].map((mi) => ws.map((w) => ({ id: w.id, genuine: embedImages(models[mi], cards[mi], w.genuine), forged: embedImages(models[mi], cards[mi], w.forged) })));
  const ens: WriterEmbeddings[] = ws.map((w, i) => ({ id: w.id, genuine: concat(per[0][i].genuine, per[1][i].genuine), forged: concat(per[0][i].forged, per[1][i].forged) }));
  for (const k of [1, 3, 5]) {
    const one = (e: WriterEmbeddings[], r: typeof rule) => summarize(protocolScores(e, k, cards[0].distanceHead, r), thresholdFor(r, null, k));
    console.log(`${data.split('/').pop()} k=${k}: A ${f(one(per[0], cards[0].decision))}  B ${f(one(per[1], cards[1].decision))}  ensemble ${f(one(ens, rule))}`);
  }
}
