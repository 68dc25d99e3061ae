import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { addReferences, cedar, createCustomer, gotoTab, openApp, payload, pickCustomer, verifyFile } from './helpers';
import { auditCount } from './support';

const ID = 'cedar-012';

test('audit log records every verification (with note, CSV export); customer management: rename, retire, history, delete', async ({ page }) => {
  await openApp(page);
  await createCustomer(page, ID, 'CEDAR writer 12');
  await addReferences(page, [1, 2, 3].map((n) => payload(cedar(12, 'genuine', n))));

  // Two verifications, a note on the first.
  await gotoTab(page, 'verify');
  await pickCustomer(page, 'verify', '012', ID);
  const genuine = await verifyFile(page, payload(cedar(12, 'genuine', 4)));
  await page.getByTestId('audit-note-input').fill('ID card checked, "ok"');
  await page.getByTestId('audit-note-save').click();
  await expect(page.getByTestId('success-message')).toContainText('Note saved');
  const forged = await verifyFile(page, payload(cedar(12, 'forged', 1)));
  expect(await auditCount(page)).toBe(2);

  // Audit tab: newest first, thumbnails, scores, model, note.
  await gotoTab(page, 'audit');
  await expect(page.getByTestId('audit-count')).toHaveAttribute('data-count', '2');
  const rows = page.getByTestId('audit-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute('data-verdict', forged.verdict);
  await expect(rows.nth(1)).toHaveAttribute('data-verdict', genuine.verdict);
  await expect(page.getByTestId('audit-thumb')).toHaveCount(2);
  await expect(rows.nth(1).getByTestId('audit-note-input')).toHaveValue('ID card checked, "ok"');
  await expect(rows.nth(0)).toContainText(/countersign/);

  // CSV export.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/^countersign-audit-.*\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^id,time,customer_id,customer_name,verdict,score,/);
  expect(lines).toHaveLength(3);
  expect(csv).toContain('"ID card checked, ""ok"""');
  expect(lines.slice(1).every((l) => l.includes(ID))).toBe(true);

  // Customers tab: search, detail with references (thumbnails, dates) and history.
  await gotoTab(page, 'customers');
  await page.getByTestId('customers-search').fill('writer 12');
  await page.locator(`[data-testid="customers-row"][data-customer-id="${ID}"]`).click();
  await expect(page.getByTestId('customer-detail-heading')).toContainText(ID);
  await expect(page.getByTestId('customer-reference-thumb')).toHaveCount(3);
  await expect(page.getByTestId('customer-reference').first()).toContainText('added');
  await expect(page.getByTestId('customer-history-count')).toHaveText('2');
  await expect(page.getByTestId('customer-detail').getByTestId('audit-row')).toHaveCount(2);

  // Rename (a blank name is refused with a message).
  await page.getByTestId('rename-input').fill('   ');
  await page.getByTestId('rename-button').click();
  await expect(page.getByRole('alert')).toContainText('Enter the customer name');
  await page.getByTestId('rename-input').fill('Renamed Writer');
  await page.getByTestId('rename-button').click();
  await expect(page.getByTestId('customer-detail-heading')).toContainText('Renamed Writer');
  await page.getByTestId('customers-search').fill('renamed');
  await expect(page.locator(`[data-testid="customers-row"][data-customer-id="${ID}"]`)).toContainText('Renamed Writer');

  // Retire one reference: kept, marked, no longer compared with.
  await page.getByTestId('retire-reference').first().click();
  await page.getByTestId('retire-confirm').click();
  await expect(page.getByTestId('customer-active-count')).toHaveAttribute('data-count', '2');
  await expect(page.getByTestId('retired-tag')).toHaveCount(1);
  await expect(page.getByTestId('customer-reference-thumb')).toHaveCount(3);
  await gotoTab(page, 'verify');
  await pickCustomer(page, 'verify', 'renamed', ID);
  const after = await verifyFile(page, payload(cedar(12, 'genuine', 5)));
  expect(after.distances).toHaveLength(2);

  // Delete needs a confirmation; cancel keeps the customer.
  await gotoTab(page, 'customers');
  await page.getByTestId('customers-search').fill(ID);
  await page.locator(`[data-testid="customers-row"][data-customer-id="${ID}"]`).click();
  await page.getByTestId('delete-customer').click();
  await expect(page.getByTestId('delete-confirmation')).toContainText('cannot be undone');
  await page.getByTestId('delete-cancel').click();
  await expect(page.getByTestId('customer-detail')).toBeVisible();
  await page.getByTestId('delete-customer').click();
  await page.getByTestId('delete-confirm').click();
  await expect(page.getByTestId('customers-none')).toBeVisible();
  // The audit trail survives the deletion.
  expect(await auditCount(page)).toBe(3);
  await gotoTab(page, 'audit');
  await expect(page.getByTestId('audit-row')).toHaveCount(3);
});
