import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildEmbeddingNet } from '../model/architecture';
import { DEFAULT_MODEL_CONFIG } from '../model/config';
import type { ModelCard } from '../model/modelCard';
import type { DecisionRule } from '../verification';
import { backendCandidates, backendFromUrl, describeAdapter, parseBackend, parsePreference } from './backends';
import { evaluateVerification, pairSimilarity, thresholdFor } from './evaluate';
import { dequantiseRaster, quantiseRaster, rasterToRgba } from './raster';
import { Verifier } from './verifier';

const rule: DecisionRule = {
  aggregate: 'min',
  globalScale: 0.5,
  priorWeight: 2,
  threshold: 1.3,
  referBand: 0.08,
  operatingPoints: [{ name: 'strict', threshold: 1.0, validationFar: 0.01, validationFrr: 0.2 }],
};

describe('backend choice', () => {
  const hw = { available: true, fallback: false };
  const sw = { available: true, fallback: true };
  const none = { available: false, fallback: false };
  it('uses WebGPU first only on a hardware adapter', () => {
    expect(backendCandidates('auto', hw)).toEqual(['webgpu', 'wasm', 'webgl', 'cpu']);
    expect(backendCandidates('auto', sw)).toEqual(['wasm', 'webgl', 'cpu']);
    expect(backendCandidates('auto', none)).toEqual(['wasm', 'webgl', 'cpu']);
  });
  it('puts a forced backend first and keeps the fallbacks', () => {
    expect(backendCandidates('webgpu', sw)).toEqual(['webgpu', 'wasm', 'webgl', 'cpu']);
    expect(backendCandidates('cpu', hw)).toEqual(['cpu', 'webgpu', 'wasm', 'webgl']);
  });
  it('parses ?backend= and stored preferences', () => {
    expect(backendFromUrl('?backend=WebGPU')).toBe('webgpu');
    expect(backendFromUrl('?backend=metal')).toBeNull();
    expect(backendFromUrl('')).toBeNull();
    expect(parseBackend(' wasm ')).toBe('wasm');
    expect(parsePreference('webgl')).toBe('webgl');
    expect(parsePreference(42)).toBe('auto');
    expect(parsePreference('auto')).toBe('auto');
  });
  it('describes adapters', () => {
    expect(describeAdapter({ vendor: 'google', architecture: 'swiftshader' }, true)).toBe('google / swiftshader — software fallback adapter');
    expect(describeAdapter({}, false)).toBe('unknown adapter — hardware adapter');
  });
});

describe('evaluateVerification', () => {
  it('accepts a close signature, refuses a far one, refers the borderline', () => {
    const refs = [
      [0, 0.5, 0.5],
      [0.5, 0, 0.5],
      [0.5, 0.5, 0],
    ];
    // scale = (1.5 + 2*0.5) / (3 + 2) = 0.5
    const close = evaluateVerification([0.3, 0.6, 0.7], refs, rule);
    expect(close.scale).toBeCloseTo(0.5);
    expect(close.score).toBeCloseTo(0.6);
    expect(close.verdict).toBe('genuine');
    expect(close.confidence).toBeGreaterThan(0.9);
    expect(close.referencePairs).toBe(3);
    expect(close.distances).toEqual([0.3, 0.6, 0.7]);
    expect(evaluateVerification([0.9, 1.0, 1.1], refs, rule).verdict).toBe('forged');
    expect(evaluateVerification([0.65, 1, 1], refs, rule).verdict).toBe('refer');
  });
  it('works with one reference (prior scale only)', () => {
    const r = evaluateVerification([0.25], [[0]], rule);
    expect(r.scale).toBeCloseTo(0.5);
    expect(r.referencePairs).toBe(0);
    expect(r.verdict).toBe('genuine');
  });
  it('uses a named operating point', () => {
    expect(thresholdFor(rule, 'strict', 5)).toBe(1.0);
    expect(thresholdFor(rule, 'missing', 5)).toBe(1.3);
    expect(thresholdFor(rule, null, 5)).toBe(1.3);
    expect(evaluateVerification([0.6], [[0]], rule, 'strict').verdict).toBe('forged');
  });
  it('gives a similarity of 0.5 at the threshold distance', () => {
    expect(pairSimilarity(0.65, rule)).toBeCloseTo(0.5);
    expect(pairSimilarity(0.1, rule)).toBeGreaterThan(0.9);
    expect(pairSimilarity(2, rule)).toBeLessThan(0.1);
  });
});

describe('raster', () => {
  it('quantises to 8 bits and back within half a step', () => {
    const f = Float32Array.from([0, 0.25, 0.5, 1, 1.2, -0.1]);
    const q = quantiseRaster(f);
    expect(Array.from(q)).toEqual([0, 64, 128, 255, 255, 0]);
    const back = dequantiseRaster(q);
    for (let i = 0; i < 4; i++) expect(Math.abs(back[i] - f[i])).toBeLessThanOrEqual(0.5 / 255 + 1e-7);
    expect(Array.from(rasterToRgba(Uint8Array.from([255])))).toEqual([0, 0, 0, 255]);
  });
});

describe('Verifier', () => {
  it('embeds and measures distances without leaking tensors', async () => {
    await tf.setBackend('cpu');
    const model = buildEmbeddingNet(DEFAULT_MODEL_CONFIG, 3);
    const card = { architecture: DEFAULT_MODEL_CONFIG, distanceHead: { kind: 'euclidean' }, decision: rule } as unknown as ModelCard;
    const v = new Verifier(model, card);
    const size = DEFAULT_MODEL_CONFIG.inputHeight * DEFAULT_MODEL_CONFIG.inputWidth;
    const a = new Float32Array(size);
    const b = new Float32Array(size);
    for (let i = 0; i < size; i += 3) a[i] = 1;
    for (let i = 0; i < size; i += 5) b[i] = 1;
    await v.warmUp();
    const before = tf.memory().numTensors;
    const [ea, eb, ea2] = await v.embed([a, b, a]);
    expect(ea.length).toBe(DEFAULT_MODEL_CONFIG.embeddingDim);
    expect(Math.hypot(...ea)).toBeCloseTo(1, 4);
    const d = await v.distances([ea], [ea2, eb]);
    expect(d[0][0]).toBeLessThan(1e-3);
    expect(d[0][1]).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
