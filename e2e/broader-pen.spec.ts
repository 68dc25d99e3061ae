import { expect, test } from '@playwright/test';
import { withBroaderPen } from '../src/testing/otherPen';
import { cedar, enrolScansThenVerify, openApp, payload, transformedScan, verifyFile, type FilePayload } from './helpers';
import { dumpDb } from './support';

/** A real scan as if written with a pen `radius` pixels broader on each side (a felt-tip where the references used a ballpoint). */
function broader(file: string, radius: number, name: string): FilePayload {
  return transformedScan(file, name, (page) => withBroaderPen(page, radius));
}

test('a signature written with a broader pen is compared against its references broadened to that pen, and the page says so', async ({ page }) => {
  await openApp(page);
  // Writer 31 is a validation writer (never trained on); genuine 1-5 enrolled as scanned.
  await enrolScansThenVerify(page, 'pen-031', 'Felt-tip Customer', 31);

  // In the references' own pen: no broadening.
  const same = await verifyFile(page, payload(cedar(31, 'genuine', 6)));
  expect(same.verdict).toBe('genuine');
  await expect(page.getByTestId('pen-broadening')).toHaveCount(0);
  // Two pixels broader: accepted against the broadened references (against the references as stored it would be
  // referred: `npx tsx scripts/experiments/pen-broaden-cases.ts`, writer 031, genuine 6).
  const broad = await verifyFile(page, broader(cedar(31, 'genuine', 6), 2, 'felt-tip-031-06.png'));
  expect(broad.verdict).toBe('genuine');
  const note = page.getByTestId('pen-broadening');
  await expect(note).toContainText('broader pen than the references');
  expect(Number(await note.getAttribute('data-ratio'))).toBeGreaterThan(1.5);

  // The audit record keeps the ratio (read straight from IndexedDB); the same-pen record has none.
  const audit = Object.values(await dumpDb(page)).flat().map((r) => JSON.parse(r) as { customerId?: string; broaderPen?: number; verdict?: string });
  const records = audit.filter((r) => r.customerId === 'pen-031' && r.verdict);
  expect(records).toHaveLength(2);
  const broadened = records.filter((r) => r.broaderPen !== undefined);
  expect(broadened).toHaveLength(1);
  expect(broadened[0].broaderPen).toBeGreaterThan(1.5);

  // A skilled forgery written as broad is still rejected against the broadened references.
  const forged = await verifyFile(page, broader(cedar(31, 'forged', 6), 2, 'felt-tip-031-f06.png'));
  expect(forged.verdict).toBe('forged');
  await expect(page.getByTestId('pen-broadening')).toBeVisible();
});
