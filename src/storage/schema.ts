import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';

/**
 * IndexedDB schema of the app. Every change bumps DB_VERSION and adds one step to MIGRATIONS;
 * the upgrade runs each step from the stored version up to the current one, so a browser that
 * last ran any older release is brought forward without losing data.
 *
 * v1: customers (key id), references (key id, index byCustomer), settings (key key).
 * v2: customers get `nameKey` (lower-case name, backfilled) with index byName for search and
 *     sorting; references get index byModel [modelId, modelVersion] to find references that
 *     must be re-embedded after a model change.
 */
export const DB_NAME = 'countersign';
export const DB_VERSION = 2;

/** Most reference signatures one customer may have. */
export const MAX_REFERENCES = 5;

export interface CustomerRecord {
  id: string;
  name: string;
  /** Lower-case name (v2). */
  nameKey: string;
  createdAt: number;
}

export type ReferenceSource = 'pad' | 'file' | 'drop' | 'paste';

export interface ReferenceRecord {
  id: string;
  customerId: string;
  /** The normalised model input (height x width, row-major), ink bright, 0..255. */
  image: Uint8Array;
  width: number;
  height: number;
  /** Embedding of `image` by model modelId@modelVersion. */
  embedding: Float32Array;
  modelId: string;
  modelVersion: string;
  preprocessVersion: string;
  source: ReferenceSource;
  /** Original file name, or "drawing". */
  label: string;
  createdAt: number;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

export interface CountersignDB extends DBSchema {
  customers: { key: string; value: CustomerRecord; indexes: { byName: string } };
  references: { key: string; value: ReferenceRecord; indexes: { byCustomer: string; byModel: [string, string] } };
  settings: { key: string; value: SettingRecord };
}

type UpgradeTx = IDBPTransaction<CountersignDB, StoreNames<CountersignDB>[], 'versionchange'>;
type Migration = (db: IDBPDatabase<CountersignDB>, tx: UpgradeTx) => void;

// Untyped view for steps that describe an older shape than CountersignDB.
type AnyDb = IDBPDatabase<unknown>;

/** Step to v1. Exported so tests can build a v1 database exactly as release 1 did. */
export const migrateToV1 = (db: IDBPDatabase<unknown>): void => {
  (db as AnyDb).createObjectStore('customers', { keyPath: 'id' });
  const refs = (db as AnyDb).createObjectStore('references', { keyPath: 'id' });
  refs.createIndex('byCustomer', 'customerId');
  (db as AnyDb).createObjectStore('settings', { keyPath: 'key' });
};

const migrateToV2: Migration = (_db, tx) => {
  const customers = tx.objectStore('customers');
  customers.createIndex('byName', 'nameKey');
  tx.objectStore('references').createIndex('byModel', ['modelId', 'modelVersion']);
  // Backfill nameKey. Requests queue on the upgrade transaction, which stays open until done.
  void customers.openCursor().then(function step(cursor): Promise<void> | void {
    if (!cursor) return;
    const c = cursor.value;
    if (c.nameKey !== String(c.name ?? '').toLowerCase()) void cursor.update({ ...c, nameKey: String(c.name ?? '').toLowerCase() });
    return cursor.continue().then(step);
  });
};

/** MIGRATIONS[v - 1] upgrades a database from version v - 1 to v. */
const MIGRATIONS: Migration[] = [(db) => migrateToV1(db as IDBPDatabase<unknown>), migrateToV2];

export function upgradeSchema(db: IDBPDatabase<CountersignDB>, oldVersion: number, newVersion: number, tx: UpgradeTx): void {
  for (let v = oldVersion + 1; v <= newVersion; v++) {
    const step = MIGRATIONS[v - 1];
    if (!step) throw new Error(`no migration to schema version ${v}`);
    step(db, tx);
  }
}

if (MIGRATIONS.length !== DB_VERSION) throw new Error('DB_VERSION and MIGRATIONS disagree');
