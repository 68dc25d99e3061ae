import type { IDBPDatabase } from 'idb';
import { StorageError, toStorageError } from './errors';
import type { AuditRecord, CountersignDB } from './schema';

export const AUDIT_NOTE_MAX = 500;

export type NewAuditRecord = Omit<AuditRecord, 'id' | 'note'> & { note?: string };

export interface AuditQuery {
  /** Only this customer's verifications. */
  customerId?: string;
  /** Newest first; at most this many (default 100). */
  limit?: number;
  /** Only records older than this time (for paging back). */
  before?: number;
  /**
   * With `before`: the id of the last record already shown. Records of the same millisecond are
   * then continued after it instead of skipped (ids order records within a millisecond).
   */
  beforeId?: string;
}

function newAuditId(time: number): string {
  const rnd = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID().slice(0, 8) : Math.random().toString(36).slice(2, 10);
  return `${time.toString(36).padStart(9, '0')}-${rnd}`;
}

/** Normalises a teller note: trimmed, single spaces per line, at most AUDIT_NOTE_MAX characters. */
export function normaliseNote(note: string): string {
  const n = (note ?? '').replace(/\r\n?/g, '\n').trim();
  if (n.length > AUDIT_NOTE_MAX) throw new StorageError('failed', `The note is too long (${n.length} characters, at most ${AUDIT_NOTE_MAX}). Nothing was saved.`);
  return n;
}

/** The audit log: one record per verification, never edited except for the teller's note. */
export class AuditLog {
  constructor(private readonly db: IDBPDatabase<CountersignDB>) {}

  async add(input: NewAuditRecord): Promise<AuditRecord> {
    const record: AuditRecord = { ...input, id: newAuditId(input.time), note: normaliseNote(input.note ?? '') };
    try {
      await this.db.add('audit', record);
      return record;
    } catch (err) {
      throw toStorageError(err, 'record the verification in the audit log');
    }
  }

  async setNote(id: string, note: string): Promise<AuditRecord> {
    const text = normaliseNote(note);
    const tx = this.db.transaction('audit', 'readwrite');
    try {
      const r = await tx.store.get(id);
      if (!r) throw new StorageError('failed', 'That audit record no longer exists.');
      const updated = { ...r, note: text };
      await tx.store.put(updated);
      await tx.done;
      return updated;
    } catch (err) {
      tx.done.catch(() => undefined);
      try {
        tx.abort();
      } catch {
        // finished
      }
      throw toStorageError(err, 'save the note');
    }
  }

  /** Newest first. */
  async list(q: AuditQuery = {}): Promise<AuditRecord[]> {
    const limit = q.limit ?? 100;
    const before = q.before ?? Infinity;
    try {
      const out: AuditRecord[] = [];
      // With beforeId the bound includes `before`, and records of that millisecond at or after
      // beforeId (already shown: the cursor runs newest first, ties by descending id) are skipped.
      const open = q.beforeId === undefined;
      const range = q.customerId
        ? IDBKeyRange.bound([q.customerId, -Infinity], [q.customerId, before], false, open)
        : before === Infinity
          ? undefined
          : IDBKeyRange.upperBound(before, open);
      const tx = this.db.transaction('audit', 'readonly');
      const index = q.customerId ? tx.store.index('byCustomer') : tx.store.index('byTime');
      let cursor = await index.openCursor(range as IDBKeyRange | undefined, 'prev');
      while (cursor && out.length < limit) {
        const seen = !open && cursor.value.time === before && cursor.value.id >= (q.beforeId as string);
        if (!seen) out.push(cursor.value);
        cursor = await cursor.continue();
      }
      await tx.done;
      return out;
    } catch (err) {
      throw toStorageError(err, 'read the audit log');
    }
  }

  async count(customerId?: string): Promise<number> {
    try {
      if (!customerId) return await this.db.count('audit');
      return await this.db.countFromIndex('audit', 'byCustomer', IDBKeyRange.bound([customerId, -Infinity], [customerId, Infinity]));
    } catch (err) {
      throw toStorageError(err, 'read the audit log');
    }
  }

  /** Every record, oldest first. */
  async all(): Promise<AuditRecord[]> {
    try {
      return await this.db.getAllFromIndex('audit', 'byTime');
    } catch (err) {
      throw toStorageError(err, 'read the audit log');
    }
  }
}
