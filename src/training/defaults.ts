import { DEFAULT_MODEL_CONFIG } from '../model/config';
import type { LossKind } from './losses';
import type { Mining } from './pairs';

/**
 * What `npm run train` does when no flag says otherwise: the shipped recipe's loss and batch.
 * The CLI and the experiment scripts read these, so a script that claims to run "the trainer's
 * defaults" cannot drift from them.
 */
export const TRAIN_DEFAULTS = {
  /** Where plain `npm run train` exports: the shipped model. */
  out: 'models/countersign-v11',
  /** What the embedding layer reads (several, comma-separated: an ensemble, one network per value). */
  pooling: 'last,layout',
  /**
   * The conv filters of each network of the default --pooling ('/' between networks): two full-size
   * networks (countersign-v8; v7 had a half-width last network, `16,24,48,64,96/24,32,64,96,128`).
   * Only with the default --pooling; a --pooling given without --filters gets
   * DEFAULT_MODEL_CONFIG.filters for every network.
   */
  filters: '24,32,64,96,128/24,32,64,96,128',
  /** Synthetic pretraining steps, then training steps. */
  pretrainSteps: 200,
  steps: 600,
  /** Validation every N steps (progress, and the pretraining's choice of step; the export is the weight average). */
  evalEvery: 200,
  loss: 'triplet' as LossKind,
  mining: 'semi-hard' as Mining,
  pretrainMining: 'semi-hard' as Mining,
  /** Triplet alpha; the contrastive loss's m is contrastiveMargin. */
  margin: 0.3,
  contrastiveMargin: 1.0,
  proxy: { weight: 0.1, scale: 16, margin: 0.1, lrFactor: 10 },
  /** Per worker: writers x (genuine + forged); nine writers with one forgery each since countersign-v11 (v10: 6 x (4 + 2)). */
  batch: { writers: 9, genuine: 3, forged: 1 },
  /** The pretraining's batch, when no batch flag is given (with --writers, --genuine or --forged: the training's batch). */
  pretrainBatch: { writers: 6, genuine: 4, forged: 2 },
  /** Adam's learning rate. */
  lr: 1e-3,
  /** Data-parallel worker threads (their count changes the batch, so it is part of the recipe). */
  workers: 2,
  /** The first network's seed; an ensemble's networks take seed, seed + 1, ... */
  seed: 1,
  /** Synthetic writers to pretrain on (generated once into .cache/synthetic). */
  syntheticWriters: 1000,
} as const;

/**
 * The --filters a run uses: as given, else the shipped recipe's per-network filters when --pooling
 * is the default too, else the full-size filters for every network (so a command that names its
 * --pooling, e.g. `--pooling last,layout`, trains what it did before the recipe changed).
 */
export function filtersFlag(given: { filters?: string; pooling?: string }): string {
  return given.filters ?? (given.pooling === undefined ? TRAIN_DEFAULTS.filters : DEFAULT_MODEL_CONFIG.filters.join(','));
}
