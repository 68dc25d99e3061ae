import { describe, expect, it } from 'vitest';
import { WeightAverage } from './weightAverage';

describe('WeightAverage (running mean of weight snapshots)', () => {
  it('is null before the first snapshot and the snapshot itself after one', () => {
    const avg = new WeightAverage();
    expect(avg.mean()).toBeNull();
    avg.add([Float32Array.of(1, 2), Float32Array.of(3)]);
    expect(avg.count).toBe(1);
    expect(Array.from(avg.mean()![0])).toEqual([1, 2]);
  });

  it('equals the arithmetic mean of every snapshot, per value', () => {
    const avg = new WeightAverage();
    avg.add([Float32Array.of(1, -2), Float32Array.of(10)]);
    avg.add([Float32Array.of(3, 2), Float32Array.of(20)]);
    avg.add([Float32Array.of(8, 3), Float32Array.of(0)]);
    const m = avg.mean()!;
    expect(m[0][0]).toBeCloseTo(4, 6);
    expect(m[0][1]).toBeCloseTo(1, 6);
    expect(m[1][0]).toBeCloseTo(10, 6);
    expect(avg.count).toBe(3);
  });

  it('does not alias the caller arrays', () => {
    const w = [Float32Array.of(1)];
    const avg = new WeightAverage();
    avg.add(w);
    w[0][0] = 100;
    const m = avg.mean()!;
    m[0][0] = -5;
    expect(avg.mean()![0][0]).toBe(1);
  });

  it('resumes from a saved mean and count as if never interrupted', () => {
    const a = new WeightAverage();
    const snaps = [2, 4, 9, 1].map((v) => [Float32Array.of(v)]);
    snaps.forEach((s) => a.add(s));
    const b = new WeightAverage();
    snaps.slice(0, 2).forEach((s) => b.add(s));
    const resumed = new WeightAverage(b.mean()!, b.count);
    snaps.slice(2).forEach((s) => resumed.add(s));
    expect(resumed.count).toBe(4);
    expect(resumed.mean()![0][0]).toBeCloseTo(a.mean()![0][0], 6);
  });

  it('rejects snapshots of another shape', () => {
    const avg = new WeightAverage();
    avg.add([Float32Array.of(1, 2)]);
    expect(() => avg.add([Float32Array.of(1)])).toThrow(/expected 2/);
    expect(() => avg.add([Float32Array.of(1, 2), Float32Array.of(3)])).toThrow(/expected 1 weight/);
  });
});
