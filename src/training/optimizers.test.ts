import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_CONFIG } from '../model/config';
import { Network } from './network';
import { Optimizers } from './optimizers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const cfg = { ...DEFAULT_MODEL_CONFIG, filters: [4, 4, 8, 8, 8] as [number, number, number, number, number], embeddingDim: 16 };
const loss = { kind: 'triplet' as const, mining: 'semi-hard' as const, margin: 0.3, proxy: { weight: 1, scale: 8, margin: 0.1 } };
const ones = (net: Network) => net.vars.map((v) => new Float32Array(v.size).fill(1));
const moved = (a: Float32Array, b: Float32Array) => Math.max(...a.map((x, i) => Math.abs(x - b[i])));

describe('optimizers: the network and the proxies', () => {
  it('moves the proxies proxyFactor times as far as the network in a step', () => {
    const net = new Network(cfg, loss, 'euclidean', 1, 3);
    const before = net.getWeights();
    new Optimizers(net, 1e-3, 10).apply(ones(net), 1e-3);
    const after = net.getWeights();
    // Adam's first step moves every element by lr (gradient / |gradient|).
    expect(moved(before[0], after[0])).toBeCloseTo(1e-3, 6);
    expect(moved(before.at(-1)!, after.at(-1)!)).toBeCloseTo(1e-2, 5);
  });

  it('a restored state continues exactly as the original would', async () => {
    const a = new Network(cfg, loss, 'euclidean', 1, 3);
    const b = new Network(cfg, loss, 'euclidean', 1, 3);
    const oa = new Optimizers(a, 1e-3, 10);
    const g1 = a.vars.map((v, i) => new Float32Array(v.size).map((_, k) => Math.sin(k + i)));
    oa.apply(g1, 1e-3);
    const saved = (await oa.state()).map((s) => s.tensor.dataSync() as Float32Array);
    b.setWeights(a.getWeights());
    const ob = new Optimizers(b, 1e-3, 10);
    await ob.restore(saved);
    const g2 = a.vars.map((v, i) => new Float32Array(v.size).map((_, k) => Math.cos(3 * k + i)));
    oa.apply(g2, 5e-4);
    ob.apply(g2, 5e-4);
    const wa = a.getWeights();
    b.getWeights().forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(wa[i])));
  });

  it('without proxies, one optimizer over every variable', async () => {
    const net = new Network(cfg, { ...loss, proxy: undefined }, 'euclidean', 1);
    const o = new Optimizers(net, 1e-3, 10);
    o.apply(ones(net), 1e-3);
    // Adam's state: the step count, then first and second moments of every variable.
    expect(await o.state()).toHaveLength(1 + 2 * net.vars.length);
  });
});
