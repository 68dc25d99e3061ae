import { describe, expect, it } from 'vitest';
import { confidence, decide, scoreQuestioned, thresholdFor, upperTriangle, verdictShares, writerScale } from './decision';

const rule = { aggregate: 'min' as const, globalScale: 0.5, priorWeight: 2 };

describe('decision rule', () => {
  it('upper triangle gives the n(n-1)/2 reference pairs', () => {
    const m = [
      [0, 1, 2],
      [1, 0, 3],
      [2, 3, 0],
    ];
    expect(upperTriangle(m)).toEqual([1, 2, 3]);
    expect(upperTriangle([[0]])).toEqual([]);
  });

  it('writer scale shrinks the reference spread toward the global prior', () => {
    expect(writerScale([], rule)).toBe(0.5); // one reference: the prior alone
    expect(writerScale([1, 1], rule)).toBeCloseTo((2 + 2 * 0.5) / 4, 12);
  });

  it('a writer who varies more gets a lower score for the same distance', () => {
    const steady = scoreQuestioned([0.6, 0.8], [0.2], rule);
    const varied = scoreQuestioned([0.6, 0.8], [1.0], rule);
    expect(varied.score).toBeLessThan(steady.score);
    expect(steady.minDistance).toBe(0.6);
    expect(steady.meanDistance).toBeCloseTo(0.7, 12);
    expect(steady.score).toBeCloseTo(0.6 / ((0.2 + 1) / 3), 12);
  });

  it('mean aggregation uses the mean distance', () => {
    expect(scoreQuestioned([0.6, 0.8], [], { ...rule, aggregate: 'mean' }).score).toBeCloseTo(0.7 / 0.5, 12);
    expect(scoreQuestioned([0.6, 0.8, 1.3], [], { ...rule, aggregate: 'min-mean' }).score).toBeCloseTo((0.6 + 0.9) / 2 / 0.5, 12);
    // One reference: min, mean and min-mean agree.
    expect(scoreQuestioned([0.6], [], { ...rule, aggregate: 'min-mean' }).score).toBeCloseTo(0.6 / 0.5, 12);
  });

  it('refuses a customer with no references', () => {
    expect(() => scoreQuestioned([], [], rule)).toThrow(/no reference/);
  });

  it('verdicts with a refer band around the threshold', () => {
    expect(decide(0.8, 1, 0.1)).toBe('genuine');
    expect(decide(0.95, 1, 0.1)).toBe('refer');
    expect(decide(1.05, 1, 0.1)).toBe('refer');
    expect(decide(1.2, 1, 0.1)).toBe('forged');
    expect(decide(0.95, 1, 0)).toBe('genuine');
  });

  it('threshold per number of references, and per operating point', () => {
    const r = {
      threshold: 1,
      thresholds: [0.7, 0.8, 0.9, 0.95, 1],
      operatingPoints: [
        { name: 'strict', threshold: 0.6, thresholds: [0.4, 0.45, 0.5, 0.55, 0.6], validationFar: 0.01, validationFrr: 0.3 },
        { name: 'flat', threshold: 0.5, validationFar: 0.02, validationFrr: 0.2 },
      ],
    };
    expect(thresholdFor(r, null, 1)).toBe(0.7);
    expect(thresholdFor(r, null, 3)).toBe(0.9);
    expect(thresholdFor(r, null, 9)).toBe(1);
    expect(thresholdFor(r, 'strict', 2)).toBe(0.45);
    expect(thresholdFor(r, 'flat', 2)).toBe(0.5);
    expect(thresholdFor(r, 'unknown', 2)).toBe(0.8);
    expect(thresholdFor({ threshold: 1.2, operatingPoints: [] }, null, 2)).toBe(1.2);
  });

  it('confidence is 0.5 at the threshold and falls with the score', () => {
    expect(confidence(1, 1)).toBeCloseTo(0.5, 12);
    expect(confidence(0.5, 1)).toBeGreaterThan(0.9);
    expect(confidence(1.5, 1)).toBeLessThan(0.1);
  });
});

describe('verdictShares (what decide() gives a set of scores)', () => {
  it('splits scores into genuine / refer / forged at threshold x (1 -+ band)', () => {
    // threshold 1, band 0.1: <= 0.9 genuine, (0.9, 1.1] refer, > 1.1 forged
    const v = verdictShares([0.5, 0.9, 0.95, 1.0, 1.1, 1.2, 3, 0.1], 1, 0.1)!;
    expect(v.genuine).toBeCloseTo(3 / 8, 10);
    expect(v.refer).toBeCloseTo(3 / 8, 10);
    expect(v.forged).toBeCloseTo(2 / 8, 10);
  });
  it('band 0 is the single threshold: genuine share = FAR-side count, no referrals', () => {
    const v = verdictShares([0.5, 1, 1.5], 1, 0)!;
    expect(v).toEqual({ genuine: 2 / 3, refer: 0, forged: 1 / 3 });
  });
  it('null when there is nothing of that kind', () => {
    expect(verdictShares([], 1, 0.1)).toBeNull();
  });
});
