import type { Stroke } from '../capture/strokes';
import { openDB, type IDBPDatabase } from 'idb';
import { AuditLog } from './audit';
import { StorageError, toStorageError } from './errors';
import {
  DB_NAME,
  DB_VERSION,
  MAX_REFERENCES,
  upgradeSchema,
  type CountersignDB,
  type CustomerRecord,
  type ReferenceRecord,
  type ReferenceSource,
} from './schema';
import { matchesCustomer, normaliseCustomerInput } from './validation';

export interface CustomerSummary extends CustomerRecord {
  referenceCount: number;
}

/** A reference about to be stored (the store assigns id, customerId and createdAt). */
export interface NewReference {
  image: Uint8Array;
  width: number;
  height: number;
  embedding: Float32Array;
  modelId: string;
  modelVersion: string;
  preprocessVersion: string;
  source: ReferenceSource;
  label: string;
  strokes?: Stroke[];
}

export interface EmbeddingUpdate {
  id: string;
  embedding: Float32Array;
  modelId: string;
  modelVersion: string;
}

export interface OpenOptions {
  name?: string;
  /** Called when another tab needs a newer schema; the store closes itself first. */
  onVersionChange?: () => void;
  /**
   * Called when this upgrade waits for another tab that still has an older version open. The
   * open completes by itself once that tab closes (or reloads).
   */
  onBlocked?: () => void;
  /** Called when the browser closed the connection abnormally (e.g. the storage was cleared). */
  onTerminated?: () => void;
}

function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Customers, their reference signatures and app settings in IndexedDB. Every write runs in one
 * transaction that is aborted on any failure, so a refused or failed operation stores nothing.
 * All errors are StorageError with a message for the teller.
 */
export class SignatureStore {
  /** @internal The open connection, for the sibling modules of this folder (audit, backup). */
  private constructor(readonly db: IDBPDatabase<CountersignDB>) {
    this.audit = new AuditLog(db);
  }

  /** The verification audit log. */
  readonly audit: AuditLog;

  static async open(opts: OpenOptions = {}): Promise<SignatureStore> {
    if (typeof indexedDB === 'undefined') {
      throw new StorageError('unavailable', 'This browser has no IndexedDB: enrolled customers cannot be stored. Use a current browser outside private mode.');
    }
    let store: SignatureStore | undefined;
    try {
      const db = await openDB<CountersignDB>(opts.name ?? DB_NAME, DB_VERSION, {
        upgrade: (db, oldVersion, newVersion, tx) => upgradeSchema(db, oldVersion, newVersion ?? DB_VERSION, tx),
        blocked: () => opts.onBlocked?.(),
        blocking: () => {
          store?.close();
          opts.onVersionChange?.();
        },
        terminated: () => opts.onTerminated?.(),
      });
      store = new SignatureStore(db);
      return store;
    } catch (err) {
      throw toStorageError(err, 'open the local database');
    }
  }

  close(): void {
    this.db.close();
  }

  get schemaVersion(): number {
    return this.db.version;
  }

  // ----- customers -----

  async listCustomers(query = ''): Promise<CustomerSummary[]> {
    try {
      const tx = this.db.transaction(['customers', 'references'], 'readonly');
      const customers = await tx.objectStore('customers').index('byName').getAll();
      const counts = new Map<string, number>();
      let cursor = await tx.objectStore('references').index('byActive').openKeyCursor();
      while (cursor) {
        counts.set(cursor.key, (counts.get(cursor.key) ?? 0) + 1);
        cursor = await cursor.continue();
      }
      await tx.done;
      return customers.filter((c) => matchesCustomer(c, query)).map((c) => ({ ...c, referenceCount: counts.get(c.id) ?? 0 }));
    } catch (err) {
      throw toStorageError(err, 'read the customer list');
    }
  }

  async getCustomer(id: string): Promise<CustomerRecord | undefined> {
    try {
      return await this.db.get('customers', id);
    } catch (err) {
      throw toStorageError(err, 'read the customer');
    }
  }

  async createCustomer(input: { id: string; name: string }): Promise<CustomerRecord> {
    const { id, name } = normaliseCustomerInput(input);
    const record: CustomerRecord = { id, name, nameKey: name.toLowerCase(), createdAt: Date.now() };
    const tx = this.db.transaction('customers', 'readwrite');
    try {
      const existing = await tx.store.get(id);
      if (existing) throw duplicate(existing);
      await tx.store.add(record);
      await tx.done;
      return record;
    } catch (err) {
      abortQuietly(tx);
      if (errorName(err) === 'ConstraintError') throw duplicate({ id, name: '' });
      throw toStorageError(err, 'create the customer');
    }
  }

