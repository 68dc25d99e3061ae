import { describe, expect, it } from 'vitest';
import { summarize } from './summarize';

describe('summarize: verdict shares under the refer band', () => {
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
