import { describe, expect, it } from 'vitest';
import { equalErrorRate, ratesAt, thresholdForFar } from '../../verification/metrics';
import { lenientThreshold, strictThreshold } from './calibrate';

describe('operating points around the balanced threshold', () => {
  // Ten genuine and ten forged scores that overlap widely: the EER is above 10%.
  const genuine = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
  const skilled = [0.35, 0.45, 0.55, 0.75, 0.85, 0.95, 1.05, 1.15, 1.25, 1.35];
  const balanced = equalErrorRate(genuine, skilled).threshold;

  it('lenient accepts at least as much as balanced, even where a FAR-10% point would be stricter (the old definition)', () => {
    expect(equalErrorRate(genuine, skilled).eer).toBeGreaterThan(0.1);
    expect(thresholdForFar(genuine, skilled, 0.1).threshold).toBeLessThan(balanced);
    const t = lenientThreshold(genuine, skilled, balanced);
    expect(t).toBeGreaterThan(balanced);
    // FRR at most 5% here means every genuine accepted: the largest genuine score
    expect(t).toBe(1.0);
    expect(ratesAt(genuine, skilled, t).frr).toBe(0);
    expect(ratesAt(genuine, skilled, t).far).toBeGreaterThan(ratesAt(genuine, skilled, balanced).far);
  });

  it('lenient is the balanced threshold where FRR 5% would be stricter than it', () => {
    // Nearly separable: the FRR-5% threshold (every genuine accepted, 0.3) lies below the EER point between the sets.
    const g = [0.1, 0.2, 0.3];
    const f = [0.9, 1.0, 1.1];
    const b = equalErrorRate(g, f).threshold;
    expect(b).toBeGreaterThan(0.3);
    expect(lenientThreshold(g, f, b)).toBe(b);
  });

  it('strict rejects at least as much as balanced, at validation FAR 1% where that is stricter', () => {
    const t = strictThreshold(genuine, skilled, balanced);
    expect(t).toBeLessThanOrEqual(balanced);
    expect(t).toBe(0.3);
    expect(ratesAt(genuine, skilled, t).far).toBe(0);
    expect(strictThreshold(genuine, skilled, 0.2)).toBe(0.2);
  });
});