  /** Renames a customer (the id stays). */
  async renameCustomer(id: string, newName: string): Promise<CustomerRecord> {
    const { name } = normaliseCustomerInput({ id, name: newName });
    const tx = this.db.transaction('customers', 'readwrite');
    try {
      const existing = await tx.store.get(id);
      if (!existing) throw new StorageError('unknown-customer', `There is no customer with id "${id}".`);
      const record = { ...existing, name, nameKey: name.toLowerCase() };
      await tx.store.put(record);
      await tx.done;
      return record;
    } catch (err) {
      abortQuietly(tx);
      throw toStorageError(err, 'rename the customer');
    }
  }

  /** Deletes a customer and all their references (their audit records are kept). */
  async deleteCustomer(id: string): Promise<void> {
    const tx = this.db.transaction(['customers', 'references'], 'readwrite');
    try {
      const refs = tx.objectStore('references');
      const keys = await refs.index('byCustomer').getAllKeys(id);
      for (const k of keys) await refs.delete(k);
      await tx.objectStore('customers').delete(id);
      await tx.done;
    } catch (err) {
      abortQuietly(tx);
      throw toStorageError(err, 'delete the customer');
    }
  }

  // ----- references -----

  async listReferences(customerId: string): Promise<ReferenceRecord[]> {
    try {
      const refs = await this.db.getAllFromIndex('references', 'byCustomer', customerId);
      return refs.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    } catch (err) {
      throw toStorageError(err, 'read the reference signatures');
    }
  }

  /** Active references, oldest first (what verification compares with). */
  async listActiveReferences(customerId: string): Promise<ReferenceRecord[]> {
    return (await this.listReferences(customerId)).filter((r) => r.retiredAt === undefined);
  }

  /** Number of active references of a customer. */
  async countReferences(customerId: string): Promise<number> {
    try {
      return await this.db.countFromIndex('references', 'byActive', customerId);
    } catch (err) {
      throw toStorageError(err, 'count the reference signatures');
    }
  }

  /**
   * Adds references to a customer, all or none: refused when the customer does not exist or
   * would end up with more than MAX_REFERENCES.
   */
  async addReferences(customerId: string, items: readonly NewReference[]): Promise<ReferenceRecord[]> {
    if (items.length === 0) return [];
    for (const item of items) validateReference(item);
    const tx = this.db.transaction(['customers', 'references'], 'readwrite');
    try {
      const customer = await tx.objectStore('customers').get(customerId);
      if (!customer) throw new StorageError('unknown-customer', `There is no customer with id "${customerId}".`);
      const refs = tx.objectStore('references');
      const have = await refs.index('byActive').count(customerId);
      if (have + items.length > MAX_REFERENCES) throw tooMany(customer, have, items.length);
      const now = Date.now();
      const records: ReferenceRecord[] = items.map((item, i) => ({
        ...item,
        id: newId(),
        customerId,
        activeCustomerId: customerId,
        createdAt: now + i,
      }));
      for (const r of records) await refs.add(r);
      await tx.done;
      return records;
    } catch (err) {
      abortQuietly(tx);
      throw toStorageError(err, 'save the reference signatures');
    }
  }

  /**
   * Throws the same 'too-many-references' / 'unknown-customer' error addReferences would, without
   * writing: lets callers refuse before doing expensive work. addReferences checks again.
   */
  async assertRoomFor(customerId: string, adding: number): Promise<void> {
    let customer: CustomerRecord | undefined;
    let have: number;
    try {
      customer = await this.db.get('customers', customerId);
      have = await this.db.countFromIndex('references', 'byActive', customerId);
    } catch (err) {
      throw toStorageError(err, 'check the reference count');
    }
    if (!customer) throw new StorageError('unknown-customer', `There is no customer with id "${customerId}".`);
    if (have + adding > MAX_REFERENCES) throw tooMany(customer, have, adding);
  }

  async removeReference(referenceId: string): Promise<void> {
    try {
      await this.db.delete('references', referenceId);
    } catch (err) {
      throw toStorageError(err, 'remove the reference signature');
    }
  }

  /**
   * Retires a reference: it stays stored (with its date) for the record but is no longer
   * compared with, and frees a place for a new one.
   */
  async retireReference(referenceId: string): Promise<ReferenceRecord> {
    const tx = this.db.transaction('references', 'readwrite');
    try {
      const r = await tx.store.get(referenceId);
      if (!r) throw new StorageError('invalid-reference', 'That reference signature no longer exists.');
      const { activeCustomerId: _drop, ...rest } = r;
      void _drop;
      const retired: ReferenceRecord = { ...rest, retiredAt: r.retiredAt ?? Date.now() };
      await tx.store.put(retired);
      await tx.done;
      return retired;
    } catch (err) {
      abortQuietly(tx);
      throw toStorageError(err, 'retire the reference signature');
    }
  }

