import { scoreAgainst, thresholdFor, type DecisionRule } from './decision';

/**
 * How far above the threshold (for one reference fewer) a reference's score against the others must
 * be to be flagged. Chosen among 1.08 (the refer band's edge), 1.25 and 1.4 on the validation writers
 * (twenty-fifth session, `npx tsx scripts/experiments/reference-consistency.ts`): at 1.25 another
 * writer's signature among 1, 2 or 4 genuine references is flagged 88-99% of the time, a genuine
 * reference 0.8-6.3%, and 2.5-8% of enrolments of only genuine references get a note (at 1.08, 17.5-25% of
 * five-reference enrolments would: `FACTOR=1.08`). The training writers (`SPLIT=train`): 97.5-99.3% and 0.2-4.2%; 100 unseen
 * synthetic writers drawn on the pad (`DATA=.cache/synthetic/eval-w100-both/pad SPLIT=all`): 85-99.5% and 0-0.1%.
 */
export const CONSISTENCY_FACTOR = 1.25;

/** A reference that the customer's other references would not accept. */
export interface InconsistentReference {
  /** Position in the reference list given. */
  index: number;
  /** Its score against the other references (as if it were the questioned signature). */
  score: number;
  /** The score above which it is flagged: CONSISTENCY_FACTOR x the threshold for that many references. */
  limit: number;
}

/**
 * Each reference checked as if it were a questioned signature against the customer's other
 * references, with the shipped rule: those far outside what the others would accept. A
 * signature of another writer among the references (a wrong file, a mixed-up form) widens the
 * writer's scale and with it the acceptance region for forgeries, so the teller should look at
 * it again. `refMatrix` holds the references' pairwise distances; fewer than 2 give no result.
 * With exactly 2 the check is symmetric: both or neither are flagged.
 */
export function inconsistentReferences(
  refMatrix: readonly (readonly number[])[],
  rule: Pick<DecisionRule, 'aggregate' | 'globalScale' | 'priorWeight' | 'threshold' | 'thresholds' | 'operatingPoints'>,
  factor = CONSISTENCY_FACTOR,
): InconsistentReference[] {
  const n = refMatrix.length;
  if (n < 2) return [];
  const out: InconsistentReference[] = [];
  for (let i = 0; i < n; i++) {
    const others = [...Array(n).keys()].filter((j) => j !== i);
    const { score } = scoreAgainst(refMatrix[i], refMatrix, others, rule);
    const limit = factor * thresholdFor(rule, null, others.length);
    if (score > limit) out.push({ index: i, score, limit });
  }
  return out;
}
