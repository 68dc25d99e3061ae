import { expect, test } from '@playwright/test';
import { addReferences, cedar, createCustomer, gotoTab, openApp, payload, pickCustomer, verifyFile, waitReady } from './helpers';
import { dumpDb } from './support';

test('decision policy: operating point from the model card, refer band; applied to verdicts and recorded', async ({ page }) => {
  await openApp(page);
  await gotoTab(page, 'settings');
  const summary = page.getByTestId('policy-summary');
  const defaultBand = Number(await summary.getAttribute('data-refer-band'));
  const ops = await page.getByTestId('operating-point-select').locator('option').allInnerTexts();
  expect(ops[0]).toMatch(/^Default \(threshold/);
  let chosenThreshold = Number(await summary.getAttribute('data-threshold'));
  if (ops.length > 1) {
    // The model card offers calibrated operating points: pick the last one.
    const value = await page.getByTestId('operating-point-select').locator('option').last().getAttribute('value');
    await page.getByTestId('operating-point-select').selectOption(value!);
    await expect(page.getByTestId('success-message')).toContainText(`Operating point: ${value}`);
    chosenThreshold = Number(await summary.getAttribute('data-threshold'));
  }

  // Bad band values are refused with a message; nothing is saved.
  for (const bad of ['abc', '75']) {
    await page.getByTestId('refer-band-input').fill(bad);
    await page.getByTestId('refer-band-save').click();
    await expect(page.getByRole('alert')).toContainText(/refer band/);
    await expect(summary).toHaveAttribute('data-refer-band', String(defaultBand));
  }
  await page.getByTestId('refer-band-input').fill('40');
  await page.getByTestId('refer-band-save').click();
  await expect(summary).toHaveAttribute('data-refer-band', '0.4');

  // Persisted across a reload, and used by verification (and written to the audit log).
  await page.reload();
  await waitReady(page);
  await createCustomer(page, 'pol-001', 'Policy Check');
  // Five references: Settings shows the threshold of a full (5-reference) enrollment; fewer
  // references use the model card's threshold for that count.
  await addReferences(page, [1, 2, 3, 4, 5].map((n) => payload(cedar(18, 'genuine', n))));
  await gotoTab(page, 'verify');
  await pickCustomer(page, 'verify', 'pol-001', 'pol-001');
  await verifyFile(page, payload(cedar(18, 'genuine', 6)));
  const lo = (chosenThreshold * 0.6).toFixed(3);
  const hi = (chosenThreshold * 1.4).toFixed(3);
  await expect(page.getByTestId('verdict-panel')).toContainText(`genuine ≤ ${lo} < refer ≤ ${hi}`);
  const audit = (await dumpDb(page)).audit.map((r) => JSON.parse(r));
  expect(audit).toHaveLength(1);
  expect(audit[0].referBand).toBe(0.4);
  expect(audit[0].threshold).toBeCloseTo(chosenThreshold, 10);

  // Back to the model's default band.
  await gotoTab(page, 'settings');
  await page.getByTestId('refer-band-reset').click();
  await expect(summary).toHaveAttribute('data-refer-band', String(defaultBand));
});
