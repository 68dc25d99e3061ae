import { verdictShares, type Verdict, type VerdictShares } from '../../verification/decision';
import { areaUnderCurve, equalErrorRate, ratesAt } from '../../verification/metrics';
import type { ProtocolScores } from './protocol';

export interface Summary {
  skilled: { eer: number; auc: number; far: number; frr: number };
  random: { eer: number; far: number };
  /**
   * What the app would say with its refer band (scores within threshold x (1 +- band) go to a
   * human): far/frr above count only outright verdicts against a single threshold.
   */
  verdicts: { referBand: number; genuine: VerdictShares; skilled: VerdictShares; random: VerdictShares; writersWithUnlike?: number };
  genuineCount: number;
  skilledCount: number;
  randomCount: number;
}

/**
 * EER/AUC (threshold-free) and FAR/FRR at the given decision threshold. A rate with nothing to
 * count (no forgeries in the data) is NaN, written as null in JSON, never a reassuring 0.
 */
export function summarize(s: ProtocolScores, threshold: number, referBand = 0): Summary {
  const sk = ratesAt(s.genuine, s.skilled, threshold);
  const rd = ratesAt(s.genuine, s.random, threshold);
  return {
    skilled: {
      eer: s.skilled.length ? equalErrorRate(s.genuine, s.skilled).eer : NaN,
      auc: s.skilled.length ? areaUnderCurve(s.genuine, s.skilled) : NaN,
      far: s.skilled.length ? sk.far : NaN,
      frr: sk.frr,
    },
    random: { eer: s.random.length ? equalErrorRate(s.genuine, s.random).eer : NaN, far: s.random.length ? rd.far : NaN },
    // The app's own verdicts where the scores came with them for this threshold and band (a card's rule); else from the scores.
    verdicts: s.verdicts && s.verdicts.threshold === threshold && s.verdicts.referBand === referBand
      ? { referBand, genuine: shares(s.verdicts.genuine), skilled: shares(s.verdicts.skilled), random: shares(s.verdicts.random), writersWithUnlike: s.verdicts.writersWithUnlike }
      : {
          referBand,
          genuine: verdictShares(s.genuine, threshold, referBand),
          skilled: verdictShares(s.skilled, threshold, referBand),
          random: verdictShares(s.random, threshold, referBand),
        },
    genuineCount: s.genuine.length,
    skilledCount: s.skilled.length,
    randomCount: s.random.length,
  };
}

/** Shares of each verdict in a list of verdicts (null when empty). */
function shares(vs: readonly Verdict[]): VerdictShares {
  if (!vs.length) return null;
  const n: Record<Verdict, number> = { genuine: 0, refer: 0, forged: 0 };
  for (const v of vs) n[v]++;
  return { genuine: n.genuine / vs.length, refer: n.refer / vs.length, forged: n.forged / vs.length };
}
