import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from './config';

/**
 * Final embedding from the network output: unit length for 'l2' models, unchanged for 'sigmoid'.
 * An ensemble's output is its members' outputs side by side: each is made unit length and scaled
 * by 1/sqrt(n), so the whole has unit length and distances average the members' squared ones.
 */
export function finishEmbedding(raw: tf.Tensor2D, cfg: Pick<ModelConfig, 'embeddingActivation' | 'members'>): tf.Tensor2D {
  if (cfg.members?.length) {
    const members = cfg.members;
    return tf.tidy(() => {
      const parts = tf.split(raw, members.map((m) => m.embeddingDim), 1);
      return tf.concat(parts.map((part) => tf.mul(unitRows(part as tf.Tensor2D), 1 / Math.sqrt(members.length))), 1) as tf.Tensor2D;
    });
  }
  if (cfg.embeddingActivation === 'sigmoid') return raw;
  return tf.tidy(() => unitRows(raw));
}

function unitRows(raw: tf.Tensor2D): tf.Tensor2D {
  const norm = tf.sqrt(tf.maximum(tf.sum(tf.square(raw), 1, true), 1e-12));
  return tf.div(raw, norm) as tf.Tensor2D;
}

/** Stacks preprocessed rasters (H*W floats each) into the network input [N, H, W, 1]. */
export function toInputBatch(images: Float32Array[], cfg: Pick<ModelConfig, 'inputHeight' | 'inputWidth'>): tf.Tensor4D {
  const size = cfg.inputHeight * cfg.inputWidth;
  const buf = new Float32Array(images.length * size);
  images.forEach((img, i) => {
    if (img.length !== size) throw new RangeError(`input ${i} has ${img.length} values, expected ${size}`);
    buf.set(img, i * size);
  });
  return tf.tensor4d(buf, [images.length, cfg.inputHeight, cfg.inputWidth, 1]);
}

/** Embeds a batch in inference mode; returns [N, D]. The caller disposes the result. */
export function embedBatch(model: tf.LayersModel, x: tf.Tensor4D, cfg: Pick<ModelConfig, 'embeddingActivation' | 'members'>): tf.Tensor2D {
  return tf.tidy(() => finishEmbedding(model.predict(x) as tf.Tensor2D, cfg));
}

/**
 * Embeds n rasters stored back to back in `images` (H*W floats each), in batches of `batch`, in
 * inference mode; returns their n embeddings back to back. For evaluation and export in Node.
 */
export function embedPacked(
  model: tf.LayersModel,
  cfg: Pick<ModelConfig, 'inputHeight' | 'inputWidth' | 'embeddingDim' | 'embeddingActivation' | 'members'>,
  images: Float32Array,
  n: number,
  batch = 64,
): Float32Array {
  const hw = cfg.inputHeight * cfg.inputWidth;
  const out = new Float32Array(n * cfg.embeddingDim);
  for (let s = 0; s < n; s += batch) {
    const m = Math.min(batch, n - s);
    const e = tf.tidy(() => embedBatch(model, tf.tensor4d(images.subarray(s * hw, (s + m) * hw), [m, cfg.inputHeight, cfg.inputWidth, 1]), cfg));
    out.set(e.dataSync(), s * cfg.embeddingDim);
    e.dispose();
  }
  return out;
}

