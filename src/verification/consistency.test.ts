import { describe, expect, it } from 'vitest';
import { CONSISTENCY_FACTOR, inconsistentReferences } from './consistency';

// Scale prior 0.5 with weight 2; the score is the min distance over the writer's scale.
const rule = { aggregate: 'min' as const, globalScale: 0.5, priorWeight: 2, threshold: 1, thresholds: [1.2, 1.1, 1], operatingPoints: [] };

describe('inconsistentReferences', () => {
  it('gives nothing for fewer than two references', () => {
    expect(inconsistentReferences([], rule)).toEqual([]);
    expect(inconsistentReferences([[0]], rule)).toEqual([]);
  });

  it('flags both of two references far apart, by hand: score 0.9 / 0.5 = 1.8 > 1.25 x 1.2', () => {
    const r = inconsistentReferences([[0, 0.9], [0.9, 0]], rule);
    expect(r.map((x) => x.index)).toEqual([0, 1]);
    expect(r[0].score).toBeCloseTo(1.8, 10);
    expect(r[0].limit).toBeCloseTo(CONSISTENCY_FACTOR * 1.2, 10);
    // 0.7 / 0.5 = 1.4 is under 1.5: neither.
    expect(inconsistentReferences([[0, 0.7], [0.7, 0]], rule)).toEqual([]);
  });

  it('flags only the reference far from three close ones', () => {
    // References 0-2 within 0.3 of each other; reference 3 at 1.0 from all.
    const d = (i: number, j: number) => (i === j ? 0 : i === 3 || j === 3 ? 1.0 : 0.3);
    const m = [0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((j) => d(i, j)));
    const r = inconsistentReferences(m, rule);
    expect(r.map((x) => x.index)).toEqual([3]);
    // Reference 3 against 0-2: min 1.0; scale = (3 x 0.3 + 2 x 0.5) / (3 + 2) = 0.38; threshold for 3 references 1.0.
    expect(r[0].score).toBeCloseTo(1.0 / 0.38, 10);
    expect(r[0].limit).toBeCloseTo(1.25, 10);
    // Reference 0 against 1-3: min 0.3, pairs 0.3, 1.0, 1.0: scale (2.3 + 1.0) / 5 = 0.66; 0.45 is far under.
  });

  it('uses the threshold for one reference fewer and the factor given', () => {
    // Two references: each is checked against one, so the 1-reference threshold (1.2) applies, not the 2-reference one (1.1).
    // 0.58 / 0.5 = 1.16: under 1.2 (but over 1.1) with factor 1.
    expect(inconsistentReferences([[0, 0.58], [0.58, 0]], rule, 1)).toEqual([]);
    // 0.65 / 0.5 = 1.3: over 1.0 x 1.2 (factor 1), under 1.25 x 1.2 (the default factor).
    const m = [[0, 0.65], [0.65, 0]];
    expect(inconsistentReferences(m, rule, 1).length).toBe(2);
    expect(inconsistentReferences(m, rule).length).toBe(0);
  });
});
