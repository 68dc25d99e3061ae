import { INPUT_HEIGHT, INPUT_WIDTH } from '../preprocessing';

/** Everything needed to rebuild the embedding network; stored in the model card. */
export interface ModelConfig {
  inputHeight: number;
  inputWidth: number;
  /** Filters of the five conv stages. */
  filters: [number, number, number, number, number];
  embeddingDim: number;
  /** 'l2': unit-length embeddings (triplet, contrastive, BCE head); 'sigmoid': the lossless-triplet variant. */
  embeddingActivation: 'l2' | 'sigmoid';
  dropout: number;
  /**
   * What the embedding layer reads: 'last', the global avg + max pools of the fifth conv;
   * 'multiscale', those of the third, fourth and fifth convs (before their pools: finer stroke
   * statistics beside the coarse ones); 'layout', the fifth conv's global pools plus its average
   * over a 2x4 grid of the signature's area (where the features are, not only which); 'layout-fine', the
   * same over a 3x6 grid (an experiment, twenty-ninth session). Absent in
   * cards written before it existed: 'last'.
   */
  pooling?: Pooling;
  /**
   * An ensemble: these networks side by side on the same input in one graph, each member's layers
   * named with the prefix `m<i>_`. The embedding is the members' unit embeddings concatenated, each
   * scaled by 1/sqrt(n), so it has unit length and the euclidean distance is the root of the mean
   * of the members' squared distances. The fields above then describe the whole: embeddingDim is
   * the sum of the members', filters and pooling are the first member's.
   */
  members?: ModelConfig[];
}

/** Why an ensemble configuration cannot be built (null if it can, or if it is a single network). */
export function ensembleProblem(cfg: ModelConfig): string | null {
  const members = cfg.members ?? [];
  if (members.length === 0) return null;
  if (members.length < 2) return 'an ensemble needs at least two members';
  for (const m of members) {
    if (m.members?.length) return 'an ensemble member must be a single network, not an ensemble';
    if (m.inputHeight !== cfg.inputHeight || m.inputWidth !== cfg.inputWidth)
      return `ensemble members must share one input size (${cfg.inputHeight}x${cfg.inputWidth} and ${m.inputHeight}x${m.inputWidth})`;
    if (m.embeddingActivation !== 'l2') return 'ensemble members must have unit-length (l2) embeddings';
  }
  const sum = members.reduce((n, m) => n + m.embeddingDim, 0);
  return cfg.embeddingDim === sum ? null : `an ensemble's embeddingDim (${cfg.embeddingDim}) must be the sum of its members' (${sum})`;
}

export const POOLINGS = ['last', 'multiscale', 'layout', 'layout-fine'] as const;
export type Pooling = (typeof POOLINGS)[number];

export const DEFAULT_MODEL_CONFIG: ModelConfig = {
  inputHeight: INPUT_HEIGHT,
  inputWidth: INPUT_WIDTH,
  filters: [24, 32, 64, 96, 128],
  embeddingDim: 128,
  embeddingActivation: 'l2',
  dropout: 0.1,
};
