import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { securityPatternFactor } from '../src/testing/chequePattern';
import { addReferences, cedar, createCustomer, gotoTab, openApp, payload, pickCustomer, referenceCount, storedData, verifyFile, type FilePayload } from './helpers';

/** A real scan printed on a cheque's fine security pattern (docs/scan-conditions.md: cedar-dev EER 39.5% on it). */
function onChequePattern(file: string, name: string): FilePayload {
  const png = PNG.sync.read(readFileSync(file));
  const { width, height, data } = png;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const f = securityPatternFactor(x, y, true);
      for (let c = 0; c < 3; c++) data[4 * (y * width + x) + c] = Math.round(data[4 * (y * width + x) + c] * f);
    }
  return { name, mimeType: 'image/png', buffer: PNG.sync.write(png) };
}

test('a questioned signature on a patterned cheque is referred to a human with the reason; a patterned reference is refused', async ({ page }) => {
  await openApp(page);
  // Writer 32 is a validation writer (never trained on).
  await createCustomer(page, 'pattern-032', 'Pattern Customer');
  await addReferences(page, [1, 2, 3].map((n) => payload(cedar(32, 'genuine', n))));

  // A reference on the pattern: refused with the reason, nothing stored.
  const before = await storedData(page);
  await page.getByTestId('enroll-file-input').setInputFiles(onChequePattern(cedar(32, 'genuine', 4), 'cheque-ref.png'));
  await expect(page.getByRole('alert')).toContainText(/"cheque-ref\.png" has a patterned background .* plain paper/);
  expect(await storedData(page)).toEqual(before);
  expect(await referenceCount(page)).toBe(3);

  await gotoTab(page, 'verify');
  await pickCustomer(page, 'verify', 'pattern-032', 'pattern-032');
  const clean = await verifyFile(page, payload(cedar(32, 'genuine', 18)));
  await expect(page.getByTestId('refer-reason')).toHaveCount(0);
  expect(['genuine', 'refer']).toContain(clean.verdict);

  // The same genuine signature on the pattern: referred whatever the score, and the page says why.
  const patterned = await verifyFile(page, onChequePattern(cedar(32, 'genuine', 18), 'cheque-032-18.png'));
  expect(patterned.verdict).toBe('refer');
  await expect(page.getByTestId('refer-reason')).toContainText('patterned background');
  // A skilled forgery on the pattern is referred too, never accepted.
  const forged = await verifyFile(page, onChequePattern(cedar(32, 'forged', 1), 'cheque-032-f01.png'));
  expect(forged.verdict).toBe('refer');

  // The audit log keeps the reason.
  await gotoTab(page, 'audit');
  await expect(page.locator('[data-testid="audit-row"][data-verdict="refer"]').first()).toContainText('image unreliable');
});
