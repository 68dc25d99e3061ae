/**
 * Threshold metrics for distance-like scores: lower = more likely genuine. Pure functions.
 * FAR = fraction of forgeries accepted (score <= t); FRR = fraction of genuine rejected (score > t).
 */
export interface RatesAt {
  threshold: number;
  far: number;
  frr: number;
}

export function ratesAt(genuine: readonly number[], forged: readonly number[], threshold: number): RatesAt {
  let fa = 0;
  for (const s of forged) if (s <= threshold) fa++;
  let fr = 0;
  for (const s of genuine) if (s > threshold) fr++;
  return { threshold, far: forged.length ? fa / forged.length : 0, frr: genuine.length ? fr / genuine.length : 0 };
}

/** All (threshold, FAR, FRR) points, thresholds at every distinct score, ascending. */
export function rocPoints(genuine: readonly number[], forged: readonly number[]): RatesAt[] {
  if (!genuine.length || !forged.length) throw new RangeError('need genuine and forged scores');
  const all = [...genuine.map((s) => ({ s, g: 1 })), ...forged.map((s) => ({ s, g: 0 }))].sort((a, b) => a.s - b.s);
  const pts: RatesAt[] = [{ threshold: -Infinity, far: 0, frr: 1 }];
  let acceptedG = 0;
  let acceptedF = 0;
  for (let i = 0; i < all.length; i++) {
    if (all[i].g) acceptedG++;
    else acceptedF++;
    if (i + 1 < all.length && all[i + 1].s === all[i].s) continue;
    pts.push({ threshold: all[i].s, far: acceptedF / forged.length, frr: 1 - acceptedG / genuine.length });
  }
  return pts;
}

/**
 * Equal error rate: where FAR and FRR cross, interpolated between the two neighbouring
 * thresholds. Returns the rate and a threshold at the crossing.
 */
export function equalErrorRate(genuine: readonly number[], forged: readonly number[]): { eer: number; threshold: number } {
  const pts = rocPoints(genuine, forged);
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1];
    const b = pts[i];
    if (b.far >= b.frr) {
      // FAR - FRR goes from negative (a) to >= 0 (b): interpolate the crossing.
      const da = a.far - a.frr;
      const db = b.far - b.frr;
      const t = da === db ? 0 : -da / (db - da);
      const eer = a.far + t * (b.far - a.far);
      // Threshold: where the rates are equal at b, the middle of the gap to the next score
      // (the widest margin); otherwise whichever neighbour is closer to equal.
      if (db === 0) {
        const next = pts[i + 1];
        return { eer, threshold: next ? (b.threshold + next.threshold) / 2 : b.threshold };
      }
      const threshold = Math.abs(da) < Math.abs(db) && Number.isFinite(a.threshold) ? a.threshold : b.threshold;
      return { eer, threshold };
    }
  }
  return { eer: 0, threshold: pts[pts.length - 1].threshold };
}

/** Area under the ROC curve = P(genuine score < forged score), ties counting half. */
export function areaUnderCurve(genuine: readonly number[], forged: readonly number[]): number {
  if (!genuine.length || !forged.length) throw new RangeError('need genuine and forged scores');
  const all = [...genuine.map((s) => ({ s, g: true })), ...forged.map((s) => ({ s, g: false }))].sort((a, b) => a.s - b.s);
  // Mann-Whitney U with average ranks for ties.
  let rankSumForged = 0;
  let i = 0;
  while (i < all.length) {
    let j = i;
    while (j + 1 < all.length && all[j + 1].s === all[i].s) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (!all[k].g) rankSumForged += avgRank;
    i = j + 1;
  }
  const nF = forged.length;
  const nG = genuine.length;
  const u = rankSumForged - (nF * (nF + 1)) / 2;
  return u / (nF * nG);
}

/** Largest threshold whose FAR is at most `targetFar`. */
export function thresholdForFar(genuine: readonly number[], forged: readonly number[], targetFar: number): RatesAt {
  const pts = rocPoints(genuine, forged);
  let best = pts[0];
  for (const p of pts) if (p.far <= targetFar) best = p;
  return best;
}

/** Smallest threshold whose FRR is at most `targetFrr` (the strictest that still accepts that share of genuine). */
export function thresholdForFrr(genuine: readonly number[], forged: readonly number[], targetFrr: number): RatesAt {
  const pts = rocPoints(genuine, forged);
  for (const p of pts) if (p.frr <= targetFrr) return p;
  return pts[pts.length - 1];
}
