import { describe, expect, it } from 'vitest';
import { areaUnderCurve, equalErrorRate, ratesAt, rocPoints, thresholdForFar, thresholdForFrr } from './metrics';

describe('metrics on known score sets (lower score = genuine)', () => {
  it('perfect separation: EER 0, AUC 1', () => {
    const g = [0.1, 0.2, 0.3];
    const f = [0.7, 0.8, 0.9];
    expect(equalErrorRate(g, f).eer).toBe(0);
    const t = equalErrorRate(g, f).threshold;
    expect(t).toBeGreaterThanOrEqual(0.3);
    expect(t).toBeLessThan(0.7);
    expect(areaUnderCurve(g, f)).toBe(1);
  });

  it('fully reversed: EER 1, AUC 0', () => {
    expect(areaUnderCurve([0.9, 0.8], [0.1, 0.2])).toBe(0);
    expect(equalErrorRate([0.9, 0.8], [0.1, 0.2]).eer).toBe(1);
  });

  it('hand-computed overlap: one of four on each side crosses', () => {
    const g = [0.1, 0.2, 0.3, 0.6];
    const f = [0.4, 0.5, 0.7, 0.25];
    // at t = 0.3: FRR = 1/4 (0.6), FAR = 1/4 (0.25)
    expect(ratesAt(g, f, 0.3)).toEqual({ threshold: 0.3, far: 0.25, frr: 0.25 });
    expect(equalErrorRate(g, f).eer).toBeCloseTo(0.25, 10);
    // pairs (g < f): 0.1:4, 0.2:4, 0.3:3, 0.6:1 -> 12 of 16
    expect(areaUnderCurve(g, f)).toBeCloseTo(12 / 16, 10);
  });

  it('ties count half in the AUC', () => {
    expect(areaUnderCurve([0.5], [0.5])).toBe(0.5);
    expect(areaUnderCurve([0.5, 0.1], [0.5, 0.9])).toBeCloseTo((0.5 + 1 + 1 + 1) / 4, 10);
  });

  it('ROC points run from accepting nothing to accepting everything', () => {
    const pts = rocPoints([0.1, 0.4], [0.3, 0.9]);
    expect(pts[0]).toMatchObject({ far: 0, frr: 1 });
    expect(pts[pts.length - 1]).toMatchObject({ far: 1, frr: 0 });
    for (let i = 1; i < pts.length; i++) expect(pts[i].far).toBeGreaterThanOrEqual(pts[i - 1].far);
  });

  it('threshold for a target FAR', () => {
    const g = [0.1, 0.2, 0.3, 0.4];
    const f = [0.15, 0.5, 0.6, 0.7];
    expect(thresholdForFar(g, f, 0).threshold).toBe(0.1);
    expect(thresholdForFar(g, f, 0.25)).toMatchObject({ threshold: 0.4, far: 0.25, frr: 0 });
  });

  it('threshold for a target FRR: the strictest that rejects at most that share of genuine', () => {
    const g = [0.1, 0.2, 0.3, 0.4];
    const f = [0.15, 0.5, 0.6, 0.7];
    expect(thresholdForFrr(g, f, 0)).toMatchObject({ threshold: 0.4, far: 0.25, frr: 0 });
    expect(thresholdForFrr(g, f, 0.25)).toMatchObject({ threshold: 0.3, far: 0.25, frr: 0.25 });
    expect(thresholdForFrr(g, f, 0.5)).toMatchObject({ threshold: 0.2, far: 0.25, frr: 0.5 });
    expect(thresholdForFrr(g, f, 1).threshold).toBe(-Infinity);
  });

  it('refuses empty score sets', () => {
    expect(() => areaUnderCurve([], [1])).toThrow();
    expect(() => rocPoints([1], [])).toThrow();
  });
});
