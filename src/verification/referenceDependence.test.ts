import { describe, expect, it } from 'vitest';
import { guardedDecision, guardedVerdict, subsetsWithoutUnlike, verdictsWithoutUnlike } from './referenceDependence';

// Scale prior 0.5 with weight 2; the score is the min distance over the writer's scale; refer band 10%.
const rule = { aggregate: 'min' as const, globalScale: 0.5, priorWeight: 2, threshold: 1, thresholds: [1.2, 1.1, 1], referBand: 0.1, operatingPoints: [] };
// References 0-2 within 0.3 of each other; reference 3 (another writer's) at 1.0 from all.
const d = (i: number, j: number) => (i === j ? 0 : i === 3 || j === 3 ? 1.0 : 0.3);
const m = [0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((j) => d(i, j)));

describe('subsetsWithoutUnlike', () => {
  it('keeps the others; with every reference unlike, each alone; nothing without unlike references', () => {
    expect(subsetsWithoutUnlike(4, [3])).toEqual([[0, 1, 2]]);
    expect(subsetsWithoutUnlike(5, [1, 3])).toEqual([[0, 2, 4]]);
    expect(subsetsWithoutUnlike(2, [1, 0])).toEqual([[0], [1]]);
    expect(subsetsWithoutUnlike(4, [])).toEqual([]);
    // Out-of-range indices are ignored.
    expect(subsetsWithoutUnlike(3, [7])).toEqual([]);
  });
});

describe('verdictsWithoutUnlike and guardedVerdict', () => {
  it('refers a forgery that passes only because of another writer\'s reference (by hand)', () => {
    // Distances to references 0-3: 0.5, 0.5, 0.5, 0.2 (close to the wrong reference).
    // All four: min 0.2; pairs 3 x 0.3 + 3 x 1.0 = 3.9 over 6 pairs; scale (3.9 + 1.0) / 8 = 0.6125; score 0.3265 -> genuine.
    // Without reference 3: min 0.5; scale (0.9 + 1.0) / 5 = 0.38; score 1.316 > 1.0 x 1.1 (threshold for 3) -> forged.
    const toRefs = [0.5, 0.5, 0.5, 0.2];
    const w = verdictsWithoutUnlike(toRefs, m, [3], rule);
    expect(w).toHaveLength(1);
    expect(w[0].kept).toEqual([0, 1, 2]);
    expect(w[0].score).toBeCloseTo(0.5 / 0.38, 10);
    expect(w[0].threshold).toBe(1);
    expect(w[0].verdict).toBe('forged');
    expect(guardedVerdict('genuine', w)).toBe('refer');
    // The whole decision from the score on all four (0.2 / 0.6125; threshold 1 for 4 references, band 0.9-1.1).
    const d = guardedDecision(0.2 / 0.6125, toRefs, m, [3], rule);
    expect(d).toEqual({ verdict: 'refer', verdictOnAll: 'genuine', without: w });
    expect(guardedDecision(0.2 / 0.6125, toRefs, m, [], rule)).toEqual({ verdict: 'genuine', verdictOnAll: 'genuine', without: [] });
  });

  it('keeps a verdict that does not change without the unlike reference', () => {
    // Distances 0.1 to references 0-2: without reference 3, 0.1 / 0.38 = 0.263 -> genuine, as on all four.
    const w = verdictsWithoutUnlike([0.1, 0.1, 0.1, 1.0], m, [3], rule);
    expect(w[0].verdict).toBe('genuine');
    expect(guardedVerdict('genuine', w)).toBe('genuine');
    expect(guardedVerdict('forged', [])).toBe('forged');
  });

  it('with two references unlike each other, checks each alone', () => {
    // One reference each: scale = the prior 0.5, threshold 1.2 (band 1.08-1.32). 0.3 / 0.5 = 0.6 -> genuine; 1.0 / 0.5 = 2 -> forged.
    const pair = [[0, 1.0], [1.0, 0]];
    const w = verdictsWithoutUnlike([0.3, 1.0], pair, [0, 1], rule);
    expect(w.map((x) => [x.kept, x.verdict])).toEqual([[[0], 'genuine'], [[1], 'forged']]);
    expect(w[0].threshold).toBe(1.2);
    expect(guardedVerdict('genuine', w)).toBe('refer');
    expect(guardedVerdict('forged', w)).toBe('refer');
  });

  it('uses the operating point named and the refer band: a verdict of refer without the reference also refers', () => {
    const strict = { ...rule, operatingPoints: [{ name: 'strict', threshold: 0.5, thresholds: [0.5, 0.5, 0.5], validationFar: 0, validationFrr: 0 }] };
    // Without reference 3: 0.15 / 0.38 = 0.395; default threshold 1 -> genuine; strict 0.5 (band 0.45-0.55) -> genuine too;
    // 0.2 / 0.38 = 0.526 -> refer at strict.
    expect(verdictsWithoutUnlike([0.15, 0.3, 0.3, 1], m, [3], strict, 'strict')[0].verdict).toBe('genuine');
    const w = verdictsWithoutUnlike([0.2, 0.3, 0.3, 1], m, [3], strict, 'strict');
    expect(w[0].threshold).toBe(0.5);
    expect(w[0].verdict).toBe('refer');
    expect(guardedVerdict('genuine', w)).toBe('refer');
  });
});
