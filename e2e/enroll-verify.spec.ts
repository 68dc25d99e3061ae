import { expect, test } from '@playwright/test';
import { addReferences, cedar, createCustomer, gotoTab, openApp, payload, pickCustomer, referenceCount, verifyFile, waitReady } from './helpers';

const WRITER = 35;
const ID = 'cedar-035';

test('enroll a CEDAR writer with 5 genuine signatures, verify genuine and forged, persist across reload', async ({ page, baseURL }) => {
  // Everything (app, wasm binaries, model) comes from the app's own origin: no CDN, no uploads.
  const foreign: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(baseURL!) && !url.startsWith('blob:') && !url.startsWith('data:')) foreign.push(url);
  });
  await openApp(page);
  await expect(page.getByTestId('status-backend')).toHaveAttribute('data-backend', /^(wasm|webgpu|webgl|cpu)$/);
  await expect(page.getByTestId('status-model')).toContainText('countersign');

  // Enroll: 5 genuine references through the file input (several at once).
  await createCustomer(page, ID, 'CEDAR writer 35');
  await addReferences(page, [1, 2, 3, 4, 5].map((n) => payload(cedar(WRITER, 'genuine', n))));
  expect(await referenceCount(page)).toBe(5);
  await expect(page.getByTestId('reference-thumb')).toHaveCount(5);

  // Verify: pick the customer by searching, give another genuine signature.
  await gotoTab(page, 'verify');
  await pickCustomer(page, 'verify', '035', ID);
  const genuine = await verifyFile(page, payload(cedar(WRITER, 'genuine', 6)));
  expect(genuine.distances).toHaveLength(5);
  expect(genuine.distances.every((d) => Number.isFinite(d) && d >= 0)).toBe(true);
  expect(genuine.confidence).toBeGreaterThanOrEqual(0);
  expect(genuine.confidence).toBeLessThanOrEqual(1);
  await expect(page.getByTestId('reference-thumb')).toHaveCount(5);
  await expect(page.getByTestId('questioned-thumb')).toBeVisible();

  // Forgery 16 of this writer. Not every skilled forgery is caught: countersign-v4 accepted 5 of
  // writer 35's 24 (forgery 1, used here before, among them; countersign-v3 accepted 2;
  // countersign-v5 accepted none and referred 8, countersign-v6 accepted none and referred 10,
  // countersign-v7 rejected all 24 forgeries, countersign-v8, v9 and v10 too, and the shipped countersign-v11 rejects all
  // 24 (and rejects genuine 18 and 24)), which is what a measured FAR says will
  // happen on some writer (scripts/experiments/writer-verdicts.ts prints every verdict for this writer). Accuracy is measured by `npm run eval`; this test checks
  // that the app's flow gives the model's verdicts for a genuine signature and a forgery.
  const forged = await verifyFile(page, payload(cedar(WRITER, 'forged', 16)));
  expect(forged.distances).toHaveLength(5);
  // Writer 35 is a validation writer: the shipped model never trained on it.
  expect(genuine.verdict).toBe('genuine');
  expect(forged.verdict).not.toBe('genuine');
  expect(forged.score).toBeGreaterThan(genuine.score);

  // No tensor leaks: repeated verifications leave the live tensor count unchanged.
  const tensorsBefore = await page.evaluate(() => window.__countersign!.numTensors());
  for (const n of [7, 8]) await verifyFile(page, payload(cedar(WRITER, 'genuine', n)));
  expect(await page.evaluate(() => window.__countersign!.numTensors())).toBe(tensorsBefore);

  // Reload: the customer and references come back from IndexedDB; the same image scores the same.
  await page.reload();
  await waitReady(page);
  await gotoTab(page, 'verify');
  await pickCustomer(page, 'verify', 'writer 35', ID);
  await expect(page.getByTestId('reference-thumb')).toHaveCount(5);
  const again = await verifyFile(page, payload(cedar(WRITER, 'genuine', 6)));
  expect(again.verdict).toBe(genuine.verdict);
  expect(again.score).toBeCloseTo(genuine.score, 5);
  await gotoTab(page, 'enroll');
  await pickCustomer(page, 'enroll', ID, ID);
  expect(await referenceCount(page)).toBe(5);
  expect(foreign).toEqual([]);
});
