import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_VERSION, migrateToV1, upgradeSchema, type CountersignDB } from './schema';
import { SignatureStore } from './store';

let n = 0;
const name = () => `migrations-${++n}-${Date.now()}`;
const opened: { close(): void }[] = [];
afterEach(() => {
  while (opened.length) opened.pop()!.close();
});

function ref(id: string, customerId: string, extra: Record<string, unknown> = {}) {
  return {
    id, customerId, image: new Uint8Array(8), width: 4, height: 2, embedding: Float32Array.from([1, 2]),
    modelId: 'm', modelVersion: '1', preprocessVersion: 'pp1', source: 'file', label: `${id}.png`, createdAt: 1, ...extra,
  };
}

/** Builds a database exactly as release `version` left it. */
async function legacy(dbName: string, version: number) {
  const db = await openDB<CountersignDB>(dbName, version, {
    upgrade: (d, old, nv, tx) => (version === 1 ? migrateToV1(d as never) : upgradeSchema(d, old, nv ?? version, tx)),
  });
  return db;
}

describe('schema migrations', () => {
  it('v2 -> current: creates the audit store and marks every old reference active', async () => {
    const dbName = name();
    const v2 = await legacy(dbName, 2);
    await v2.put('customers', { id: 'c1', name: 'Ann', nameKey: 'ann', createdAt: 1 });
    await v2.put('references', ref('r1', 'c1') as never);
    await v2.put('references', ref('r2', 'c1') as never);
    v2.close();
    const s = await SignatureStore.open({ name: dbName });
    opened.push(s);
    expect(s.schemaVersion).toBe(DB_VERSION);
    expect(await s.countReferences('c1')).toBe(2);
    expect((await s.listCustomers())[0].referenceCount).toBe(2);
    expect((await s.listReferences('c1')).every((r) => r.activeCustomerId === 'c1')).toBe(true);
    expect(await s.audit.count()).toBe(0);
  });

  it('v1 -> current in one go keeps data and builds every index', async () => {
    const dbName = name();
    const v1 = await legacy(dbName, 1);
    await v1.put('customers', { id: 'c1', name: 'Old NAME', createdAt: 1 } as never);
    await v1.put('references', ref('r1', 'c1') as never);
    v1.close();
    const s = await SignatureStore.open({ name: dbName });
    opened.push(s);
    expect((await s.listCustomers('old name'))[0]).toMatchObject({ id: 'c1', referenceCount: 1 });
    expect(await s.staleReferenceIds('m', '2')).toEqual(['r1']);
    expect(await s.staleReferenceIds('m', '1')).toEqual([]);
  });

  it('reports a blocked upgrade and completes once the old connection closes', async () => {
    const dbName = name();
    const old = await legacy(dbName, 2); // an old tab, which does not close on versionchange
    let blocked = 0;
    const opening = SignatureStore.open({ name: dbName, onBlocked: () => blocked++ });
    await new Promise((r) => setTimeout(r, 50));
    expect(blocked).toBe(1);
    old.close();
    const s = await opening;
    opened.push(s);
    expect(s.schemaVersion).toBe(DB_VERSION);
  });

  it('an open store closes itself when a newer version is requested', async () => {
    const dbName = name();
    let told = 0;
    const s = await SignatureStore.open({ name: dbName, onVersionChange: () => told++ });
    const newer = await openDB(dbName, DB_VERSION + 1);
    opened.push(newer);
    expect(told).toBe(1);
    await expect(s.listCustomers()).rejects.toThrow(/not available|close/i);
  });
});

describe('customers, retirement and the audit log', () => {
  it('renames, retires, and keeps audit records newest first with notes', async () => {
    const s = await SignatureStore.open({ name: name() });
    opened.push(s);
    await s.createCustomer({ id: 'c1', name: 'Ann' });
    await expect(s.renameCustomer('c1', '  ')).rejects.toThrow(/Enter the customer name/);
    expect((await s.renameCustomer('c1', 'Ann  Smith')).nameKey).toBe('ann smith');
    await expect(s.renameCustomer('nobody', 'X')).rejects.toThrow(/no customer/);
    const refs = await s.addReferences('c1', [1, 2, 3, 4, 5].map(() => ({ ...ref('x', 'c1'), embedding: Float32Array.from([1]) }) as never));
    await expect(s.assertRoomFor('c1', 1)).rejects.toThrow(/at most 5/);
    await s.retireReference(refs[0].id);
    await s.assertRoomFor('c1', 1);
    expect(await s.countReferences('c1')).toBe(4);
    expect((await s.listActiveReferences('c1')).map((r) => r.id)).toEqual(refs.slice(1).map((r) => r.id));
    expect((await s.listReferences('c1'))[0].retiredAt).toBeGreaterThan(0);

    const base = {
      customerId: 'c1', customerName: 'Ann', verdict: 'genuine' as const, score: 1, threshold: 1.3, referBand: 0.1, operatingPoint: null,
      distances: [1], referenceIds: ['x'], modelId: 'm', modelVersion: '1', backend: 'wasm', channel: 'teller' as const,
      thumbnail: new Uint8Array(8), width: 4, height: 2,
    };
    const a1 = await s.audit.add({ ...base, time: 100 });
    await s.audit.add({ ...base, time: 200, customerId: 'c2' });
    await s.audit.add({ ...base, time: 300 });
    expect((await s.audit.list()).map((r) => r.time)).toEqual([300, 200, 100]);
    expect((await s.audit.list({ customerId: 'c1' })).map((r) => r.time)).toEqual([300, 100]);
    expect((await s.audit.list({ limit: 1, before: 300 })).map((r) => r.time)).toEqual([200]);
    expect(await s.audit.count('c1')).toBe(2);
    // Paging through records that share a millisecond loses none and repeats none.
    for (let i = 0; i < 7; i++) await s.audit.add({ ...base, time: 400, customerId: i % 2 ? 'c1' : 'c3' });
    for (const customerId of [undefined, 'c1']) {
      const pages: string[] = [];
      let page = await s.audit.list({ limit: 2, customerId });
      while (page.length) {
        pages.push(...page.map((r) => r.id));
        const last = page[page.length - 1];
        page = await s.audit.list({ limit: 2, customerId, before: last.time, beforeId: last.id });
      }
      const all = (await s.audit.list({ limit: 100, customerId })).map((r) => r.id);
      expect(pages).toEqual(all);
      expect(new Set(pages).size).toBe(customerId ? 5 : 10);
    }
    expect((await s.audit.setNote(a1.id, '  checked ID  ')).note).toBe('checked ID');
    await expect(s.audit.setNote(a1.id, 'x'.repeat(501))).rejects.toThrow(/too long/);
    // Deleting the customer keeps the audit trail.
    await s.deleteCustomer('c1');
    expect(await s.audit.count('c1')).toBe(5);
  });
});
