import { describe, expect, it } from 'vitest';
import type { ReferenceRecord } from '../storage';
import { embeddingChecksum, unlikeAmong } from './unlikeReferences';

// Scale prior 0.5 with weight 2; the score is the min distance over the writer's scale (as consistency.test.ts).
const rule = { aggregate: 'min' as const, globalScale: 0.5, priorWeight: 2, threshold: 1, thresholds: [1.2, 1.1, 1], operatingPoints: [] };
const ref = (id: string, source: ReferenceRecord['source']) => ({ id, source, label: `${id}.png` }) as ReferenceRecord;

describe('unlikeAmong', () => {
  it('compares drawn references with drawn ones and scanned with scanned', () => {
    // Three drawings within 0.3 of each other, two scans within 0.3 of each other, every drawing 1.0 from every scan.
    const refs = [ref('d1', 'pad'), ref('s1', 'file'), ref('d2', 'pad'), ref('s2', 'file'), ref('d3', 'pad')];
    const kind = (i: number) => refs[i].source;
    const m = refs.map((_, i) => refs.map((_, j) => (i === j ? 0 : kind(i) === kind(j) ? 0.3 : 1.0)));
    expect(unlikeAmong(refs, m, rule)).toEqual([]);
    // A fourth drawing 1.0 from the other drawings: named, against drawings 1, 3 and 5 only; min 1.0 over the scale
    // (3 x 0.3 + 2 x 0.5) / 5 = 0.38, limit 1.25 x the 3-reference threshold 1.0.
    const more = [...refs, ref('d4', 'pad')];
    const m2 = more.map((_, i) => more.map((_, j) => (i === j ? 0 : i === 5 || j === 5 ? 1.0 : m[i][j])));
    const u = unlikeAmong(more, m2, rule);
    expect(u.map(({ id, position, kind, others }) => ({ id, position, kind, others }))).toEqual([{ id: 'd4', position: 6, kind: 'drawn', others: [1, 3, 5] }]);
    expect(u[0].score).toBeCloseTo(1.0 / 0.38, 10);
    expect(u[0].limit).toBeCloseTo(1.25, 10);
  });

  it('a lone reference of its kind is compared with nothing', () => {
    const refs = [ref('d1', 'pad'), ref('s1', 'file')];
    expect(unlikeAmong(refs, [[0, 5], [5, 0]], rule)).toEqual([]);
  });
});

describe('embeddingChecksum', () => {
  it('tells embeddings apart by their bytes, views included', () => {
    const a = Float32Array.of(0.1, 0.2, 0.3);
    expect(embeddingChecksum(a)).toBe(embeddingChecksum(Float32Array.of(0.1, 0.2, 0.3)));
    expect(embeddingChecksum(a)).not.toBe(embeddingChecksum(Float32Array.of(0.1, 0.2, 0.3000001)));
    const big = Float32Array.of(9, 0.1, 0.2, 0.3);
    expect(embeddingChecksum(big.subarray(1))).toBe(embeddingChecksum(a));
  });
});
