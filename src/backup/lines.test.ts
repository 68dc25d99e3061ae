import { describe, expect, it } from 'vitest';
import { samplePayload } from '../testing/backupFixture';
import { BackupError } from './errors';
import { createBackupText, type BackupMeta } from './format';
import { createBackupBlob, LINES_FORMAT_VERSION, parseBackupBlob } from './lines';
import type { BackupPayload } from './validate';

const meta: BackupMeta = { createdAt: '2025-01-02T03:04:05.000Z', schemaVersion: 3, modelId: 'm', modelVersion: '1' };
const blob = (text: string) => new Blob([text]);

async function refused(text: string | Blob, code: string): Promise<BackupError> {
  const err = await parseBackupBlob(typeof text === 'string' ? blob(text) : text).then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(BackupError);
  expect((err as BackupError).code).toBe(code);
  expect((err as BackupError).message).toMatch(/Nothing was imported/);
  return err as BackupError;
}

describe('backup format 2 (one record per line)', () => {
  it('round-trips every field, type and byte, pen strokes included, and is deterministic', async () => {
    const p = samplePayload();
    const file = await createBackupBlob(p, meta);
    const text = await file.text();
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 1 + 2 + 1 + 2 + 1); // header, records, checksum
    expect(JSON.parse(lines[0])).toMatchObject({ format: 'countersign-backup', formatVersion: LINES_FORMAT_VERSION });
    const parsed = await parseBackupBlob(file);
    expect(parsed.payload).toEqual(p);
    expect(parsed.payload.references[1].strokes?.[0].points[1]).toEqual({ x: 9, y: 4.25, pressure: 0.7, t: 16.5 });
    expect(parsed.payload.references[0].embedding).toBeInstanceOf(Float32Array);
    expect(parsed.summary).toMatchObject({ ...meta, formatVersion: 2, counts: { customers: 1, references: 2, audit: 1, settings: 2 } });
    expect(await (await createBackupBlob(parsed.payload, meta)).text()).toBe(text);
  });

  it('reads a large backup line by line across stream chunks (thousands of references)', async () => {
    const p = samplePayload();
    const big: BackupPayload = { ...p, references: [] };
    for (let i = 0; i < 3000; i++) {
      big.references.push({ ...p.references[0], id: `r${i}`, image: new Uint8Array(96 * 192).fill(i % 251), width: 192, height: 96, retiredAt: i, activeCustomerId: undefined });
    }
    const file = await createBackupBlob(big, meta);
    expect(file.size).toBeGreaterThan(3000 * 24_000);
    const parsed = await parseBackupBlob(file);
    expect(parsed.payload.references).toHaveLength(3000);
    expect(parsed.payload.references[2999].image[5]).toBe(2999 % 251);
  });

  it('detects a changed, removed or re-ordered line and refuses cut-short, foreign and newer files', async () => {
    const text = await (await createBackupBlob(samplePayload(), meta)).text();
    const lines = text.trimEnd().split('\n');
    const ref = JSON.parse(lines[2]);
    const img: string = ref.v.image.$u8;
    ref.v.image.$u8 = (img[0] === 'A' ? 'B' : 'A') + img.slice(1);
    await refused([lines[0], lines[1], JSON.stringify(ref), ...lines.slice(3)].join('\n'), 'checksum');
    await refused([...lines.slice(0, 2), ...lines.slice(3)].join('\n'), 'checksum');
    await refused([lines[0], lines[1], lines[3], lines[2], ...lines.slice(4)].join('\n'), 'checksum');
    const edited = JSON.parse(lines[0]);
    edited.counts.customers = 2;
    await refused([JSON.stringify(edited), ...lines.slice(1)].join('\n'), 'checksum');
    expect((await refused(lines.slice(0, -1).join('\n'), 'not-json')).message).toMatch(/cut short/);
    await refused(text.slice(0, Math.floor(text.length / 2)), 'not-json');
    await refused('hello', 'not-json');
    await refused('', 'not-json');
    await refused('{"customers":[],"hello":"world"}', 'foreign');
    await refused(new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])]), 'not-json');
    const future = JSON.parse(lines[0]);
    future.formatVersion = 99;
    expect((await refused([JSON.stringify(future), ...lines.slice(1)].join('\n'), 'too-new')).message).toMatch(/newer Countersign/);
    await refused([lines[0], '{"s":"secrets","v":{}}', ...lines.slice(1)].join('\n'), 'invalid');
    await refused(`${text}{"s":"customers","v":{}}\n`, 'invalid');
  });

  it('still reads format-1 files (one JSON document) and validates records behind a matching checksum', async () => {
    const v1 = await createBackupText(samplePayload(), meta);
    const parsed = await parseBackupBlob(blob(v1));
    expect(parsed.summary.formatVersion).toBe(1);
    expect(parsed.payload.customers[0].name).toBe('Ada Lovelace');
    const q = samplePayload();
    q.references[0].customerId = 'nobody';
    q.references[0].activeCustomerId = 'nobody';
    await refused(await createBackupBlob(q, meta), 'invalid');
  });
});
