import type { AuditRecord, CustomerRecord, ReferenceRecord, SettingRecord } from '../storage/schema';
import { normaliseCustomerInput } from '../storage/validation';
import { BackupError } from './errors';

export interface BackupPayload {
  customers: CustomerRecord[];
  references: ReferenceRecord[];
  audit: AuditRecord[];
  settings: SettingRecord[];
}

type Obj = Record<string, unknown>;

function fail(what: string, i: number, why: string): never {
  throw new BackupError('invalid', `The backup is damaged: ${what} ${i + 1} ${why}. Nothing was imported.`);
}
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v);
const str = (o: Obj, k: string) => typeof o[k] === 'string';
const num = (o: Obj, k: string) => typeof o[k] === 'number' && Number.isFinite(o[k] as number);

function customer(v: unknown, i: number): CustomerRecord {
  if (!isObj(v) || !str(v, 'id') || !str(v, 'name') || !str(v, 'nameKey') || !num(v, 'createdAt')) fail('customer', i, 'lacks id, name or date');
  try {
    normaliseCustomerInput({ id: v.id as string, name: v.name as string });
  } catch (err) {
    fail('customer', i, `("${String(v.id)}") is not valid: ${(err as Error).message}`);
  }
  return v as unknown as CustomerRecord;
}

function reference(v: unknown, i: number): ReferenceRecord {
  if (!isObj(v) || !str(v, 'id') || !str(v, 'customerId') || !num(v, 'width') || !num(v, 'height') || !num(v, 'createdAt')) {
    fail('reference', i, 'lacks id, customer, size or date');
  }
  if (!(v.image instanceof Uint8Array) || v.image.length !== (v.width as number) * (v.height as number)) fail('reference', i, 'has an image of the wrong size');
  if (!(v.embedding instanceof Float32Array) || v.embedding.length === 0 || !v.embedding.every(Number.isFinite)) fail('reference', i, 'has a missing or non-finite embedding');
  for (const k of ['modelId', 'modelVersion', 'preprocessVersion', 'source', 'label']) if (!str(v, k)) fail('reference', i, `lacks ${k}`);
  if (v.retiredAt !== undefined && !num(v, 'retiredAt')) fail('reference', i, 'has a bad retirement date');
  if (v.activeCustomerId !== undefined && v.activeCustomerId !== v.customerId) fail('reference', i, 'is active for another customer');
  return v as unknown as ReferenceRecord;
}

function audit(v: unknown, i: number): AuditRecord {
  if (!isObj(v) || !str(v, 'id') || !num(v, 'time') || !str(v, 'customerId') || !str(v, 'customerName')) fail('audit record', i, 'lacks id, time or customer');
  if (!['genuine', 'forged', 'refer'].includes(v.verdict as string)) fail('audit record', i, 'has an unknown verdict');
  for (const k of ['score', 'threshold', 'referBand', 'width', 'height']) if (!num(v, k)) fail('audit record', i, `lacks ${k}`);
  if (!Array.isArray(v.distances) || !v.distances.every((d) => typeof d === 'number')) fail('audit record', i, 'has bad distances');
  if (!(v.thumbnail instanceof Uint8Array) || v.thumbnail.length !== (v.width as number) * (v.height as number)) fail('audit record', i, 'has a thumbnail of the wrong size');
  if (!str(v, 'note')) fail('audit record', i, 'lacks the note');
  if (v.penWidth !== undefined && !(num(v, 'penWidth') && (v.penWidth as number) > 0)) fail('audit record', i, 'has a bad pen width');
  if (v.rotateDeg !== undefined && !(num(v, 'rotateDeg') && Math.abs(v.rotateDeg as number) <= 90)) fail('audit record', i, 'has a bad turn');
  if (v.broaderPen !== undefined && !(num(v, 'broaderPen') && (v.broaderPen as number) > 1)) fail('audit record', i, 'has a bad broader-pen ratio');
  if (v.turnedVerdict !== undefined && !['genuine', 'refer'].includes(v.turnedVerdict as string)) fail('audit record', i, 'has an unknown verdict turned');
  if (v.unlikeReferences !== undefined && !(Array.isArray(v.unlikeReferences) && v.unlikeReferences.every((p) => Number.isInteger(p) && p >= 1 && p <= (v.distances as number[]).length))) {
    fail('audit record', i, 'has bad unlike references');
  }
  if (v.verdictOnAll !== undefined && !['genuine', 'forged', 'refer'].includes(v.verdictOnAll as string)) fail('audit record', i, 'has an unknown verdict on all references');
  return v as unknown as AuditRecord;
}

function setting(v: unknown, i: number): SettingRecord {
  if (!isObj(v) || !str(v, 'key') || !('value' in v)) fail('setting', i, 'lacks key or value');
  return v as unknown as SettingRecord;
}

function uniqueIds(list: { id?: string; key?: string }[], what: string): void {
  const seen = new Set<string>();
  for (const r of list) {
    const k = (r.id ?? r.key) as string;
    if (seen.has(k)) throw new BackupError('invalid', `The backup is damaged: ${what} "${k}" appears twice. Nothing was imported.`);
    seen.add(k);
  }
}

/** Checks a decoded payload record by record; throws BackupError('invalid') naming the first problem. */
export function validatePayload(p: unknown): BackupPayload {
  if (!isObj(p)) throw new BackupError('invalid', 'The backup has no data section. Nothing was imported.');
  for (const k of ['customers', 'references', 'audit', 'settings']) {
    if (!Array.isArray(p[k])) throw new BackupError('invalid', `The backup is damaged: the "${k}" list is missing. Nothing was imported.`);
  }
  const out: BackupPayload = {
    customers: (p.customers as unknown[]).map(customer),
    references: (p.references as unknown[]).map(reference),
    audit: (p.audit as unknown[]).map(audit),
    settings: (p.settings as unknown[]).map(setting),
  };
  uniqueIds(out.customers, 'customer');
  uniqueIds(out.references, 'reference');
  uniqueIds(out.audit, 'audit record');
  uniqueIds(out.settings, 'setting');
  const ids = new Set(out.customers.map((c) => c.id));
  const orphan = out.references.find((r) => !ids.has(r.customerId));
  if (orphan) throw new BackupError('invalid', `The backup is damaged: reference ${orphan.id} belongs to customer "${orphan.customerId}", who is not in the backup. Nothing was imported.`);
  return out;
}