  /** References whose embedding was not made by the given model. */
  async referencesNotFrom(modelId: string, modelVersion: string): Promise<ReferenceRecord[]> {
    const ids = await this.staleReferenceIds(modelId, modelVersion);
    return this.getReferences(ids);
  }

  /** Ids of references whose embedding was not made by the given model (reads keys only). */
  async staleReferenceIds(modelId: string, modelVersion: string): Promise<string[]> {
    try {
      const tx = this.db.transaction('references', 'readonly');
      const current = new Set(await tx.store.index('byModel').getAllKeys(IDBKeyRange.only([modelId, modelVersion])));
      const all = await tx.store.getAllKeys();
      await tx.done;
      return all.filter((k) => !current.has(k));
    } catch (err) {
      throw toStorageError(err, 'read the reference signatures');
    }
  }

  /** The references with the given ids that still exist, in the order given. */
  async getReferences(ids: readonly string[]): Promise<ReferenceRecord[]> {
    try {
      const tx = this.db.transaction('references', 'readonly');
      const found = await Promise.all(ids.map((id) => tx.store.get(id)));
      await tx.done;
      return found.filter((r): r is ReferenceRecord => r !== undefined);
    } catch (err) {
      throw toStorageError(err, 'read the reference signatures');
    }
  }

  /**
   * Replaces embeddings (after a model change), all or none. With skipMissing, references
   * deleted meanwhile are skipped instead of failing the batch.
   */
  async updateEmbeddings(updates: readonly EmbeddingUpdate[], opts: { skipMissing?: boolean } = {}): Promise<void> {
    if (updates.length === 0) return;
    const tx = this.db.transaction('references', 'readwrite');
    try {
      for (const u of updates) {
        const r = await tx.store.get(u.id);
        if (!r) {
          if (opts.skipMissing) continue;
          throw new StorageError('invalid-reference', 'A reference signature disappeared while it was being updated.');
        }
        await tx.store.put({ ...r, embedding: u.embedding, modelId: u.modelId, modelVersion: u.modelVersion });
      }
      await tx.done;
    } catch (err) {
      abortQuietly(tx);
      throw toStorageError(err, 'update the reference embeddings');
    }
  }

  // ----- settings -----

  async getSetting<T>(key: string, fallback: T): Promise<T> {
    try {
      const rec = await this.db.get('settings', key);
      return rec === undefined ? fallback : (rec.value as T);
    } catch (err) {
      throw toStorageError(err, 'read the settings');
    }
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    try {
      await this.db.put('settings', { key, value });
    } catch (err) {
      throw toStorageError(err, 'save the settings');
    }
  }
}

function validateReference(r: NewReference): void {
  if (!(r.image instanceof Uint8Array) || r.image.length !== r.width * r.height || r.width <= 0 || r.height <= 0) {
    throw new StorageError('invalid-reference', 'The reference image has the wrong size; nothing was saved.');
  }
  if (!(r.embedding instanceof Float32Array) || r.embedding.length === 0 || !r.embedding.every(Number.isFinite)) {
    throw new StorageError('invalid-reference', 'The reference embedding is missing or not finite; nothing was saved.');
  }
}

function duplicate(existing: { id: string; name: string }): StorageError {
  const who = existing.name ? ` (${existing.name})` : '';
  return new StorageError(
    'duplicate-customer',
    `A customer with id "${existing.id}"${who} already exists. Choose another id, or pick the existing customer to add references.`,
  );
}

function tooMany(customer: CustomerRecord, have: number, adding: number): StorageError {
  const room = MAX_REFERENCES - have;
  const tail =
    room <= 0
      ? 'Remove one before adding another.'
      : `Only ${room} more can be added; choose at most ${room} image${room === 1 ? '' : 's'}.`;
  return new StorageError(
    'too-many-references',
    `${customer.name} (${customer.id}) already has ${have} of at most ${MAX_REFERENCES} reference signatures; adding ${adding} would exceed the limit. ${tail}`,
  );
}

function errorName(err: unknown): string {
  return err && typeof err === 'object' && 'name' in err ? String((err as { name: unknown }).name) : '';
}

function abortQuietly(tx: { abort(): void; done: Promise<void> }): void {
  tx.done.catch(() => undefined);
  try {
    tx.abort();
  } catch {
    // already finished or aborted
  }
}
