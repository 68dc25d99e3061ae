import * as tf from '@tensorflow/tfjs';

/**
 * The SigNet peer of Dey et al. 2017 ("SigNet: Convolutional Siamese Network for Writer
 * Independent Offline Signature Verification"), one twin, for timing only: random weights, no
 * training. Built as a plain function of tf ops (no tf.layers), so it runs on whatever backend
 * is active, the same as our model.
 *
 * 155x220x1 -> conv 96 11x11/4 (valid) + ReLU -> LRN -> maxpool 3x3/2
 *   -> conv 256 5x5 pad 2 + ReLU -> LRN -> maxpool 3x3/2
 *   -> conv 384 3x3 pad 1 + ReLU -> conv 256 3x3 pad 1 + ReLU -> maxpool 3x3/2
 *   -> dense 1024 + ReLU -> dense 128.
 * LRN as in the paper: n = 5 (depth radius 2), k = 2, alpha = 1e-4, beta = 0.75. Dropout is an
 * identity at inference and is left out. Convolutions use tf.fused.conv2d (bias + ReLU fused),
 * which is the fastest form tfjs offers, so the peer is timed at its best.
 */
export const SIGNET_HEIGHT = 155;
export const SIGNET_WIDTH = 220;
export const SIGNET_DIM = 128;

export interface SigNetPeer {
  readonly inputHeight: number;
  readonly inputWidth: number;
  readonly dim: number;
  readonly parameters: number;
  /** Embeds [N, 155, 220, 1] to [N, 128]; the caller disposes the result. */
  embed(x: tf.Tensor4D): tf.Tensor2D;
  dispose(): void;
}

interface ConvSpec {
  filters: number;
  size: number;
  stride: number;
  pad: 'valid' | 'same';
}

const CONVS: ConvSpec[] = [
  { filters: 96, size: 11, stride: 4, pad: 'valid' },
  { filters: 256, size: 5, stride: 1, pad: 'same' }, // pad 2 with stride 1 = 'same'
  { filters: 384, size: 3, stride: 1, pad: 'same' }, // pad 1
  { filters: 256, size: 3, stride: 1, pad: 'same' }, // pad 1
];

/** Output side of a 'valid' window of `size` and `stride`. */
function valid(n: number, size: number, stride: number): number {
  return Math.floor((n - size) / stride) + 1;
}

/** The flattened size after the conv/pool stack for a 155x220 input (3x5x256 = 3840). */
export function signetFlatSize(h = SIGNET_HEIGHT, w = SIGNET_WIDTH): number {
  let a = valid(h, 11, 4);
  let b = valid(w, 11, 4);
  a = valid(a, 3, 2);
  b = valid(b, 3, 2); // pool 1
  a = valid(a, 3, 2);
  b = valid(b, 3, 2); // pool 2 (conv2 keeps the size)
  a = valid(a, 3, 2);
  b = valid(b, 3, 2); // pool 3 (conv3, conv4 keep the size)
  return a * b * 256;
}

function lrn(x: tf.Tensor4D): tf.Tensor4D {
  return tf.localResponseNormalization(x, 2, 2, 1e-4, 0.75);
}

function pool(x: tf.Tensor4D): tf.Tensor4D {
  return tf.maxPool(x, 3, 2, 'valid');
}

/** Builds the peer with He-normal random weights (seeded) on the active backend. */
export function buildSigNetPeer(seed = 2017): SigNetPeer {
  const weights: tf.Tensor[] = [];
  const convs = tf.tidy(() => {
    let inC = 1;
    return CONVS.map((c, i) => {
      const fanIn = c.size * c.size * inC;
      const filter = tf.randomNormal([c.size, c.size, inC, c.filters], 0, Math.sqrt(2 / fanIn), 'float32', seed + i) as tf.Tensor4D;
      const bias = tf.fill([c.filters], 0.01) as tf.Tensor1D;
      inC = c.filters;
      tf.keep(filter);
      tf.keep(bias);
      return { ...c, filter, bias };
    });
  });
  for (const c of convs) weights.push(c.filter, c.bias);
  const flat = signetFlatSize();
  const [w1, b1, w2, b2] = tf.tidy(() => [
    tf.keep(tf.randomNormal([flat, 1024], 0, Math.sqrt(2 / flat), 'float32', seed + 10) as tf.Tensor2D),
    tf.keep(tf.fill([1024], 0.01) as tf.Tensor1D),
    tf.keep(tf.randomNormal([1024, SIGNET_DIM], 0, Math.sqrt(1 / 1024), 'float32', seed + 11) as tf.Tensor2D),
    tf.keep(tf.zeros([SIGNET_DIM]) as tf.Tensor1D),
  ]);
  weights.push(w1, b1, w2, b2);
  const parameters = weights.reduce((s, t) => s + t.size, 0);

  const conv = (x: tf.Tensor4D, i: number): tf.Tensor4D => {
    const c = convs[i];
    return tf.fused.conv2d({ x, filter: c.filter, strides: c.stride, pad: c.pad, bias: c.bias, activation: 'relu' });
  };

  return {
    inputHeight: SIGNET_HEIGHT,
    inputWidth: SIGNET_WIDTH,
    dim: SIGNET_DIM,
    parameters,
    embed(x: tf.Tensor4D): tf.Tensor2D {
      return tf.tidy(() => {
        let h = pool(lrn(conv(x, 0)));
        h = pool(lrn(conv(h, 1)));
        h = pool(conv(conv(h, 2), 3));
        const f = tf.reshape(h, [x.shape[0], -1]) as tf.Tensor2D;
        const d1 = tf.fused.matMul({ a: f, b: w1, bias: b1, activation: 'relu' });
        return tf.fused.matMul({ a: d1, b: w2, bias: b2 }) as tf.Tensor2D;
      });
    },
    dispose() {
      for (const t of weights) t.dispose();
    },
  };
}
