/**
 * Otsu's threshold of values in [0, 1] (256 bins). Returns the threshold, the between-class
 * separation, and the largest value (from the same pass; -Infinity when there is none).
 */
export function otsuThreshold(values: Float32Array): { threshold: number; separation: number; max: number } {
  const bins = 256;
  // Integer counts (exact in the sums below, as they were as doubles).
  const hist = new Uint32Array(bins);
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    // Bin floor(v * bins) clamped to [0, bins - 1]; NaN counts nowhere.
    const v = values[i];
    if (v > max) max = v;
    const f = v * bins;
    if (f > 0) hist[f < bins - 1 ? f | 0 : bins - 1]++;
    else if (f <= 0) hist[0]++;
  }
  const total = values.length;
  let sumAll = 0;
  for (let k = 0; k < bins; k++) sumAll += k * hist[k];
  let wB = 0;
  let sumB = 0;
  let best = -1;
  let bestK = 0;
  for (let k = 0; k < bins; k++) {
    wB += hist[k];
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += k * hist[k];
    const mB = sumB / wB;
    const mF = (sumAll - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      bestK = k;
    }
  }
  const variance = best / (total * total) / (bins * bins);
  return { threshold: (bestK + 1) / bins, separation: Math.sqrt(Math.max(0, variance)), max };
}
