import { expect, test, type Page } from '@playwright/test';
import { addReferences, cedar, createCustomer, drawOnPad, openApp, payload } from './helpers';
import { auditCount } from './support';

const ID = 'kiosk-007';
const NAME = 'Kiosk Customer Seven';

async function openKiosk(page: Page, idleSeconds: number): Promise<void> {
  await page.goto(`/?mode=kiosk&idle=${idleSeconds}`);
  await expect(page.getByTestId('kiosk')).toHaveAttribute('data-ready', 'true', { timeout: 150_000 });
}

test('kiosk: id, sign, verdict; nothing to browse; idle reset clears everything', async ({ page }) => {
  await openApp(page);
  await createCustomer(page, ID, NAME);
  await addReferences(page, [1, 2, 3].map((n) => payload(cedar(7, 'genuine', n))));

  // 6 s: long enough that a slow, loaded test machine does not time out between two actions.
  await openKiosk(page, 6);
  // No tabs, no customer list, no names: only the id field.
  await expect(page.getByRole('tab')).toHaveCount(0);
  await expect(page.locator('[data-testid$="customer-option"], [data-testid="customers-row"]')).toHaveCount(0);
  await expect(page.getByTestId('kiosk-id-input')).toBeVisible();
  const box = await page.getByTestId('kiosk-continue').boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(60); // touch-sized

  // An unknown id gets the same message as one without references (no enumeration).
  await page.getByTestId('kiosk-id-input').fill('nobody-123');
  await page.getByTestId('kiosk-continue').click();
  await expect(page.getByRole('alert')).toContainText('cannot be checked here');
  await expect(page.getByRole('alert')).not.toContainText('Unexpected');

  // Sign and see the verdict; the kiosk verification is in the audit log.
  await page.getByTestId('kiosk-id-input').fill(ID);
  await page.getByTestId('kiosk-continue').click();
  await expect(page.getByTestId('kiosk-step-sign')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await drawOnPad(page, 'kiosk-pad');
  await page.getByTestId('kiosk-pad-use').click();
  await expect(page.getByTestId('kiosk-verdict')).toHaveAttribute('data-verdict', /^(genuine|forged|refer)$/);
  await expect(page.locator('body')).not.toContainText(NAME);
  expect(await auditCount(page)).toBe(1);

  // Idle: after 6 s without a touch the screen resets itself.
  await page.waitForTimeout(7_500);
  await expect(page.getByTestId('kiosk-verdict')).toHaveCount(0);
  await expect(page.getByTestId('kiosk-id-input')).toHaveValue('');
  await expect(page.getByTestId('kiosk')).toHaveAttribute('data-session', '1');

  // Half-way (id entered, on the pad with a drawing) also resets, and so does an error message.
  await page.getByTestId('kiosk-id-input').fill(ID);
  await page.getByTestId('kiosk-continue').click();
  await drawOnPad(page, 'kiosk-pad');
  await page.waitForTimeout(7_500);
  await expect(page.getByTestId('kiosk-step-sign')).toHaveCount(0);
  await expect(page.getByTestId('kiosk-id-input')).toHaveValue('');
  await page.getByTestId('kiosk-id-input').fill('');
  await page.getByTestId('kiosk-continue').click();
  await expect(page.getByRole('alert')).toHaveCount(1);
  await page.waitForTimeout(7_500);
  await expect(page.getByRole('alert')).toHaveCount(0);

  // The hash form also opens the kiosk.
  await page.goto('/#/kiosk');
  await expect(page.getByTestId('kiosk')).toBeVisible();
});
