/**
 * What the guard against a verdict that hangs on an unlike reference (src/verification/referenceDependence.ts)
 * changes, on real references: for each writer, DRAWS random sets of n genuine references (clean), and the same
 * sets with the last reference swapped for another writer's genuine signature (contaminated: a wrong file among
 * the references). Every other genuine signature of the writer, every skilled forgery and 10 other writers'
 * genuine signatures are questioned against each set, with the shipped rule at its default operating point.
 * Prints, for the verdict on all references and for the guarded verdict: genuine accepted / referred / rejected,
 * skilled forgeries accepted / referred, random forgeries accepted.
 * Run: npx tsx scripts/experiments/reference-dependence.ts [MODEL_DIR]   (SPLIT=train for the training writers;
 * DRAWS=n, default 10)
 */
import { Rng } from '../../src/training/data/random';
import { readDataset } from '../../src/training/data/datasetReader';
import { loadWriterImages } from '../../src/training/data/imageStore';
import { selectWriters } from '../../src/training/evaluation/evaluateDataset';
import { distanceMatrix } from '../../src/training/evaluation/protocol';
import { inconsistentReferences } from '../../src/verification/consistency';
import { scoreQuestioned, upperTriangle, type Verdict } from '../../src/verification/decision';
import { guardedDecision } from '../../src/verification/referenceDependence';
import { defaultModelDir, loadLayersModelFromDir, readModelCard } from '../../src/training/io/modelFiles';
import { useWasmTrainingBackend } from '../../src/training/kernels/wasmBackend';
import { embedWriters } from './embedImages';
await useWasmTrainingBackend();
const dir = process.argv[2] ?? defaultModelDir();
const card = readModelCard(dir);
const rule = card.decision;
const model = await loadLayersModelFromDir(dir);
const D = (A: Float32Array[], B: Float32Array[]) => distanceMatrix(card.distanceHead, A, B);
const split = process.env.SPLIT ?? 'validation';
const DRAWS = Number(process.env.DRAWS ?? 10);

type Tally = Record<Verdict, number>;
const tally = (): Tally => ({ genuine: 0, refer: 0, forged: 0 });
for (const data of ['../shared/data/cedar-dev', '../shared/data/bhsig260-bengali']) {
  const ws = embedWriters(model, card, loadWriterImages(selectWriters(readDataset(data), split as never)));
  for (const n of [2, 3, 5]) {
    // [condition][plain|guarded][questioned kind]
    const t = { clean: [0, 1].map(() => ({ gen: tally(), sk: tally(), rnd: tally() })), contaminated: [0, 1].map(() => ({ gen: tally(), sk: tally(), rnd: tally() })) };
    let flaggedSets = { clean: 0, contaminated: 0 };
    ws.forEach((w, wi) => {
      const rng = new Rng(11 + wi);
      for (let d = 0; d < DRAWS; d++) {
        const idx = rng.sample([...w.genuine.keys()], n);
        const questionedGenuine = [...w.genuine.keys()].filter((i) => !idx.includes(i)).map((i) => w.genuine[i]);
        const others = ws.filter((_, j) => j !== wi);
        const randoms = rng.sample(others, Math.min(10, others.length)).map((o) => o.genuine[rng.int(o.genuine.length)]);
        const o = others[rng.int(others.length)];
        const wrong = o.genuine[rng.int(o.genuine.length)];
        const sets = { clean: idx.map((i) => w.genuine[i]), contaminated: [...idx.slice(0, n - 1).map((i) => w.genuine[i]), wrong] };
        for (const cond of ['clean', 'contaminated'] as const) {
          const refs = sets[cond];
          const M = D(refs, refs);
          const unlike = inconsistentReferences(M, rule).map((u) => u.index);
          if (unlike.length) flaggedSets[cond]++;
          for (const [kind, Q] of [['gen', questionedGenuine], ['sk', w.forged], ['rnd', randoms]] as const) {
            const toRefs = D(Q, refs);
            for (const row of toRefs) {
              const d = guardedDecision(scoreQuestioned(row, upperTriangle(M), rule).score, row, M, unlike, rule);
              t[cond][0][kind][d.verdictOnAll]++;
              t[cond][1][kind][d.verdict]++;
            }
          }
        }
      }
    });
    const p = (x: Tally, k: Verdict) => `${((100 * x[k]) / (x.genuine + x.refer + x.forged)).toFixed(1)}%`;
    for (const cond of ['clean', 'contaminated'] as const) {
      const line = (v: 0 | 1) => {
        const { gen, sk, rnd } = t[cond][v];
        return `genuine ${p(gen, 'genuine')} / ${p(gen, 'refer')} / ${p(gen, 'forged')}, skilled accepted ${p(sk, 'genuine')} referred ${p(sk, 'refer')}, random accepted ${p(rnd, 'genuine')}`;
      };
      console.log(`${data.split('/').pop()} (${ws.length} writers) n=${n} ${cond} (sets with an unlike reference ${((100 * flaggedSets[cond]) / (ws.length * DRAWS)).toFixed(1)}%)`);
      console.log(`  all references: ${line(0)}`);
      console.log(`  guarded:        ${line(1)}`);
    }
  }
}
