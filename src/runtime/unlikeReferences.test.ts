import { describe, expect, it } from 'vitest';
import type { ReferenceRecord } from '../storage';
import { embeddingChecksum, enrolmentNotes, unlikeAmong } from './unlikeReferences';

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

describe('enrolmentNotes (what the teller is told after an enrolment)', () => {
  /** Pairwise distances: 1.0 for the `far` pairs, 0.3 for every other (scale prior 0.5, weight 2, as above). */
  const distances = (n: number, far: (i: number, j: number) => boolean) =>
    [...Array(n).keys()].map((i) => [...Array(n).keys()].map((j) => (i === j ? 0 : far(i, j) || far(j, i) ? 1.0 : 0.3)));

  it('names a pair of its kind once, when one of the two was just added', () => {
    // Two drawings 1.0 apart: 1.0 over the prior scale 0.5 is 2.0, above 1.25 x the one-reference threshold 1.2.
    const refs = [ref('d1', 'pad'), ref('d2', 'pad')];
    const m = distances(2, () => true);
    expect(unlikeAmong(refs, m, rule).map((u) => u.id)).toEqual(['d1', 'd2']);
    const notes = enrolmentNotes(refs, m, rule, new Set(['d2']));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^References 1 \("d1.png"\) and 2 \("d2.png"\) look unlike each other \(score 2\.00, limit 1\.50\)\. A reference by someone else/);
  });

  it('does not name the same pair again when the enrolment added references of the other kind only', () => {
    // The drawn pair stays flagged (its mark in the lists stays); the two scans added are alike, far from the drawings.
    const refs = [ref('d1', 'pad'), ref('d2', 'pad'), ref('s1', 'file'), ref('s2', 'file')];
    const m = distances(4, (i, j) => (i === 0 && j === 1) || (i < 2 && j >= 2));
    expect(unlikeAmong(refs, m, rule).map((u) => u.id)).toEqual(['d1', 'd2']);
    expect(enrolmentNotes(refs, m, rule, new Set(['s1', 's2']))).toEqual([]);
    // Had the enrolment added the second drawing with them, the pair is new.
    expect(enrolmentNotes(refs, m, rule, new Set(['d2', 's1', 's2']))).toHaveLength(1);
  });

  it('names a reference unlike three or more others when it was just added or not named alone before', () => {
    // Drawing 4 is 1.0 from drawings 1-3: min 1.0 over the scale (3 x 0.3 + 2 x 0.5) / 5 = 0.38, limit 1.25 x 1.0.
    const refs = [ref('d1', 'pad'), ref('d2', 'pad'), ref('d3', 'pad'), ref('d4', 'pad')];
    const m = distances(4, (i, j) => j === 3 && i !== 3);
    expect(unlikeAmong(refs, m, rule).map((u) => u.id)).toEqual(['d4']);
    const added = enrolmentNotes(refs, m, rule, new Set(['d4']));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^Reference 4 \("d4.png"\) looks unlike this customer's other 3 drawn references \(score 2\.63 against them, limit 1\.25\)/);
    // Before drawings 2 and 3 were added it was one of a pair with drawing 1 (whose note did not say which): named now.
    expect(enrolmentNotes(refs, m, rule, new Set(['d2', 'd3']))).toHaveLength(1);
    // Named alone before (unlike drawings 1 and 2) and kept: not named again when drawing 3 is added.
    expect(enrolmentNotes(refs, m, rule, new Set(['d3']))).toEqual([]);
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
