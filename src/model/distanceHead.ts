import * as tf from '@tensorflow/tfjs';

/**
 * How two embeddings become a distance (larger = less alike). Shared by training, evaluation
 * and the browser, run as tensor ops on whichever backend is active.
 * - euclidean: ||a - b||
 * - mahalanobis: ||L (a - b)|| with a learned matrix L (rows x D)
 * - bce: 1 - sigmoid(w . |a - b| + b), the learned head trained with binary cross-entropy
 */
export type DistanceHead =
  | { kind: 'euclidean' }
  | { kind: 'mahalanobis'; L: number[][] }
  | { kind: 'bce'; w: number[]; b: number };

/** Distances between every row of `a` [M, D] and every row of `b` [N, D]: [M, N]. */
export function pairwiseDistances(head: DistanceHead, a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    if (head.kind === 'euclidean') return euclidean(a, b);
    if (head.kind === 'mahalanobis') {
      const L = tf.tensor2d(head.L);
      return euclidean(tf.matMul(a, L, false, true), tf.matMul(b, L, false, true));
    }
    const diff = tf.abs(tf.sub(tf.expandDims(a, 1), tf.expandDims(b, 0))) as tf.Tensor3D; // [M, N, D]
    const [m, n, d] = diff.shape;
    const logits = tf.add(tf.matMul(tf.reshape(diff, [m * n, d]), tf.tensor2d(head.w, [d, 1])), head.b);
    return tf.reshape(tf.sub(1, tf.sigmoid(logits)), [m, n]) as tf.Tensor2D;
  });
}

/** Squared euclidean distances [M, N], via |a|^2 + |b|^2 - 2ab (clamped at 0). Differentiable. */
export function squaredEuclidean(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const aa = tf.sum(tf.square(a), 1, true);
    const bb = tf.reshape(tf.sum(tf.square(b), 1), [1, -1]);
    const ab = tf.matMul(a, b, false, true);
    return tf.relu(tf.sub(tf.add(aa, bb), tf.mul(ab, 2))) as tf.Tensor2D;
  });
}

function euclidean(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.sqrt(tf.add(squaredEuclidean(a, b), 1e-12)) as tf.Tensor2D;
}
