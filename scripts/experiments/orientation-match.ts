/**
 * Experiment (training-free): orientation matching (src/preprocessing/orientation.ts). References as scanned;
 * questioned signatures as scanned or turned by the copies of degraded-copy.ts (--rotate DEG, under
 * .cache/rescaled/rotDEG). Two uses of a turn are measured, on the validation writers of cedar-dev and BHSig:
 * - matching: every questioned signature turned to its references' mean ink orientation when the two differ by
 *   more than the tolerance (TOLERANCE=4,8: one row each); skilled / random EER and FAR / FRR at the shipped rule;
 * - the app's advice: the plain verdicts, with each rejection that the turned comparison would not make counted
 *   as advised (verdict shares accepted / referred / rejected; CountersignService.verify shows the advice and
 *   leaves the verdict as it is, since matching tripled cedar-dev's accepted skilled forgeries).
 * Also prints how steady a writer's own orientation is (the sd of its genuine signatures' orientations).
 * Run: [TOLERANCE=4,8] npx tsx scripts/experiments/orientation-match.ts [MODEL_DIR] [COPY ...]   (COPY: e.g. rot3 rot-6 rot10)
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { preprocess, type PixelImage, type PreprocessVersion } from '../../src/preprocessing';
import { ORIENTATION_TOLERANCE_DEG, inkOrientation, orientationMatchFor } from '../../src/preprocessing/orientation';
import { readDataset } from '../../src/training/data/datasetReader';
import { loadWriterImages, type WriterImages } from '../../src/training/data/imageStore';
import { selectWriters } from '../../src/training/evaluation/evaluateDataset';
import { protocolScores, type ProtocolScores, type WriterEmbeddings } from '../../src/training/evaluation/protocol';
import { summarize } from '../../src/training/evaluation/summarize';
import { defaultModelDir, loadLayersModelFromDir, readModelCard } from '../../src/training/io/modelFiles';
import { useWasmTrainingBackend } from '../../src/training/kernels/wasmBackend';
import { thresholdFor, type Verdict } from '../../src/verification/decision';
import { embedRasters } from './embedImages';
import { summaryLine, verdictShareLine } from './reportLines';

await useWasmTrainingBackend();
const dir = process.argv[2] && !process.argv[2].startsWith('rot') ? process.argv[2] : defaultModelDir();
const copies = ['as scanned', ...process.argv.slice(2).filter((a) => a.startsWith('rot'))];
// TOLERANCE=6,8,10: the matching at each tolerance (default: the app's).
const tolerances = (process.env.TOLERANCE ?? String(ORIENTATION_TOLERANCE_DEG)).split(',').map(Number);
const sets = (process.env.SETS ?? 'cedar-dev,bhsig260-bengali').split(',');
const card = readModelCard(dir);
const model = await loadLayersModelFromDir(dir);
const version = card.preprocessing.version as PreprocessVersion;
const { inputWidth: W, inputHeight: H } = card.preprocessing;
const sd = (xs: number[]) => {
  const m = xs.reduce((s, v) => s + v, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, v) => s + (v - m) ** 2, 0) / xs.length);
};

type Rendered = { raster: Float32Array; emb: Float32Array };
function render(img: PixelImage, rotateDeg?: number): Rendered {
  const raster = preprocess(img, { version, rotateDeg }).data;
  return { raster, emb: embedRasters(model, card, [raster])[0] };
}

for (const data of sets.map((s) => `../shared/data/${s}`)) {
  const name = data.split('/').pop()!;
  const refImages = loadWriterImages(selectWriters(readDataset(data), 'validation'));
  const refs = refImages.map((w) => ({ id: w.id, genuine: w.genuine.map((g) => render(g)), forged: w.forged.map((g) => render(g)) }));
  const spreads = refs.map((w) => sd(w.genuine.map((g) => inkOrientation(g.raster, W, H)!)));
  console.log(`${name}: a writer's own genuine orientation, sd ${Math.min(...spreads).toFixed(1)}-${Math.max(...spreads).toFixed(1)} degrees (median ${[...spreads].sort((a, b) => a - b)[spreads.length >> 1].toFixed(1)})`);
  const writers: WriterEmbeddings[] = refs.map((w) => ({ id: w.id, genuine: w.genuine.map((g) => g.emb), forged: w.forged.map((g) => g.emb) }));
  for (const copy of copies) {
    const qDir = copy === 'as scanned' ? data : join('.cache/rescaled', copy, name);
    if (!existsSync(qDir)) {
      console.log(`  ${copy}: ${qDir} missing (npx tsx scripts/experiments/degraded-copy.ts ${data} 1 .cache/rescaled/${copy} --rotate ${copy.slice(3)})`);
      continue;
    }
    const qImages: WriterImages[] = copy === 'as scanned' ? refImages : loadWriterImages(selectWriters(readDataset(qDir), 'validation'));
    const plain = qImages.map((w) => ({ id: w.id, genuine: w.genuine.map((g) => render(g)), forged: w.forged.map((g) => render(g)) }));
    const plainEmb: WriterEmbeddings[] = plain.map((w) => ({ id: w.id, genuine: w.genuine.map((g) => g.emb), forged: w.forged.map((g) => g.emb) }));
    let turned = 0;
    let compared = 0;
    const cache = new Map<string, Float32Array>();
    const matchedAt = (tolerance: number) => (wi: number, refIdx: number[]): WriterEmbeddings[] => {
      const refRasters = refIdx.map((i) => refs[wi].genuine[i].raster);
      const one = (img: PixelImage, r: Rendered, key: string) => {
        compared++;
        const m = orientationMatchFor(r.raster, refRasters, W, H, tolerance);
        if (!m) return r.emb;
        turned++;
        const k = `${key}@${m.rotateDeg.toFixed(1)}`;
        if (!cache.has(k)) cache.set(k, render(img, Math.round(m.rotateDeg * 10) / 10).emb);
        return cache.get(k)!;
      };
      return plain.map((w, j) => ({
        id: w.id,
        genuine: w.genuine.map((r, i) => one(qImages[j].genuine[i], r, `${j}g${i}`)),
        forged: w.forged.map((r, i) => one(qImages[j].forged[i], r, `${j}f${i}`)),
      }));
    };
    for (const k of [5, 1]) {
      const scores = (source: WriterEmbeddings[] | ReturnType<typeof matchedAt>) => protocolScores(writers, k, card.distanceHead, card.decision, undefined, undefined, source);
      const row = (label: string, ps: ProtocolScores) => summaryLine(label, summarize(ps, thresholdFor(card.decision, null, k), card.decision.referBand));
      const plain = scores(plainEmb);
      const parts = [`${row('plain:', plain)}; verdicts ${verdictShareLine(plain.verdicts!)}`];
      for (const t of tolerances) {
        turned = 0;
        compared = 0;
        const m = scores(matchedAt(t));
        // The safety net: the plain verdict stands, except that a rejection the turned comparison would not make is referred.
        const capped = (kind: 'genuine' | 'skilled') => plain.verdicts![kind].map((v, i): Verdict => (v === 'forged' && m.verdicts![kind][i] !== 'forged' ? 'refer' : v));
        parts.push(
          `${row(`matched beyond ${t} deg:`, m)} (${compared ? ((100 * turned) / compared).toFixed(1) : 0}% of comparisons turned); ` +
            `plain verdicts with the advised rejections counted in the middle: ${verdictShareLine({ genuine: capped('genuine'), skilled: capped('skilled') })}`,
        );
      }
      console.log(`  ${copy}, ${k} ref${k > 1 ? 's' : ''}:\n    ${parts.join('\n    ')}`);
    }
  }
}
model.dispose();
