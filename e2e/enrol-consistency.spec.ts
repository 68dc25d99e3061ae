import { expect, test } from '@playwright/test';
import { addReferences, cedar, createCustomer, openApp, payload, referenceCount } from './helpers';

test('a reference by another writer is kept and named, so the teller can check it', async ({ page }) => {
  await openApp(page);
  // Writers 035 and 036 are validation writers (never trained on).
  await createCustomer(page, 'consistency-035', 'Consistency Customer');
  await addReferences(page, [1, 2, 3, 4].map((n) => payload(cedar(35, 'genuine', n))));
  expect(await referenceCount(page)).toBe(4);
  await expect(page.getByTestId('info-message')).toHaveCount(0);
  // The wrong customer's signature (writer 036's) enrolled as a fifth reference.
  await addReferences(page, [payload(cedar(36, 'genuine', 1), 'wrong-customer.png')]);
  expect(await referenceCount(page)).toBe(5);
  await expect(page.getByTestId('info-message')).toContainText('Reference 5 ("wrong-customer.png") looks unlike this customer\'s other 4 scanned references');
  await expect(page.getByTestId('info-message')).toContainText('check that it is this customer\'s signature');
});
