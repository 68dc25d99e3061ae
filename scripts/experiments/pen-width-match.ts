/**
 * Experiment (training-free): a questioned signature written with a broader or finer pen than its references
 * (the same domain: paper scans both). References as scanned; questioned signatures as scanned or from the copies
 * of degraded-copy.ts (--pen R, under .cache/rescaled/penR). Measured on the validation writers of cedar-dev and
 * BHSig, at 5 and 1 references:
 * - how a writer's own pen width varies: questioned / references' mean stroke width (strokeWidthOf on the model
 *   input), for genuine signatures and skilled forgeries (quartiles);
 * - plain: the shipped verdicts;
 * - matched beyond a tolerance (TOLERANCE=0.25,0.5: one row each): a questioned signature whose width differs from
 *   its references' by more than the factor 1 + tolerance is redrawn with their pen (penMatch's redraw,
 *   preprocess(..., { penWidth: matchedPenWidth(reference widths) })); "broader only" redraws only a signature
 *   broader than its references; skilled / random EER and FAR / FRR at the shipped rule;
 *   With MEND=erode, a signature broader than its references by more than the factor is instead eroded
 *   (preprocess(..., { erodeInk: n }), src/preprocessing/inkErosion.ts) by the passes n in 1..3 that bring its
 *   width closest to theirs (only broader ones: erosion cannot widen);
 * - the advice form: the plain verdicts, with each rejection that the matched comparison would not make counted
 *   as advised (verdict shares accepted / referred / rejected).
 * Run: [MEND=erode] [TOLERANCE=0.25,0.5] npx tsx scripts/experiments/pen-width-match.ts [MODEL_DIR] [COPY ...]   (COPY: pen1 pen2)
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { preprocess, type PixelImage, type PreprocessVersion } from '../../src/preprocessing';
import { matchedPenWidth, strokeWidthOf } from '../../src/preprocessing/strokeWidth';
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
const isCopy = (a: string) => a.startsWith('pen');
const dir = process.argv[2] && !isCopy(process.argv[2]) ? process.argv[2] : defaultModelDir();
const copies = ['as scanned', ...process.argv.slice(2).filter(isCopy)];
const tolerances = (process.env.TOLERANCE ?? '0.25,0.5').split(',').map(Number);
const erode = process.env.MEND === 'erode';
const sets = (process.env.SETS ?? 'cedar-dev,bhsig260-bengali').split(',');
const card = readModelCard(dir);
const model = await loadLayersModelFromDir(dir);
const version = card.preprocessing.version as PreprocessVersion;
const { inputWidth: W, inputHeight: H } = card.preprocessing;
const quartiles = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return [0.25, 0.5, 0.75].map((q) => s[Math.min(s.length - 1, Math.floor(q * s.length))].toFixed(2)).join(' / ');
};

type Rendered = { raster: Float32Array; width: number; emb: Float32Array };
function render(img: PixelImage, penWidth?: number, erodeInk?: number): Rendered {
  const raster = preprocess(img, { version, penWidth, erodeInk }).data;
  return { raster, width: strokeWidthOf(raster, W, H), emb: embedRasters(model, card, [raster])[0] };
}
const byWriter = (ws: WriterImages[]) => ws.map((w) => ({ id: w.id, genuine: w.genuine.map((g) => render(g)), forged: w.forged.map((g) => render(g)) }));
const embeddings = (ws: ReturnType<typeof byWriter>): WriterEmbeddings[] => ws.map((w) => ({ id: w.id, genuine: w.genuine.map((g) => g.emb), forged: w.forged.map((g) => g.emb) }));

for (const data of sets.map((s) => `../shared/data/${s}`)) {
  const name = data.split('/').pop()!;
  const refImages = loadWriterImages(selectWriters(readDataset(data), 'validation'));
  const refs = byWriter(refImages);
  const writers = embeddings(refs);
  for (const copy of copies) {
    const qDir = copy === 'as scanned' ? data : join('.cache/rescaled', copy, name);
    if (!existsSync(qDir)) {
      console.log(`  ${copy}: ${qDir} missing (npx tsx scripts/experiments/degraded-copy.ts ${data} 1 .cache/rescaled/${copy} --pen ${copy.slice(3)})`);
      continue;
    }
    const qImages: WriterImages[] = copy === 'as scanned' ? refImages : loadWriterImages(selectWriters(readDataset(qDir), 'validation'));
    const plain = copy === 'as scanned' ? refs : byWriter(qImages);
    // A writer's pen: each questioned signature's width over its writer's mean genuine width (all its genuine scans).
    const ratios = (kind: 'genuine' | 'forged') =>
      plain.flatMap((w, j) => {
        const mean = refs[j].genuine.reduce((s, g) => s + g.width, 0) / refs[j].genuine.length;
        return w[kind].map((g) => g.width / mean);
      });
    console.log(`${name}, ${copy}: width / the writer's mean genuine width, quartiles: genuine ${quartiles(ratios('genuine'))}, skilled ${quartiles(ratios('forged'))}`);
    const cache = new Map<string, Float32Array>();
    const erosions = new Map<string, Rendered | null>();
    let redrawn = 0;
    let compared = 0;
    const matched = (tolerance: number, broaderOnly: boolean) => (wi: number, refIdx: number[]): WriterEmbeddings[] => {
      const refWidths = refIdx.map((i) => refs[wi].genuine[i].width);
      const mean = refWidths.reduce((s, v) => s + v, 0) / refWidths.length;
      const pen = matchedPenWidth(refWidths);
      const one = (img: PixelImage, r: Rendered, key: string) => {
        compared++;
        const ratio = r.width / mean;
        const differs = ratio > 1 + tolerance || (!broaderOnly && ratio < 1 / (1 + tolerance));
        if (!differs || pen === null) return r.emb;
        if (erode) {
          if (ratio <= 1) return r.emb;
          // The erosion whose width comes closest to the references' (a pass too many may leave too little ink).
          let best: Rendered | null = null;
          for (let n = 1; n <= 3; n++) {
            const k = `${key}-${n}`;
            let e = erosions.get(k);
            if (e === undefined) {
              try {
                const raster = preprocess(img, { version, erodeInk: n }).data;
                e = { raster, width: strokeWidthOf(raster, W, H), emb: new Float32Array(0) };
              } catch {
                e = null;
              }
              erosions.set(k, e);
            }
            if (e && (!best || Math.abs(Math.log(e.width / mean)) < Math.abs(Math.log(best.width / mean)))) best = e;
          }
          if (!best) return r.emb;
          redrawn++;
          if (best.emb.length === 0) best.emb = embedRasters(model, card, [best.raster])[0];
          return best.emb;
        }
        redrawn++;
        const k = `${key}@${pen}`;
        if (!cache.has(k)) cache.set(k, render(img, pen).emb);
        return cache.get(k)!;
      };
      return plain.map((w, j) => ({
        id: w.id,
        genuine: w.genuine.map((r, i) => one(qImages[j].genuine[i], r, `${j}g${i}`)),
        forged: w.forged.map((r, i) => one(qImages[j].forged[i], r, `${j}f${i}`)),
      }));
    };
    const plainEmb = embeddings(plain);
    for (const k of [5, 1]) {
      const scores = (source: WriterEmbeddings[] | ReturnType<typeof matched>) => protocolScores(writers, k, card.distanceHead, card.decision, undefined, undefined, source);
      const row = (label: string, ps: ProtocolScores) => summaryLine(label, summarize(ps, thresholdFor(card.decision, null, k), card.decision.referBand));
      const p = scores(plainEmb);
      const parts = [`${row('plain:', p)}; verdicts ${verdictShareLine(p.verdicts!)}`];
      for (const t of tolerances)
        for (const broaderOnly of erode ? [true] : [false, true]) {
          redrawn = 0;
          compared = 0;
          const m = scores(matched(t, broaderOnly));
          const advised = (kind: 'genuine' | 'skilled') => p.verdicts![kind].map((v, i): Verdict => (v === 'forged' && m.verdicts![kind][i] !== 'forged' ? 'refer' : v));
          parts.push(
            `${row(`${erode ? 'eroded' : 'matched'} beyond x${(1 + t).toFixed(2)}${broaderOnly ? ', broader only' : ''}:`, m)} (${compared ? ((100 * redrawn) / compared).toFixed(1) : 0}% of comparisons ${erode ? 'eroded' : 'redrawn'}); ` +
              `plain verdicts with the advised rejections counted in the middle: ${verdictShareLine({ genuine: advised('genuine'), skilled: advised('skilled') })}`,
          );
        }
      console.log(`  ${copy}, ${k} ref${k > 1 ? 's' : ''}:\n    ${parts.join('\n    ')}`);
    }
  }
}
model.dispose();
