import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from './registerWasmTrainingKernels';

/** Runs fn on a backend and returns plain arrays, so results from two backends can be compared. */
async function on<T extends tf.Tensor[]>(backend: string, fn: () => T): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  expect(tf.getBackend()).toBe(backend);
  const outs = fn();
  const vals = await Promise.all(outs.map((t) => t.data() as Promise<Float32Array>));
  outs.forEach((t) => t.dispose());
  return vals;
}

function rand(shape: number[], seed: number): number[] {
  return Array.from(tf.randomNormal(shape, 0, 1, 'float32', seed).dataSync());
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('wasm training kernels match the cpu backend', () => {
  beforeAll(async () => {
    registerWasmTrainingKernels();
    await tf.setBackend('wasm');
    await tf.ready();
  });

  const convCases: Array<{ name: string; x: number[]; f: number[]; stride: number | [number, number]; pad: 'same' | 'valid' }> = [
    { name: '3x3 same stride 1', x: [2, 9, 11, 3], f: [3, 3, 3, 4], stride: 1, pad: 'same' },
    { name: '5x5 same stride 2 (the first layer, one channel)', x: [3, 12, 17, 1], f: [5, 5, 1, 6], stride: 2, pad: 'same' },
    { name: '5x5 same stride 2, even size, several channels', x: [2, 16, 20, 3], f: [5, 5, 3, 4], stride: 2, pad: 'same' },
    { name: '3x3 valid stride 2, odd size', x: [2, 11, 13, 2], f: [3, 3, 2, 5], stride: 2, pad: 'valid' },
    { name: '4x3 same strides 3 and 2', x: [2, 13, 10, 2], f: [4, 3, 2, 3], stride: [3, 2], pad: 'same' },
    { name: '3x3 valid stride 1', x: [1, 7, 8, 4], f: [3, 3, 4, 3], stride: 1, pad: 'valid' },
  ];

  for (const c of convCases) {
    it(`conv2d gradients (filter and input): ${c.name}`, async () => {
      const xv = rand(c.x, 1);
      const fv = rand(c.f, 2);
      const run = () => {
        const x = tf.tensor4d(xv, c.x as [number, number, number, number]);
        const f = tf.tensor4d(fv, c.f as [number, number, number, number]);
        const g = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad))),
        )([x, f]);
        x.dispose();
        f.dispose();
        return g;
      };
      const cpu = await on('cpu', run);
      const wasm = await on('wasm', run);
      const scale = Math.max(...cpu[1].map(Math.abs));
      expect(maxAbsDiff(cpu[0], wasm[0]) / Math.max(...cpu[0].map(Math.abs))).toBeLessThan(1e-4);
      expect(maxAbsDiff(cpu[1], wasm[1]) / scale).toBeLessThan(1e-4);
      await tf.setBackend('wasm');
    });
  }

  it('transposed batchMatMul', async () => {
    const av = rand([2, 5, 7], 3);
    const bv = rand([2, 6, 5], 4);
    const run = () => {
      const a = tf.tensor3d(av, [2, 5, 7]);
      const b = tf.tensor3d(bv, [2, 6, 5]);
      const out = [tf.matMul(a, b, true, true), tf.matMul(a, tf.transpose(b, [0, 2, 1]), true, false), tf.matMul(tf.transpose(a, [0, 2, 1]), b, false, true)];
      a.dispose();
      b.dispose();
      return out;
    };
    const cpu = await on('cpu', run);
    const wasm = await on('wasm', run);
    for (let i = 0; i < cpu.length; i++) expect(maxAbsDiff(cpu[i], wasm[i])).toBeLessThan(1e-4);
  });

  it('tile', async () => {
    const xv = rand([2, 3, 4], 5);
    const run = () => {
      const x = tf.tensor3d(xv, [2, 3, 4]);
      const x4 = tf.reshape(x, [1, 2, 3, 4]);
      const out = [tf.tile(x, [2, 1, 3]), tf.tile(x, [1, 1, 1]), tf.tile(x4, [3, 1, 2, 1]), tf.tile(x4, [2, 2, 2, 2])];
      x.dispose();
      return out;
    };
    const cpu = await on('cpu', run);
    const wasm = await on('wasm', run);
    for (let i = 0; i < cpu.length; i++) expect(maxAbsDiff(cpu[i], wasm[i])).toBe(0);
  });

  it('tile of a [1, 1, 1, C] vector (batch-norm gradients) and of mixed axes', async () => {
    const xv = rand([1, 1, 1, 5], 11);
    const yv = rand([3, 1, 4], 12);
    const run = () => {
      const x = tf.tensor4d(xv, [1, 1, 1, 5]);
      const y = tf.tensor3d(yv, [3, 1, 4]);
      const out = [tf.tile(x, [2, 3, 4, 1]), tf.tile(y, [2, 5, 1]), tf.tile(y, [1, 3, 2])];
      tf.dispose([x, y]);
      return out;
    };
    const cpu = await on('cpu', run);
    const wasm = await on('wasm', run);
    for (let i = 0; i < cpu.length; i++) expect(maxAbsDiff(cpu[i], wasm[i])).toBe(0);
  });

  it('sum and mean over leading axes (and others, which keep the backend kernel)', async () => {
    const xv = rand([6, 7, 9, 5], 13);
    const run = () => {
      const x = tf.tensor4d(xv, [6, 7, 9, 5]);
      const x2 = tf.reshape(x, [6 * 7 * 9, 5]);
      const out = [
        tf.sum(x, [0, 1, 2]),
        tf.sum(x, [0, 1, 2], true),
        tf.mean(x, [0, 1, 2]),
        tf.mean(x, [0, 1, 2], true),
        tf.sum(x, [0, 1]),
        tf.mean(x, 0),
        tf.sum(x2, 0),
        tf.mean(x2, [0], true),
        tf.sum(x, [1, 2]),
        tf.mean(x, -1),
        tf.sum(x),
      ];
      tf.dispose([x, x2]);
      return out;
    };
    const cpu = await on('cpu', run);
    const wasm = await on('wasm', run);
    for (let i = 0; i < cpu.length; i++) {
      expect(wasm[i].length).toBe(cpu[i].length);
      expect(maxAbsDiff(cpu[i], wasm[i]) / Math.max(1, ...cpu[i].map(Math.abs))).toBeLessThan(1e-5);
    }
    await tf.setBackend('wasm');
    const x = tf.ones([6, 7, 9, 5]);
    expect(tf.sum(x, [0, 1, 2], true).shape).toEqual([1, 1, 1, 5]);
    expect(tf.mean(x, [0, 1]).shape).toEqual([9, 5]);
    tf.dispose(x);
  });

  it('equal of differently shaped tensors (the max-pool gradient)', async () => {
    const xv = rand([2, 3, 4, 5], 14).map((v) => Math.round(v * 2) / 2);
    const run = () => {
      const x = tf.tensor4d(xv, [2, 3, 4, 5]);
      const m = tf.max(x, [1, 2], true);
      const out = [tf.equal(x, m), tf.equal(m, x), tf.equal(x, tf.scalar(0.5)), tf.equal(x, x)].map((t) => t.cast('float32'));
      tf.dispose([x, m]);
      return out;
    };
    const cpu = await on('cpu', run);
    const wasm = await on('wasm', run);
    for (let i = 0; i < cpu.length; i++) expect(maxAbsDiff(cpu[i], wasm[i])).toBe(0);
  });

  it('max-pool gradients: 2x2 stride 2 (the network), and overlapping pools (the backend kernel)', async () => {
    const xv = rand([2, 8, 6, 3], 15);
    const run = () => {
      const x = tf.tensor4d(xv, [2, 8, 6, 3]);
      // d(sum(pool(x) * r))/dx for a fixed random r: every window's gradient differs.
      const g = (f: (a: tf.Tensor4D) => tf.Tensor) => tf.grad((a: tf.Tensor) => {
        const y = f(a as tf.Tensor4D);
        return tf.sum(tf.mul(y, tf.randomNormal(y.shape, 0, 1, 'float32', 17)));
      })(x);
      const out = [
        g((a) => tf.maxPool(a, 2, 2, 'valid')),
        g((a) => tf.maxPool(tf.relu(tf.sub(a, 0.5)), 2, 2, 'valid')),
        g((a) => tf.maxPool(a, 3, 2, 'valid')),
        g((a) => tf.maxPool(a, [2, 3], [2, 3], 'valid')),
      ];
      x.dispose();
      return out;
    };
    const cpu = await on('cpu', run);
    const wasm = await on('wasm', run);
    for (let i = 0; i < cpu.length; i++) expect([i, maxAbsDiff(cpu[i], wasm[i])]).toEqual([i, 0]);
  });

  it('batch-norm gradients (which tile) match', async () => {
    const xv = rand([4, 5, 6, 3], 7);
    const run = () => {
      const x = tf.tensor4d(xv, [4, 5, 6, 3]);
      const g = tf.grads((a: tf.Tensor) => {
        const m = tf.moments(a, [0, 1, 2]);
        return tf.sum(tf.square(tf.batchNorm(a, m.mean, m.variance, tf.ones([3]), tf.ones([3]), 1e-3)).mul(tf.range(0, 360).reshape([4, 5, 6, 3])));
      })([x]);
      x.dispose();
      return g;
    };
    const cpu = await on('cpu', run);
    const wasm = await on('wasm', run);
    expect(maxAbsDiff(cpu[0], wasm[0]) / Math.max(...cpu[0].map(Math.abs))).toBeLessThan(1e-4);
  });

  it('kernels leak no tensors or wasm memory', async () => {
    await tf.setBackend('wasm');
    const x = tf.randomNormal([2, 20, 20, 3]) as tf.Tensor4D;
    const f = tf.randomNormal([3, 3, 3, 4]) as tf.Tensor4D;
    // Convolutions (a strided one, as in the first layer), batch-norm statistics (Sum, Mean, Tile), a 2x2 max pool and a global max pool (Equal).
    const step = () =>
      tf.tidy(() =>
        tf.grads((a: tf.Tensor, b: tf.Tensor) => {
          const c = tf.conv2d(tf.conv2d(a as tf.Tensor4D, tf.ones([5, 5, 3, 3]) as tf.Tensor4D, 2, 'same'), b as tf.Tensor4D, 1, 'same');
          const m = tf.moments(c, [0, 1, 2]);
          const n = tf.relu(tf.batchNorm(c, m.mean, m.variance, tf.zeros([4]), tf.ones([4]), 1e-3));
          return tf.add(tf.sum(tf.maxPool(n as tf.Tensor4D, 2, 2, 'valid')), tf.sum(tf.max(n, [1, 2])));
        })([x, f]),
      );
    tf.dispose(step());
    const before = tf.memory();
    for (let i = 0; i < 5; i++) tf.dispose(step());
    const after = tf.memory();
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.numBytes).toBe(before.numBytes);
    tf.dispose([x, f]);
  });
});
