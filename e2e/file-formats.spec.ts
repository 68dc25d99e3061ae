import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { addReferences, createCustomer, gotoTab, openApp, pickCustomer, referenceCount, storedData, verifyFile } from './helpers';

// Our own synthetic sample signature (public/samples) saved by ImageMagick in other formats:
// TIFF with LZW and with CCITT Group 4 (how cheque imaging stores scans), BMP and GIF.
const sample = (f: string, mimeType: string) => ({ name: f.split('/').pop()!, mimeType, buffer: readFileSync(f) });
const PNG_FILE = sample('public/samples/A-genuine-1.png', 'image/png');
const LZW = sample('e2e/fixtures/sample-lzw.tif', 'image/tiff');
const G4 = sample('e2e/fixtures/sample-g4.tif', 'image/tiff');
const BMP = sample('e2e/fixtures/sample-24.bmp', 'image/bmp');
const GIF = sample('e2e/fixtures/sample.gif', 'image/gif');
// Two pages (A-genuine-1, then B-genuine-1), as cheque imaging writes a front and a back.
const TWO_PAGES = sample('e2e/fixtures/sample-2pages.tif', 'image/tiff');

test('TIFF (LZW and fax Group 4 cheque scans), BMP and GIF are read like PNG; a damaged TIFF is refused clearly', async ({ page }) => {
  await openApp(page);
  await gotoTab(page, 'demo');
  await page.getByTestId('demo-file-input').setInputFiles([PNG_FILE, LZW, BMP, GIF, G4]);
  await expect(page.getByTestId('demo-thumb')).toHaveCount(5);
  const cell = async (i: number, j: number) =>
    Number(await page.locator(`[data-testid="matrix-cell"][data-i="${i}"][data-j="${j}"]`).getAttribute('data-distance'));
  // The same pixels in LZW TIFF and BMP: the same embedding as the PNG.
  for (const j of [1, 2]) expect(await cell(0, j)).toBeLessThan(1e-3);
  // GIF (a 256-colour palette, dithered) and the bi-level fax TIFF (thresholded): the same
  // signature, close to the PNG, not identical to it.
  const gif = await cell(0, 3);
  const g4 = await cell(0, 4);
  for (const d of [gif, g4]) {
    expect(d).toBeGreaterThan(1e-3);
    expect(d).toBeLessThan(0.2);
  }

  // A TIFF cut short: the clear message, nothing added.
  const before = await storedData(page);
  await page.getByTestId('demo-file-input').setInputFiles({ name: 'cheque.tif', mimeType: 'image/tiff', buffer: LZW.buffer.subarray(0, 16) });
  await expect(page.getByRole('alert')).toContainText(/"cheque\.tif" could not be decoded: the file is damaged or is not a real TIFF image/);
  await expect(page.getByTestId('demo-thumb')).toHaveCount(5);
  expect(await storedData(page)).toEqual(before);

  // Enrolled from TIFF and BMP, verified with the fax TIFF: the teller's flow end to end.
  await createCustomer(page, 'tif-001', 'TIFF Customer');
  await addReferences(page, [LZW, BMP]);
  expect(await referenceCount(page)).toBe(2);
  await gotoTab(page, 'verify');
  await pickCustomer(page, 'verify', 'tif-001', 'tif-001');
  const v = await verifyFile(page, G4);
  expect(v.distances).toHaveLength(2);
  expect(v.distances[0]).toBeCloseTo(g4, 2);
});

test('a multi-page TIFF is read from page 1, and the page says so', async ({ page }) => {
  await openApp(page);
  await gotoTab(page, 'demo');
  await page.getByTestId('demo-file-input').setInputFiles([PNG_FILE, TWO_PAGES]);
  await expect(page.getByTestId('demo-thumb')).toHaveCount(2);
  await expect(page.getByTestId('info-message')).toContainText(
    '"sample-2pages.tif" has 2 pages; page 1 was used. If the signature is on another page, save that page as its own image and use that file.',
  );
  // Page 1 is the PNG's signature, pixel for pixel: the same embedding.
  expect(Number(await page.locator('[data-testid="matrix-cell"][data-i="0"][data-j="1"]').getAttribute('data-distance'))).toBeLessThan(1e-3);
});
