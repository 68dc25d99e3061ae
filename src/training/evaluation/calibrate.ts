import type { DistanceHead } from '../../model/distanceHead';
import type { Aggregate, DecisionRule, OperatingPoint } from '../../verification/decision';
import { equalErrorRate, ratesAt, thresholdForFar, thresholdForFrr } from '../../verification/metrics';
import { protocolScores, withinWriterDistances, type WriterEmbeddings } from './protocol';

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Validation targets of the teller's two alternative operating points. */
export const STRICT_FAR = 0.01;
export const LENIENT_FRR = 0.05;

/**
 * The strict point's threshold for one enrolment size: validation FAR at most STRICT_FAR, never above
 * the balanced (EER) threshold, so "strict" can only reject more than the default.
 */
export function strictThreshold(genuine: readonly number[], skilled: readonly number[], balanced: number): number {
  return Math.min(balanced, thresholdForFar(genuine, skilled, STRICT_FAR).threshold);
}

/**
 * The lenient point's threshold for one enrolment size: validation FRR at most LENIENT_FRR, never below
 * the balanced threshold, so "lenient" can only accept more than the default. (Defined by a FAR of 10%
 * before, it was stricter than the default wherever the EER was above 10%, e.g. with one reference.)
 */
export function lenientThreshold(genuine: readonly number[], skilled: readonly number[], balanced: number): number {
  return Math.max(balanced, thresholdForFrr(genuine, skilled, LENIENT_FRR).threshold);
}

/**
 * Fixes the decision rule on validation writers only: the global scale prior is the median
 * within-writer genuine distance; for each number of references (1..5) the shipped threshold
 * is the skilled-forgery EER point of that enrollment size, and the operating points are
 * strictThreshold and lenientThreshold around it. Reported FAR/FRR pool all sizes.
 */
export function calibrate(
  validation: WriterEmbeddings[],
  head: DistanceHead,
  aggregate: Aggregate = 'min',
  priorWeight = 3,
  referBand = 0.08,
): DecisionRule {
  const globalScale = median(withinWriterDistances(validation, head));
  const base = { aggregate, globalScale, priorWeight };
  const perK = [1, 2, 3, 4, 5].map((k) => protocolScores(validation, k, head, base));
  /** A named set of per-size thresholds with its validation FAR / FRR pooled over the sizes. */
  const point = (name: string, thresholds: number[]): OperatingPoint => {
    let fa = 0;
    let fr = 0;
    let nf = 0;
    let ng = 0;
    perK.forEach((s, i) => {
      const r = ratesAt(s.genuine, s.skilled, thresholds[i]);
      fa += r.far * s.skilled.length;
      fr += r.frr * s.genuine.length;
      nf += s.skilled.length;
      ng += s.genuine.length;
    });
    return { name, threshold: thresholds[4], thresholds, validationFar: fa / nf, validationFrr: fr / ng };
  };
  const eer = perK.map((s) => equalErrorRate(s.genuine, s.skilled).threshold);
  const balanced = point('balanced (validation EER)', eer);
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  const operatingPoints = [
    point(`strict (validation FAR ${pct(STRICT_FAR)})`, perK.map((s, i) => strictThreshold(s.genuine, s.skilled, eer[i]))),
    balanced,
    point(`lenient (validation FRR ${pct(LENIENT_FRR)})`, perK.map((s, i) => lenientThreshold(s.genuine, s.skilled, eer[i]))),
  ];
  return { ...base, threshold: balanced.threshold, thresholds: eer, referBand, operatingPoints };
}
