import { toStorageError } from '../storage/errors';
import type { SignatureStore } from '../storage/store';
import { planImport, type ImportMode, type ImportPlan, type LocalKeys } from './plan';
import type { BackupPayload } from './validate';

const STORES = ['customers', 'references', 'audit', 'settings'] as const;

/** Everything stored, read in one transaction (a consistent snapshot). */
export async function readEverything(store: SignatureStore): Promise<BackupPayload> {
  try {
    const tx = store.db.transaction([...STORES], 'readonly');
    const [customers, references, audit, settings] = await Promise.all([
      tx.objectStore('customers').getAll(),
      tx.objectStore('references').getAll(),
      tx.objectStore('audit').getAll(),
      tx.objectStore('settings').getAll(),
    ]);
    await tx.done;
    return { customers, references, audit, settings };
  } catch (err) {
    throw toStorageError(err, 'read the data for the backup');
  }
}

type AnyTx = { objectStore(name: string): { getAllKeys(): Promise<IDBValidKey[]>; index(n: string): { openKeyCursor(): Promise<KeyCursor | null> } } };
type KeyCursor = { key: IDBValidKey; continue(): Promise<KeyCursor | null> };

async function localKeys(tx: AnyTx): Promise<LocalKeys> {
  const [customers, references, audit] = await Promise.all(
    (['customers', 'references', 'audit'] as const).map(async (s) => new Set((await tx.objectStore(s).getAllKeys()) as string[])),
  );
  const activeReferences = new Map<string, number>();
  let cursor = await tx.objectStore('references').index('byActive').openKeyCursor();
  while (cursor) {
    const k = cursor.key as string;
    activeReferences.set(k, (activeReferences.get(k) ?? 0) + 1);
    cursor = await cursor.continue();
  }
  return { customers, references, audit, activeReferences };
}

/** What an import would do, without writing. Throws BackupError('conflict') if it would be refused. */
export async function previewImport(store: SignatureStore, payload: BackupPayload, mode: ImportMode): Promise<ImportPlan> {
  let keys: LocalKeys;
  try {
    const tx = store.db.transaction([...STORES], 'readonly');
    keys = await localKeys(tx as unknown as AnyTx);
    await tx.done;
  } catch (err) {
    throw toStorageError(err, 'read the stored data');
  }
  return planImport(keys, payload, mode);
}

/**
 * Imports in ONE transaction over every store: the plan is recomputed inside it (the data may
 * have changed since the preview), and any failure (a full disk included) aborts it, so either
 * all of the backup is imported or nothing changes.
 */
export async function applyImport(store: SignatureStore, payload: BackupPayload, mode: ImportMode): Promise<ImportPlan> {
  const tx = store.db.transaction([...STORES], 'readwrite');
  try {
    const plan = planImport(await localKeys(tx as unknown as AnyTx), payload, mode);
    if (mode === 'replace') {
      for (const s of STORES) await tx.objectStore(s).clear();
      for (const s of payload.settings) await tx.objectStore('settings').put(s);
    }
    for (const c of payload.customers) if (plan.write.customers.has(c.id)) await tx.objectStore('customers').put(c);
    for (const r of payload.references) if (plan.write.references.has(r.id)) await tx.objectStore('references').put(r);
    for (const a of payload.audit) if (plan.write.audit.has(a.id)) await tx.objectStore('audit').put(a);
    await tx.done;
    return plan;
  } catch (err) {
    tx.done.catch(() => undefined);
    try {
      tx.abort();
    } catch {
      // already finished
    }
    if (err instanceof Error && err.name === 'BackupError') throw err;
    throw toStorageError(err, 'import the backup');
  }
}
