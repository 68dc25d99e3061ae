/**
 * The decision rule's aggregate and prior weight, scored again for a model (training-free): skilled EER with
 * min / mean / (min + mean) / 2 of the distances to the references over the writer scale, the scale's prior
 * weight 2-20, at 2-5 references (with one reference every rule gives the same score), on the validation writers
 * of cedar-dev and BHSig and on the 100 unseen synthetic writers (scan and pad; `npm run synthetic-report` caches
 * them). The rule was chosen on countersign-v2 (third session); this asks whether it is still the best one.
 * Run: npx tsx scripts/experiments/score-rules.ts [MODEL_DIR]
 */
import { existsSync } from 'node:fs';
import { readDataset } from '../../src/training/data/datasetReader';
import { loadWriterImages } from '../../src/training/data/imageStore';
import { selectWriters } from '../../src/training/evaluation/evaluateDataset';
import { protocolScores } from '../../src/training/evaluation/protocol';
import { defaultModelDir, loadLayersModelFromDir, readModelCard } from '../../src/training/io/modelFiles';
import { useWasmTrainingBackend } from '../../src/training/kernels/wasmBackend';
import { AGGREGATES } from '../../src/verification/decision';
import { equalErrorRate } from '../../src/verification/metrics';
import { embedWriters } from './embedImages';

const dir = process.argv[2] ?? defaultModelDir();
await useWasmTrainingBackend();
const card = readModelCard(dir);
const model = await loadLayersModelFromDir(dir);
const sets: { name: string; data: string; split: 'validation' | 'all' }[] = [
  { name: 'cedar-dev', data: '../shared/data/cedar-dev', split: 'validation' as const },
  { name: 'BHSig', data: '../shared/data/bhsig260-bengali', split: 'validation' as const },
  { name: 'syn scan', data: '.cache/synthetic/eval-w100-both/scan', split: 'all' as const },
  { name: 'syn pad', data: '.cache/synthetic/eval-w100-both/pad', split: 'all' as const },
].filter((s) => existsSync(s.data));
const embedded = sets.map((s) => embedWriters(model, card, loadWriterImages(selectWriters(readDataset(s.data), s.split))));
const ks = [2, 3, 4, 5];
const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(`${card.id}@${card.version}: skilled EER, mean over ${ks.join(', ')} references (shipped rule: ${card.decision.aggregate}, prior ${card.decision.priorWeight})`);
console.log(['rule', ...sets.map((s) => s.name), 'validation mean', 'synthetic mean'].join(' | '));
for (const aggregate of AGGREGATES) {
  for (const priorWeight of [2, 3, 5, 10, 20]) {
    const rule = { aggregate, priorWeight, globalScale: card.decision.globalScale };
    const perSet = embedded.map((emb) => mean(ks.map((k) => { const s = protocolScores(emb, k, card.distanceHead, rule); return equalErrorRate(s.genuine, s.skilled).eer; })));
    const val = mean(perSet.slice(0, 2));
    const syn = perSet.length === 4 ? pct(mean(perSet.slice(2))) : 'n/a';
    console.log([`${aggregate}, prior ${priorWeight}`, ...perSet.map(pct), pct(val), syn].join(' | '));
  }
}
model.dispose();
