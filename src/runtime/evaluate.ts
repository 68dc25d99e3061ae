import {
  confidence,
  scoreQuestioned,
  thresholdFor,
  upperTriangle,
  writerScale,
  type DecisionRule,
  type Verdict,
} from '../verification';
import { guardedDecision, type VerdictWithout } from '../verification/referenceDependence';

export interface VerificationResult {
  verdict: Verdict;
  /** Score / writer scale; <= threshold*(1-referBand) is genuine. */
  score: number;
  /** Display confidence in [0, 1] that the signature is genuine. */
  confidence: number;
  threshold: number;
  referBand: number;
  /** Distance from the questioned signature to each reference, in reference order. */
  distances: number[];
  minDistance: number;
  meanDistance: number;
  /** The writer's scale from reference-to-reference distances. */
  scale: number;
  /** Number of reference pairs the scale used. */
  referencePairs: number;
  /** Indices of the references unlike the others (CountersignService.unlikeReferences); empty when none. */
  unlike: number[];
  /** The verdict on all references; `verdict` is 'refer' instead where a check without the unlike ones disagrees. */
  verdictOnAll: Verdict;
  /** The verdicts without the unlike references (referenceDependence.ts); empty when none are unlike. */
  without: VerdictWithout[];
}

export { thresholdFor };

/**
 * Verdict from distances, using the shared decision rule: distancesToRefs [N], refMatrix the
 * N x N reference-to-reference distances (only the upper triangle is read). `unlike`: indices of
 * references unlike the others; a verdict that changes without them becomes 'refer'.
 */
export function evaluateVerification(
  distancesToRefs: readonly number[],
  refMatrix: readonly (readonly number[])[],
  rule: DecisionRule,
  operatingPoint?: string | null,
  unlike: readonly number[] = [],
): VerificationResult {
  const pairs = upperTriangle(refMatrix);
  const s = scoreQuestioned(distancesToRefs, pairs, rule);
  const threshold = thresholdFor(rule, operatingPoint, distancesToRefs.length);
  const { verdict, verdictOnAll, without } = guardedDecision(s.score, distancesToRefs, refMatrix, unlike, rule, operatingPoint);
  return {
    verdict,
    verdictOnAll,
    unlike: without.length ? [...unlike] : [],
    without,
    score: s.score,
    confidence: confidence(s.score, threshold),
    threshold,
    referBand: rule.referBand,
    distances: [...distancesToRefs],
    minDistance: s.minDistance,
    meanDistance: s.meanDistance,
    scale: s.scale,
    referencePairs: pairs.length,
  };
}

/**
 * Demo similarity of two signatures in [0, 1]: the display confidence that they are by the
 * same writer if one were the only reference (writer scale = the rule's global prior).
 */
export function pairSimilarity(distance: number, rule: DecisionRule, operatingPoint?: string | null): number {
  const score = distance / writerScale([], rule);
  return confidence(score, thresholdFor(rule, operatingPoint, 1));
}
