import type { DistanceHead } from '../../model/distanceHead';
import type { DecisionRule, OperatingPoint } from '../../verification/decision';
import { equalErrorRate, ratesAt, thresholdForFar } from '../../verification/metrics';
import { protocolScores, withinWriterDistances, type WriterEmbeddings } from './protocol';

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Fixes the decision rule on validation writers only: the global scale prior is the median
 * within-writer genuine distance; the threshold is the skilled-forgery EER point of scores
 * pooled over 1..5 references (so one rule serves any enrollment size); alternatives at
 * validation FAR 1% and 10% are offered as operating points.
 */
export function calibrate(
  validation: WriterEmbeddings[],
  head: DistanceHead,
  aggregate: 'min' | 'mean' = 'min',
  priorWeight = 3,
  referBand = 0.08,
): DecisionRule {
  const globalScale = median(withinWriterDistances(validation, head));
  const base = { aggregate, globalScale, priorWeight };
  const genuine: number[] = [];
  const skilled: number[] = [];
  for (let k = 1; k <= 5; k++) {
    const s = protocolScores(validation, k, head, base);
    genuine.push(...s.genuine);
    skilled.push(...s.skilled);
  }
  const eer = equalErrorRate(genuine, skilled);
  const point = (name: string, threshold: number): OperatingPoint => {
    const r = ratesAt(genuine, skilled, threshold);
    return { name, threshold, validationFar: r.far, validationFrr: r.frr };
  };
  const operatingPoints = [
    point('strict (validation FAR 1%)', thresholdForFar(genuine, skilled, 0.01).threshold),
    point('balanced (validation EER)', eer.threshold),
    point('lenient (validation FAR 10%)', thresholdForFar(genuine, skilled, 0.1).threshold),
  ];
  return { ...base, threshold: eer.threshold, referBand, operatingPoints };
}
