import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MIN_QUANTIZED_SIZE, quantizeUint8 } from './quantizeWeights';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Specs and one buffer for float32 / int32 tensors, in order, as tfjs saves them. */
function pack(tensors: { name: string; values: number[]; dtype?: 'float32' | 'int32' }[]) {
  const specs: tf.io.WeightsManifestEntry[] = tensors.map((t) => ({ name: t.name, shape: [t.values.length], dtype: t.dtype ?? 'float32' }));
  const buf = new Uint8Array(tensors.reduce((n, t) => n + 4 * t.values.length, 0));
  let o = 0;
  for (const t of tensors) {
    const arr = t.dtype === 'int32' ? Int32Array.from(t.values) : Float32Array.from(t.values);
    buf.set(new Uint8Array(arr.buffer), o);
    o += arr.byteLength;
  }
  return { specs, data: buf.buffer };
}

describe('uint8 weight quantisation (the format tfjs loaders decode)', () => {
  const big = Array.from({ length: 3000 }, (_, i) => Math.sin(i * 12.9898) * 0.6 + 0.1);
  const small = [0.001, -2.5, 3.25, 1e-6];
  const { specs, data } = pack([
    { name: 'conv/kernel', values: big },
    { name: 'bn/moving_variance', values: small },
    { name: 'steps', values: Array.from({ length: 2000 }, (_, i) => i), dtype: 'int32' },
    { name: 'flat', values: Array.from({ length: 1500 }, () => 0.3) },
  ]);
  const q = quantizeUint8(specs, data);
  const decoded = tf.io.decodeWeights(q.data, q.specs);

  it('stores large float32 tensors as one byte per value, and leaves the rest as they were', () => {
    expect(q.specs.map((s) => s.quantization?.dtype ?? 'none')).toEqual(['uint8', 'none', 'none', 'uint8']);
    expect(q.data.byteLength).toBe(3000 + 4 * 4 + 2000 * 4 + 1500);
    expect(Array.from(decoded['bn/moving_variance'].dataSync())).toEqual(Array.from(Float32Array.from(small)));
    expect(Array.from(decoded['steps'].dataSync())).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    expect(MIN_QUANTIZED_SIZE).toBeGreaterThan(small.length);
  });

  it('decodes every value to within half a quantisation step, the extremes exactly', () => {
    const { min, scale } = q.specs[0].quantization as { min: number; scale: number };
    const lo = Math.min(...Float32Array.from(big));
    const hi = Math.max(...Float32Array.from(big));
    expect(min).toBe(lo);
    expect(scale).toBeCloseTo((hi - lo) / 255, 12);
    const got = decoded['conv/kernel'].dataSync();
    let worst = 0;
    big.forEach((v, i) => (worst = Math.max(worst, Math.abs(got[i] - Math.fround(v)))));
    expect(worst).toBeLessThanOrEqual(scale / 2 + 1e-6);
    expect(worst).toBeGreaterThan(0);
    expect(got[big.indexOf(Math.max(...big))]).toBeCloseTo(hi, 6);
    // a constant tensor decodes to itself
    expect(new Set(decoded['flat'].dataSync())).toEqual(new Set([Math.fround(0.3)]));
  });

  it('refuses weights that are already quantised, non-finite, or do not match the buffer', () => {
    expect(() => quantizeUint8(q.specs, q.data)).toThrow(/already quantised/);
    const bad = pack([{ name: 'k', values: [...big.slice(0, 1999), NaN] }]);
    expect(() => quantizeUint8(bad.specs, bad.data)).toThrow(/weight k holds NaN/);
    expect(() => quantizeUint8(specs, data.slice(4))).toThrow(/specs describe/);
  });
});
