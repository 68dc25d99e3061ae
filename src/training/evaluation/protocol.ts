import * as tf from '@tensorflow/tfjs';
import { pairwiseDistances, type DistanceHead } from '../../model/distanceHead';
import { inconsistentReferences } from '../../verification/consistency';
import { scoreQuestioned, thresholdFor, upperTriangle, type DecisionRule, type Verdict } from '../../verification/decision';
import { guardedDecision } from '../../verification/referenceDependence';
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
  /**
   * With a full decision rule: the app's verdict on each questioned signature (default operating point,
   * refer band, and a verdict that hangs on a reference unlike the others referred), and the number of
   * writers whose reference set holds one (verification/referenceDependence.ts).
   */
  verdicts?: { threshold: number; referBand: number; genuine: Verdict[]; skilled: Verdict[]; random: Verdict[]; writersWithUnlike: number };
}

/**
 * Where questioned signatures come from: the reference set itself (undefined), the same writers
 * rendered another way, or, per writer, a set that depends on that writer's references (pen
 * matching: everything questioned is redrawn with the references' pen width).
 */
export type QuestionedSource = WriterEmbeddings[] | ((writerIndex: number, referenceIndices: number[]) => WriterEmbeddings[]);

export type ScoreRule = Pick<DecisionRule, 'aggregate' | 'globalScale' | 'priorWeight'> & Partial<DecisionRule>;

/** A rule with thresholds and a refer band (a model card's), so verdicts can be given, not only scores. */
function isFullRule(rule: ScoreRule): rule is DecisionRule {
  return typeof rule.threshold === 'number' && typeof rule.referBand === 'number' && Array.isArray(rule.operatingPoints);
}

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
  /**
   * Other reference embeddings for one questioned signature, or null for the writer's own: the app's broadening
   * of the references to a broader questioned pen (penBroadening.ts). Its distances, writer scale and
   * unlike-reference guard then come from those references.
   */
  referencesFor?: (writerIndex: number, referenceIndices: number[], questioned: Float32Array) => Float32Array[] | null,
): ProtocolScores {
  const res: ProtocolScores = { genuine: [], skilled: [], random: [], genuineRefPairs: [] };
  const full = isFullRule(rule) ? rule : null;
  if (full) res.verdicts = { threshold: thresholdFor(full, null, k), referBand: full.referBand, genuine: [], skilled: [], random: [], writersWithUnlike: 0 };
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
    // The evaluation's references are all of one kind (scans), as the app groups them.
    const unlike = full ? inconsistentReferences(drv, full).map((u) => u.index) : [];
    if (unlike.length) res.verdicts!.writersWithUnlike++;
    dqv.forEach((plainRow, i) => {
      const other = referencesFor?.(wi, refIdx, all[i]) ?? null;
      const row = other ? distanceMatrix(head, [all[i]], other)[0] : plainRow;
      const matrix = other ? distanceMatrix(head, other, other) : drv;
      const s = scoreQuestioned(row, other ? upperTriangle(matrix) : refPairs, rule).score;
      const kind = i < questioned.length ? 'genuine' : i < questioned.length + forged.length ? 'skilled' : 'random';
      res[kind].push(s);
      // As the app: the references unlike the others among the ones compared with.
      const u = other && full ? inconsistentReferences(matrix, full).map((x) => x.index) : unlike;
      if (full) res.verdicts![kind].push(guardedDecision(s, row, matrix, u, full).verdict);
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
