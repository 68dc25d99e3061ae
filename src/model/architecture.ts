import * as tf from '@tensorflow/tfjs';
import { ensembleProblem, type ModelConfig } from './config';

/**
 * The Siamese twin: one embedding network whose weights every branch shares. Training builds
 * it from scratch; the browser loads the same topology from models/<id>/model.json.
 *
 * 96x192x1 -> conv5x5/2 -> [conv3x3 -> maxpool2] x3 -> conv3x3 -> [global avg | global max]
 * -> dropout -> dense(embeddingDim) (-> sigmoid for the lossless variant). With
 * cfg.pooling 'multiscale' the global avg and max of the third and fourth convs (before their
 * pools) join those of the fifth; with 'layout' the fifth conv's average over a 2x4 grid (its
 * 6x12 map in 3x3 cells at 96x192) joins them, flattened; with 'layout-fine' its average over a
 * 3x6 grid (2x2 cells). With cfg.members, the members' networks side by side on one input, their
 * outputs concatenated (finishEmbedding normalises each).
 * Every conv is followed by batch normalisation, then ReLU. BN's moving statistics lag during
 * tfjs training (data/README.md), so the exporter recomputes them on clean training images
 * (src/training/batchNormCalibration.ts) before the model is saved.
 */
export function buildEmbeddingNet(cfg: ModelConfig, seed = 1): tf.LayersModel {
  const input = tf.input({ shape: [cfg.inputHeight, cfg.inputWidth, 1], name: 'signature' });
  const members = cfg.members ?? [];
  if (members.length === 0) return tf.model({ inputs: input, outputs: embeddingBranch(input, cfg, seed, ''), name: 'countersign_embedding' });
  const problem = ensembleProblem(cfg);
  if (problem) throw new RangeError(problem);
  const outs = members.map((m, i) => embeddingBranch(input, m, seed + i, `m${i}_`));
  return tf.model({ inputs: input, outputs: tf.layers.concatenate({ name: 'members' }).apply(outs) as tf.SymbolicTensor, name: 'countersign_embedding' });
}

/** One network's layers on `input`, every layer name prefixed with `p` (empty for a single network). */
function embeddingBranch(input: tf.SymbolicTensor, cfg: ModelConfig, seed: number, p: string): tf.SymbolicTensor {
  const init = (i: number) => tf.initializers.heNormal({ seed: seed * 101 + i });
  const [f1, f2, f3, f4, f5] = cfg.filters;
  const conv = (x: tf.SymbolicTensor, filters: number, k: number, stride: number, i: number) => {
    const c = tf.layers
      .conv2d({ filters, kernelSize: k, strides: stride, padding: 'same', useBias: false, kernelInitializer: init(i), name: `${p}conv${i}` })
      .apply(x) as tf.SymbolicTensor;
    const bn = tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-3, name: `${p}bn${i}` }).apply(c) as tf.SymbolicTensor;
    return tf.layers.reLU({ name: `${p}relu${i}` }).apply(bn) as tf.SymbolicTensor;
  };
  const pool = (x: tf.SymbolicTensor, i: number) =>
    tf.layers.maxPooling2d({ poolSize: 2, strides: 2, name: `${p}pool${i}` }).apply(x) as tf.SymbolicTensor;
  let x = conv(input, f1, 5, 2, 1);
  x = pool(conv(x, f2, 3, 1, 2), 2);
  const c3 = conv(x, f3, 3, 1, 3);
  const c4 = conv(pool(c3, 3), f4, 3, 1, 4);
  x = conv(pool(c4, 4), f5, 3, 1, 5);
  const globalPools = (t: tf.SymbolicTensor, suffix: string) => [
    tf.layers.globalAveragePooling2d({ name: `${p}gap${suffix}` }).apply(t) as tf.SymbolicTensor,
    tf.layers.globalMaxPooling2d({ name: `${p}gmp${suffix}` }).apply(t) as tf.SymbolicTensor,
  ];
  const pooling = cfg.pooling ?? 'last';
  const pooled =
    pooling === 'multiscale'
      ? [...globalPools(c3, '3'), ...globalPools(c4, '4'), ...globalPools(x, '')]
      : pooling === 'layout' || pooling === 'layout-fine'
        ? [...globalPools(x, ''), gridPool(x, cfg, p, GRIDS[pooling])]
        : globalPools(x, '');
  let h = tf.layers.concatenate({ name: `${p}pooled` }).apply(pooled) as tf.SymbolicTensor;
  if (cfg.dropout > 0) h = tf.layers.dropout({ rate: cfg.dropout, name: `${p}drop` }).apply(h) as tf.SymbolicTensor;
  return tf.layers
    .dense({
      units: cfg.embeddingDim,
      activation: cfg.embeddingActivation === 'sigmoid' ? 'sigmoid' : 'linear',
      kernelInitializer: tf.initializers.glorotNormal({ seed: seed * 101 + 99 }),
      name: `${p}embedding`,
    })
    .apply(h) as tf.SymbolicTensor;
}

/** The layout poolings' grids, rows x columns: 'layout' 2 x 4 (3x3 cells at 96x192), 'layout-fine' 3 x 6 (2x2 cells). */
const GRIDS = { layout: [2, 4], 'layout-fine': [3, 6] } as const;

/** The fifth conv's map (input / 16) averaged over a rows x cols grid of equal cells, flattened. */
function gridPool(x: tf.SymbolicTensor, cfg: ModelConfig, p: string, [rows, cols]: readonly [number, number]): tf.SymbolicTensor {
  const [h, w] = [cfg.inputHeight / 16, cfg.inputWidth / 16];
  if (!Number.isInteger(h / rows) || !Number.isInteger(w / cols))
    throw new RangeError(`layout pooling needs an input size whose 1/16 divides into ${rows} x ${cols} cells (got ${cfg.inputHeight}x${cfg.inputWidth})`);
  const grid = tf.layers.averagePooling2d({ poolSize: [h / rows, w / cols], strides: [h / rows, w / cols], name: `${p}grid` }).apply(x) as tf.SymbolicTensor;
  return tf.layers.flatten({ name: `${p}grid_flat` }).apply(grid) as tf.SymbolicTensor;
}
