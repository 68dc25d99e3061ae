import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseReferences, protocolScores, type WriterEmbeddings } from './protocol';
import { summarize } from './summarize';

// One-dimensional embeddings, euclidean distance: every distance is a difference of two numbers.
const rule = { aggregate: 'min' as const, globalScale: 0.5, priorWeight: 2, threshold: 1, thresholds: [1.2, 1.1, 1], referBand: 0.1, operatingPoints: [] };
const head = { kind: 'euclidean' as const };
const e = (x: number) => Float32Array.of(x);

/** Writer w1's five genuine signatures: its four references (chosen by the protocol's seed) at `refs`, the fifth at `other`. */
function writer(id: string, refs: number[], other: number, forged: number[]): WriterEmbeddings {
  const idx = chooseReferences(id, 5, 4, 2024);
  const genuine = [0, 1, 2, 3, 4].map(() => e(other));
  idx.forEach((i, j) => (genuine[i] = e(refs[j])));
  return { id, genuine, forged: forged.map(e) };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('protocolScores with a card\'s rule: the app\'s verdicts', () => {
  it('refers a forgery accepted only because of another writer\'s reference among the references (by hand)', () => {
    // w1's references 0, 0.2, 0.1 and 3.0 (another writer's). The forgery at 2.9: on all four min 0.1 over the
    // scale (9.1 + 2 x 0.5) / 8 = 1.2625, score 0.079, genuine; without 3.0: min 2.7 / ((0.4 + 1) / 5 = 0.28), forged.
    // The forgery at 0.9: 0.8 / 1.2625 = 0.63 on all four, genuine; without: 0.8 / 0.28 = 2.9, forged. The genuine at 0.05 stays genuine.
    const w1 = writer('w1', [0, 0.2, 0.1, 3.0], 0.05, [2.9, 0.9]);
    const w2 = writer('w2', [10, 10.1, 10.2, 10.05], 10.15, [12]);
    const s = protocolScores([w1, w2], 4, head, rule, 2024, 1);
    expect(s.verdicts).toBeDefined();
    expect(s.verdicts!.writersWithUnlike).toBe(1);
    expect(s.verdicts!.threshold).toBe(1);
    expect(s.skilled[0]).toBeCloseTo(0.1 / 1.2625, 4);
    expect(s.verdicts!.skilled).toEqual(['refer', 'refer', 'forged']);
    expect(s.verdicts!.genuine).toEqual(['genuine', 'genuine']);
    // summarize takes these verdicts for the card's threshold and band; FAR stays the scores' single-threshold figure.
    const sum = summarize(s, 1, 0.1);
    expect(sum.skilled.far).toBeCloseTo(2 / 3, 10);
    expect(sum.verdicts.skilled).toEqual({ genuine: 0, refer: 2 / 3, forged: 1 / 3 });
    expect(sum.verdicts.writersWithUnlike).toBe(1);
    // Another threshold or band: the shares come from the scores.
    expect(summarize(s, 1, 0.05).verdicts.skilled).toEqual({ genuine: 2 / 3, refer: 0, forged: 1 / 3 });
    expect(summarize(s, 1, 0.05).verdicts.writersWithUnlike).toBeUndefined();
  });

  it('gives scores only for a rule without thresholds (calibration)', () => {
    const w1 = writer('w1', [0, 0.2, 0.1, 3.0], 0.05, [2.9]);
    const w2 = writer('w2', [10, 10.1, 10.2, 10.05], 10.15, [12]);
    const s = protocolScores([w1, w2], 4, head, { aggregate: 'min', globalScale: 0.5, priorWeight: 2 }, 2024, 1);
    expect(s.verdicts).toBeUndefined();
    expect(s.skilled).toHaveLength(2);
  });
});

describe('protocolScores with other references for some questioned signatures (the pen broadening)', () => {
  it('scores those against the other references, their scale included, and the rest as before (by hand)', () => {
    // w1's references 0, 0.2, 0.1, 0.3: scale (1.0 + 2 x 0.5) / 8 = 0.25. The forgery at 2.0 is given the
    // references 1.4, 1.8, 1.6, 2.2 instead: min 0.2 over their scale (2.6 + 2 x 0.5) / 8 = 0.45, 0.444; the
    // forgery at 0.9 keeps its writer's: 0.6 / 0.25 = 2.4.
    const w1 = writer('w1', [0, 0.2, 0.1, 0.3], 0.05, [2.0, 0.9]);
    const w2 = writer('w2', [10, 10.1, 10.2, 10.05], 10.15, [12]);
    const other = [1.4, 1.8, 1.6, 2.2].map(e);
    const calls: number[] = [];
    const s = protocolScores([w1, w2], 4, head, rule, 2024, 1, undefined, (wi, refIdx, q) => {
      calls.push(wi);
      expect(refIdx).toEqual(chooseReferences(wi === 0 ? 'w1' : 'w2', 5, 4, 2024));
      return wi === 0 && q[0] === 2.0 ? other : null;
    });
    expect(s.skilled[0]).toBeCloseTo(0.2 / 0.45, 5);
    expect(s.skilled[1]).toBeCloseTo(0.6 / 0.25, 5);
    expect(s.verdicts!.skilled.slice(0, 2)).toEqual(['genuine', 'forged']);
    // Asked once for every questioned signature of both writers (genuine, forged, one random each).
    expect(calls).toHaveLength(2 * (1 + 2 + 1) - 1);
  });
});
