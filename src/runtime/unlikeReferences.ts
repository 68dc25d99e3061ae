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

/**
 * What the teller is told after an enrolment that added `addedIds` to `refs` (the active references, `matrix` their
 * pairwise distances): unlikeAmong's references among those just added, and older ones that were not unlike before
 * it. A reference the teller was told about and kept is not named again at every later enrolment (its mark in the
 * lists stays). A pair of its kind (both flagged, as a two-reference check is symmetric) gets one note, and only when
 * one of the two was just added: an enrolment that adds references of the other kind only leaves the same pair.
 */
export function enrolmentNotes(
  refs: readonly ReferenceRecord[],
  matrix: readonly (readonly number[])[],
  rule: Parameters<typeof inconsistentReferences>[1],
  addedIds: ReadonlySet<string>,
): string[] {
  const unlike = unlikeAmong(refs, matrix, rule);
  const old = refs.flatMap((r, i) => (addedIds.has(r.id) ? [] : [i]));
  // Named alone before (a pair's note did not say which of the two is unlike).
  const before = new Set(unlikeAmong(old.map((i) => refs[i]), submatrix(matrix, old), rule).filter((u) => u.others.length > 1).map((u) => u.id));
  const why = "A reference by someone else makes forgeries easier to accept: check that it is this customer's signature, and remove it if not (until then, a verdict that depends on it is referred).";
  const name = (u: UnlikeReference) => `${u.position} ("${u.label}")`;
  const notes: string[] = [];
  for (const u of unlike) {
    if (u.others.length === 1) {
      const other = unlike.find((x) => x.position === u.others[0]);
      if (other && other.position < u.position) continue;
      if (!addedIds.has(u.id) && !(other && addedIds.has(other.id))) continue;
      notes.push(`References ${name(u)} and ${other ? name(other) : u.others[0]} look unlike each other (score ${u.score.toFixed(2)}, limit ${u.limit.toFixed(2)}). ${why}`);
    } else if (!before.has(u.id)) {
      notes.push(`Reference ${name(u)} looks unlike this customer's other ${u.others.length} ${u.kind} references (score ${u.score.toFixed(2)} against them, limit ${u.limit.toFixed(2)}). ${why}`);
    }
  }
  return notes;
}
