import { decide, scoreAgainst, thresholdFor, type DecisionRule, type Verdict } from './decision';

/**
 * A verdict that hangs on a reference unlike the others (consistency.ts): another writer's
 * signature among the references widens the writer's scale, so a forgery can pass only because of
 * it; and its large distance to a genuine signature can reject one. The verdict is checked again
 * without the unlike references; where the two disagree, the references cannot decide, and the
 * signature is referred to a human.
 */

/** The verdict on a subset of the references. */
export interface VerdictWithout {
  /** Indices of the references kept. */
  kept: number[];
  verdict: Verdict;
  score: number;
  threshold: number;
}

/**
 * The reference subsets to check a verdict on: all but the unlike ones; when every reference is
 * unlike (two that look unlike each other), each one alone. None when nothing is unlike.
 */
export function subsetsWithoutUnlike(references: number, unlike: readonly number[]): number[][] {
  const flagged = new Set(unlike.filter((i) => i >= 0 && i < references));
  if (flagged.size === 0) return [];
  const rest = [...Array(references).keys()].filter((i) => !flagged.has(i));
  return rest.length ? [rest] : [...flagged].sort((a, b) => a - b).map((i) => [i]);
}

/** The verdict on each subset of subsetsWithoutUnlike, with the shipped rule (thresholds for that many references). */
export function verdictsWithoutUnlike(
  distancesToRefs: readonly number[],
  refMatrix: readonly (readonly number[])[],
  unlike: readonly number[],
  rule: Pick<DecisionRule, 'aggregate' | 'globalScale' | 'priorWeight' | 'threshold' | 'thresholds' | 'operatingPoints' | 'referBand'>,
  operatingPoint?: string | null,
): VerdictWithout[] {
  return subsetsWithoutUnlike(distancesToRefs.length, unlike).map((kept) => {
    const { score } = scoreAgainst(distancesToRefs, refMatrix, kept, rule);
    const threshold = thresholdFor(rule, operatingPoint, kept.length);
    return { kept, verdict: decide(score, threshold, rule.referBand), score, threshold };
  });
}

/** The verdict given: the one on all references, or 'refer' where a check without the unlike references disagrees. */
export function guardedVerdict(full: Verdict, without: readonly VerdictWithout[]): Verdict {
  return without.some((w) => w.verdict !== full) ? 'refer' : full;
}

type GuardRule = Parameters<typeof verdictsWithoutUnlike>[3];

/**
 * The whole decision on a questioned signature whose score on all references is `score`: the verdict on all
 * of them, the checks without the unlike ones, and the verdict given (the app's and the evaluation's).
 */
export function guardedDecision(
  score: number,
  distancesToRefs: readonly number[],
  refMatrix: readonly (readonly number[])[],
  unlike: readonly number[],
  rule: GuardRule,
  operatingPoint?: string | null,
): { verdict: Verdict; verdictOnAll: Verdict; without: VerdictWithout[] } {
  const verdictOnAll = decide(score, thresholdFor(rule, operatingPoint, distancesToRefs.length), rule.referBand);
  const without = verdictsWithoutUnlike(distancesToRefs, refMatrix, unlike, rule, operatingPoint);
  return { verdict: guardedVerdict(verdictOnAll, without), verdictOnAll, without };
}
