import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { SignatureStore } from '../storage/store';
import { samplePayload } from '../testing/backupFixture';
import { BackupError } from './errors';
import { createBackupText, parseBackupText } from './format';
import { applyImport, previewImport, readEverything } from './io';

let n = 0;
const opened: SignatureStore[] = [];
async function open(): Promise<SignatureStore> {
  const s = await SignatureStore.open({ name: `backup-io-${++n}-${Date.now()}` });
  opened.push(s);
  return s;
}
afterEach(() => {
  while (opened.length) opened.pop()!.close();
});
const meta = { createdAt: 'x', schemaVersion: 3, modelId: 'm', modelVersion: '1' };
const sortById = <T extends { id?: string; key?: string }>(xs: T[]) => [...xs].sort((a, b) => String(a.id ?? a.key).localeCompare(String(b.id ?? b.key)));

describe('backup import/export against IndexedDB', () => {
  it('export, replace-import into another database: equal data', async () => {
    const a = await open();
    await applyImport(a, samplePayload(), 'replace');
    await a.createCustomer({ id: 'B-2', name: 'Bob' });
    const text = await createBackupText(await readEverything(a), meta);
    const b = await open();
    await b.createCustomer({ id: 'Z', name: 'Will be replaced' });
    const { payload } = await parseBackupText(text);
    const plan = await previewImport(b, payload, 'replace');
    expect(plan.customers).toEqual({ add: 2, keep: 0, remove: 1 });
    await applyImport(b, payload, 'replace');
    const ea = await readEverything(a);
    const eb = await readEverything(b);
    for (const k of ['customers', 'references', 'audit', 'settings'] as const) expect(sortById(eb[k] as never[])).toEqual(sortById(ea[k] as never[]));
    expect(await createBackupText(eb, meta)).toBe(text);
    expect(await b.countReferences('C-1')).toBe(1); // r2 is retired
  });

  it('merge keeps stored records and adds new ones', async () => {
    const s = await open();
    await s.createCustomer({ id: 'C-1', name: 'Local Name' });
    const plan = await applyImport(s, samplePayload(), 'merge');
    expect(plan.customers.keep).toBe(1);
    expect((await s.getCustomer('C-1'))?.name).toBe('Local Name');
    expect((await s.listReferences('C-1')).length).toBe(2);
    expect(await s.audit.count()).toBe(1);
    // Merging the same backup again adds nothing.
    const again = await applyImport(s, samplePayload(), 'merge');
    expect(again.references.add).toBe(0);
  });

  it('a refused merge changes nothing', async () => {
    const s = await open();
    await s.createCustomer({ id: 'C-1', name: 'Local' });
    const img = new Uint8Array(8);
    const refs = Array.from({ length: 5 }, () => ({
      image: img, width: 4, height: 2, embedding: Float32Array.from([1]), modelId: 'm', modelVersion: '1', preprocessVersion: 'pp1', source: 'file' as const, label: 'x',
    }));
    await s.addReferences('C-1', refs);
    const before = await readEverything(s);
    const err = await applyImport(s, samplePayload(), 'merge').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackupError);
    expect(await readEverything(s)).toEqual(before);
  });
});
