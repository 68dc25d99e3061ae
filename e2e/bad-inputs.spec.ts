import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import {
  addReferences,
  cedar,
  createCustomer,
  dropFiles,
  gotoTab,
  makePng,
  openApp,
  payload,
  pickCustomer,
  referenceCount,
  storedData,
} from './helpers';

const ID = 'bad-001';

/** A customer with two references; every test checks the store is unchanged afterwards. */
test.beforeEach(async ({ page }) => {
  await openApp(page);
  await createCustomer(page, ID, 'Bad Input Tester');
  await addReferences(page, [payload(cedar(12, 'genuine', 1)), payload(cedar(12, 'genuine', 2))]);
  expect(await referenceCount(page)).toBe(2);
});

async function expectRefused(page: Page, message: RegExp, action: () => Promise<unknown>): Promise<void> {
  const before = await storedData(page);
  await action();
  await expect(page.getByRole('alert')).toContainText(message);
  await expect(page.getByRole('alert')).toBeVisible();
  expect(await storedData(page)).toEqual(before);
}

const file = (name: string, buffer: Buffer, mimeType = 'image/png') => ({ name, mimeType, buffer });

test('a non-image file is refused', async ({ page }) => {
  await expectRefused(page, /"notes\.png" is not an image/, () =>
    page.getByTestId('enroll-file-input').setInputFiles(file('notes.png', Buffer.from('Dear teller, this is a text file.\n'))),
  );
  expect(await referenceCount(page)).toBe(2);
});

test('a corrupt (truncated) PNG is refused', async ({ page }) => {
  const truncated = readFileSync(cedar(12, 'genuine', 3)).subarray(0, 120);
  await expectRefused(page, /"broken\.png" could not be decoded/, () => page.getByTestId('enroll-file-input').setInputFiles(file('broken.png', truncated)));
});

test('a 0-byte file is refused', async ({ page }) => {
  await expectRefused(page, /"empty\.png" is empty \(0 bytes\)/, () => page.getByTestId('enroll-file-input').setInputFiles(file('empty.png', Buffer.alloc(0))));
});

test('a 30-megapixel PNG (file input) and JPEG (dropped) are refused before decoding', async ({ page }) => {
  const huge = makePng(6000, 5000);
  await expectRefused(page, /"huge\.png" is too large: .*6000x5000 \(30\.0 megapixels\); the limit is 24 megapixels/, () =>
    page.getByTestId('enroll-file-input').setInputFiles(file('huge.png', huge)),
  );
  // A real 30 MP JPEG made by the browser's encoder, dropped on the drop zone.
  const jpeg = await page.evaluate(async () => {
    const c = new OffscreenCanvas(6000, 5000);
    const ctx = c.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 6000, 5000);
    const blob = await c.convertToBlob({ type: 'image/jpeg', quality: 0.5 });
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  });
  await expectRefused(page, /"photo\.jpg" is too large: .*30\.0 megapixels/, () =>
    dropFiles(page, '[data-testid="enroll-drop-zone"]', [{ name: 'photo.jpg', type: 'image/jpeg', bytes: jpeg }]),
  );
});

test('a blank pad and a nearly blank pad (one dot) are refused', async ({ page }) => {
  await expectRefused(page, /The pad is empty/, () => page.getByTestId('enroll-pad-use').click());
  const pad = page.getByTestId('enroll-pad');
  await pad.click({ position: { x: 100, y: 60 } });
  await expect(pad).toHaveAttribute('data-strokes', '1');
  await expectRefused(page, /too small to be a signature/, () => page.getByTestId('enroll-pad-use').click());
  // Undo and Clear work.
  await page.getByTestId('enroll-pad-undo').click();
  await expect(pad).toHaveAttribute('data-strokes', '0');
});

test('an image with no ink (plain white) and one with a single dot are refused', async ({ page }) => {
  await expectRefused(page, /"white\.png": No ink found/, () => page.getByTestId('enroll-file-input').setInputFiles(file('white.png', makePng(400, 200))));
  await expectRefused(page, /"dot\.png": (No ink found|Too little ink)/, () =>
    page.getByTestId('enroll-file-input').setInputFiles(file('dot.png', makePng(400, 200, true))),
  );
});

test('a batch with one bad file adds nothing', async ({ page }) => {
  await expectRefused(page, /1 of 2 images could not be used, so none were added/, () =>
    page.getByTestId('enroll-file-input').setInputFiles([payload(cedar(12, 'genuine', 3)), file('white.png', makePng(400, 200))]),
  );
  expect(await referenceCount(page)).toBe(2);
});

test('a sixth reference is refused', async ({ page }) => {
  await addReferences(page, [3, 4, 5].map((n) => payload(cedar(12, 'genuine', n))));
  expect(await referenceCount(page)).toBe(5);
  await expectRefused(page, /already has 5 of at most 5 reference signatures/, () =>
    page.getByTestId('enroll-file-input').setInputFiles(payload(cedar(12, 'genuine', 6))),
  );
  expect(await referenceCount(page)).toBe(5);
  // Removing one makes room again.
  await page.getByTestId('remove-reference-button').first().click();
  await expect(page.getByTestId('reference-count')).toHaveAttribute('data-count', '4');
});

test('a duplicate customer id is refused', async ({ page }) => {
  await expectRefused(page, /A customer with id "bad-001" \(Bad Input Tester\) already exists/, async () => {
    await page.getByTestId('customer-id-input').fill(ID);
    await page.getByTestId('customer-name-input').fill('Somebody Else');
    await page.getByTestId('create-customer-button').click();
  });
});

test('verifying a customer with no references is refused', async ({ page }) => {
  await createCustomer(page, 'empty-01', 'No References');
  await gotoTab(page, 'verify');
  await pickCustomer(page, 'verify', 'no ref', 'empty-01');
  await expect(page.getByTestId('verify-no-references')).toBeVisible();
  await expectRefused(page, /No References \(empty-01\) has no reference signatures yet/, () =>
    page.getByTestId('verify-file-input').setInputFiles(payload(cedar(12, 'genuine', 7))),
  );
  await expect(page.getByTestId('verdict')).toHaveCount(0);
});
