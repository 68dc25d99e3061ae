import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_VERSION, MAX_REFERENCES, migrateToV1 } from './schema';
import { StorageError, toStorageError } from './errors';
import { SignatureStore, type NewReference } from './store';

let dbCounter = 0;
const opened: SignatureStore[] = [];
function freshName(): string {
  return `countersign-test-${++dbCounter}-${Date.now()}`;
}
async function open(name: string): Promise<SignatureStore> {
  const s = await SignatureStore.open({ name });
  opened.push(s);
  return s;
}
afterEach(() => {
  while (opened.length) opened.pop()!.close();
});

function ref(seed = 1): NewReference {
  const image = new Uint8Array(96 * 192);
  image[seed] = 255;
  return {
    image,
    width: 192,
    height: 96,
    embedding: Float32Array.from({ length: 8 }, (_, i) => (i + seed) / 10),
    modelId: 'countersign-v1',
    modelVersion: '1.0.0',
    preprocessVersion: 'pp1',
    source: 'file',
    label: `ref${seed}.png`,
  };
}

async function expectStorageError(p: Promise<unknown>, code: string): Promise<StorageError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StorageError);
  expect((err as StorageError).code).toBe(code);
  expect((err as StorageError).message.length).toBeGreaterThan(10);
  return err as StorageError;
}

