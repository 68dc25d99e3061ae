import { expect, test } from '@playwright/test';
import { addReferences, cedar, createCustomer, drawOnPad, gotoTab, openApp, payload, pickCustomer, verifyFile, waitReady } from './helpers';
import { waitForServiceWorker } from './support';

test('offline: load once, go offline, reload, enroll and verify (teller and kiosk)', async ({ page, context }) => {
  await openApp(page);
  await waitForServiceWorker(page);
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  const manifest = await page.evaluate(async () => (await fetch('/manifest.webmanifest')).json());
  expect(manifest).toMatchObject({ display: 'standalone', start_url: '/' });
  expect(manifest.icons.some((i: { sizes: string }) => i.sizes === '512x512')).toBe(true);

  await context.setOffline(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  // The network really is gone, for the service worker too: an uncached URL fails.
  const probe = await page.evaluate(() => fetch(`/not-cached-${Date.now()}.txt`).then((r) => `status ${r.status}`, (e: Error) => `failed: ${e.name}`));
  expect(probe).toMatch(/^failed/);

  const res = await page.reload();
  expect(res?.fromServiceWorker()).toBe(true);
  await waitReady(page);
  await expect(page.getByTestId('status-model')).toContainText('countersign');

  await createCustomer(page, 'off-001', 'Offline Customer');
  await addReferences(page, [1, 2, 3].map((n) => payload(cedar(3, 'genuine', n))));
  await gotoTab(page, 'verify');
  await pickCustomer(page, 'verify', 'off-001', 'off-001');
  const v = await verifyFile(page, payload(cedar(3, 'genuine', 4)));
  expect(v.distances).toHaveLength(3);

  // The kiosk page also opens offline.
  const kiosk = await page.goto('/?mode=kiosk&idle=60');
  expect(kiosk?.fromServiceWorker()).toBe(true);
  await expect(page.getByTestId('kiosk')).toHaveAttribute('data-ready', 'true', { timeout: 150_000 });
  await page.getByTestId('kiosk-id-input').fill('off-001');
  await page.getByTestId('kiosk-continue').click();
  await drawOnPad(page, 'kiosk-pad');
  await page.getByTestId('kiosk-pad-use').click();
  await expect(page.getByTestId('kiosk-verdict')).toHaveAttribute('data-verdict', /^(genuine|forged|refer)$/);
  await context.setOffline(false);
});
