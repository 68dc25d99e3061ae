import type { ModelCard } from '../../model/modelCard';
import type { PreprocessVersion } from '../../preprocessing';
import { thresholdFor } from '../../verification/decision';
import { readDataset, type WriterFiles } from '../data/datasetReader';
import { loadWriterImages, preprocessWriters, type WriterRasters } from '../data/imageStore';
import { isValidationWriter } from '../data/split';
import { flattenRasters, regroup } from '../validation';
import { protocolScores, type ProtocolScores } from './protocol';
import { summarize, type Summary } from './summarize';

export type Split = 'all' | 'validation' | 'train';

export type EmbedFn = (images: Float32Array, n: number) => Float32Array;

export function selectWriters(writers: WriterFiles[], split: Split): WriterFiles[] {
  if (split === 'all') return writers;
  return writers.filter((w) => isValidationWriter(w) === (split === 'validation'));
}

export function loadRasters(dir: string, split: Split, version?: PreprocessVersion): WriterRasters[] {
  return preprocessWriters(loadWriterImages(selectWriters(readDataset(dir), split)), version);
}

export interface DatasetEval {
  writers: number;
  references: number;
  summary: Summary;
  scores: ProtocolScores;
}

/** The evaluation protocol on preprocessed writers with a model's embedding function and card. */
export function evaluateRasters(
  rasters: WriterRasters[],
  embed: EmbedFn,
  card: Pick<ModelCard, 'distanceHead' | 'decision' | 'architecture' | 'preprocessing'>,
  k: number,
  /** Cross-domain: the same writers and signatures rendered another way; questioned signatures come from here. */
  questioned?: WriterRasters[],
): DatasetEval {
  const hw = card.preprocessing.inputHeight * card.preprocessing.inputWidth;
  const embedAll = (r: WriterRasters[]) => {
    const { images, n } = flattenRasters(r, hw);
    return regroup(r, embed(images, n), card.architecture.embeddingDim);
  };
  const writers = embedAll(rasters);
  const scores = protocolScores(writers, k, card.distanceHead, card.decision, undefined, undefined, questioned && embedAll(questioned));
  return { writers: writers.filter((w) => w.genuine.length > k).length, references: k, summary: summarize(scores, thresholdFor(card.decision, null, k)), scores };
}
