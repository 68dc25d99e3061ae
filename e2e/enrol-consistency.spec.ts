import { expect, test, type Page } from '@playwright/test';
import { addReferences, cedar, createCustomer, gotoTab, openApp, payload, pickCustomer, referenceCount, verifyFile, waitReady, type FilePayload } from './helpers';

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

test('a verdict that hangs on the unlike reference is referred, says why, and the audit log records it', async ({ page }) => {
  // Writer 037's signature as a fourth reference: it widens the writer's scale.
  await enrolThenVerify(page, 'dependence-035', [[1, 2, 3].map((n) => payload(cedar(35, 'genuine', n))), [payload(cedar(37, 'genuine', 1), 'wrong.png')]], 'Reference 4 ("wrong.png") looks unlike');
  // A skilled forgery of writer 035: genuine on all four references, not on the customer's own three.
  const forged = await verifyFile(page, payload(cedar(35, 'forged', 3)));
  expect(forged.verdict).toBe('refer');
  const why = page.getByTestId('unlike-dependence');
  await expect(why).toHaveAttribute('data-changed', 'true');
  await expect(why).toHaveAttribute('data-verdict-on-all', 'genuine');
  await expect(why).toContainText('Reference 4 looks unlike this customer\'s other references, and the verdict depends on it: on all 4 references genuine');
  await expect(why).toContainText('without reference 4, forged');
  await expect(why).toContainText('Referred: check the references');
  // A genuine signature: the same verdict without it, said as such.
  const own = await verifyFile(page, payload(cedar(35, 'genuine', 10)));
  expect(own.verdict).toBe('genuine');
  await expect(why).toHaveAttribute('data-changed', 'false');
  await expect(why).toHaveAttribute('data-dependent', 'false');
  await expect(why).toContainText('the verdict is the same without it (without reference 4, genuine');
  // The audit log keeps both: the referral names the reference and the verdict on all references.
  await gotoTab(page, 'audit');
  const rows = page.locator('[data-testid="audit-row"][data-customer-id="dependence-035"]');
  await expect(rows).toHaveCount(2);
  await expect(page.locator('[data-testid="audit-row"][data-verdict="refer"][data-customer-id="dependence-035"] [data-testid="audit-unlike"]')).toHaveText(
    '(reference 4 unlike the others; genuine on all references)',
  );
  await expect(page.locator('[data-testid="audit-row"][data-verdict="genuine"][data-customer-id="dependence-035"] [data-testid="audit-unlike"]')).toHaveText(
    '(reference 4 unlike the others)',
  );
});

test('two references unlike each other: each is checked alone, and a verdict they disagree on is referred', async ({ page }) => {
  await enrolThenVerify(page, 'pair-035', [[payload(cedar(35, 'genuine', 1)), payload(cedar(37, 'genuine', 1), 'other.png')]], 'References 1 ("035-genuine-01.png") and 2 ("other.png") look unlike each other');
  // Writer 035's own signature: near reference 1, far from reference 2.
  const own = await verifyFile(page, payload(cedar(35, 'genuine', 10)));
  expect(own.verdict).toBe('refer');
  const why = page.getByTestId('unlike-dependence');
  await expect(why).toHaveAttribute('data-dependent', 'true');
  await expect(why).toContainText('References 1 and 2 look unlike each other, and the verdict depends on them');
  await expect(why).toContainText('with reference 2 alone, forged');
  await gotoTab(page, 'audit');
  await expect(page.locator('[data-testid="audit-row"][data-customer-id="pair-035"] [data-testid="audit-unlike"]')).toContainText('(references 1 and 2 unlike each other');
});

/** A new customer enrolled in batches (the last one's consistency note checked), then picked on the Verify tab. */
async function enrolThenVerify(page: Page, id: string, batches: FilePayload[][], note: string): Promise<void> {
  await openApp(page);
  await createCustomer(page, id, `Customer ${id}`);
  for (const batch of batches) await addReferences(page, batch);
  await expect(page.getByTestId('info-message')).toContainText(note);
  await gotoTab(page, 'verify');
  await pickCustomer(page, 'verify', id, id);
}
