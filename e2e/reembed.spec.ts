import { expect, test, type Page } from '@playwright/test';
import { addReferences, cedar, createCustomer, gotoTab, openApp, payload, pickCustomer, verifyFile, waitReady } from './helpers';

// page.route must see the model requests, so no service worker here.
test.use({ serviceWorkers: 'block' });

interface StoredRef {
  id: string;
  modelVersion: string;
  embedding: number[];
}

async function storedRefs(page: Page): Promise<StoredRef[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('countersign');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const rows = await new Promise<{ id: string; modelVersion: string; embedding: Float32Array }[]>((res, rej) => {
      const r = db.transaction('references').objectStore('references').getAll();
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    db.close();
    return rows.map((r) => ({ id: r.id, modelVersion: r.modelVersion, embedding: Array.from(r.embedding) })).sort((a, b) => a.id.localeCompare(b.id));
  });
}

/** Serves the model card with another version (same weights), as a model update would. */
async function serveModelVersion(page: Page, version: string): Promise<void> {
  await page.unrouteAll({ behavior: 'wait' });
  await page.route('**/models/*/model-card.json', async (route) => {
    const res = await route.fetch();
    const card = await res.json();
    await route.fulfill({ response: res, json: { ...card, version } });
  });
}

test('re-embedding after a model version change: progress, new version tags, resumable', async ({ page }) => {
  await openApp(page, '?reembedBatch=2');
  const original = await page.evaluate(() => window.__countersign!.info.modelVersion);
  await createCustomer(page, 're-001', 'Reembed One');
  await addReferences(page, [1, 2, 3].map((n) => payload(cedar(30, 'genuine', n))));
  await createCustomer(page, 're-002', 'Reembed Two');
  await addReferences(page, [1, 2].map((n) => payload(cedar(31, 'genuine', n))));
  const before = await storedRefs(page);
  expect(before.every((r) => r.modelVersion === original)).toBe(true);

  // Record every progress value the banner shows.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __reembedSeen: string[] }).__reembedSeen = seen;
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="reembed-status"]');
      if (el) seen.push(`${el.getAttribute('data-state')}:${el.getAttribute('data-done')}/${el.getAttribute('data-total')}`);
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });

  await serveModelVersion(page, '9.9.9-e2e');
  await page.reload();
  await waitReady(page);
  await expect(page.getByTestId('status-model')).toContainText('9.9.9-e2e');
  await expect(page.getByTestId('reembed-status')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('reembed-status')).toHaveAttribute('data-total', '5');
  const after = await storedRefs(page);
  expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
  expect(after.every((r) => r.modelVersion === '9.9.9-e2e')).toBe(true);
  // Same weights, same stored rasters: the same embeddings.
  after.forEach((r, i) => r.embedding.forEach((v, j) => expect(v).toBeCloseTo(before[i].embedding[j], 4)));
  const seen = await page.evaluate(() => (window as unknown as { __reembedSeen: string[] }).__reembedSeen);
  expect(seen.at(-1)).toBe('done:5/5');

  // Resumable: a run that stopped after 2 of 5 (those 2 already carry the new version) only does the other 3.
  await page.evaluate(async (ids) => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('countersign');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const tx = db.transaction('references', 'readwrite');
    const store = tx.objectStore('references');
    for (const id of ids) {
      const rec = await new Promise<Record<string, unknown>>((res) => {
        const r = store.get(id);
        r.onsuccess = () => res(r.result);
      });
      store.put({ ...rec, modelVersion: '10.0.0-e2e' });
    }
    await new Promise((res) => (tx.oncomplete = res));
    db.close();
  }, after.slice(0, 2).map((r) => r.id));
  await serveModelVersion(page, '10.0.0-e2e');
  await page.reload();
  await waitReady(page);
  await expect(page.getByTestId('reembed-status')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('reembed-status')).toHaveAttribute('data-total', '3');
  expect((await storedRefs(page)).every((r) => r.modelVersion === '10.0.0-e2e')).toBe(true);

  // Verification works on the re-embedded references and records the new version in the audit log.
  await gotoTab(page, 'verify');
  await pickCustomer(page, 'verify', 're-001', 're-001');
  const v = await verifyFile(page, payload(cedar(30, 'genuine', 4)));
  expect(v.distances).toHaveLength(3);
  await gotoTab(page, 'audit');
  await expect(page.getByTestId('audit-row').first()).toContainText('v10.0.0-e2e');
});
