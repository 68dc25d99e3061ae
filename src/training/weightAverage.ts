/**
 * Uniform running mean of weight snapshots (stochastic weight averaging, Izmailov et al. 2018):
 * the mean of the weights visited late in training usually generalises better than any single
 * snapshot, and needs no selection on validation writers. Batch-norm statistics of the mean
 * weights are recomputed afterwards (the trainer's calibration images), as for any export.
 */
export class WeightAverage {
  private sum: Float32Array[] | null = null;
  private n = 0;

  /** Restores a saved mean of `count` snapshots (from a checkpoint). */
  constructor(mean?: Float32Array[], count = 0) {
    if (mean && count > 0) {
      this.sum = mean.map((a) => a.slice());
      this.n = count;
    }
  }

  get count(): number {
    return this.n;
  }

  /** Adds one snapshot: mean += (w - mean) / n, so the mean stays exact without a float sum growing. */
  add(weights: Float32Array[]): void {
    if (!this.sum) {
      this.sum = weights.map((a) => a.slice());
      this.n = 1;
      return;
    }
    if (weights.length !== this.sum.length) throw new Error(`expected ${this.sum.length} weight arrays, got ${weights.length}`);
    this.n += 1;
    const f = 1 / this.n;
    weights.forEach((w, i) => {
      const m = this.sum![i];
      if (w.length !== m.length) throw new Error(`weight array ${i} has ${w.length} values, expected ${m.length}`);
      for (let k = 0; k < m.length; k++) m[k] += (w[k] - m[k]) * f;
    });
  }

  /** A copy of the current mean, or null before the first snapshot. */
  mean(): Float32Array[] | null {
    return this.sum ? this.sum.map((a) => a.slice()) : null;
  }
}
