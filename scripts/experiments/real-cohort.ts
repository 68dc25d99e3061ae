/**
 * Experiment (training-free, information): reference-side cohort normalisation with a cohort of real writers of
 * the same data set, as a bank's store holds other customers' references of the same script and scanner. The
 * third-session cohort experiment (cohort-normalisation.ts) used synthetic writers and found every variant worse; it left
 * open whether a cohort that looks like the customers helps, above all at one reference, where the shipped score
 * has no writer spread to scale by.
 *
 * For each validation writer of cedar-dev and BHSig, the cohort is the first COHORT_PER (default 4) genuine
 * signatures of every OTHER validation writer of the same data set (leave the writer out). Variants of the score
 * (lower = more genuine), skilled EER pooled over writers at 1 and 5 references:
 *   base        the shipped score (min-mean distance over the prior-shrunk writer scale);
 *   ratioN      base divided by the references' mean distance to their N nearest cohort signatures, over that
 *               quantity's mean for the data set (a writer in a crowded part of the space gets a tighter scale);
 *   zref        (min-mean distance - mu) / sd, mu and sd the references' distances to the whole cohort;
 *   blendN      base times the square root of ratioN's factor (half-way).
 * Random negatives are cohort members here, so only skilled EER is printed.
 * Run: npx tsx scripts/experiments/real-cohort.ts [MODEL_DIR]
 */
import { readDataset } from '../../src/training/data/datasetReader';
import { loadWriterImages } from '../../src/training/data/imageStore';
import { selectWriters } from '../../src/training/evaluation/evaluateDataset';
import { chooseReferences } from '../../src/training/evaluation/protocol';
import { scoreQuestioned, upperTriangle } from '../../src/verification/decision';
import { equalErrorRate } from '../../src/verification/metrics';
import { defaultModelDir, loadLayersModelFromDir, readModelCard } from '../../src/training/io/modelFiles';
import { useWasmTrainingBackend } from '../../src/training/kernels/wasmBackend';
import { embedWriters } from './embedImages';

await useWasmTrainingBackend();
const dir = process.argv[2] ?? defaultModelDir();
const card = readModelCard(dir);
const model = await loadLayersModelFromDir(dir);
const per = Number(process.env.COHORT_PER ?? 4);
const dist = (a: Float32Array, b: Float32Array) => { let s = 0; for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2; return Math.sqrt(s); };
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const nearest = (xs: number[], n: number) => avg([...xs].sort((a, b) => a - b).slice(0, n));
const Ns = [5, 20];
const rows: string[] = [];
const means: Record<string, number[]> = {};
for (const data of ['../shared/data/cedar-dev', '../shared/data/bhsig260-bengali']) {
  const ws = embedWriters(model, card, loadWriterImages(selectWriters(readDataset(data), 'validation')));
  for (const k of [1, 5]) {
    type Item = { refs: Float32Array[]; refPairs: number[]; q: Float32Array; kind: 'pos' | 'sk'; cohortD: number[][] };
    const items: Item[] = [];
    ws.forEach((w, wi) => {
      if (w.genuine.length <= k) return;
      const refIdx = chooseReferences(w.id, w.genuine.length, k, 2024);
      const refs = refIdx.map((i) => w.genuine[i]);
      const refPairs = upperTriangle(refs.map((a) => refs.map((b) => dist(a, b))));
      const cohort = ws.filter((_, j) => j !== wi).flatMap((o) => o.genuine.slice(0, per));
      const cohortD = refs.map((r) => cohort.map((c) => dist(r, c)));
      for (const q of w.genuine.filter((_, i) => !refIdx.includes(i))) items.push({ refs, refPairs, q, kind: 'pos', cohortD });
      for (const q of w.forged) items.push({ refs, refPairs, q, kind: 'sk', cohortD });
    });
    const refCrowd = (it: Item, n: number) => avg(it.cohortD.map((d) => nearest(d, n)));
    const crowdMean = Object.fromEntries(Ns.map((n) => [n, avg(items.map((it) => refCrowd(it, n)))]));
    const v: Record<string, { pos: number[]; sk: number[] }> = {};
    const add = (name: string, it: Item, s: number) => (v[name] ??= { pos: [], sk: [] })[it.kind].push(s);
    for (const it of items) {
      const row = it.refs.map((r) => dist(it.q, r));
      const base = scoreQuestioned(row, it.refPairs, card.decision);
      add('base', it, base.score);
      for (const n of Ns) {
        const f = refCrowd(it, n) / crowdMean[n];
        add(`ratio${n}`, it, base.score / f);
        add(`blend${n}`, it, base.score / Math.sqrt(f));
      }
      const all = it.cohortD.flat();
      const mu = avg(all);
      const sd = Math.sqrt(avg(all.map((x) => (x - mu) ** 2)));
      const agg = (base.minDistance + base.meanDistance) / 2;
      add('zref', it, (agg - mu) / sd);
    }
    const name = `${data.split('/').pop()} ${k} ref${k > 1 ? 's' : ''}`;
    rows.push(`${name}: ` + Object.entries(v).map(([n, s]) => {
      const e = 100 * equalErrorRate(s.pos, s.sk).eer;
      (means[`${n} k=${k}`] ??= []).push(e);
      return `${n} ${e.toFixed(2)}%`;
    }).join('  '));
  }
}
console.log(`${card.id}@${card.version}, cohort: ${per} genuine of each other validation writer of the same data set; skilled EER`);
for (const r of rows) console.log(r);
console.log('mean of the two data sets: ' + Object.entries(means).map(([n, e]) => `${n} ${avg(e).toFixed(2)}%`).join('  '));
model.dispose();
