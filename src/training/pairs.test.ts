import { describe, expect, it } from 'vitest';
import { Rng } from './data/random';
import { mineTriplets, pairMasks, positivePairCount } from './pairs';

// Batch: writer 0 genuine a0,a1,a2 + forgery f0; writer 1 genuine b0,b1.
const writer = [0, 0, 0, 0, 1, 1];
const genuine = [1, 1, 1, 0, 1, 1];

describe('pairs and mining', () => {
  it('n genuine give n(n-1)/2 positive pairs', () => {
    const m = pairMasks(writer, genuine);
    const pos = Array.from(m.pos).reduce((a, b) => a + b, 0) / 2;
    expect(pos).toBe(positivePairCount(3) + positivePairCount(2));
    expect(positivePairCount(5)).toBe(10);
  });

  it('a skilled forgery is a negative for its own writer; two forgeries are never paired', () => {
    const m = pairMasks(writer, genuine);
    const n = m.size;
    expect(m.neg[0 * n + 3]).toBe(1); // a0 vs f0
    expect(m.pos[0 * n + 3]).toBe(0);
    expect(m.neg[0 * n + 4]).toBe(1); // a0 vs b0
    expect(m.neg[3 * n + 0]).toBe(0); // a forgery is never an anchor
    expect(m.anchors).toEqual([0, 1, 2, 4, 5]);
  });

  // Distances: a0's positives a1 (0.2), a2 (0.5); negatives f0 (0.3), b0 (0.9), b1 (0.6)
  const D = new Float32Array(36).fill(1);
  const set = (i: number, j: number, v: number) => {
    D[i * 6 + j] = v;
    D[j * 6 + i] = v;
  };
  set(0, 1, 0.2);
  set(0, 2, 0.5);
  set(0, 3, 0.3);
  set(0, 4, 0.9);
  set(0, 5, 0.6);

  it('hard mining: farthest positive, closest negative (the skilled forgery)', () => {
    const t = mineTriplets(D, pairMasks(writer, genuine), 'hard', new Rng(1));
    const i = t.a.indexOf(0);
    expect([t.p[i], t.n[i]]).toEqual([2, 3]);
  });

  it('hard-both mining: one triplet with the closest skilled forgery, one with the closest other writer', () => {
    const t = mineTriplets(D, pairMasks(writer, genuine), 'hard-both', new Rng(1));
    const rows = t.a.map((a, k) => [a, t.p[k], t.n[k]]).filter((r) => r[0] === 0);
    expect(rows).toEqual([
      [0, 2, 3],
      [0, 2, 5],
    ]);
  });

  it('semi-hard mining: the closest negative beyond the positive, else the farthest', () => {
    const t = mineTriplets(D, pairMasks(writer, genuine), 'semi-hard', new Rng(1));
    const rows = t.a.map((a, k) => [a, t.p[k], t.n[k]]).filter((r) => r[0] === 0);
    // (a0, a1=0.2): negatives beyond 0.2 -> f0 (0.3); (a0, a2=0.5): beyond 0.5 -> b1 (0.6)
    expect(rows).toEqual([
      [0, 1, 3],
      [0, 2, 5],
    ]);
  });

  it('easy mining: one valid negative per anchor-positive pair', () => {
    const m = pairMasks(writer, genuine);
    const t = mineTriplets(D, m, 'easy', new Rng(1));
    expect(t.a.length).toBe(3 * 2 + 2 * 1);
    t.a.forEach((a, k) => expect(m.neg[a * 6 + t.n[k]]).toBe(1));
  });
});
