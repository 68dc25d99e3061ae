import type { ModelConfig } from '../../model/config';
import type { AugmentOptions } from '../augment';
import type { BatchShape } from '../batch';
import type { WriterImages } from '../data/imageStore';
import type { LossOptions } from '../losses';
import type { MetricKind } from '../network';
import type { PreprocessVersion } from '../../preprocessing';
import type { TeacherOptions } from '../teacher';

export interface InitMsg {
  type: 'init';
  cfg: ModelConfig;
  loss: LossOptions;
  metric: MetricKind;
  seed: number;
  /** Training writers' decoded images: each worker samples and augments its own batches. */
  train: WriterImages[];
  batch: BatchShape;
  augment: AugmentOptions | null;
  preprocessVersion: PreprocessVersion;
  /** Distillation: each worker loads the teacher and embeds its own batches with it. */
  teacher?: TeacherOptions;
}
export interface GradMsg {
  type: 'grad';
  weights: Float32Array[];
  /** Seeds this step's batch sampling, augmentation and mining: a step is reproducible from it. */
  seed: number;
}
export interface EmbedMsg {
  type: 'embed';
  weights: Float32Array[];
  images: Float32Array;
  n: number;
  /** Clean training images for the batch-norm statistics (the same for every worker). */
  calibration: Float32Array;
  calibrationCount: number;
}
export type ToWorker = InitMsg | GradMsg | EmbedMsg;

export type FromWorker =
  | { type: 'ready'; shapes: number[][] }
  | { type: 'grad'; loss: number; active: number; distill?: number; proxy?: number; grads: Float32Array[] }
  | { type: 'embed'; embeddings: Float32Array }
  | { type: 'error'; message: string };
