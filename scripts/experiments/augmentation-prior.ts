/**
 * Experiment (not shipped): a writer-scale prior from the references' own augmentation sensitivity.
 * With one reference the writer's scale is the global prior (decision.ts writerScale), the same for
 * every writer. Each genuine signature is embedded with T mildly transformed copies (MILD_AUGMENT's
 * geometry and stroke width, no tone or noise); its sensitivity is its mean distance to them. The
 * prior becomes globalScale x (mean sensitivity of the references / median sensitivity)^beta, the
 * rest of the shipped score unchanged (beta 0 is the shipped score). Prints skilled/random EER at
 * 1, 3 and 5 references for beta 0, 0.5 and 1, the evaluation protocol's references and negatives.
 * Run: npx tsx scripts/experiments/augmentation-prior.ts [MODEL_DIR]   (SPLIT=train for the
 * training writers, DATA=dir1,dir2, T=4)
 * Result (docs/training-experiments.md, twenty-fifth session): helps one reference on the validation
 * writers, not on the 115 training writers; not shipped.
 */
import { preprocess, toGrey } from '../../src/preprocessing';
import { augment, greyToPixels, MILD_AUGMENT } from '../../src/training/augment';
import { Rng } from '../../src/training/data/random';
import { readDataset } from '../../src/training/data/datasetReader';
import { loadWriterImages } from '../../src/training/data/imageStore';
import { selectWriters } from '../../src/training/evaluation/evaluateDataset';
import { chooseReferences, distanceMatrix, randomNegatives, type ProtocolScores } from '../../src/training/evaluation/protocol';
import { summarize } from '../../src/training/evaluation/summarize';
import { scoreQuestioned, upperTriangle } from '../../src/verification/decision';
import { defaultModelDir, loadLayersModelFromDir, readModelCard } from '../../src/training/io/modelFiles';
import { useWasmTrainingBackend } from '../../src/training/kernels/wasmBackend';
import { embedRasters, embedWriters } from './embedImages';
await useWasmTrainingBackend();
const dir = process.argv[2] ?? defaultModelDir();
const card = readModelCard(dir);
const model = await loadLayersModelFromDir(dir);
const head = card.distanceHead;
const rule = card.decision;
const T = Number(process.env.T ?? 4);
const GEO = { ...MILD_AUGMENT, toneProb: 0, noise: 0 };
const D = (A: Float32Array[], B: Float32Array[]) => distanceMatrix(head, A, B);
const median = (x: number[]) => { const s = [...x].sort((a, b) => a - b); return s[s.length >> 1]; };
const datasets = (process.env.DATA ?? '../shared/data/cedar-dev,../shared/data/bhsig260-bengali').split(',');
for (const data of datasets) {
  const ws = loadWriterImages(selectWriters(readDataset(data), (process.env.SPLIT ?? 'validation') as never));
  const E = embedWriters(model, card, ws);
  const W = ws.map((w, wi) => {
    const g = E[wi].genuine;
    const aug = w.genuine.map((img, i) => {
      const rng = new Rng(99 + i);
      const views: Float32Array[] = [];
      for (let t = 0; t < T; t++) { try { views.push(preprocess(greyToPixels(augment(toGrey(img), rng, GEO)), { version: card.preprocessing.version as never }).data); } catch { /* blank after augmentation */ } }
      const e = embedRasters(model, card, views.length ? views : [preprocess(img, { version: card.preprocessing.version as never }).data]);
      const d = D(e, [g[i]]);
      return d.reduce((s, r) => s + r[0], 0) / d.length;
    });
    return { ...E[wi], aug };
  });
  const A = median(W.flatMap((w) => w.aug));
  const line: string[] = [];
  for (const k of [1, 3, 5]) {
    for (const beta of [0, 0.5, 1]) {
      const res: ProtocolScores = { genuine: [], skilled: [], random: [], genuineRefPairs: [] };
      W.forEach((w, wi) => {
        if (w.genuine.length <= k) return;
        const ri = chooseReferences(w.id, w.genuine.length, k, 2024);
        const refs = ri.map((i) => w.genuine[i]);
        const q = w.genuine.filter((_, i) => !ri.includes(i));
        const rnd = randomNegatives(W, wi, 2, 2024);
        const all = [...q, ...w.forged, ...rnd];
        const dq = D(all, refs), pairs = upperTriangle(D(refs, refs));
        const r = Math.pow(ri.reduce((s, i) => s + w.aug[i], 0) / k / A, beta);
        // The shipped score with the prior scaled: writerScale's global prior times r.
        const scaled = { ...rule, globalScale: rule.globalScale * r };
        dq.forEach((row, i) => {
          const s = scoreQuestioned(row, pairs, scaled).score;
          (i < q.length ? res.genuine : i < q.length + w.forged.length ? res.skilled : res.random).push(s);
        });
      });
      const s = summarize(res, 1);
      line.push(`k=${k} beta=${beta}: ${(100 * s.skilled.eer).toFixed(2)}/${(100 * s.random.eer).toFixed(2)}`);
    }
  }
  console.log(`${data.split('/').pop()} (${W.length} writers, median aug ${A.toFixed(3)}, globalScale ${rule.globalScale.toFixed(3)}):\n  ${line.join('\n  ')}`);
}
