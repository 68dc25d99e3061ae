import type { DecisionRule } from '../verification';

/** The teller's decision settings: a calibrated operating point and the refer band. */
export interface DecisionPolicy {
  /** Name of one of the card's decision.operatingPoints, or null for the shipped threshold. */
  operatingPoint: string | null;
  /** Half-width of the "refer to a human" band as a fraction of the threshold, or null for the card's. */
  referBand: number | null;
}

export const DEFAULT_POLICY: DecisionPolicy = { operatingPoint: null, referBand: null };
export const REFER_BAND_MIN = 0;
export const REFER_BAND_MAX = 0.5;

/** Checks a refer band typed by the teller (in percent); returns the fraction or throws with a message. */
export function parseReferBandPercent(text: string): number {
  const t = text.trim().replace(',', '.');
  const v = Number(t);
  if (t === '' || !Number.isFinite(v)) throw new RangeError('Enter the refer band as a number of percent, e.g. 8.');
  if (v < REFER_BAND_MIN * 100 || v > REFER_BAND_MAX * 100) {
    throw new RangeError(`The refer band must be between ${REFER_BAND_MIN * 100}% and ${REFER_BAND_MAX * 100}% of the threshold.`);
  }
  return Math.round(v * 100) / 10000;
}

/** An operating point's kind: its name before the parenthesised target ("lenient (validation FRR 5%)" -> "lenient"). */
function pointKind(name: string): string {
  return name.split(' (')[0];
}

/**
 * The card's operating point a stored name means: the one of that name, else the one of the same kind
 * when a newer card redefined its target (a teller's "lenient" stays lenient), else none.
 */
function matchOperatingPoint(name: unknown, rule: DecisionRule): string | null {
  if (typeof name !== 'string') return null;
  if (rule.operatingPoints.some((p) => p.name === name)) return name;
  const sameKind = rule.operatingPoints.filter((p) => pointKind(p.name) === pointKind(name));
  return sameKind.length === 1 ? sameKind[0].name : null;
}

/** Coerces a stored value into a policy (unknown operating points fall back to the default). */
export function normalisePolicy(value: unknown, rule: DecisionRule): DecisionPolicy {
  const v = (value && typeof value === 'object' ? value : {}) as Partial<DecisionPolicy>;
  const op = matchOperatingPoint(v.operatingPoint, rule);
  const band =
    typeof v.referBand === 'number' && Number.isFinite(v.referBand) && v.referBand >= REFER_BAND_MIN && v.referBand <= REFER_BAND_MAX ? v.referBand : null;
  return { operatingPoint: op, referBand: band };
}

/** The card's rule with the policy's refer band applied. */
export function ruleWithPolicy(rule: DecisionRule, policy: DecisionPolicy): DecisionRule {
  return policy.referBand === null ? rule : { ...rule, referBand: policy.referBand };
}
