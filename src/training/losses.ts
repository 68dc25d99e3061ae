import * as tf from '@tensorflow/tfjs';
import { squaredEuclidean } from '../model/distanceHead';
import { finishEmbedding } from '../model/embed';
import type { Rng } from './data/random';
import { mineTriplets, pairMasks, type Mining, type PairMasks } from './pairs';

/** The losses of the method, selectable with --loss. */
export type LossKind = 'triplet' | 'contrastive' | 'bce' | 'lossless';

export interface LossOptions {
  kind: LossKind;
  mining: Mining;
  /** Triplet alpha / contrastive m. */
  margin: number;
  /**
   * Triplet only: each anchor's alpha scaled by its writer's spread in the batch (writerMargins), as the
   * decision rule scales a writer's scores by the spread of its references. Off when absent or false.
   */
  relativeMargin?: boolean;
  /** An added proxy (class) term: see proxyLoss. Off when absent or its weight is 0. */
  proxy?: ProxyOptions;
}

/** The proxy term: weight x proxyLoss(scale, margin), one genuine and one forgery proxy per training writer. */
export interface ProxyOptions {
  weight: number;
  scale: number;
  margin: number;
  /** The proxies' learning rate, as a multiple of the network's (default 1). */
  lrFactor?: number;
}

/**
 * Normalised-softmax proxy loss with an additive cosine margin (CosFace): each training class has a
 * learned proxy P_c; with unit embeddings e_i and unit proxies, logits_ic = s x (cos(e_i, P_c) - m
 * [c = t_i]) and the loss is the mean cross-entropy -log softmax(logits_i)[t_i]. Unlike triplets
 * mined in one small batch, every step compares each image with every training writer (and with the
 * forgeries of its own writer, a class of their own), so the embedding learns the global layout.
 */
export function proxyLoss(E: tf.Tensor2D, proxies: tf.Tensor2D, target: Int32Array, scale: number, margin: number): tf.Scalar {
  return tf.tidy(() => {
    const [b] = E.shape;
    const c = proxies.shape[0];
    const P = finishEmbedding(proxies, { embeddingActivation: 'l2' });
    const cos = tf.matMul(E, P, false, true);
    const hot = new Float32Array(b * c);
    target.forEach((t, i) => (hot[i * c + t] = 1));
    const onehot = tf.tensor2d(hot, [b, c]);
    const logits = tf.mul(tf.sub(cos, tf.mul(onehot, margin)), scale);
    return tf.div(tf.neg(tf.sum(tf.mul(onehot, tf.logSoftmax(logits)))), b) as tf.Scalar;
  });
}

/** Contrastive loss per pair: Y*D^2 + (1-Y)*max(m - D, 0)^2, Y = 1 for the same writer. */
export function contrastivePairLoss(d: tf.Tensor, y: tf.Tensor, margin: number): tf.Tensor {
  return tf.tidy(() => tf.add(tf.mul(y, tf.square(d)), tf.mul(tf.sub(1, y), tf.square(tf.relu(tf.sub(margin, d))))));
}

/** Triplet loss per triplet: max(d(a,p) - d(a,n) + alpha, 0); alpha one number or one per triplet. */
export function tripletLoss(dap: tf.Tensor, dan: tf.Tensor, alpha: number | tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.relu(tf.add(tf.sub(dap, dan), alpha)));
}

/** How much of a writer's margin follows its own spread; the rest is the batch's (as the rule's prior at 5 references). */
export const WRITER_MARGIN_SHARE = 2 / 3;

/**
 * Per-anchor triplet margins relative to the writer's spread: a writer whose genuine signatures lie far
 * apart in the batch must keep its forgeries proportionally farther away, as the decision rule divides
 * the distances by the writer's spread. spread_w = mean distance over the writer's positive pairs in the
 * batch (pairMasks); margin = alpha x (share x spread_w + (1 - share) x mean) / mean, where mean is the
 * average spread of the batch's writers, so the margins average alpha over the writers. D: size*size
 * distances (row-major); returns one margin per item (alpha for writers without a positive pair).
 */
