/**
 * Experiment (training-free): a pair's members scored each with its own rule and the two scores averaged
 * ("fused"; "rms": the root mean square of the two), against the pair's one distance over its joined
 * embedding (the shipped way). Skilled EER at 5 / 3 / 1 references on the validation writers of cedar-dev
 * and BHSig and the 100 unseen synthetic writers (when `npm run synthetic-report` has cached them).
 * Run: npx tsx scripts/experiments/score-fusion.ts MEMBERS_DIR PAIR_DIR
 * e.g. MEMBERS_DIR = a training run's checkpoint folder holding m0-last/model and m1-layout/model (for v11:
 * the worktree's checkpoints/countersign-v11), PAIR_DIR = models/countersign-v11.
 */
import { existsSync } from 'node:fs';
import { readDataset } from '../../src/training/data/datasetReader';
import { loadWriterImages } from '../../src/training/data/imageStore';
import { selectWriters } from '../../src/training/evaluation/evaluateDataset';
import { protocolScores } from '../../src/training/evaluation/protocol';
import { loadLayersModelFromDir, readModelCard } from '../../src/training/io/modelFiles';
import { useWasmTrainingBackend } from '../../src/training/kernels/wasmBackend';
import { equalErrorRate } from '../../src/verification/metrics';
import { embedWriters } from './embedImages';

const [root, pair] = process.argv.slice(2);
if (!root || !pair) throw new Error('usage: npx tsx scripts/experiments/score-fusion.ts MEMBERS_DIR PAIR_DIR');
await useWasmTrainingBackend();
const dirs = [`${root}/m0-last/model`, `${root}/m1-layout/model`, pair];
const cards = dirs.map(readModelCard);
const models = await Promise.all(dirs.map(loadLayersModelFromDir));
const sets = [
  { name: 'cedar-dev', data: '../shared/data/cedar-dev', split: 'validation' as const },
  { name: 'BHSig', data: '../shared/data/bhsig260-bengali', split: 'validation' as const },
  { name: 'syn scan', data: '.cache/synthetic/eval-w100-both/scan', split: 'all' as const },
  { name: 'syn pad', data: '.cache/synthetic/eval-w100-both/pad', split: 'all' as const },
].filter((s) => existsSync(s.data));
const pct = (x: number) => (100 * x).toFixed(2);
for (const s of sets) {
  const images = loadWriterImages(selectWriters(readDataset(s.data), s.split));
  const emb = models.map((m, i) => embedWriters(m, cards[i], images));
  const out: string[] = [];
  for (const k of [5, 3, 1]) {
    const [a, b, joined] = emb.map((e, i) => protocolScores(e, k, cards[i].distanceHead, cards[i].decision));
    const combine = (f: (x: number, y: number) => number) => (kind: 'genuine' | 'skilled') => a[kind].map((x, j) => f(x, b[kind][j]));
    const fused = combine((x, y) => (x + y) / 2);
    const rms = combine((x, y) => Math.sqrt((x * x + y * y) / 2));
    const eer = (g: number[], f: number[]) => pct(equalErrorRate(g, f).eer);
    out.push(`k=${k} pair ${eer(joined.genuine, joined.skilled)} fused ${eer(fused('genuine'), fused('skilled'))} rms ${eer(rms('genuine'), rms('skilled'))}`);
  }
  console.log(s.name, out.join(' | '));
}
