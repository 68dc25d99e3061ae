import { expect, test, type Page } from '@playwright/test';
import { addReferences, cedar, createCustomer, gotoTab, openApp, payload, pickCustomer, waitReady } from './helpers';
import { dumpDb } from './support';

/** Makes every IndexedDB write fail as a full disk does. */
async function fillDisk(page: Page): Promise<void> {
  await page.evaluate(() => {
    const full = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    IDBObjectStore.prototype.add = full;
    IDBObjectStore.prototype.put = full;
  });
}

test('full disk: enroll, create and verify give a clear message and change nothing', async ({ page }) => {
  await openApp(page);
  await createCustomer(page, 'ds-001', 'Disk Full');
  await addReferences(page, [1, 2].map((n) => payload(cedar(9, 'genuine', n))));
  const before = await dumpDb(page);
  await fillDisk(page);

  await page.getByTestId('enroll-file-input').setInputFiles([payload(cedar(9, 'genuine', 3))]);
  await expect(page.getByRole('alert')).toContainText(/storage quota for this site is used up.*Nothing was saved/);

  await page.getByTestId('customer-id-input').fill('ds-002');
  await page.getByTestId('customer-name-input').fill('Not Saved');
  await page.getByTestId('create-customer-button').click();
  await expect(page.getByRole('alert')).toContainText('quota');

  // A verification that cannot be written to the audit log is not shown.
  await gotoTab(page, 'verify');
  await pickCustomer(page, 'verify', 'ds-001', 'ds-001');
  await page.getByTestId('verify-file-input').setInputFiles(payload(cedar(9, 'genuine', 4)));
  await expect(page.getByRole('alert')).toContainText(/record the verification in the audit log.*quota/);
  await expect(page.getByTestId('verdict')).toHaveCount(0);

  expect(await dumpDb(page)).toEqual(before);
  await page.reload();
  await waitReady(page);
  expect(await dumpDb(page)).toEqual(before);
});

test('WebGPU device lost mid-session: clear message, nothing recorded, data intact', async ({ page }) => {
  test.slow(); // WebGPU is SwiftShader (software) here
  await openApp(page, '?backend=webgpu');
  await expect(page.getByTestId('status-backend')).toHaveAttribute('data-backend', 'webgpu');
  await createCustomer(page, 'gpu-001', 'Device Loss');
  await addReferences(page, [1, 2].map((n) => payload(cedar(11, 'genuine', n))));
  await gotoTab(page, 'verify');
  await pickCustomer(page, 'verify', 'gpu-001', 'gpu-001');
  const before = await dumpDb(page);

  expect(await page.evaluate(() => window.__countersign!.loseDevice())).toBe(true);
  await expect(page.getByRole('alert').first()).toContainText('graphics device (WebGPU) stopped working');
  await page.getByTestId('verify-file-input').setInputFiles(payload(cedar(11, 'genuine', 3)));
  await expect(page.getByRole('alert').last()).toContainText(/stopped working.*nothing was recorded.*unchanged/);
  await expect(page.getByTestId('verdict')).toHaveCount(0);
  expect(await dumpDb(page)).toEqual(before);

  // A reload (here on wasm) brings everything back.
  await openApp(page, '?backend=wasm');
  expect(await dumpDb(page)).toEqual(before);
});

test('WebGPU device lost during a verification: clear message, nothing recorded, data intact', async ({ page }) => {
  test.slow(); // WebGPU is SwiftShader (software) here: a verification takes long enough to interrupt
  await openApp(page, '?backend=webgpu');
  await expect(page.getByTestId('status-backend')).toHaveAttribute('data-backend', 'webgpu');
  await createCustomer(page, 'gpu-002', 'Device Loss In Flight');
  await addReferences(page, [1, 2, 3].map((n) => payload(cedar(12, 'genuine', n))));
  await gotoTab(page, 'verify');
  await pickCustomer(page, 'verify', 'gpu-002', 'gpu-002');
  const before = await dumpDb(page);

  await page.getByTestId('verify-file-input').setInputFiles(payload(cedar(12, 'genuine', 4)));
  await expect(page.getByTestId('busy-indicator')).toBeVisible();
  expect(await page.evaluate(() => window.__countersign!.loseDevice())).toBe(true);
  await expect(page.getByRole('alert').last()).toContainText(/stopped working.*nothing was recorded.*unchanged/);
  await expect(page.getByTestId('verdict')).toHaveCount(0);
  await expect(page.getByTestId('busy-indicator')).toHaveCount(0);
  expect(await dumpDb(page)).toEqual(before);
  await openApp(page, '?backend=wasm');
  expect(await dumpDb(page)).toEqual(before);
});

