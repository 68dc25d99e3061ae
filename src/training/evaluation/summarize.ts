import { areaUnderCurve, equalErrorRate, ratesAt } from '../../verification/metrics';
import type { ProtocolScores } from './protocol';

export interface Summary {
  skilled: { eer: number; auc: number; far: number; frr: number };
  random: { eer: number; far: number };
  genuineCount: number;
  skilledCount: number;
  randomCount: number;
}

/** EER/AUC (threshold-free) and FAR/FRR at the given decision threshold. */
export function summarize(s: ProtocolScores, threshold: number): Summary {
  const sk = ratesAt(s.genuine, s.skilled, threshold);
  const rd = ratesAt(s.genuine, s.random, threshold);
  return {
    skilled: {
      eer: s.skilled.length ? equalErrorRate(s.genuine, s.skilled).eer : NaN,
      auc: s.skilled.length ? areaUnderCurve(s.genuine, s.skilled) : NaN,
      far: sk.far,
      frr: sk.frr,
    },
    random: { eer: s.random.length ? equalErrorRate(s.genuine, s.random).eer : NaN, far: rd.far },
    genuineCount: s.genuine.length,
    skilledCount: s.skilled.length,
    randomCount: s.random.length,
  };
}
