import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../model/config';
import { embedBatch } from '../model/embed';
import type { ModelCard } from '../model/modelCard';
import type { PreprocessVersion } from '../preprocessing';
import { loadLayersModelFromDir, readModelCard } from './io/modelFiles';

/** Distillation settings: an exported model whose embeddings the student learns to reproduce. */
export interface TeacherOptions {
  /** The teacher's export folder (model.json, weights.bin, model-card.json), e.g. models/countersign-v3. */
  dir: string;
  /** Weight of the distillation term added to the metric loss. */
  weight: number;
}

/**
 * Why a teacher cannot teach this student, or null when it can: both must see the same input
 * (size and preprocessing) and give embeddings of the same size and kind.
 */
export function teacherMismatch(card: Pick<ModelCard, 'id' | 'architecture' | 'preprocessing'>, student: ModelConfig, version: PreprocessVersion): string | null {
  const t = card.architecture;
  if (card.preprocessing.version !== version) return `the teacher ${card.id} uses preprocessing ${card.preprocessing.version}, the student ${version}`;
  if (t.inputHeight !== student.inputHeight || t.inputWidth !== student.inputWidth) {
    return `the teacher ${card.id} takes ${t.inputHeight}x${t.inputWidth} inputs, the student ${student.inputHeight}x${student.inputWidth}`;
  }
  if (t.embeddingDim !== student.embeddingDim || t.embeddingActivation !== student.embeddingActivation) {
    return `the teacher ${card.id} gives ${t.embeddingDim}-d ${t.embeddingActivation} embeddings, the student ${student.embeddingDim}-d ${student.embeddingActivation}`;
  }
  return null;
}

/**
 * The card of the model in `dir`, checked as a teacher for this student; throws a message naming
 * `dir` when there is no readable card or the two do not fit (see teacherMismatch).
 */
export function readTeacherCard(dir: string, student: ModelConfig, version: PreprocessVersion): ModelCard {
  let card: ModelCard;
  try {
    card = readModelCard(dir);
  } catch (e) {
    throw new Error(`cannot distil from ${dir}: no readable model-card.json there (${e instanceof Error ? e.message : e})`);
  }
  const why = teacherMismatch(card, student, version);
  if (why) throw new Error(`cannot distil from ${dir}: ${why}`);
  return card;
}

/** A loaded teacher: embeds a batch of preprocessed rasters in inference mode. */
export class Teacher {
  private constructor(
    private readonly model: tf.LayersModel,
    readonly card: ModelCard,
  ) {}

  static async load(dir: string, student: ModelConfig, version: PreprocessVersion): Promise<Teacher> {
    const card = readTeacherCard(dir, student, version);
    return new Teacher(await loadLayersModelFromDir(dir), card);
  }

  /** Embeddings [n*D] of n rasters (H*W floats each, concatenated). */
  embed(images: Float32Array, n: number): Float32Array {
    const { inputHeight: h, inputWidth: w } = this.card.architecture;
    return tf.tidy(() => embedBatch(this.model, tf.tensor4d(images, [n, h, w, 1]), this.card.architecture).dataSync() as Float32Array).slice();
  }
}
