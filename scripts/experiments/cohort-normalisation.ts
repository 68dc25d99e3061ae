/**
 * Experiment (not shipped): cohort score normalisation. The questioned signature's score is
 * divided by its mean distance to the nearest N of a cohort of other writers (our synthetic
 * writers, COHORT env var; by default the first 4 genuine of each of the 100 synthetic eval
 * writers made by `npm run synthetic-report`), or z-normalised by the cohort distances.
 * Prints skilled/random EER on the validation writers for each variant.
 * Run: npx tsx scripts/experiments/cohort-normalisation.ts [MODEL_DIR]
 * Result (docs/training-experiments.md): worse than the shipped score everywhere; not shipped.
 */
import { readDataset } from '../../src/training/data/datasetReader';
import { loadWriterImages } from '../../src/training/data/imageStore';
import { selectWriters } from '../../src/training/evaluation/evaluateDataset';
import { chooseReferences } from '../../src/training/evaluation/protocol';
import { scoreQuestioned, upperTriangle } from '../../src/verification/decision';
import { equalErrorRate } from '../../src/verification/metrics';
import { defaultModelDir, loadLayersModelFromDir, readModelCard } from '../../src/training/io/modelFiles';
import { useWasmTrainingBackend } from '../../src/training/kernels/wasmBackend';
import { embedImages, embedWriters } from './embedImages';

await useWasmTrainingBackend();
const dir = process.argv[2] ?? defaultModelDir();
const card = readModelCard(dir);
const model = await loadLayersModelFromDir(dir);
const dist = (a: Float32Array, b: Float32Array) => { let s = 0; for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2; return Math.sqrt(s); };
const cohortImgs = loadWriterImages(readDataset(process.env.COHORT ?? '.cache/synthetic/eval-w100-both/scan')).flatMap((w) => w.genuine.slice(0, 4));
const cohort = embedImages(model, card, cohortImgs);
console.log(`cohort ${cohort.length}`);
for (const data of ['../shared/data/cedar-dev', '../shared/data/bhsig260-bengali']) {
  const ws = embedWriters(model, card, loadWriterImages(selectWriters(readDataset(data), 'validation')));
  for (const k of [1, 5]) {
    const variants: Record<string, { pos: number[]; sk: number[]; rnd: number[] }> = {};
    const add = (name: string, kind: 'pos' | 'sk' | 'rnd', v: number) => ((variants[name] ??= { pos: [], sk: [], rnd: [] })[kind].push(v));
    ws.forEach((w, wi) => {
      const refIdx = chooseReferences(w.id, w.genuine.length, k, 2024);
      const refs = refIdx.map((i) => w.genuine[i]);
      const refPairs = upperTriangle(refs.map((a) => refs.map((b) => dist(a, b))));
      const qs: [Float32Array, 'pos' | 'sk' | 'rnd'][] = [
        ...w.genuine.filter((_, i) => !refIdx.includes(i)).map((q) => [q, 'pos'] as [Float32Array, 'pos']),
        ...w.forged.map((q) => [q, 'sk'] as [Float32Array, 'sk']),
        ...ws.filter((_, j) => j !== wi).flatMap((o) => o.genuine.slice(0, 2)).map((q) => [q, 'rnd'] as [Float32Array, 'rnd']),
      ];
      // reference-side cohort: mean of N nearest cohort distances of the references
      const refCoh = (n: number) => refs.map((r) => cohort.map((c) => dist(r, c)).sort((a, b) => a - b).slice(0, n).reduce((a, b) => a + b, 0) / n);
      for (const [q, kind] of qs) {
        const row = refs.map((r) => dist(q, r));
        const s = scoreQuestioned(row, refPairs, card.decision).score;
        add('base', kind, s);
        const cd = cohort.map((c) => dist(q, c)).sort((a, b) => a - b);
        for (const n of [5, 20, 100]) {
          const m = cd.slice(0, n).reduce((a, b) => a + b, 0) / n;
          add(`tnorm-ratio${n}`, kind, s / m);
          const rc = refCoh(n); const rcm = rc.reduce((a, b) => a + b, 0) / rc.length;
          add(`sym-ratio${n}`, kind, s / Math.sqrt(m * rcm));
        }
        const mean = cd.reduce((a, b) => a + b, 0) / cd.length;
        const sd = Math.sqrt(cd.reduce((a, b) => a + (b - mean) ** 2, 0) / cd.length);
        const raw = (Math.min(...row) + row.reduce((a, b) => a + b, 0) / row.length) / 2;
        add('tnorm-z', kind, (raw - mean) / sd);
      }
    });
    console.log(`${data.split('/').pop()} k=${k}: ` + Object.entries(variants).map(([n, v]) => `${n} ${(100 * equalErrorRate(v.pos, v.sk).eer).toFixed(1)}/${(100 * equalErrorRate(v.pos, v.rnd).eer).toFixed(1)}`).join('  '));
  }
}
