/**
 * Experiment (training-free): a questioned signature written with a broader pen than its references, compared
 * against the references broadened to its pen (src/preprocessing/penBroadening.ts: grey dilation of their stored
 * model-input rasters, the radius whose stroke width comes closest to the questioned signature's). References as
 * scanned; questioned as scanned or from degraded-copy.ts's --pen R copies (.cache/rescaled/penR). Validation
 * writers of cedar-dev and BHSig, 5 and 1 references, the evaluation's protocol (references by chooseReferences,
 * two random negatives per other writer) and the shipped score; for each questioned signature broader than its
 * references' mean stroke width by more than the factor 1 + t (TOLERANCE=0.5 by default; a list for one row
 * each), the references are broadened to its width for its distances and its writer scale. Plain rows compute the
 * same scores without broadening (no unlike-reference guard here: both rows alike).
 * Run: [TOLERANCE=0.25,0.5] npx tsx scripts/experiments/pen-broaden-refs.ts [MODEL_DIR] [COPY ...]   (COPY: pen1 pen2)
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { preprocess, type PixelImage, type PreprocessVersion } from '../../src/preprocessing';
import { broadeningLadder, closestRung, type Rung } from '../../src/preprocessing/penBroadening';
import { strokeWidthOf } from '../../src/preprocessing/strokeWidth';
import { readDataset } from '../../src/training/data/datasetReader';
import { loadWriterImages, type WriterImages } from '../../src/training/data/imageStore';
import { selectWriters } from '../../src/training/evaluation/evaluateDataset';
import { chooseReferences, distanceMatrix, randomNegatives, type ProtocolScores, type WriterEmbeddings } from '../../src/training/evaluation/protocol';
import { summarize } from '../../src/training/evaluation/summarize';
import { defaultModelDir, loadLayersModelFromDir, readModelCard } from '../../src/training/io/modelFiles';
import { useWasmTrainingBackend } from '../../src/training/kernels/wasmBackend';
import { decide, scoreQuestioned, thresholdFor, upperTriangle, type Verdict } from '../../src/verification/decision';
import { embedRasters } from './embedImages';

await useWasmTrainingBackend();
const isCopy = (a: string) => a.startsWith('pen');
const dir = process.argv[2] && !isCopy(process.argv[2]) ? process.argv[2] : defaultModelDir();
const copies = ['as scanned', ...process.argv.slice(2).filter(isCopy)];
const tolerances = (process.env.TOLERANCE ?? '0.5').split(',').map(Number);
const sets = (process.env.SETS ?? 'cedar-dev,bhsig260-bengali').split(',');
const card = readModelCard(dir);
const model = await loadLayersModelFromDir(dir);
const version = card.preprocessing.version as PreprocessVersion;
const { inputWidth: W, inputHeight: H } = card.preprocessing;
const SEED = 2024;
const pct = (x: number) => `${(100 * x).toFixed(2)}%`;

type Rendered = { raster: Float32Array; width: number; emb: Float32Array };
const render = (img: PixelImage): Rendered => {
  const raster = preprocess(img, { version }).data;
  return { raster, width: strokeWidthOf(raster, W, H), emb: embedRasters(model, card, [raster])[0] };
};
const byWriter = (ws: WriterImages[]) => ws.map((w) => ({ id: w.id, genuine: w.genuine.map(render), forged: w.forged.map(render) }));
type Writer = ReturnType<typeof byWriter>[number];

for (const data of sets.map((s) => `../shared/data/${s}`)) {
  const name = data.split('/').pop()!;
  const refs = byWriter(loadWriterImages(selectWriters(readDataset(data), 'validation')));
  // Each reference's broadenings, with their embeddings, made once.
  const ladders = new Map<string, (Rung & { emb?: Float32Array })[]>();
  const ladderOf = (wi: number, i: number) => {
    const key = `${wi}/${i}`;
    if (!ladders.has(key)) ladders.set(key, broadeningLadder(refs[wi].genuine[i].raster, W, H));
    return ladders.get(key)!;
  };
  const embOf = (r: Rung & { emb?: Float32Array }) => (r.emb ??= embedRasters(model, card, [r.raster])[0]);
  for (const copy of copies) {
    const qDir = copy === 'as scanned' ? data : join('.cache/rescaled', copy, name);
    if (!existsSync(qDir)) {
      console.log(`  ${copy}: ${qDir} missing (npx tsx scripts/experiments/degraded-copy.ts ${data} 1 .cache/rescaled/${copy} --pen ${copy.slice(3)})`);
      continue;
    }
    const plain: Writer[] = copy === 'as scanned' ? refs : byWriter(loadWriterImages(selectWriters(readDataset(qDir), 'validation')));
    const asEmbeddings: WriterEmbeddings[] = plain.map((w) => ({ id: w.id, genuine: w.genuine.map((g) => g.emb), forged: w.forged.map((g) => g.emb) }));
    const byEmb = new Map<Float32Array, Rendered>();
    for (const w of plain) for (const g of [...w.genuine, ...w.forged]) byEmb.set(g.emb, g);
    for (const k of [5, 1]) {
      const threshold = thresholdFor(card.decision, null, k);
      const run = (tolerance: number | null) => {
        const ps: ProtocolScores = { genuine: [], skilled: [], random: [], genuineRefPairs: [] };
        const verdicts: Record<'genuine' | 'skilled' | 'random', Verdict[]> = { genuine: [], skilled: [], random: [] };
        let broadened = 0;
        let compared = 0;
        refs.forEach((w, wi) => {
          if (w.genuine.length <= k) return;
          const refIdx = chooseReferences(w.id, w.genuine.length, k, SEED);
          const meanWidth = refIdx.reduce((s, i) => s + w.genuine[i].width, 0) / k;
          const questioned = plain[wi].genuine.filter((_, i) => !refIdx.includes(i));
          const randoms = randomNegatives(asEmbeddings, wi, 2, SEED).map((e) => byEmb.get(e)!);
          const groups = [['genuine', questioned], ['skilled', plain[wi].forged], ['random', randoms]] as const;
          for (const [kind, qs] of groups)
            for (const q of qs) {
              compared++;
              const broaden = tolerance !== null && q.width > meanWidth * (1 + tolerance);
              if (broaden) broadened++;
              const refEmb = refIdx.map((i) => (broaden ? embOf(closestRung(ladderOf(wi, i), q.width)) : w.genuine[i].emb));
              const d = distanceMatrix(card.distanceHead, [q.emb], refEmb)[0];
              const pairs = k > 1 ? upperTriangle(distanceMatrix(card.distanceHead, refEmb, refEmb)) : [];
              const s = scoreQuestioned(d, pairs, card.decision).score;
              ps[kind].push(s);
              verdicts[kind].push(decide(s, threshold, card.decision.referBand));
            }
        });
        const s = summarize(ps, threshold, card.decision.referBand);
        const shares = (['genuine', 'skilled'] as const).map((kind) => `${kind} ${(['genuine', 'refer', 'forged'] as const).map((x) => pct(verdicts[kind].filter((y) => y === x).length / verdicts[kind].length)).join(' / ')}`).join(', ');
        const label = tolerance === null ? 'plain:' : `references broadened beyond x${(1 + tolerance).toFixed(2)}:`;
        return `${label} skilled EER ${pct(s.skilled.eer)}, FAR / FRR ${pct(s.skilled.far)} / ${pct(s.skilled.frr)}, random EER ${pct(s.random.eer)}; verdicts ${shares}${tolerance === null ? '' : ` (${((100 * broadened) / compared).toFixed(1)}% of comparisons broadened)`}`;
      };
      console.log(`${name}, ${copy}, ${k} ref${k > 1 ? 's' : ''}:\n    ${[run(null), ...tolerances.map(run)].join('\n    ')}`);
    }
  }
}
model.dispose();
