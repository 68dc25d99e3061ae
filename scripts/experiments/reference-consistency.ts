/**
 * How the enrolment check (src/verification/consistency.ts) behaves on real references: for each writer,
 * DRAWS random sets of n genuine references (2, 3, 5), and the same sets with the last reference swapped for
 * another writer's genuine signature or for one of the writer's skilled forgeries. Prints how often a genuine
 * reference is flagged (and how many clean sets get a note), and how often the foreign one is.
 * Run: npx tsx scripts/experiments/reference-consistency.ts [MODEL_DIR]   (SPLIT=train for the training
 * writers; FACTOR=f for another factor than CONSISTENCY_FACTOR; DATA=dir1,dir2 for other data sets, e.g.
 * DATA=.cache/synthetic/eval-w100-both/pad SPLIT=all, the unseen synthetic writers drawn on the pad, which
 * `npm run synthetic-report` makes)
 */
import { Rng } from '../../src/training/data/random';
import { readDataset } from '../../src/training/data/datasetReader';
import { loadWriterImages } from '../../src/training/data/imageStore';
import { selectWriters } from '../../src/training/evaluation/evaluateDataset';
import { distanceMatrix } from '../../src/training/evaluation/protocol';
import { CONSISTENCY_FACTOR, inconsistentReferences } from '../../src/verification/consistency';
import { defaultModelDir, loadLayersModelFromDir, readModelCard } from '../../src/training/io/modelFiles';
import { useWasmTrainingBackend } from '../../src/training/kernels/wasmBackend';
import { embedWriters } from './embedImages';
await useWasmTrainingBackend();
const dir = process.argv[2] ?? defaultModelDir();
const card = readModelCard(dir);
const model = await loadLayersModelFromDir(dir);
const M = (A: Float32Array[]) => distanceMatrix(card.distanceHead, A, A);
const split = process.env.SPLIT ?? 'validation';
const DRAWS = 20;
const FACTOR = Number(process.env.FACTOR ?? CONSISTENCY_FACTOR);
const datasets = (process.env.DATA ?? '../shared/data/cedar-dev,../shared/data/bhsig260-bengali').split(',');
for (const data of datasets) {
  const ws = embedWriters(model, card, loadWriterImages(selectWriters(readDataset(data), split as never)));
  for (const n of [2, 3, 5]) {
    const c = { cleanFlaggedSets: 0, clean: 0, cleanRefs: 0, cleanSets: 0, forg: 0, forgSets: 0, forgWrong: 0, other: 0, otherSets: 0, otherWrong: 0 };
    ws.forEach((w, wi) => {
      const rng = new Rng(7 + wi);
      for (let d = 0; d < DRAWS; d++) {
        const g = rng.sample(w.genuine, n);
        const f1 = inconsistentReferences(M(g), card.decision, FACTOR);
        c.cleanSets++; c.cleanRefs += n; c.clean += f1.length; if (f1.length) c.cleanFlaggedSets++;
        const base = g.slice(0, n - 1);
        const forg = rng.sample(w.forged, 1)[0];
        const f2 = inconsistentReferences(M([...base, forg]), card.decision, FACTOR);
        c.forgSets++; if (f2.some((x) => x.index === n - 1)) c.forg++; if (f2.some((x) => x.index !== n - 1)) c.forgWrong++;
        const o = ws[(wi + 1 + rng.int(ws.length - 1)) % ws.length];
        const other = rng.sample(o.genuine, 1)[0];
        const f3 = inconsistentReferences(M([...base, other]), card.decision, FACTOR);
        c.otherSets++; if (f3.some((x) => x.index === n - 1)) c.other++; if (f3.some((x) => x.index !== n - 1)) c.otherWrong++;
      }
    });
    const p = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;
    console.log(`${data.split('/').pop()} (${ws.length} writers, factor ${FACTOR}) n=${n}: genuine refs flagged ${p(c.clean, c.cleanRefs)} (clean sets with a flag ${p(c.cleanFlaggedSets, c.cleanSets)}); other writer's signature flagged ${p(c.other, c.otherSets)} (a genuine flagged beside it ${p(c.otherWrong, c.otherSets)}); skilled forgery flagged ${p(c.forg, c.forgSets)} (${p(c.forgWrong, c.forgSets)})`);
  }
}
