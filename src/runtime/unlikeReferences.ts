/**
 * A customer's references that look unlike their others (verification/consistency.ts), as the app
 * names and marks them, and as verification guards against them (verification/referenceDependence.ts).
 */
import type { ReferenceRecord } from '../storage';
import { inconsistentReferences } from '../verification/consistency';
import { submatrix } from '../verification/decision';

/** A reference that the customer's other references of its kind would be far from accepting (unlikeReferences). */
export interface UnlikeReference {
  id: string;
  /** Its place in the customer's reference list, from 1. */
  position: number;
  label: string;
  kind: 'drawn' | 'scanned';
  /** The places of the references it was compared with. */
  others: number[];
  score: number;
  limit: number;
}

/** FNV-1a over an embedding's bytes: two stored embeddings that differ give different keys. */
export function embeddingChecksum(e: Float32Array): string {
  const bytes = new Uint8Array(e.buffer, e.byteOffset, e.byteLength);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return (h >>> 0).toString(36);
}

/**
 * The references unlike the others of their kind: drawn among drawn, scanned among scanned (a pad's pen
 * alone makes a drawing look unlike scans). `matrix`: the references' pairwise distances, in `refs`' order;
 * positions from 1 in that order.
 */
export function unlikeAmong(refs: readonly ReferenceRecord[], matrix: readonly (readonly number[])[], rule: Parameters<typeof inconsistentReferences>[1]): UnlikeReference[] {
  const out: UnlikeReference[] = [];
  for (const drawn of [false, true]) {
    const group = refs.flatMap((r, i) => ((r.source === 'pad') === drawn ? [i] : []));
    if (group.length < 2) continue;
    for (const f of inconsistentReferences(submatrix(matrix, group), rule)) {
      const i = group[f.index];
      out.push({ id: refs[i].id, position: i + 1, label: refs[i].label, kind: drawn ? 'drawn' : 'scanned', others: group.map((j) => j + 1).filter((j) => j !== i + 1), score: f.score, limit: f.limit });
    }
  }
  return out.sort((a, b) => a.position - b.position);
}
