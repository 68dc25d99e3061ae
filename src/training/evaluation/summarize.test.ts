import { describe, expect, it } from 'vitest';
import { summarize, verdictShares } from './summarize';

describe('verdict shares under the refer band', () => {
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
  it('summarize reports them beside FAR/FRR, which stay single-threshold figures', () => {
    const s = summarize({ genuine: [0.2, 0.95, 1.5], skilled: [0.85, 1.05, 2], random: [3, 4], genuineRefPairs: [] }, 1, 0.1);
    expect(s.skilled.far).toBeCloseTo(1 / 3, 10);
    expect(s.skilled.frr).toBeCloseTo(1 / 3, 10);
    expect(s.verdicts.referBand).toBe(0.1);
    expect(s.verdicts.skilled).toEqual({ genuine: 1 / 3, refer: 1 / 3, forged: 1 / 3 });
    expect(s.verdicts.genuine).toEqual({ genuine: 1 / 3, refer: 1 / 3, forged: 1 / 3 });
    expect(s.verdicts.random).toEqual({ genuine: 0, refer: 0, forged: 1 });
  });
});
