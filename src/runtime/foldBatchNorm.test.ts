import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildEmbeddingNet } from '../model/architecture';
import { DEFAULT_MODEL_CONFIG } from '../model/config';
import { foldBatchNorm, inferenceModel, planFolds } from './foldBatchNorm';

/** Gives every BatchNormalization layer non-trivial statistics, as a trained model has. */
function randomiseBatchNorm(model: tf.LayersModel): void {
  let seed = 1;
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'BatchNormalization') continue;
    const ws = layer.weights.map((w) => {
      const n = w.shape[0] as number;
      const name = w.originalName;
      seed += 1;
      if (name.endsWith('moving_variance')) return tf.randomUniform([n], 0.2, 3, 'float32', seed);
      if (name.endsWith('gamma')) return tf.randomUniform([n], 0.5, 1.5, 'float32', seed);
      return tf.randomNormal([n], 0, 0.5, 'float32', seed);
    });
    layer.setWeights(ws);
    ws.forEach((t) => t.dispose());
  }
}

describe('foldBatchNorm', () => {
  it('plans conv -> BN -> ReLU folds for the project architecture', () => {
    const model = buildEmbeddingNet(DEFAULT_MODEL_CONFIG, 2);
    const plan = planFolds(model.toJSON(undefined, false) as never);
    expect(plan.folds).toEqual([1, 2, 3, 4, 5].map((i) => ({ conv: `conv${i}`, bn: `bn${i}`, relu: `relu${i}` })));
    model.dispose();
  });

  it('gives the same embeddings with one fused conv per stage and leaks nothing', async () => {
    await tf.setBackend('cpu');
    const model = buildEmbeddingNet(DEFAULT_MODEL_CONFIG, 2);
    randomiseBatchNorm(model);
    tf.tidy(() => model.predict(tf.zeros([1, DEFAULT_MODEL_CONFIG.inputHeight, DEFAULT_MODEL_CONFIG.inputWidth, 1]))); // first-call caches
    const before = tf.memory().numTensors;
    const folded = await foldBatchNorm(model);
    expect(folded).not.toBeNull();
    const names = folded!.layers.map((l) => l.getClassName());
    expect(names).not.toContain('BatchNormalization');
    expect(names).not.toContain('ReLU');
    expect(folded!.layers.filter((l) => l.getClassName() === 'Conv2D').every((l) => (l.getConfig() as { activation: string }).activation === 'relu')).toBe(true);
    const x = tf.randomUniform([2, DEFAULT_MODEL_CONFIG.inputHeight, DEFAULT_MODEL_CONFIG.inputWidth, 1], 0, 1, 'float32', 7);
    const want = model.predict(x) as tf.Tensor;
    const got = folded!.predict(x) as tf.Tensor;
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(want, got))));
    const scale = tf.tidy(() => tf.max(tf.abs(want)));
    expect((await diff.data())[0]).toBeLessThan(1e-4 * Math.max(1, (await scale.data())[0]));
    tf.dispose([x, want, got, diff, scale]);
    // The original keeps working after the folded copy is disposed, and vice versa.
    folded!.dispose();
    const zeros = tf.zeros([1, DEFAULT_MODEL_CONFIG.inputHeight, DEFAULT_MODEL_CONFIG.inputWidth, 1]);
    const again = model.predict(zeros) as tf.Tensor;
    expect(Array.from(await again.data()).every(Number.isFinite)).toBe(true);
    tf.dispose([zeros, again]);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('inferenceModel checks the folded model on the cpu backend and disposes the loaded one', async () => {
    await tf.setBackend('cpu');
    const model = buildEmbeddingNet(DEFAULT_MODEL_CONFIG, 4);
    randomiseBatchNorm(model);
    const r = await inferenceModel(model);
    expect(r.note).toBeUndefined();
    expect(r.folded).toBe(10); // 5 batch norms and 5 ReLUs
    expect(r.model).not.toBe(model);
    expect(() => model.predict(tf.zeros([1, 96, 192, 1]))).toThrow(); // disposed
    r.model.dispose();
  });

  it.each([
    ['multiscale', 2 * (64 + 96 + 128)], // avg + max of conv3 (64), conv4 (96) and conv5 (128) channels
    ['layout', 2 * 128 + 2 * 4 * 128], // conv5's avg + max, and its average over a 2 x 4 grid
    ['layout-fine', 2 * 128 + 3 * 6 * 128], // the same over a 3 x 6 grid
  ] as const)('folds the %s network too (pooled features: %i)', async (pooling, features) => {
    await tf.setBackend('cpu');
    const cfg = { ...DEFAULT_MODEL_CONFIG, pooling };
    const model = buildEmbeddingNet(cfg, 3);
    expect(model.getLayer('pooled').outputShape).toEqual([null, features]);
    const plain = buildEmbeddingNet(DEFAULT_MODEL_CONFIG, 3);
    expect(plain.getLayer('pooled').outputShape).toEqual([null, 2 * 128]);
    plain.dispose();
    randomiseBatchNorm(model);
    const r = await inferenceModel(model);
    expect(r.note).toBeUndefined(); // the folded copy matched the original on the cpu backend
    expect(r.folded).toBe(10);
    const out = r.model.predict(tf.randomUniform([2, cfg.inputHeight, cfg.inputWidth, 1], 0, 1, 'float32', 5)) as tf.Tensor;
    expect(out.shape).toEqual([2, cfg.embeddingDim]);
    tf.dispose(out);
    r.model.dispose();
  });

  it('layout pooling refuses a raster whose feature map does not split into 2 x 4 cells', () => {
    expect(() => buildEmbeddingNet({ ...DEFAULT_MODEL_CONFIG, pooling: 'layout', inputHeight: 80, inputWidth: 192 }, 1)).toThrow(/2 x 4 cells.*80x192/);
    expect(() => buildEmbeddingNet({ ...DEFAULT_MODEL_CONFIG, pooling: 'layout-fine', inputHeight: 128, inputWidth: 256 }, 1)).toThrow(/3 x 6 cells.*128x256/);
  });

  it('returns null when there is no batch normalisation to fold', async () => {
    const input = tf.input({ shape: [8, 8, 1] });
    const out = tf.layers.conv2d({ filters: 2, kernelSize: 3, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
    const m = tf.model({ inputs: input, outputs: out });
    expect(await foldBatchNorm(m)).toBeNull();
    m.dispose();
  });
});