export function writerMargins(D: ArrayLike<number>, masks: Pick<PairMasks, 'size' | 'pos'>, writer: ArrayLike<number>, alpha: number, share = WRITER_MARGIN_SHARE): Float32Array {
  const n = masks.size;
  const acc = new Map<number, { sum: number; pairs: number }>();
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (!masks.pos[i * n + j]) continue;
      const a = acc.get(writer[i]) ?? { sum: 0, pairs: 0 };
      a.sum += D[i * n + j];
      a.pairs++;
      acc.set(writer[i], a);
    }
  }
  const spread = new Map([...acc].map(([w, a]) => [w, a.sum / a.pairs]));
  const out = new Float32Array(n).fill(alpha);
  const mean = [...spread.values()].reduce((a, b) => a + b, 0) / spread.size;
  if (!(mean > 0)) return out; // no positive pair (mean NaN) or all at zero distance
  for (let i = 0; i < n; i++) {
    const s = spread.get(writer[i]);
    if (s !== undefined) out[i] = (alpha * (share * s + (1 - share) * mean)) / mean;
  }
  return out;
}

/**
 * Lossless triplet loss (Arsenault) on sigmoid embeddings of dimension N: squared distances lie
 * in [0, N]; with beta = N: -ln(-dap/beta + 1 + eps) - ln(-(N - dan)/beta + 1 + eps).
 */
export function losslessTripletLoss(dap2: tf.Tensor, dan2: tf.Tensor, n: number, eps = 1e-8): tf.Tensor {
  return tf.tidy(() => {
    const beta = n;
    const pos = tf.neg(tf.log(tf.add(tf.add(tf.div(tf.neg(dap2), beta), 1), eps)));
    const neg = tf.neg(tf.log(tf.add(tf.add(tf.div(tf.neg(tf.sub(n, dan2)), beta), 1), eps)));
    return tf.add(pos, neg);
  });
}

/**
 * Distillation: mean over the batch of the squared distance between each student embedding and
 * the teacher's embedding of the same image, sum((s - t)^2) / B. The teacher is a constant.
 */
export function distillationLoss(student: tf.Tensor2D, teacher: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.div(tf.sum(tf.square(tf.sub(student, teacher))), student.shape[0]) as tf.Scalar);
}

/** Binary cross-entropy of the learned head on |e1 - e2|: logits -> mean loss with weights. */
export function weightedBce(logits: tf.Tensor, y: tf.Tensor, weights: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    // log(1 + exp(-|x|)) + max(x, 0) - x*y : numerically stable
    const l = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, y)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
    return tf.div(tf.sum(tf.mul(l, weights)), tf.maximum(tf.sum(weights), 1e-6)) as tf.Scalar;
  });
}

/**
 * Per-pair weights over the size*size pair grid: positives share half the total weight and
 * negatives the other half, so the many negative pairs do not drown the few positive ones.
 * Pairs that are neither weigh 0.
 */
export function balancedPairWeights(masks: Pick<PairMasks, 'pos' | 'neg'>): Float32Array {
  let np = 0;
  let nn = 0;
  for (let i = 0; i < masks.pos.length; i++) {
    if (masks.pos[i]) np++;
    else if (masks.neg[i]) nn++;
  }
  const w = new Float32Array(masks.pos.length);
  for (let i = 0; i < w.length; i++) {
    if (masks.pos[i]) w[i] = 0.5 / np;
    else if (masks.neg[i]) w[i] = 0.5 / nn;
  }
  return w;
}

/** Fraction of the weighted (valid) pairs for which `flag` holds. */
function misclassified(flag: tf.Tensor, weights: tf.Tensor): tf.Scalar {
  const valid = tf.cast(tf.greater(weights, 0), 'float32');
  return tf.div(tf.sum(tf.mul(tf.cast(flag, 'float32'), valid)), tf.maximum(tf.sum(valid), 1)) as tf.Scalar;
}

