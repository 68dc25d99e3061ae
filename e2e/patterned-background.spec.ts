import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { securityPatternFactor } from '../src/testing/chequePattern';
import { addReferences, cedar, createCustomer, gotoTab, openApp, payload, pickCustomer, referenceCount, verifyFile, type FilePayload } from './helpers';

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

test('a signature on a patterned cheque is verified like the clean scan, and the page says the pattern was left out', async ({ page }) => {
  await openApp(page);
  // Writer 32 is a validation writer (never trained on); genuine 1-4 enrolled as scanned.
  await createCustomer(page, 'pattern-032', 'Pattern Customer');
  await addReferences(page, [1, 2, 3, 4].map((n) => payload(cedar(32, 'genuine', n))));
  // A fifth reference on the pattern is accepted, with the note.
  await addReferences(page, [onChequePattern(cedar(32, 'genuine', 5), 'cheque-ref.png')]);
  await expect(page.getByTestId('info-message')).toContainText('"cheque-ref.png": a patterned or textured background');
  expect(await referenceCount(page)).toBe(5);

  await gotoTab(page, 'verify');
  await pickCustomer(page, 'verify', 'pattern-032', 'pattern-032');
  const clean = await verifyFile(page, payload(cedar(32, 'genuine', 18)));
  await expect(page.getByTestId('info-message')).toHaveCount(0);
  const patterned = await verifyFile(page, onChequePattern(cedar(32, 'genuine', 18), 'cheque-032-18.png'));
  await expect(page.getByTestId('info-message')).toContainText('"cheque-032-18.png": a patterned or textured background');
  expect(patterned.verdict).toBe(clean.verdict);
  // With the pattern's lines as ink (before the repair) the distances were far larger than the clean scan's.
  patterned.distances.forEach((d, i) => expect(Math.abs(d - clean.distances[i])).toBeLessThan(0.1));

  // A skilled forgery on the same pattern is still not accepted.
  const forged = await verifyFile(page, onChequePattern(cedar(32, 'forged', 1), 'cheque-032-f01.png'));
  expect(forged.verdict).not.toBe('genuine');
});
