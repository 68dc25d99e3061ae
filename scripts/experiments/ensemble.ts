/**
 * Experiment: an ensemble of N exported models without exporting it: the models joined into one
 * graph by combineMembers (the same model `npm run combine` exports), embedded once; each member's
 * own embedding is its segment of the joined one, times sqrt(N). The score rule is the first model's
 * with the mean of the global scales (npm run combine fixes its own). Prints skilled / random EER.
 * Run: npx tsx scripts/experiments/ensemble.ts MODEL_A MODEL_B [MODEL_C ...] [--data DIR,DIR --split validation|all]
 * (default: the validation writers of cedar-dev and BHSig; e.g. `--data .cache/synthetic/eval-w100-both/scan --split all`).
 */
import { readDataset } from '../../src/training/data/datasetReader';
import { loadWriterImages } from '../../src/training/data/imageStore';
import { selectWriters } from '../../src/training/evaluation/evaluateDataset';
import { protocolScores, type WriterEmbeddings } from '../../src/training/evaluation/protocol';
import { summarize } from '../../src/training/evaluation/summarize';
import { thresholdFor } from '../../src/verification/decision';
import { combineMembers } from '../../src/model/ensemble';
import { combineProblem } from '../../src/training/export/combineModels';
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
const problem = combineProblem(cards);
if (problem) throw new Error(problem);
const members = await Promise.all(dirs.map(loadLayersModelFromDir));
const joined = combineMembers(members, cards.map((c) => c.architecture));
members.forEach((m) => m.dispose());
const joinedCard = { architecture: joined.cfg, preprocessing: cards[0].preprocessing };
const dims = cards.map((c) => c.architecture.embeddingDim);
const offsets = dims.map((_, i) => dims.slice(0, i).reduce((a, b) => a + b, 0));
const sqrtN = Math.sqrt(cards.length);
/** Member mi's unit embedding: its segment of the joined embedding, times sqrt(N). */
const memberPart = (e: Float32Array, mi: number) => e.slice(offsets[mi], offsets[mi] + dims[mi]).map((v) => v * sqrtN);
const rule = { ...cards[0].decision, globalScale: cards.reduce((s, c) => s + c.decision.globalScale, 0) / cards.length };
const f = (s: ReturnType<typeof summarize>) => `${(100 * s.skilled.eer).toFixed(1)}% / ${(100 * s.random.eer).toFixed(1)}%`;
for (const data of dataDirs) {
  const ws = loadWriterImages(selectWriters(readDataset(data), split));
  const ens: WriterEmbeddings[] = ws.map((w) => ({ id: w.id, genuine: embedImages(joined.model, joinedCard, w.genuine), forged: embedImages(joined.model, joinedCard, w.forged) }));
  const per = cards.map((_, mi) => ens.map((w) => ({ id: w.id, genuine: w.genuine.map((e) => memberPart(e, mi)), forged: w.forged.map((e) => memberPart(e, mi)) })));
  for (const k of [1, 3, 5]) {
    const one = (e: WriterEmbeddings[], r: typeof rule) => summarize(protocolScores(e, k, cards[0].distanceHead, r), thresholdFor(r, null, k));
    const members = per.map((p, mi) => `${String.fromCharCode(65 + mi)} ${f(one(p, cards[mi].decision))}`).join('  ');
    console.log(`${data.replace(/\/+$/, '').split('/').slice(-2).join('/')} k=${k}: ${members}  ensemble ${f(one(ens, rule))}`);
  }
}
