import { expect, type Page } from '@playwright/test';

/**
 * Every record of every store, read straight from IndexedDB (not through the app), with typed
 * arrays as tagged base64 of their exact bytes and keys sorted: two dumps are equal only if the
 * stored data is equal byte for byte.
 */
export async function dumpDb(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('countersign');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const enc = (v: unknown): unknown => {
      if (v instanceof Uint8Array || v instanceof Float32Array) {
        const b = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
        let s = '';
        for (const x of b) s += String.fromCharCode(x);
        return { [v.constructor.name]: btoa(s) };
      }
      if (Array.isArray(v)) return v.map(enc);
      if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, enc((v as Record<string, unknown>)[k])]));
      return v;
    };
    const out: Record<string, string[]> = {};
    for (const name of Array.from(db.objectStoreNames)) {
      const rows = await new Promise<unknown[]>((res, rej) => {
        const r = db.transaction(name, 'readonly').objectStore(name).getAll();
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      out[name] = rows.map((r) => JSON.stringify(enc(r))).sort();
    }
    db.close();
    return out;
  });
}

/** Writes n customers (no references) straight into IndexedDB, in one transaction. */
export async function seedCustomers(page: Page, n: number, prefix = 'S'): Promise<void> {
  await page.evaluate(
    async ({ n, prefix }) => {
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open('countersign');
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      const tx = db.transaction('customers', 'readwrite');
      const first = ['Anna', 'Ben', 'Chloe', 'David', 'Emma', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jonas'];
      for (let i = 0; i < n; i++) {
        const name = `${first[i % first.length]} Seeded${String(i).padStart(5, '0')}`;
        tx.objectStore('customers').put({ id: `${prefix}-${String(i).padStart(5, '0')}`, name, nameKey: name.toLowerCase(), createdAt: 1_700_000_000_000 + i });
      }
      await new Promise<void>((res, rej) => {
        tx.oncomplete = () => res();
        tx.onerror = () => rej(tx.error);
      });
      db.close();
    },
    { n, prefix },
  );
}

/** Waits until a service worker controls the page and has finished precaching. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((res) => navigator.serviceWorker.addEventListener('controllerchange', () => res(), { once: true }));
    }
    return reg.active?.state;
  });
  await expect
    .poll(() => page.evaluate(async () => (await caches.keys()).some((k) => k.startsWith('countersign-precache-'))), { timeout: 60_000 })
    .toBe(true);
}

/** Number of audit records, read straight from IndexedDB. */
export async function auditCount(page: Page): Promise<number> {
  return (await dumpDb(page)).audit?.length ?? 0;
}
