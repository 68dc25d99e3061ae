import * as tf from '@tensorflow/tfjs';
import { pairwiseDistances, type DistanceHead } from '../../model/distanceHead';
import { scoreQuestioned, upperTriangle, type DecisionRule } from '../../verification/decision';
import { hashString, Rng } from '../data/random';

/** One writer's embeddings ([D] each). */
export interface WriterEmbeddings {
  id: string;
  genuine: Float32Array[];
  forged: Float32Array[];
}

/** Scores (lower = more genuine) of every questioned signature under the writer-independent protocol. */
export interface ProtocolScores {
  genuine: number[];
  skilled: number[];
  random: number[];
  /** Raw distances to the references' aggregate, for calibration: min and mean per questioned. */
  genuineRefPairs: number[];
}

/**
 * Where questioned signatures come from: the reference set itself (undefined), the same writers
 * rendered another way, or, per writer, a set that depends on that writer's references (pen
 * matching: everything questioned is redrawn with the references' pen width).
 */
export type QuestionedSource = WriterEmbeddings[] | ((writerIndex: number, referenceIndices: number[]) => WriterEmbeddings[]);

export type ScoreRule = Pick<DecisionRule, 'aggregate' | 'globalScale' | 'priorWeight'>;

/** The K reference indices of a writer, fixed by seed and writer id. */
export function chooseReferences(writerId: string, count: number, k: number, seed: number): number[] {
  return new Rng(seed ^ hashString(writerId)).sample([...Array(count).keys()], k).sort((a, b) => a - b);
}

/** Random negatives for a writer: `perWriter` genuine signatures of each other writer, fixed by seed. */
export function randomNegatives(writers: WriterEmbeddings[], self: number, perWriter: number, seed: number): Float32Array[] {
  const out: Float32Array[] = [];
  writers.forEach((w, i) => {
    if (i === self) return;
    const rng = new Rng(seed ^ hashString(writers[self].id) ^ hashString(w.id));
    out.push(...rng.sample(w.genuine, perWriter));
  });
  return out;
}

const stack = (xs: Float32Array[]) => {
  const d = xs[0].length;
  const buf = new Float32Array(xs.length * d);
  xs.forEach((x, i) => buf.set(x, i * d));
  return tf.tensor2d(buf, [xs.length, d]);
};

/**
 * For each writer with more than K genuine: K genuine references (fixed seed); every other genuine
 * is a positive, the writer's forgeries are skilled negatives and other writers' genuine
 * signatures (`randomPerWriter` each) are random negatives. Scores come from the shared
 * decision module, exactly as the browser computes them.
 */
export function protocolScores(
  writers: WriterEmbeddings[],
  k: number,
  head: DistanceHead,
  rule: ScoreRule,
  seed = 2024,
  randomPerWriter = 2,
  questionedFrom?: QuestionedSource,
): ProtocolScores {
  const res: ProtocolScores = { genuine: [], skilled: [], random: [], genuineRefPairs: [] };
  // Cross-domain: references from `writers`, everything questioned from the same signatures in another rendering.
  const check = (q: WriterEmbeddings[]) => {
    if (q.length !== writers.length || q.some((x, i) => x.genuine.length !== writers[i].genuine.length)) {
      throw new Error('the questioned set must hold the same writers and signatures as the reference set');
    }
    return q;
  };
  if (Array.isArray(questionedFrom)) check(questionedFrom);
  writers.forEach((w, wi) => {
    if (w.genuine.length <= k) return;
    const refIdx = chooseReferences(w.id, w.genuine.length, k, seed);
    const refs = refIdx.map((i) => w.genuine[i]);
    const q = typeof questionedFrom === 'function' ? check(questionedFrom(wi, refIdx)) : (questionedFrom ?? writers);
    const questioned = q[wi].genuine.filter((_, i) => !refIdx.includes(i));
    const randoms = randomNegatives(q, wi, randomPerWriter, seed);
    const forged = q[wi].forged;
    const all = [...questioned, ...forged, ...randoms];
    const [dq, dr] = tf.tidy(() => {
      const R = stack(refs);
      return [pairwiseDistances(head, stack(all), R), pairwiseDistances(head, R, R)];
    });
    const dqv = dq.arraySync() as number[][];
    const drv = dr.arraySync() as number[][];
    tf.dispose([dq, dr]);
    const refPairs = upperTriangle(drv);
    res.genuineRefPairs.push(...refPairs);
    dqv.forEach((row, i) => {
      const s = scoreQuestioned(row, refPairs, rule).score;
      if (i < questioned.length) res.genuine.push(s);
      else if (i < questioned.length + forged.length) res.skilled.push(s);
      else res.random.push(s);
    });
  });
  return res;
}

/** Distances between every embedding of `a` (rows) and every embedding of `b`, on the current backend. */
export function distanceMatrix(head: DistanceHead, a: Float32Array[], b: Float32Array[]): number[][] {
  const d = tf.tidy(() => pairwiseDistances(head, stack(a), stack(b)));
  const v = d.arraySync() as number[][];
  d.dispose();
  return v;
}

/** All genuine-genuine distances within writers (for the global scale prior). */
export function withinWriterDistances(writers: WriterEmbeddings[], head: DistanceHead): number[] {
  const out: number[] = [];
  for (const w of writers) if (w.genuine.length >= 2) out.push(...upperTriangle(distanceMatrix(head, w.genuine, w.genuine)));
  return out;
}
