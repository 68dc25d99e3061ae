import type { Stroke } from '../capture/strokes';
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
 * v3: audit store (key id, indexes byTime and byCustomer [customerId, time]): one record per
 *     verification. References may carry `retiredAt` (kept, but no longer compared with) and
 *     get `activeCustomerId` (backfilled; absent once retired) with index byActive.
 */
export const DB_NAME = 'countersign';
export const DB_VERSION = 3;

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
  /** For a drawing: the pen strokes with pressure and timing (x, y in pad units, t in ms), as evidence. */
  strokes?: Stroke[];
  createdAt: number;
  /** Set when the teller retired the reference: kept for the record, never compared with. */
  retiredAt?: number;
  /** customerId while the reference is active, absent once retired (v3; index byActive). */
  activeCustomerId?: string;
}

/** One verification, as recorded in the audit log. */
export interface AuditRecord {
  id: string;
  time: number;
  customerId: string;
  /** The customer's name at the time of the verification. */
  customerName: string;
  verdict: 'genuine' | 'forged' | 'refer';
  score: number;
  threshold: number;
  referBand: number;
  operatingPoint: string | null;
  /** Distance to each active reference, in reference order. */
  distances: number[];
  referenceIds: string[];
  modelId: string;
  modelVersion: string;
  backend: string;
  /** 'teller' or 'kiosk'. */
  channel: 'teller' | 'kiosk';
  /** The questioned signature's normalised raster (height x width, ink bright). */
  thumbnail: Uint8Array;
  width: number;
  height: number;
  note: string;
  /**
   * Pen matching: the questioned signature came from the other domain than the references (drawn
   * vs scanned) and was redrawn with this pen width (model-input pixels) before comparing.
   */
  penWidth?: number;
  /**
   * Orientation advice: the questioned signature was rejected at another angle than its references, and turned by
   * this many degrees (clockwise positive) to their orientation it would have been `turnedVerdict` instead. The
   * verdict stands; the teller was told to straighten the page if it was askew and verify again.
   */
  rotateDeg?: number;
  turnedVerdict?: 'genuine' | 'refer';
  /**
   * A broader pen: the questioned signature's stroke width was this many times its references' mean (above 1.5 as
   * the app records it; a backup is checked for above 1),
   * and the references were broadened to its pen before comparing (preprocessing/penBroadening.ts).
   */
  broaderPen?: number;
  /**
   * References (places in the list, from 1) unlike the customer's others at the time, and the verdict on
   * all references: `verdict` is 'refer' where it changed without them (verification/referenceDependence.ts).
   */
  unlikeReferences?: number[];
  verdictOnAll?: 'genuine' | 'forged' | 'refer';
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

export interface CountersignDB extends DBSchema {
  customers: { key: string; value: CustomerRecord; indexes: { byName: string } };
  references: { key: string; value: ReferenceRecord; indexes: { byCustomer: string; byModel: [string, string]; byActive: string } };
  settings: { key: string; value: SettingRecord };
  audit: { key: string; value: AuditRecord; indexes: { byTime: number; byCustomer: [string, number] } };
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

const migrateToV3: Migration = (db, tx) => {
  const audit = db.createObjectStore('audit', { keyPath: 'id' });
  audit.createIndex('byTime', 'time');
  audit.createIndex('byCustomer', ['customerId', 'time']);
  const refs = tx.objectStore('references');
  refs.createIndex('byActive', 'activeCustomerId');
  // Every reference of an older release is active: backfill activeCustomerId.
  void refs.openCursor().then(function step(cursor): Promise<void> | void {
    if (!cursor) return;
    const r = cursor.value;
    if (r.retiredAt === undefined && r.activeCustomerId !== r.customerId) void cursor.update({ ...r, activeCustomerId: r.customerId });
    return cursor.continue().then(step);
  });
};

/** MIGRATIONS[v - 1] upgrades a database from version v - 1 to v. */
const MIGRATIONS: Migration[] = [(db) => migrateToV1(db as IDBPDatabase<unknown>), migrateToV2, migrateToV3];

export function upgradeSchema(db: IDBPDatabase<CountersignDB>, oldVersion: number, newVersion: number, tx: UpgradeTx): void {
  for (let v = oldVersion + 1; v <= newVersion; v++) {
    const step = MIGRATIONS[v - 1];
    if (!step) throw new Error(`no migration to schema version ${v}`);
    step(db, tx);
  }
}

if (MIGRATIONS.length !== DB_VERSION) throw new Error('DB_VERSION and MIGRATIONS disagree');