test('persistent storage result and quota use are shown', async ({ page }) => {
  await openApp(page);
  await gotoTab(page, 'settings');
  await expect(page.getByTestId('persist-status')).toHaveAttribute('data-persisted', /^(true|false)$/);
  await expect(page.getByTestId('quota-usage')).toContainText(/ of .*%/);
  expect(Number(await page.getByTestId('quota-usage').getAttribute('data-quota'))).toBeGreaterThan(0);
});

test('a newer schema opened in another tab: this tab closes its connection with a clear message, data intact', async ({ page, context }) => {
  await openApp(page);
  await createCustomer(page, 'vc-001', 'Version Change');
  const before = await dumpDb(page);
  const other = await context.newPage();
  await other.goto('/favicon.svg');
  const version = await other.evaluate(
    () =>
      new Promise<number>((res, rej) => {
        // Opening a higher version only succeeds once the app's tab has closed its connection.
        const r = indexedDB.open('countersign', 1000);
        r.onsuccess = () => {
          const v = r.result.version;
          r.result.close();
          res(v);
        };
        r.onerror = () => rej(r.error);
        r.onblocked = () => rej(new Error('blocked: the app did not close its connection'));
      }),
  );
  expect(version).toBe(1000);
  await expect(page.getByRole('alert')).toContainText('newer version of Countersign was opened in another tab');
  await expect(page.getByRole('alert')).not.toContainText('Unexpected');
  const after = await dumpDb(other);
  expect(after.customers).toEqual(before.customers);
  expect(after.references).toEqual(before.references);
});

test('a blocked schema upgrade (an old tab holds the old database open): clear message, continues once it closes, data kept', async ({ page, context }) => {
  // The "old tab": release 1's database with one customer, kept open and deaf to version changes.
  const old = await context.newPage();
  await old.goto('/favicon.svg');
  await old.evaluate(
    () =>
      new Promise<void>((res, rej) => {
        const r = indexedDB.open('countersign', 1);
        r.onupgradeneeded = () => {
          const db = r.result;
          db.createObjectStore('customers', { keyPath: 'id' });
          db.createObjectStore('references', { keyPath: 'id' }).createIndex('byCustomer', 'customerId');
          db.createObjectStore('settings', { keyPath: 'key' });
        };
        r.onsuccess = () => {
          const db = r.result;
          const tx = db.transaction('customers', 'readwrite');
          tx.objectStore('customers').put({ id: 'old-001', name: 'Old Tab Customer', createdAt: 1 });
          tx.oncomplete = () => {
            (window as unknown as { oldDb: IDBDatabase }).oldDb = db; // stays open, ignores versionchange
            res();
          };
          tx.onerror = () => rej(tx.error);
        };
        r.onerror = () => rej(r.error);
      }),
  );

  await page.goto('/');
  await expect(page.getByRole('alert').first()).toContainText('another tab or window still has an older version of Countersign open');
  await expect(page.getByTestId('app')).not.toHaveAttribute('data-ready', 'true');

  // Closing the old tab's connection lets the upgrade run; the app starts with the old data migrated.
  await old.evaluate(() => (window as unknown as { oldDb: IDBDatabase }).oldDb.close());
  await waitReady(page);
  await expect(page.getByTestId('message-area')).toContainText('The local database was upgraded. All stored data was kept.');
  expect(JSON.stringify((await dumpDb(page)).customers)).toContain('old-001');
  await gotoTab(page, 'customers');
  await expect(page.getByText('Old Tab Customer').first()).toBeVisible();
});
