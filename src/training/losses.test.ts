import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from './data/random';
import { batchLoss, contrastivePairLoss, distillationLoss, losslessTripletLoss, proxyLoss, tripletLoss, weightedBce, writerMargins } from './losses';
import { pairMasks, proxyClass } from './pairs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const val = (t: tf.Tensor) => Array.from(t.dataSync());

describe('losses against hand-computed values', () => {
  it('contrastive: Y*D^2 + (1-Y)*max(m-D,0)^2', () => {
    const d = tf.tensor1d([0.5, 0.5, 1.5, 0.2]);
    const y = tf.tensor1d([1, 0, 0, 0]);
    const l = val(contrastivePairLoss(d, y, 1.0));
    expect(l[0]).toBeCloseTo(0.25, 6);
    expect(l[1]).toBeCloseTo(0.25, 6);
    expect(l[2]).toBeCloseTo(0, 6);
    expect(l[3]).toBeCloseTo(0.64, 6);
  });

  it('triplet: max(d(a,p) - d(a,n) + alpha, 0)', () => {
    const l = val(tripletLoss(tf.tensor1d([0.5, 0.2, 0.9]), tf.tensor1d([0.6, 0.9, 0.3]), 0.3));
    expect(l[0]).toBeCloseTo(0.2, 6);
    expect(l[1]).toBeCloseTo(0, 6);
    expect(l[2]).toBeCloseTo(0.9, 6);
  });

  it('proxy: cross-entropy of s x (cos - m at the target) over unit proxies (CosFace)', () => {
    // Two unit embeddings, three proxies (unnormalised on purpose: the loss normalises them).
    const E = tf.tensor2d([1, 0, 0, 1], [2, 2]);
    const P = tf.tensor2d([2, 0, 0, 3, -1, 0], [3, 2]);
    // Row 0: cos = [1, 0, -1], target 0 -> logits s x [1 - m, 0, -1]; row 1: cos = [0, 1, 0], target 2 -> s x [0, 1, -m].
    const s = 4;
    const m = 0.25;
    const ce = (logits: number[], t: number) => -(logits[t] - Math.log(logits.reduce((a, x) => a + Math.exp(x), 0)));
    const expected = (ce([s * (1 - m), 0, -s], 0) + ce([0, s, -s * m], 2)) / 2;
    expect(proxyLoss(E, P, new Int32Array([0, 2]), s, m).dataSync()[0]).toBeCloseTo(expected, 5);
    // Hand value: row 0 = ln(e^3 + 1 + e^-4) - 3 = 0.049456, row 1 = ln(1 + e^4 + e^-1) + 1 = 5.024745.
    expect(expected).toBeCloseTo((0.049456 + 5.024745) / 2, 5);
  });

  it('proxy classes: a genuine and a forgery class per training writer', () => {
    expect([proxyClass(0, true), proxyClass(0, false), proxyClass(7, true), proxyClass(7, false)]).toEqual([0, 1, 14, 15]);
  });

  it('proxy: the gradient moves the embedding toward its own proxy and the proxies too', () => {
    const e = tf.variable(tf.tensor2d([0.6, 0.8], [1, 2]));
    const p = tf.variable(tf.tensor2d([1, 0, 0, 1], [2, 2]));
    const { grads } = tf.variableGrads(() => proxyLoss(e as unknown as tf.Tensor2D, p as unknown as tf.Tensor2D, new Int32Array([0]), 8, 0.1), [e, p]);
    const ge = grads[e.name].dataSync();
    // Descending the gradient raises the first coordinate (toward proxy 0) and lowers the second.
    expect(ge[0]).toBeLessThan(0);
    expect(ge[1]).toBeGreaterThan(0);
    expect(Array.from(grads[p.name].dataSync()).some((x) => x !== 0)).toBe(true);
  });

  it('distillation: mean over rows of the squared student-teacher distance', () => {
    const s = tf.tensor2d([[1, 0], [0, 1]]);
    const t = tf.tensor2d([[0.6, 0.8], [0, 1]]);
    // row 1: 0.4^2 + 0.8^2 = 0.8; row 2: 0 -> mean 0.4
    expect(val(distillationLoss(s, t))[0]).toBeCloseTo(0.4, 6);
    expect(val(distillationLoss(t, t))[0]).toBeCloseTo(0, 6);
  });

  it('lossless triplet: -ln(-dp/N + 1 + eps) - ln(-(N - dn)/N + 1 + eps)', () => {
    const N = 4;
    const l = val(losslessTripletLoss(tf.tensor1d([1]), tf.tensor1d([3]), N, 1e-8));
    expect(l[0]).toBeCloseTo(-Math.log(-1 / 4 + 1 + 1e-8) - Math.log(-(4 - 3) / 4 + 1 + 1e-8), 5);
  });

  it('weighted BCE equals the textbook formula', () => {
    const logits = tf.tensor1d([2, -1]);
    const y = tf.tensor1d([1, 0]);
    const w = tf.tensor1d([0.5, 0.5]);
    const sig = (x: number) => 1 / (1 + Math.exp(-x));
    const expected = 0.5 * -Math.log(sig(2)) + 0.5 * -Math.log(1 - sig(-1));
    expect(weightedBce(logits, y, w).dataSync()[0]).toBeCloseTo(expected, 5);
  });

  it('batch triplet loss is zero when writers are far apart, positive when a forgery sits on the anchor', () => {
    const writer = new Int32Array([0, 0, 0, 1, 1]);
    const genuine = new Uint8Array([1, 1, 0, 1, 1]);
    const opts = { kind: 'triplet' as const, mining: 'hard' as const, margin: 0.3 };
    const sep = tf.tensor2d([
      [1, 0],
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, 1],
    ]);
    expect(batchLoss(sep, writer, genuine, opts, {}, new Rng(1)).loss.dataSync()[0]).toBeCloseTo(0, 3);
    const forgeryOnAnchor = tf.tensor2d([
      [1, 0],
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 1],
    ]);
    // hardest negative of writer 0 is its forgery at distance 0: loss = 0 - 0 + 0.3 on 2 of 4 anchors
    expect(batchLoss(forgeryOnAnchor, writer, genuine, opts, {}, new Rng(1)).loss.dataSync()[0]).toBeCloseTo(0.15, 3);
  });

  it("writer margins: alpha x (2/3 of the writer's spread + 1/3 of the batch's) / the batch's, by hand", () => {
    // Writer 0: genuine 0, 1, 2 (pairs 0.2, 0.4, 0.6: spread 0.4); writer 1: genuine 3, 4 (0.2), forgery 5;
    // writer 2: one genuine (no spread: alpha). Batch spread (0.4 + 0.2) / 2 = 0.3.
    const writer = [0, 0, 0, 1, 1, 1, 2];
    const genuine = [1, 1, 1, 1, 1, 0, 1];
    const n = writer.length;
    const D = new Float32Array(n * n).fill(9);
    const set = (i: number, j: number, d: number) => ((D[i * n + j] = d), (D[j * n + i] = d));
    set(0, 1, 0.2);
    set(0, 2, 0.4);
    set(1, 2, 0.6);
    set(3, 4, 0.2);
    set(3, 5, 0.01); // a forgery close to its writer does not count in the spread
    const masks = pairMasks(writer, genuine);
    const m = Array.from(writerMargins(D, masks, writer, 0.3));
    const w0 = (0.3 * ((2 / 3) * 0.4 + (1 / 3) * 0.3)) / 0.3;
    const w1 = (0.3 * ((2 / 3) * 0.2 + (1 / 3) * 0.3)) / 0.3;
    [w0, w0, w0, w1, w1, w1, 0.3].forEach((x, i) => expect(m[i]).toBeCloseTo(x, 6));
    expect(w0).toBeCloseTo(0.36667, 4);
    expect(w1).toBeCloseTo(0.23333, 4);
    // share 0: every writer gets alpha.
    expect(Array.from(writerMargins(D, masks, writer, 0.3, 0)).every((x) => Math.abs(x - 0.3) < 1e-6)).toBe(true);
  });

  it('batch triplet loss with relative margins, by hand', () => {
    // Writer 0: genuine at (0, 0) and (0.2, 0) (spread 0.2), its forgery at (0, 0.1); writer 1 far away, spread 0.6.
    // Batch spread 0.4: margins 0.3 x (2/3 x 0.2 + 1/3 x 0.4) / 0.4 = 0.2 and 0.3 x (2/3 x 0.6 + 1/3 x 0.4) / 0.4 = 0.4.
    const writer = new Int32Array([0, 0, 0, 1, 1]);
    const genuine = new Uint8Array([1, 1, 0, 1, 1]);
    const E = tf.tensor2d([
      [0, 0],
      [0.2, 0],
      [0, 0.1],
      [5, 0],
      [5, 0.6],
    ]);
    const base = { kind: 'triplet' as const, mining: 'hard' as const, margin: 0.3 };
    // Anchor 0: 0.2 - 0.1 + margin; anchor 1: 0.2 - sqrt(0.05) + margin; writer 1's anchors: 0 (their negatives are 4.8+ away).
    const d1 = Math.sqrt(0.05);
    const relative = batchLoss(E, writer, genuine, { ...base, relativeMargin: true }, {}, new Rng(1)).loss.dataSync()[0];
    expect(relative).toBeCloseTo((0.2 - 0.1 + 0.2 + (0.2 - d1 + 0.2)) / 4, 4);
    const fixed = batchLoss(E, writer, genuine, base, {}, new Rng(1)).loss.dataSync()[0];
    expect(fixed).toBeCloseTo((0.2 - 0.1 + 0.3 + (0.2 - d1 + 0.3)) / 4, 4);
  });

  it('every loss kind gives a finite loss with a gradient', () => {
    const writer = new Int32Array([0, 0, 0, 1, 1, 1]);
    const genuine = new Uint8Array([1, 1, 0, 1, 1, 0]);
    const e = tf.variable(tf.randomNormal([6, 8], 0, 1, 'float32', 3));
    for (const kind of ['triplet', 'contrastive', 'bce', 'lossless'] as const) {
      const head = kind === 'bce' ? { bceW: tf.variable(tf.fill([8, 1], 0.1)), bceB: tf.variable(tf.zeros([1])) } : {};
      const { value, grads } = tf.variableGrads(() => {
        const emb = kind === 'lossless' ? tf.sigmoid(e) : tf.div(e, tf.norm(e, 'euclidean', 1, true));
        return batchLoss(emb as tf.Tensor2D, writer, genuine, { kind, mining: 'semi-hard', margin: 0.5 }, head, new Rng(2)).loss;
      }, [e]);
      expect(Number.isFinite(value.dataSync()[0])).toBe(true);
      const g = grads[e.name].dataSync();
      expect(g.some((x) => x !== 0)).toBe(true);
    }
  });
});
