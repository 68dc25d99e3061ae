import { expect, test } from '@playwright/test';
import { addReferences, cedar, createCustomer, gotoTab, openApp, payload, pickCustomer, referenceCount, verifyFile, waitReady } from './helpers';

test('a reference by another writer is kept, named and marked in the list until it is removed', async ({ page }) => {
  await openApp(page);
  // Writers 035 and 036 are validation writers (never trained on).
  await createCustomer(page, 'consistency-035', 'Consistency Customer');
  await addReferences(page, [1, 2, 3, 4].map((n) => payload(cedar(35, 'genuine', n))));
  expect(await referenceCount(page)).toBe(4);
  await expect(page.getByTestId('info-message')).toHaveCount(0);
  await expect(page.getByTestId('reference-unlike')).toHaveCount(0);
  // The wrong customer's signature (writer 036's) enrolled as a fifth reference.
  await addReferences(page, [payload(cedar(36, 'genuine', 1), 'wrong-customer.png')]);
  expect(await referenceCount(page)).toBe(5);
  await expect(page.getByTestId('info-message')).toContainText('Reference 5 ("wrong-customer.png") looks unlike this customer\'s other 4 scanned references');
  await expect(page.getByTestId('info-message')).toContainText('check that it is this customer\'s signature');
  // The list marks it, and keeps marking it after the page is left and the customer picked again.
  const fifth = page.getByTestId('reference-item').nth(4);
  await expect(fifth.getByTestId('reference-unlike')).toHaveText("unlike references 1, 2, 3, 4: is it this customer's?");
  await expect(page.getByTestId('reference-unlike')).toHaveCount(1);
  await page.reload();
  await waitReady(page);
  await gotoTab(page, 'enroll');
  await pickCustomer(page, 'enroll', 'consistency-035', 'consistency-035');
  await expect(page.getByTestId('reference-item').nth(4).getByTestId('reference-unlike')).toBeVisible();
  // The Customers tab's detail marks it too, numbered as on the Enroll tab.
  await gotoTab(page, 'customers');
  await page.getByTestId('customers-search').fill('consistency-035');
  await page.locator('[data-testid="customers-row"][data-customer-id="consistency-035"]').click();
  const inDetail = page.getByTestId('customer-reference').nth(4);
  await expect(inDetail).toContainText('5. wrong-customer.png');
  await expect(inDetail.getByTestId('reference-unlike')).toHaveText("unlike references 1, 2, 3, 4: is it this customer's?");
  await expect(page.getByTestId('customer-detail').getByTestId('reference-unlike')).toHaveCount(1);
  // So does the Verify tab, before and after a verification (a verdict against such references is less reliable).
  await gotoTab(page, 'verify');
  await pickCustomer(page, 'verify', 'consistency-035', 'consistency-035');
  await expect(page.getByTestId('reference-unlike')).toHaveCount(1);
  await verifyFile(page, payload(cedar(35, 'genuine', 10)));
  await expect(page.getByTestId('reference-item').nth(4).getByTestId('reference-unlike')).toBeVisible();
  await expect(page.getByTestId('reference-distance')).toHaveCount(5);
  await gotoTab(page, 'enroll');
  // Removed, the mark goes with it.
  await fifth.getByTestId('remove-reference-button').click();
  await expect(page.getByTestId('reference-item')).toHaveCount(4);
  await expect(page.getByTestId('reference-unlike')).toHaveCount(0);
});
