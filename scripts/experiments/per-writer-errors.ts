/**
 * Where the errors are: for each validation writer, with K references under the model's rule,
 * the writer's own skilled EER (writer-dependent) and how many of its genuine signatures and
 * skilled forgeries fall on the wrong side of the pooled EER threshold (the writer-independent
 * figure `npm run eval` reports). Shows whether a few writers or all of them make the pooled EER.
 * Run: npx tsx scripts/experiments/per-writer-errors.ts [MODEL_DIR] [K]
 */
import { readDataset } from '../../src/training/data/datasetReader';
import { loadWriterImages } from '../../src/training/data/imageStore';
import { selectWriters } from '../../src/training/evaluation/evaluateDataset';
import { protocolScores } from '../../src/training/evaluation/protocol';
import { defaultModelDir, loadLayersModelFromDir, readModelCard } from '../../src/training/io/modelFiles';
import { useWasmTrainingBackend } from '../../src/training/kernels/wasmBackend';
import { equalErrorRate } from '../../src/verification/metrics';
import { embedWriters } from './embedImages';

const dir = process.argv[2] ?? defaultModelDir();
const k = Number(process.argv[3] ?? 5);
await useWasmTrainingBackend();
const card = readModelCard(dir);
const model = await loadLayersModelFromDir(dir);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
for (const data of ['../shared/data/cedar-dev', '../shared/data/bhsig260-bengali']) {
  const ws = loadWriterImages(selectWriters(readDataset(data), 'validation'));
  const emb = embedWriters(model, card, ws);
  const all = protocolScores(emb, k, card.distanceHead, card.decision);
  const { eer, threshold } = equalErrorRate(all.genuine, all.skilled);
  console.log(`${data}: pooled skilled EER ${pct(eer)} at score ${threshold.toFixed(3)} (${k} refs)`);
  console.log('writer  own EER  genuine rejected  forgeries accepted  median genuine / forged score');
  for (const w of emb) {
    const s = protocolScores([w], k, card.distanceHead, card.decision, 2024, 0);
    const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
    const fr = s.genuine.filter((x) => x > threshold).length;
    const fa = s.skilled.filter((x) => x <= threshold).length;
    console.log(`${w.id.padEnd(6)}  ${pct(equalErrorRate(s.genuine, s.skilled).eer).padStart(6)}  ${`${fr}/${s.genuine.length}`.padStart(16)}  ${`${fa}/${s.skilled.length}`.padStart(18)}  ${med(s.genuine).toFixed(3)} / ${med(s.skilled).toFixed(3)}`);
  }
}
