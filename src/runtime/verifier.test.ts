import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildEmbeddingNet } from '../model/architecture';
import { DEFAULT_MODEL_CONFIG } from '../model/config';
import { ensembleConfig } from '../model/ensemble';
import type { DistanceHead } from '../model/distanceHead';
import type { ModelCard } from '../model/modelCard';
import { Verifier } from './verifier';

const size = DEFAULT_MODEL_CONFIG.inputHeight * DEFAULT_MODEL_CONFIG.inputWidth;

function raster(seed: number): Float32Array {
  const r = new Float32Array(size);
  for (let i = seed % 7; i < size; i += 3 + (seed % 5)) r[i] = 1;
  return r;
}

describe('Verifier.compare (one-pass verification)', () => {
  const heads: DistanceHead[] = [
    { kind: 'euclidean' },
    { kind: 'bce', w: Array.from({ length: DEFAULT_MODEL_CONFIG.embeddingDim }, (_, i) => ((i % 7) - 3) / 10), b: 0.2 },
  ];
  for (const head of heads) {
    it(`gives the same distances as embed + distances (${head.kind} head), with no tensor left behind`, async () => {
      await tf.setBackend('cpu');
      const model = buildEmbeddingNet(DEFAULT_MODEL_CONFIG, 5);
      const card = { architecture: DEFAULT_MODEL_CONFIG, distanceHead: head } as unknown as ModelCard;
      const v = new Verifier(model, card);
      const refs = await v.embed([raster(1), raster(2), raster(3), raster(4), raster(5)]);
      const q = raster(9);
      const before = tf.memory().numTensors;
      const got = await v.compare(q, refs);
      expect(tf.memory().numTensors).toBe(before);
      const [e] = await v.embed([q]);
      const [want] = await v.distances([e], refs);
      const wantMatrix = await v.distances(refs, refs);
      expect(got.toRefs).toHaveLength(5);
      got.toRefs.forEach((d, i) => expect(d).toBeCloseTo(want[i], 5));
      expect(got.refMatrix).toHaveLength(5);
      got.refMatrix.forEach((row, i) => row.forEach((d, j) => expect(d).toBeCloseTo(wantMatrix[i][j], 5)));
      expect(await v.compare(q, [])).toEqual({ toRefs: [], refMatrix: [] });
      const one = await v.compare(q, [refs[0]]);
      expect(one.toRefs[0]).toBeCloseTo(want[0], 5);
      expect(one.refMatrix).toHaveLength(1);
      model.dispose();
    });
  }

  it('an ensemble model (two networks side by side) verifies through the same path, with unit 256-d embeddings', async () => {
    await tf.setBackend('cpu');
    const cfg = ensembleConfig([DEFAULT_MODEL_CONFIG, { ...DEFAULT_MODEL_CONFIG, pooling: 'layout' }]);
    const model = buildEmbeddingNet(cfg, 5);
    const v = new Verifier(model, { architecture: cfg, distanceHead: { kind: 'euclidean' } } as unknown as ModelCard);
    expect(v.dim).toBe(256);
    const refs = await v.embed([raster(1), raster(2), raster(3)]);
    refs.forEach((e) => expect(Math.hypot(...e)).toBeCloseTo(1, 5));
    const got = await v.compare(raster(9), refs);
    const [e] = await v.embed([raster(9)]);
    const [want] = await v.distances([e], refs);
    got.toRefs.forEach((d, i) => expect(d).toBeCloseTo(want[i], 5));
    model.dispose();
  });

  it('warms up with the verification shapes; parallel compilation is for WebGPU/WebGL only', async () => {
    await tf.setBackend('cpu');
    const model = buildEmbeddingNet(DEFAULT_MODEL_CONFIG, 5);
    const v = new Verifier(model, { architecture: DEFAULT_MODEL_CONFIG, distanceHead: { kind: 'euclidean' } } as unknown as ModelCard);
    const before = tf.memory().numTensors;
    expect(await v.warmUp()).toEqual({ parallelCompile: false });
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
