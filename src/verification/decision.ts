/**
 * The verification decision: pure functions from distances to a verdict. The browser, the
 * evaluation command and the threshold fitting all use these.
 *
 * Score = aggregate distance of the questioned signature to the references, divided by the
 * writer's own spread (mean reference-to-reference distance, shrunk toward a global prior when
 * there are few references). That makes the threshold subject-specific: a writer who varies a
 * lot gets a wider acceptance region.
 */
export type Verdict = 'genuine' | 'forged' | 'refer';

export interface OperatingPoint {
  /** e.g. "balanced (EER)", "strict: FAR 1%" */
  name: string;
  /** Score threshold: score <= threshold is accepted as genuine (the 5-reference one where `thresholds` is given). */
  threshold: number;
  /** Thresholds for 1, 2, ... references (index = references - 1); the last serves any larger count. */
  thresholds?: number[];
  /** Skilled-forgery FAR and FRR measured on validation writers at this threshold. */
  validationFar: number;
  validationFrr: number;
}

/**
 * How the distances to the references become one: the closest reference ('min'), all of them
 * ('mean'), or the average of the two ('min-mean': one close reference counts, but not alone).
 */
export const AGGREGATES = ['min', 'mean', 'min-mean'] as const;
export type Aggregate = (typeof AGGREGATES)[number];

export interface DecisionRule {
  aggregate: Aggregate;
  /** Typical genuine-to-genuine distance over validation writers; the prior for the writer scale. */
  globalScale: number;
  /** Weight of the prior, in references: scale = (pairs*refMean + priorWeight*global) / (pairs + priorWeight). */
  priorWeight: number;
  /** The shipped operating point (its 5-reference threshold where `thresholds` is given). */
  threshold: number;
  /**
   * Shipped thresholds for 1, 2, ... references (index = references - 1), each fixed on
   * validation writers: the normalised score still shifts with the number of references (the
   * minimum over more references is smaller), so one threshold cannot serve every enrollment.
   */
  thresholds?: number[];
  /** Scores within threshold*(1 +- referBand) are referred to a human. */
  referBand: number;
  /** Calibrated alternatives (teller settings). */
  operatingPoints: OperatingPoint[];
}

export interface Score {
  score: number;
  minDistance: number;
  meanDistance: number;
  scale: number;
}

export function mean(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError('mean of an empty list');
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Upper-triangle entries of a square distance matrix given as rows: the n(n-1)/2 reference pairs. */
export function upperTriangle(matrix: readonly (readonly number[])[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < matrix.length; i++) for (let j = i + 1; j < matrix.length; j++) out.push(matrix[i][j]);
  return out;
}

/** Rows and columns `keep` of a square matrix, in that order. */
export function submatrix(matrix: readonly (readonly number[])[], keep: readonly number[]): number[][] {
  return keep.map((a) => keep.map((b) => matrix[a][b]));
}

/** The writer's scale from its reference-to-reference distances (empty with one reference). */
export function writerScale(refPairDistances: readonly number[], rule: Pick<DecisionRule, 'globalScale' | 'priorWeight'>): number {
  const n = refPairDistances.length;
  const sum = refPairDistances.reduce((a, b) => a + b, 0);
  return (sum + rule.priorWeight * rule.globalScale) / (n + rule.priorWeight);
}

export function scoreQuestioned(
  distancesToRefs: readonly number[],
  refPairDistances: readonly number[],
  rule: Pick<DecisionRule, 'aggregate' | 'globalScale' | 'priorWeight'>,
): Score {
  if (distancesToRefs.length === 0) throw new RangeError('no reference signatures to compare with');
  const minDistance = Math.min(...distancesToRefs);
  const meanDistance = mean(distancesToRefs);
  const scale = writerScale(refPairDistances, rule);
  const agg = rule.aggregate === 'min' ? minDistance : rule.aggregate === 'mean' ? meanDistance : (minDistance + meanDistance) / 2;
  return { score: agg / scale, minDistance, meanDistance, scale };
}

/**
 * scoreQuestioned against the references `kept` only: the distances to them, and their pairs from the
 * references' distance matrix.
 */
export function scoreAgainst(
  distancesToRefs: readonly number[],
  refMatrix: readonly (readonly number[])[],
  kept: readonly number[],
  rule: Pick<DecisionRule, 'aggregate' | 'globalScale' | 'priorWeight'>,
): Score {
  return scoreQuestioned(kept.map((i) => distancesToRefs[i]), upperTriangle(submatrix(refMatrix, kept)), rule);
}

/** The threshold in force for `references` references: the rule's, or a named operating point's. */
export function thresholdFor(
  rule: Pick<DecisionRule, 'threshold' | 'thresholds' | 'operatingPoints'>,
  operatingPoint: string | null | undefined,
  references: number,
): number {
  const op = operatingPoint ? rule.operatingPoints.find((p) => p.name === operatingPoint) : undefined;
  const { threshold, thresholds } = op ?? rule;
  if (!thresholds?.length || references < 1) return threshold;
  return thresholds[Math.min(references, thresholds.length) - 1];
}

export function decide(score: number, threshold: number, referBand: number): Verdict {
  if (score <= threshold * (1 - referBand)) return 'genuine';
  if (score > threshold * (1 + referBand)) return 'forged';
  return 'refer';
}

/** Fractions of a set of questioned signatures given each verdict (null when there are none). */
export type VerdictShares = Record<Verdict, number> | null;

/** Shares of genuine / refer / forged verdicts that decide() gives these scores. */
export function verdictShares(scores: readonly number[], threshold: number, referBand: number): VerdictShares {
  if (!scores.length) return null;
  const n: Record<Verdict, number> = { genuine: 0, refer: 0, forged: 0 };
  for (const x of scores) n[decide(x, threshold, referBand)]++;
  return { genuine: n.genuine / scores.length, refer: n.refer / scores.length, forged: n.forged / scores.length };
}

/** A display confidence in [0, 1] that the signature is genuine (0.5 at the threshold). */
export function confidence(score: number, threshold: number): number {
  const z = (threshold - score) / (0.15 * threshold);
  return 1 / (1 + Math.exp(-z));
}