describe('SignatureStore', () => {
  it('creates the current schema', async () => {
    const s = await open(freshName());
    expect(s.schemaVersion).toBe(DB_VERSION);
    expect(await s.listCustomers()).toEqual([]);
  });

  it('creates customers, refuses a duplicate id and keeps the original', async () => {
    const s = await open(freshName());
    await s.createCustomer({ id: ' C-001 ', name: '  Ada   Lovelace ' });
    const dup = await expectStorageError(s.createCustomer({ id: 'C-001', name: 'Someone Else' }), 'duplicate-customer');
    expect(dup.message).toContain('C-001');
    const list = await s.listCustomers();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: 'C-001', name: 'Ada Lovelace', nameKey: 'ada lovelace', referenceCount: 0 });
  });

  it('validates customer input', async () => {
    const s = await open(freshName());
    await expectStorageError(s.createCustomer({ id: '', name: 'x' }), 'invalid-customer');
    await expectStorageError(s.createCustomer({ id: 'a b', name: 'x' }), 'invalid-customer');
    await expectStorageError(s.createCustomer({ id: 'ok', name: '   ' }), 'invalid-customer');
    expect(await s.listCustomers()).toEqual([]);
  });

  it('searches by id or name, case-insensitively', async () => {
    const s = await open(freshName());
    await s.createCustomer({ id: 'C-001', name: 'Ada Lovelace' });
    await s.createCustomer({ id: 'C-002', name: 'Alan Turing' });
    expect((await s.listCustomers('turing')).map((c) => c.id)).toEqual(['C-002']);
    expect((await s.listCustomers('c-00')).map((c) => c.id).sort()).toEqual(['C-001', 'C-002']);
    expect(await s.listCustomers('zzz')).toEqual([]);
  });

  it('adds and removes references, keeping typed arrays', async () => {
    const s = await open(freshName());
    await s.createCustomer({ id: 'w1', name: 'Writer One' });
    const [a, b] = await s.addReferences('w1', [ref(1), ref(2)]);
    const refs = await s.listReferences('w1');
    expect(refs.map((r) => r.id)).toEqual([a.id, b.id]);
    expect(refs[0].image).toBeInstanceOf(Uint8Array);
    expect(refs[0].embedding).toBeInstanceOf(Float32Array);
    expect(Array.from(refs[1].embedding)).toEqual(Array.from(ref(2).embedding));
    await s.removeReference(a.id);
    expect((await s.listReferences('w1')).map((r) => r.id)).toEqual([b.id]);
    expect((await s.listCustomers())[0].referenceCount).toBe(1);
  });

  it(`refuses a sixth reference and a batch that would pass ${MAX_REFERENCES}, storing nothing`, async () => {
    const s = await open(freshName());
    await s.createCustomer({ id: 'w1', name: 'Writer One' });
    await s.addReferences('w1', [ref(1), ref(2), ref(3)]);
    const err = await expectStorageError(s.addReferences('w1', [ref(4), ref(5), ref(6)]), 'too-many-references');
    expect(err.message).toMatch(/already has 3 of at most 5/);
    expect(await s.countReferences('w1')).toBe(3);
    await s.addReferences('w1', [ref(4), ref(5)]);
    await expectStorageError(s.addReferences('w1', [ref(6)]), 'too-many-references');
    expect(await s.countReferences('w1')).toBe(5);
  });

  it('refuses references for an unknown customer and malformed references', async () => {
    const s = await open(freshName());
    await expectStorageError(s.addReferences('nobody', [ref(1)]), 'unknown-customer');
    await s.createCustomer({ id: 'w1', name: 'W' });
    await expectStorageError(s.addReferences('w1', [{ ...ref(1), image: new Uint8Array(10) }]), 'invalid-reference');
    await expectStorageError(s.addReferences('w1', [{ ...ref(1), embedding: new Float32Array([NaN]) }]), 'invalid-reference');
    expect(await s.countReferences('w1')).toBe(0);
  });

  it('persists across close and reopen; deletes a customer with references', async () => {
    const name = freshName();
    const s1 = await SignatureStore.open({ name });
    await s1.createCustomer({ id: 'w1', name: 'W' });
    await s1.createCustomer({ id: 'w2', name: 'V' });
    await s1.addReferences('w1', [ref(1)]);
    await s1.addReferences('w2', [ref(2)]);
    await s1.setSetting('backend', 'wasm');
    s1.close();
    const s2 = await open(name);
    expect((await s2.listCustomers()).map((c) => [c.id, c.referenceCount])).toEqual([
      ['w2', 1],
      ['w1', 1],
    ]);
    expect(await s2.getSetting('backend', 'auto')).toBe('wasm');
    expect(await s2.getSetting('missing', 42)).toBe(42);
    await s2.deleteCustomer('w1');
    expect(await s2.countReferences('w1')).toBe(0);
    expect(await s2.countReferences('w2')).toBe(1);
  });

  it('finds and updates references made by another model', async () => {
    const s = await open(freshName());
    await s.createCustomer({ id: 'w1', name: 'W' });
    const [a] = await s.addReferences('w1', [{ ...ref(1), modelVersion: '0.9.0' }, ref(2)]);
    const stale = await s.referencesNotFrom('countersign-v1', '1.0.0');
    expect(stale.map((r) => r.id)).toEqual([a.id]);
    await s.updateEmbeddings([{ id: a.id, embedding: new Float32Array([1, 2]), modelId: 'countersign-v1', modelVersion: '1.0.0' }]);
    expect(await s.referencesNotFrom('countersign-v1', '1.0.0')).toEqual([]);
    await expectStorageError(
      s.updateEmbeddings([
        { id: a.id, embedding: new Float32Array([3]), modelId: 'm', modelVersion: 'x' },
        { id: 'gone', embedding: new Float32Array([3]), modelId: 'm', modelVersion: 'x' },
      ]),
      'invalid-reference',
    );
    // all or none: the first update was rolled back
    expect(Array.from((await s.listReferences('w1')).find((r) => r.id === a.id)!.embedding)).toEqual([1, 2]);
  });

  it('upgrades a version 1 database without losing data', async () => {
    const name = freshName();
    const v1 = await openDB(name, 1, { upgrade: (db) => migrateToV1(db) });
    await v1.put('customers', { id: 'old-1', name: 'Grace HOPPER', createdAt: 1 });
    await v1.put('references', { ...ref(1), id: 'r1', customerId: 'old-1', createdAt: 2 });
    await v1.put('settings', { key: 'backend', value: 'cpu' });
    v1.close();
    const s = await open(name);
    expect(s.schemaVersion).toBe(DB_VERSION);
    const [c] = await s.listCustomers('grace');
    expect(c).toMatchObject({ id: 'old-1', nameKey: 'grace hopper', referenceCount: 1 });
    expect((await s.listReferences('old-1'))[0].label).toBe('ref1.png');
    expect(await s.getSetting('backend', 'auto')).toBe('cpu');
  });
});

describe('toStorageError', () => {
  it('explains a quota error', () => {
    const e = toStorageError(new DOMException('full', 'QuotaExceededError'), 'save the reference signatures');
    expect(e.code).toBe('quota-exceeded');
    expect(e.message).toMatch(/quota/);
    expect(e.message).toMatch(/Nothing was saved/);
  });
  it('passes StorageError through and wraps others', () => {
    const s = new StorageError('unknown-customer', 'x');
    expect(toStorageError(s, 'a')).toBe(s);
    expect(toStorageError(new Error('boom'), 'do it').message).toBe('Could not do it: boom. Nothing was changed.');
  });
});
