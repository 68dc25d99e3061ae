import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { addReferences, cedar, createCustomer, gotoTab, makePng, openApp, payload, pickCustomer, verifyFile } from './helpers';
import { dumpDb } from './support';

async function importFile(page: Page, name: string, text: string | Buffer, mimeType = 'application/json'): Promise<void> {
  await page.getByTestId('backup-import-input').setInputFiles({ name, mimeType, buffer: Buffer.isBuffer(text) ? text : Buffer.from(text) });
}

async function expectRefused(page: Page, name: string, text: string | Buffer, message: RegExp, before: Record<string, string[]>): Promise<void> {
  await importFile(page, name, text);
  await expect(page.getByRole('alert')).toContainText(message);
  await expect(page.getByRole('alert')).toContainText('Nothing was imported');
  await expect(page.getByTestId('import-preview')).toHaveCount(0);
  expect(await dumpDb(page)).toEqual(before);
  await page.getByRole('alert').getByRole('button', { name: 'Dismiss message' }).click();
}

test('backup: export, corrupt and foreign files refused with nothing changed, merge preview, replace round trip byte for byte', async ({ page, browser }) => {
  await openApp(page);
  await createCustomer(page, 'bk-001', 'Backup One');
  await addReferences(page, [1, 2, 3].map((n) => payload(cedar(21, 'genuine', n))));
  await createCustomer(page, 'bk-002', 'Backup Two');
  await addReferences(page, [payload(cedar(22, 'genuine', 1))]);
  await gotoTab(page, 'verify');
  await pickCustomer(page, 'verify', 'bk-001', 'bk-001');
  await verifyFile(page, payload(cedar(21, 'forged', 2)));
  await page.getByTestId('audit-note-input').fill('backup test note');
  await page.getByTestId('audit-note-save').click();
  await expect(page.getByTestId('success-message')).toContainText('Note saved');
  // A retired reference and a saved setting must survive too.
  await gotoTab(page, 'customers');
  await page.locator('[data-testid="customers-row"][data-customer-id="bk-001"]').click();
  await page.getByTestId('retire-reference').first().click();
  await page.getByTestId('retire-confirm').click();
  await expect(page.getByTestId('retired-tag')).toHaveCount(1);
  await gotoTab(page, 'settings');
  await page.getByTestId('refer-band-input').fill('12.5');
  await page.getByTestId('refer-band-save').click();
  await expect(page.getByTestId('policy-summary')).toHaveAttribute('data-refer-band', '0.125');

  const before = await dumpDb(page);
  expect(before.customers).toHaveLength(2);
  expect(before.references).toHaveLength(4);
  expect(before.audit).toHaveLength(1);

  // Export.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^countersign-backup-.*\.json$/);
  const text = readFileSync((await download.path())!, 'utf8');
  // Format 2: a header line, one line per record, a checksum line.
  const lines = text.trimEnd().split('\n');
  const header = JSON.parse(lines[0]);
  expect(header).toMatchObject({ format: 'countersign-backup', formatVersion: 2, counts: { customers: 2, references: 4, audit: 1 } });
  expect(JSON.parse(lines[lines.length - 1]).checksum.value).toMatch(/^[0-9a-f]{64}$/);
  expect(lines).toHaveLength(1 + 2 + 4 + 1 + header.counts.settings + 1);
  const records = (store: string) => lines.slice(1, -1).map((l) => JSON.parse(l)).filter((r) => r.s === store).map((r) => r.v);

  // Refused: a flipped byte in an image, a cut-short file, foreign JSON, an image, a newer format.
  const refLine = lines.findIndex((l) => l.startsWith('{"s":"references"'));
  const flipped = JSON.parse(lines[refLine]);
  const img: string = flipped.v.image.$u8;
  flipped.v.image.$u8 = img.slice(0, 100) + (img[100] === 'A' ? 'B' : 'A') + img.slice(101);
  await expectRefused(page, 'flipped.json', lines.map((l, i) => (i === refLine ? JSON.stringify(flipped) : l)).join('\n'), /checksum does not match/, before);
  await expectRefused(page, 'short.json', text.slice(0, Math.floor(text.length / 2)), /not a (complete )?Countersign backup/, before);
  await expectRefused(page, 'other.json', JSON.stringify({ customers: [], hello: 'world' }), /not a Countersign backup/, before);
  await expectRefused(page, 'picture.png', makePng(50, 50), /not a Countersign backup/, before);
  await expectRefused(page, 'future.json', [JSON.stringify({ ...header, formatVersion: 99 }), ...lines.slice(1)].join('\n'), /newer Countersign/, before);

  // Merge preview of the same file: nothing new; cancel changes nothing.
  await importFile(page, 'same.json', text);
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await expect(page.getByTestId('preview-references-add')).toHaveText('0');
  await page.getByTestId('import-cancel').click();
  expect(await dumpDb(page)).toEqual(before);

  // Local changes after the backup; replace restores exactly the backup.
  await createCustomer(page, 'bk-003', 'Made after the backup');
  await gotoTab(page, 'settings');
  await importFile(page, 'restore.json', text);
  await page.getByTestId('import-mode-replace').check();
  await expect(page.getByTestId('preview-customers-add')).toHaveText('2');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('success-message')).toContainText('Imported "restore.json" (replace)');
  expect(await dumpDb(page)).toEqual(before);

  // Another device (fresh browser profile): import, then the data is byte-for-byte equal.
  const other = await browser.newContext();
  const page2 = await other.newPage();
  await openApp(page2);
  await gotoTab(page2, 'settings');
  await importFile(page2, 'restore.json', text);
  await expect(page2.getByTestId('preview-customers-add')).toHaveText('2');
  await page2.getByTestId('import-confirm').click();
  await expect(page2.getByTestId('success-message')).toContainText('Imported');
  const after = await dumpDb(page2);
  // A fresh profile has no settings of its own, so merge brings none: compare the data stores.
  for (const store of ['customers', 'references', 'audit']) expect(after[store]).toEqual(before[store]);
  // Export again from the other device: the same payload and checksum.
  await gotoTab(page2, 'settings');
  const [d2] = await Promise.all([page2.waitForEvent('download'), page2.getByTestId('backup-export').click()]);
  const lines2 = readFileSync((await d2.path())!, 'utf8').trimEnd().split('\n');
  const records2 = (store: string) => lines2.slice(1, -1).map((l) => JSON.parse(l)).filter((r) => r.s === store).map((r) => r.v);
  for (const store of ['customers', 'references', 'audit']) expect(records2(store)).toEqual(records(store));
  await other.close();
});
