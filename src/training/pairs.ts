import type { Rng } from './data/random';

/**
 * Which pairs of a batch are positives and negatives. Positives: two genuine signatures of the
 * same writer (n genuine give n(n-1)/2 pairs). Negatives, for a genuine anchor: a skilled
 * forgery of the same writer (the hardest kind) or anything by another writer.
 * Two forgeries are never paired: they say nothing about the writer.
 */
export interface PairMasks {
  size: number;
  /** size*size, 1 where (i, j) is a positive pair. */
  pos: Float32Array;
  /** size*size, 1 where j is a negative for anchor i. */
  neg: Float32Array;
  /** size*size, 1 where j is a skilled forgery of anchor i's own writer. */
  skilled: Float32Array;
  /** Genuine items with at least one positive and one negative. */
  anchors: number[];
}

export function pairMasks(writer: ArrayLike<number>, genuine: ArrayLike<number>): PairMasks {
  const n = writer.length;
  const pos = new Float32Array(n * n);
  const neg = new Float32Array(n * n);
  const skilled = new Float32Array(n * n);
  const anchors: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!genuine[i]) continue;
    let np = 0;
    let nn = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      if (writer[j] === writer[i] && genuine[j]) {
        pos[i * n + j] = 1;
        np++;
      } else if (writer[j] !== writer[i] || !genuine[j]) {
        neg[i * n + j] = 1;
        if (writer[j] === writer[i]) skilled[i * n + j] = 1;
        nn++;
      }
    }
    if (np && nn) anchors.push(i);
  }
  return { size: n, pos, neg, skilled, anchors };
}

/** Number of positive pairs n genuine signatures give: n(n-1)/2. */
export const positivePairCount = (n: number) => (n * (n - 1)) / 2;

export type Mining = 'hard' | 'hard-both' | 'semi-hard' | 'easy';

export interface Triplets {
  a: number[];
  p: number[];
  n: number[];
}

/**
 * Chooses triplets from a distance matrix D (size*size, row-major).
 * - hard (batch-hard): per anchor, its farthest positive and closest negative;
 * - hard-both: batch-hard twice per anchor, once against the closest skilled forgery of the
 *   anchor's writer and once against the closest signature of another writer, so skilled
 *   forgeries (nearly always the closest) do not crowd out learning who wrote what;
 * - semi-hard: per anchor-positive pair, the closest negative farther than the positive
 *   (d(a,p) < d(a,n)); if none, the farthest negative (FaceNet / tfa convention);
 * - easy: per anchor-positive pair, a random negative (no mining).
 */
export function mineTriplets(D: ArrayLike<number>, m: PairMasks, mining: Mining, rng: Rng): Triplets {
  const t: Triplets = { a: [], p: [], n: [] };
  const size = m.size;
  for (const a of m.anchors) {
    const row = a * size;
    if (mining === 'hard' || mining === 'hard-both') {
      let p = -1;
      let n = -1;
      let skilled = -1;
      let other = -1;
      for (let j = 0; j < size; j++) {
        if (m.pos[row + j] && (p < 0 || D[row + j] > D[row + p])) p = j;
        if (!m.neg[row + j]) continue;
        if (n < 0 || D[row + j] < D[row + n]) n = j;
        if (m.skilled[row + j]) {
          if (skilled < 0 || D[row + j] < D[row + skilled]) skilled = j;
        } else if (other < 0 || D[row + j] < D[row + other]) other = j;
      }
      const negatives = mining === 'hard' ? [n] : [skilled, other].filter((j) => j >= 0);
      for (const j of negatives) {
        t.a.push(a);
        t.p.push(p);
        t.n.push(j);
      }
      continue;
    }
    const negs: number[] = [];
    for (let j = 0; j < size; j++) if (m.neg[row + j]) negs.push(j);
    for (let p = 0; p < size; p++) {
      if (!m.pos[row + p]) continue;
      let n = -1;
      if (mining === 'easy') n = negs[rng.int(negs.length)];
      else {
        const dp = D[row + p];
        let far = negs[0];
        for (const j of negs) {
          if (D[row + j] > dp && (n < 0 || D[row + j] < D[row + n])) n = j;
          if (D[row + j] > D[row + far]) far = j;
        }
        if (n < 0) n = far;
      }
      t.a.push(a);
      t.p.push(p);
      t.n.push(n);
    }
  }
  return t;
}

/** Proxy class of an image (the proxy term, losses.ts): 2w for writer w's genuine signatures, 2w + 1 for the forgeries of w. */
export function proxyClass(writerIndex: number, genuine: boolean): number {
  return 2 * writerIndex + (genuine ? 0 : 1);
}