/** A one-hot [T, size*size] selection matrix, so selected distances stay differentiable. */
function selector(rows: number[], cols: number[], size: number): tf.Tensor2D {
  const s = new Float32Array(rows.length * size * size);
  rows.forEach((r, k) => (s[k * size * size + r * size + cols[k]] = 1));
  return tf.tensor2d(s, [rows.length, size * size]);
}

export interface LossStats {
  loss: number;
  activeFraction: number;
}

export interface HeadVars {
  /** bce head weights [D, 1] and bias [1]. */
  bceW?: tf.Variable;
  bceB?: tf.Variable;
  /** Mahalanobis matrix L [D, D]. */
  mahalanobisL?: tf.Variable;
  /** Proxy term: one row per class [2 x training writers, D] (training only, never exported). */
  proxies?: tf.Variable;
}

/**
 * Batch loss on embeddings E [B, D] (already L2-normalised, or sigmoid for lossless).
 * Returns a scalar; mining decisions read the current distances and are constants for the gradient.
 */
export function batchLoss(
  E: tf.Tensor2D,
  writer: Int32Array,
  genuine: Uint8Array,
  opts: LossOptions,
  head: HeadVars,
  rng: Rng,
): { loss: tf.Scalar; active: tf.Scalar } {
  const masks = pairMasks(writer, genuine);
  const size = masks.size;
  const X: tf.Tensor2D = head.mahalanobisL ? tf.matMul(E, head.mahalanobisL as tf.Tensor2D, false, true) : E;
  const D2 = squaredEuclidean(X, X);
  if (opts.kind === 'bce') {
    const [, d] = E.shape;
    const diff = tf.reshape(tf.abs(tf.sub(tf.expandDims(X, 1), tf.expandDims(X, 0))), [size * size, d]);
    const logits = tf.reshape(tf.add(tf.matMul(diff, head.bceW!), head.bceB!), [size * size]);
    const wt = tf.tensor1d(balancedPairWeights(masks));
    const yt = tf.tensor1d(masks.pos);
    const loss = weightedBce(logits, yt, wt);
    return { loss, active: misclassified(tf.greater(tf.abs(tf.sub(tf.sigmoid(logits), yt)), 0.5), wt) };
  }
  const flat = tf.reshape(opts.kind === 'lossless' ? D2 : tf.sqrt(tf.add(D2, 1e-12)), [size * size, 1]);
  if (opts.kind === 'contrastive') {
    const wt = tf.tensor1d(balancedPairWeights(masks));
    const per = contrastivePairLoss(tf.reshape(flat, [size * size]), tf.tensor1d(masks.pos), opts.margin);
    const loss = tf.sum(tf.mul(per, wt)) as tf.Scalar;
    return { loss, active: misclassified(tf.greater(per, 0), wt) };
  }
  const Dvals = flat.dataSync();
  const t = mineTriplets(Dvals, masks, opts.kind === 'lossless' ? 'hard' : opts.mining, rng);
  const dap = tf.reshape(tf.matMul(selector(t.a, t.p, size), flat), [t.a.length]);
  const dan = tf.reshape(tf.matMul(selector(t.a, t.n, size), flat), [t.a.length]);
  const relative = opts.kind === 'triplet' && opts.relativeMargin;
  const perAnchor = relative ? writerMargins(Dvals, masks, writer, opts.margin) : null;
  const alpha: number | tf.Tensor = perAnchor ? tf.tensor1d(t.a.map((a) => perAnchor[a])) : opts.margin;
  const per = opts.kind === 'lossless' ? losslessTripletLoss(dap, dan, E.shape[1]) : tripletLoss(dap, dan, alpha);
  const loss = tf.mean(per) as tf.Scalar;
  const active = tf.mean(tf.cast(tf.greater(tf.sub(dan, dap), opts.kind === 'lossless' ? 0 : alpha), 'float32'));
  return { loss, active: tf.sub(1, active) as tf.Scalar };
}
