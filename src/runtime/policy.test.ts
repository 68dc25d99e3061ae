import { describe, expect, it } from 'vitest';
import { normalisePolicy, parseReferBandPercent, ruleWithPolicy } from './policy';

describe('decision policy', () => {
  const rule = { aggregate: 'min' as const, globalScale: 0.5, priorWeight: 2, threshold: 1.3, referBand: 0.08, operatingPoints: [{ name: 'strict', threshold: 1, validationFar: 0.01, validationFrr: 0.2 }] };
  it('parses the refer band and refuses bad values with a message', () => {
    expect(parseReferBandPercent('10')).toBe(0.1);
    expect(parseReferBandPercent(' 7,5 ')).toBe(0.075);
    expect(() => parseReferBandPercent('abc')).toThrow(/number of percent/);
    expect(() => parseReferBandPercent('80')).toThrow(/between 0% and 50%/);
    expect(() => parseReferBandPercent('')).toThrow();
  });
  it('normalises stored values and applies the band', () => {
    expect(normalisePolicy({ operatingPoint: 'strict', referBand: 0.2 }, rule)).toEqual({ operatingPoint: 'strict', referBand: 0.2 });
    expect(normalisePolicy({ operatingPoint: 'gone', referBand: 9 }, rule)).toEqual({ operatingPoint: null, referBand: null });
    expect(normalisePolicy('junk', rule)).toEqual({ operatingPoint: null, referBand: null });
    expect(normalisePolicy({ operatingPoint: 7 }, rule)).toEqual({ operatingPoint: null, referBand: null });
    expect(ruleWithPolicy(rule, { operatingPoint: null, referBand: 0.2 }).referBand).toBe(0.2);
    expect(ruleWithPolicy(rule, { operatingPoint: null, referBand: null })).toBe(rule);
  });
  it('keeps a stored choice of a point whose target a newer card redefined (same kind, new name)', () => {
    const card = {
      ...rule,
      operatingPoints: [
        { name: 'strict (validation FAR 1%)', threshold: 1, validationFar: 0.01, validationFrr: 0.3 },
        { name: 'lenient (validation FRR 5%)', threshold: 1.5, validationFar: 0.2, validationFrr: 0.05 },
      ],
    };
    expect(normalisePolicy({ operatingPoint: 'lenient (validation FAR 10%)', referBand: null }, card).operatingPoint).toBe('lenient (validation FRR 5%)');
    expect(normalisePolicy({ operatingPoint: 'strict (validation FAR 1%)' }, card).operatingPoint).toBe('strict (validation FAR 1%)');
    // a kind the card no longer offers, or two points of one kind, fall back to the default
    expect(normalisePolicy({ operatingPoint: 'balanced (validation EER)' }, card).operatingPoint).toBeNull();
    const twoLenient = { ...card, operatingPoints: [...card.operatingPoints, { name: 'lenient (validation FRR 1%)', threshold: 1.6, validationFar: 0.3, validationFrr: 0.01 }] };
    expect(normalisePolicy({ operatingPoint: 'lenient (validation FAR 10%)' }, twoLenient).operatingPoint).toBeNull();
  });
});
