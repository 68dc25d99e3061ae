import type { LossKind } from './losses';
import type { Mining } from './pairs';

/**
 * What `npm run train` does when no flag says otherwise: the shipped recipe's loss and batch.
 * The CLI and the experiment scripts read these, so a script that claims to run "the trainer's
 * defaults" cannot drift from them.
 */
export const TRAIN_DEFAULTS = {
  /** Where plain `npm run train` exports: the shipped model. */
  out: 'models/countersign-v6',
  /** What the embedding layer reads (several, comma-separated: an ensemble). */
  pooling: 'last',
  /** Synthetic pretraining steps, then training steps. */
  pretrainSteps: 300,
  steps: 800,
  /** Validation every N steps (progress, and the pretraining's choice of step; the export is the weight average). */
  evalEvery: 100,
  loss: 'triplet' as LossKind,
  mining: 'semi-hard' as Mining,
  pretrainMining: 'semi-hard' as Mining,
  /** Triplet alpha; the contrastive loss's m is contrastiveMargin. */
  margin: 0.3,
  contrastiveMargin: 1.0,
  proxy: { weight: 0.1, scale: 16, margin: 0.1, lrFactor: 10 },
  /** Per worker: writers x (genuine + forged). */
  batch: { writers: 6, genuine: 4, forged: 2 },
} as const;
