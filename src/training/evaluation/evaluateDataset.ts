import type { ModelCard } from '../../model/modelCard';
import { keepsOwnStrokes, matchedPenWidth, strokeWidthOf, type PreprocessVersion } from '../../preprocessing';
import { broaderPenRatio, closestBroadening, type Rung } from '../../preprocessing/penBroadening';
import { thresholdFor } from '../../verification/decision';
import type { WriterFiles } from '../data/datasetReader';
import type { WriterRasters } from '../data/imageStore';
import { isValidationWriter } from '../data/split';
import { flattenRasters, regroup } from '../validation';
import { protocolScores, type ProtocolScores, type QuestionedSource, type WriterEmbeddings } from './protocol';
import { summarize, type Summary } from './summarize';

export type Split = 'all' | 'validation' | 'train';

export type EmbedFn = (images: Float32Array, n: number) => Float32Array;

export function selectWriters(writers: WriterFiles[], split: Split): WriterFiles[] {
  if (split === 'all') return writers;
  return writers.filter((w) => isValidationWriter(w) === (split === 'validation'));
}

/**
 * Cross-domain questioned signatures with pen matching, as the app does for a drawing checked
 * against scans: every questioned signature of a writer's trial is preprocessed with the pen
 * width matched to that writer's references (matchedPenWidth; widths come in 0.25 steps, so
 * each is rendered once for the whole set).
 */
export interface PenMatchedQuestioned {
  render(penWidth: number): WriterRasters[];
}

export interface DatasetEval {
  writers: number;
  references: number;
  summary: Summary;
  scores: ProtocolScores;
  /** Comparisons (questioned signature against a writer's references) made with broadened references. */
  broadened: number;
}

/** The evaluation protocol on preprocessed writers with a model's embedding function and card. */
export function evaluateRasters(
  rasters: WriterRasters[],
  embed: EmbedFn,
  card: Pick<ModelCard, 'distanceHead' | 'decision' | 'architecture' | 'preprocessing'>,
  k: number,
  /** Cross-domain: the same writers and signatures rendered another way; questioned signatures come from here. */
  questioned?: WriterRasters[] | PenMatchedQuestioned,
  /** Called with each pen width the first time it is rendered (pen matching). */
  onPenWidth?: (penWidth: number) => void,
  /**
   * As the app (BROADER_PEN_FACTOR): a questioned signature whose stroke width is more than this many times its
   * references' (same domain; pp1) is compared with the references broadened to its pen (penBroadening.ts). Null,
   * the default: never (the card's figures are the score alone).
   */
  broadenAbove: number | null = null,
): DatasetEval {
  const { inputHeight: h, inputWidth: w } = card.preprocessing;
  const embedAll = (r: WriterRasters[]) => {
    const { images, n } = flattenRasters(r, h * w);
    return regroup(r, embed(images, n), card.architecture.embeddingDim);
  };
  const writers = embedAll(rasters);
  let source: QuestionedSource | undefined;
  if (Array.isArray(questioned)) source = embedAll(questioned);
  else if (questioned) {
    const rendered = new Map<number, WriterEmbeddings[]>();
    source = (wi, refIdx) => {
      const pen = matchedPenWidth(refIdx.map((i) => strokeWidthOf(rasters[wi].genuine[i], w, h)));
      if (pen === null) throw new Error(`writer ${rasters[wi].id}: its references hold no measurable ink`);
      if (!rendered.has(pen)) {
        onPenWidth?.(pen);
        rendered.set(pen, embedAll(questioned.render(pen)));
      }
      return rendered.get(pen)!;
    };
  }
  const sameDomain = !questioned || Array.isArray(questioned);
  let broadened = 0;
  const referencesFor = broadenAbove !== null && sameDomain && keepsOwnStrokes(card.preprocessing.version as PreprocessVersion) ? broadening() : undefined;
  const scores = protocolScores(writers, k, card.distanceHead, card.decision, undefined, undefined, source, referencesFor);
  /** The protocol's hook: each questioned embedding's raster, widths measured once, ladders and embeddings made once. */
  function broadening() {
    const rasterOf = new Map<Float32Array, Float32Array>();
    const link = (e: WriterEmbeddings[], r: WriterRasters[]) =>
      e.forEach((wr, i) => {
        wr.genuine.forEach((x, j) => rasterOf.set(x, r[i].genuine[j]));
        wr.forged.forEach((x, j) => rasterOf.set(x, r[i].forged[j]));
      });
    link(writers, rasters);
    if (Array.isArray(questioned)) link(source as WriterEmbeddings[], questioned);
    const widths = new Map<Float32Array, number>();
    const widthOf = (r: Float32Array) => widths.get(r) ?? widths.set(r, strokeWidthOf(r, w, h)).get(r)!;
    const ladders = new Map<Float32Array, (Rung & { emb?: Float32Array })[]>();
    return (wi: number, refIdx: number[], q: Float32Array): Float32Array[] | null => {
      const raster = rasterOf.get(q);
      if (!raster) return null;
      const target = widthOf(raster);
      const refs = refIdx.map((i) => rasters[wi].genuine[i]);
      if (broaderPenRatio(target, refs.map(widthOf), broadenAbove!) === null) return null;
      broadened++;
      return refs.map((r) => {
        if (!ladders.has(r)) ladders.set(r, []);
        const rung: Rung & { emb?: Float32Array } = closestBroadening(r, w, h, target, ladders.get(r)!);
        return (rung.emb ??= embed(rung.raster, 1));
      });
    };
  }
  return { writers: writers.filter((w) => w.genuine.length > k).length, references: k, summary: summarize(scores, thresholdFor(card.decision, null, k), card.decision.referBand), scores, broadened };
}
