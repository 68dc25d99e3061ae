import { describe, expect, it } from 'vitest';
import { base64ToBytes, base64ToFloat32, bytesToBase64, float32ToBase64 } from './base64';
import { canonicalJson, sha256Hex } from './canonical';
import { BackupError } from './errors';
import { BACKUP_FORMAT_VERSION, createBackupText, parseBackupText, type BackupMeta } from './format';
import { planImport } from './plan';
import { samplePayload } from '../testing/backupFixture';

const meta: BackupMeta = { createdAt: '2025-01-02T03:04:05.000Z', schemaVersion: 3, modelId: 'm', modelVersion: '1' };

async function refused(text: string, code: string): Promise<BackupError> {
  const err = await parseBackupText(text).then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(BackupError);
  expect((err as BackupError).code).toBe(code);
  expect((err as BackupError).message).toMatch(/Nothing was imported/);
  return err as BackupError;
}

describe('base64 and canonical JSON', () => {
  it('round-trips bytes and float32 bit patterns exactly', () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
    const f = Float32Array.from([0, -0, 1e-45, -1.5, NaN]);
    const back = base64ToFloat32(float32ToBase64(f));
    expect(new Uint8Array(back.buffer)).toEqual(new Uint8Array(f.buffer));
    expect(() => base64ToBytes('abc')).toThrow(RangeError);
    expect(() => base64ToBytes('ab!=')).toThrow(RangeError);
  });

  it('sorts keys, drops undefined and refuses non-finite numbers', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined })).toBe('{"a":[true,null,"x"],"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(() => canonicalJson({ a: Infinity })).toThrow(RangeError);
  });

  it('computes SHA-256', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('backup file', () => {
  it('round-trips every field, type and byte', async () => {
    const p = samplePayload();
    const text = await createBackupText(p, meta);
    const parsed = await parseBackupText(text);
    expect(parsed.payload).toEqual(p);
    expect(parsed.payload.references[0].embedding).toBeInstanceOf(Float32Array);
    expect(parsed.payload.references[0].image).toBeInstanceOf(Uint8Array);
    expect(new Uint8Array(parsed.payload.references[0].embedding.buffer)).toEqual(new Uint8Array(p.references[0].embedding.buffer));
    expect('retiredAt' in parsed.payload.references[0]).toBe(false);
    expect(parsed.summary).toMatchObject({ ...meta, formatVersion: BACKUP_FORMAT_VERSION, counts: { customers: 1, references: 2, audit: 1, settings: 2 } });
    // Deterministic: the same data gives the same file.
    expect(await createBackupText(parsed.payload, meta)).toBe(text);
  });

  it('refuses non-JSON, cut-short and foreign files', async () => {
    const text = await createBackupText(samplePayload(), meta);
    await refused('hello', 'not-json');
    await refused(text.slice(0, text.length - 10), 'not-json');
    await refused('{"format":"something-else","payload":{}}', 'foreign');
    await refused('[1,2,3]', 'foreign');
    await refused('null', 'foreign');
  });

  it('detects any change by the checksum', async () => {
    const text = await createBackupText(samplePayload(), meta);
    const file = JSON.parse(text);
    file.payload.customers[0].name = 'Eve';
    await refused(JSON.stringify(file), 'checksum');
    const file2 = JSON.parse(text);
    const img: string = file2.payload.references[0].image.$u8;
    file2.payload.references[0].image.$u8 = (img[0] === 'A' ? 'B' : 'A') + img.slice(1);
    await refused(JSON.stringify(file2), 'checksum');
    const file3 = JSON.parse(text);
    file3.counts.customers = 2;
    await refused(JSON.stringify(file3), 'checksum');
    const file4 = JSON.parse(text);
    delete file4.checksum;
    await refused(JSON.stringify(file4), 'invalid');
  });

  it('accepts re-ordered keys (canonical checksum) but refuses newer format versions', async () => {
    const text = await createBackupText(samplePayload(), meta);
    const file = JSON.parse(text);
    const reordered = JSON.stringify({ checksum: file.checksum, payload: file.payload, counts: file.counts, meta: file.meta, formatVersion: file.formatVersion, format: file.format }, null, 2);
    expect((await parseBackupText(reordered)).summary.counts.customers).toBe(1);
    file.formatVersion = BACKUP_FORMAT_VERSION + 1;
    const err = await refused(JSON.stringify(file), 'too-new');
    expect(err.message).toMatch(/newer Countersign/);
  });

  it('validates records even when the checksum matches (a well-formed but wrong file)', async () => {
    const p = samplePayload();
    p.references[0].image = new Uint8Array(3);
    await refused(await createBackupText(p, meta), 'invalid');
    const q = samplePayload();
    q.references[0].customerId = 'nobody';
    q.references[0].activeCustomerId = 'nobody';
    await refused(await createBackupText(q, meta), 'invalid');
    const r = samplePayload();
    r.customers.push({ ...r.customers[0] });
    await refused(await createBackupText(r, meta), 'invalid');
    const u = samplePayload();
    u.audit[0].unlikeReferences = [0];
    await refused(await createBackupText(u, meta), 'invalid');
    // A place beyond the record's references (it has two distances).
    u.audit[0].unlikeReferences = [3];
    await refused(await createBackupText(u, meta), 'invalid');
    const v = samplePayload();
    (v.audit[0] as { verdictOnAll: string }).verdictOnAll = 'maybe';
    await refused(await createBackupText(v, meta), 'invalid');
    // Orientation advice: a turn past a right angle, a verdict turned back that advice never gives.
    const t = samplePayload();
    t.audit[0].rotateDeg = 120;
    await refused(await createBackupText(t, meta), 'invalid');
    const tv = samplePayload();
    (tv.audit[0] as { turnedVerdict: string }).turnedVerdict = 'forged';
    await refused(await createBackupText(tv, meta), 'invalid');
    // A broader pen: the ratio is above 1 (1.5 or more as the app records it).
    const b = samplePayload();
    b.audit[0].broaderPen = 0.8;
    await refused(await createBackupText(b, meta), 'invalid');
    const ok = samplePayload();
    Object.assign(ok.audit[0], { rotateDeg: -9.7, turnedVerdict: 'genuine', broaderPen: 2.63 });
    expect((await parseBackupText(await createBackupText(ok, meta))).payload.audit[0]).toMatchObject({ rotateDeg: -9.7, turnedVerdict: 'genuine', broaderPen: 2.63 });
  });
});

describe('import plan', () => {
  const empty = { customers: new Set<string>(), references: new Set<string>(), audit: new Set<string>(), activeReferences: new Map<string, number>() };

  it('merge adds new ids and keeps stored records; replace takes everything', () => {
    const p = samplePayload();
    const local = { customers: new Set(['C-1', 'X']), references: new Set(['r1']), audit: new Set<string>(), activeReferences: new Map([['C-1', 1]]) };
    const m = planImport(local, p, 'merge');
    expect(m.customers).toEqual({ add: 0, keep: 1, remove: 0 });
    expect(m.references).toEqual({ add: 1, keep: 1, remove: 0 });
    expect(m.audit).toEqual({ add: 1, keep: 0, remove: 0 });
    expect([...m.write.references]).toEqual(['r2']);
    const r = planImport(local, p, 'replace');
    expect(r.customers).toEqual({ add: 1, keep: 0, remove: 2 });
    expect(r.settingsReplaced).toBe(true);
    expect(planImport(empty, p, 'merge').references.add).toBe(2);
  });

  it('refuses a merge that would exceed the reference limit', () => {
    const local = { ...empty, customers: new Set(['C-1']), activeReferences: new Map([['C-1', 5]]) };
    expect(() => planImport(local, samplePayload(), 'merge')).toThrow(/more than 5 active/);
    expect(planImport(local, samplePayload(), 'replace').references.add).toBe(2);
  });
});
