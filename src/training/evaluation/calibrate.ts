import type { DistanceHead } from '../../model/distanceHead';
import type { Aggregate, DecisionRule, OperatingPoint } from '../../verification/decision';
import { equalErrorRate, ratesAt, thresholdForFar } from '../../verification/metrics';
import { protocolScores, withinWriterDistances, type WriterEmbeddings } from './protocol';

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Fixes the decision rule on validation writers only: the global scale prior is the median
 * within-writer genuine distance; for each number of references (1..5) the shipped threshold
 * is the skilled-forgery EER point of that enrollment size, and the operating points are the
 * thresholds at validation FAR 1% and 10%. Reported FAR/FRR pool all sizes.
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
  const point = (name: string, pick: (genuine: number[], skilled: number[]) => number): OperatingPoint => {
    const thresholds = perK.map((s) => pick(s.genuine, s.skilled));
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
  const balanced = point('balanced (validation EER)', (g, f) => equalErrorRate(g, f).threshold);
  const operatingPoints = [
    point('strict (validation FAR 1%)', (g, f) => thresholdForFar(g, f, 0.01).threshold),
    balanced,
    point('lenient (validation FAR 10%)', (g, f) => thresholdForFar(g, f, 0.1).threshold),
  ];
  return { ...base, threshold: balanced.threshold, thresholds: balanced.thresholds, referBand, operatingPoints };
}
