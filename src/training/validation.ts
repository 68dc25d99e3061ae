import type { DistanceHead } from '../model/distanceHead';
import type { WriterRasters } from './data/imageStore';
import { protocolScores, withinWriterDistances, type WriterEmbeddings } from './evaluation/protocol';
import { summarize } from './evaluation/summarize';

/** Flattens writers' rasters into one buffer, remembering where each image lives. */
export function flattenRasters(writers: WriterRasters[], hw: number): { images: Float32Array; n: number } {
  const n = writers.reduce((s, w) => s + w.genuine.length + w.forged.length, 0);
  const images = new Float32Array(n * hw);
  let o = 0;
  for (const w of writers) for (const r of [...w.genuine, ...w.forged]) images.set(r, o++ * hw);
  return { images, n };
}

/** Splits a flat [n*d] embedding buffer back into writers (same order as flattenRasters). */
export function regroup(writers: WriterRasters[], emb: Float32Array, d: number): WriterEmbeddings[] {
  let o = 0;
  const take = () => emb.slice(o * d, ++o * d);
  return writers.map((w) => ({ id: w.id, genuine: w.genuine.map(take), forged: w.forged.map(take) }));
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Skilled and random EER at 5 references with the normalised-min score (validation during training). */
export function validationEer(writers: WriterEmbeddings[], head: DistanceHead, k = 5): { skilled: number; random: number } {
  const globalScale = median(withinWriterDistances(writers, head));
  const s = summarize(protocolScores(writers, k, head, { aggregate: 'min', globalScale, priorWeight: 3 }), 1);
  return { skilled: s.skilled.eer, random: s.random.eer };
}
