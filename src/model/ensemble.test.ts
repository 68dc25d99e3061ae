import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildEmbeddingNet } from './architecture';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from './config';
import { embedBatch } from './embed';
import { inferenceModel } from '../runtime/foldBatchNorm';
import { combineMembers, ensembleConfig } from './ensemble';

const half: ModelConfig = { ...DEFAULT_MODEL_CONFIG, filters: [16, 24, 48, 64, 96] };
const layout: ModelConfig = { ...half, pooling: 'layout' };

/** Non-trivial batch-norm statistics, as a trained model has. */
function randomiseBatchNorm(model: tf.LayersModel, seed: number): void {
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'BatchNormalization') continue;
    const ws = layer.weights.map((w, j) => {
      const n = w.shape[0] as number;
      return w.originalName.endsWith('moving_variance') ? tf.randomUniform([n], 0.2, 3, 'float32', seed + j) : tf.randomNormal([n], 0, 0.5, 'float32', seed + j);
    });
    layer.setWeights(ws);
    tf.dispose(ws);
    seed += 10;
  }
}

describe('combineMembers', () => {
  it('an ensemble of two networks embeds as their unit embeddings side by side, each scaled by 1/sqrt(2)', async () => {
    await tf.setBackend('cpu');
    const a = buildEmbeddingNet(half, 1);
    const b = buildEmbeddingNet(layout, 2);
    randomiseBatchNorm(a, 100);
    randomiseBatchNorm(b, 200);
    const { model, cfg } = combineMembers([a, b], [half, layout]);
    expect(cfg.embeddingDim).toBe(256);
    expect(cfg.members?.map((m) => m.pooling ?? 'last')).toEqual(['last', 'layout']);
    expect(model.countParams()).toBe(a.countParams() + b.countParams());
    const x = tf.randomUniform([3, half.inputHeight, half.inputWidth, 1], 0, 1, 'float32', 9) as tf.Tensor4D;
    const ea = embedBatch(a, x, half);
    const eb = embedBatch(b, x, layout);
    const want = tf.concat([ea, eb], 1).mul(1 / Math.sqrt(2));
    const got = embedBatch(model, x, cfg);
    expect(got.shape).toEqual([3, 256]);
    expect(tf.max(tf.abs(tf.sub(got, want))).dataSync()[0]).toBeLessThan(1e-5);
    // unit length overall, so the euclidean distance is the root of the mean of the members' squared distances
    expect(Array.from(tf.norm(got, 'euclidean', 1).dataSync()).every((n) => Math.abs(n - 1) < 1e-5)).toBe(true);
    // the app's batch-norm folding handles the prefixed layers (its check against the unfolded model passes)
    const r = await inferenceModel(model);
    expect(r.note).toBeUndefined();
    expect(r.folded).toBe(20);
    const folded = embedBatch(r.model, x, cfg);
    expect(tf.max(tf.abs(tf.sub(folded, want))).dataSync()[0]).toBeLessThan(1e-4);
    tf.dispose([x, ea, eb, want, got, folded]);
    r.model.dispose();
    a.dispose();
    b.dispose();
  });

  it('refuses members that cannot share one input or one distance', () => {
    expect(() => ensembleConfig([half])).toThrow(/at least two/);
    expect(() => ensembleConfig([half, { ...layout, inputHeight: 128, inputWidth: 256 }])).toThrow(/one input size/);
    expect(() => ensembleConfig([half, { ...layout, embeddingActivation: 'sigmoid' }])).toThrow(/l2/);
    expect(() => ensembleConfig([half, ensembleConfig([half, layout])])).toThrow(/single network/);
  });
});
